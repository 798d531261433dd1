//! Pattern rules over the token stream. Each rule looks at a start token and returns
//! the extent and value of the longest expression it recognizes there.

use chrono::{Datelike, NaiveDate, Weekday};

use super::TimexType;
use super::cal::{self, Tense};
use super::lex::{Kw, Lex, Part, Tok, TokKind, Unit};

pub(crate) struct Hit {
    pub first: usize,
    /// Exclusive token index.
    pub last: usize,
    pub kind: TimexType,
    pub value: String,
    /// A quarter this expression names, the reference for "a year earlier" and co.
    pub quarter: Option<(i32, u32)>,
}

pub(crate) struct Cx<'a> {
    pub text: &'a str,
    pub toks: &'a [Tok],
    pub dct: Option<NaiveDate>,
    pub quarter: Option<(i32, u32)>,
    /// The year of the last date tagged, the anchor of "that year".
    pub ref_year: Option<i32>,
}

const OTHER: Lex = Lex::Other;

/// An amount of time units: a number, or unspecified ("several", "a few").
#[derive(Debug, Clone, Copy)]
enum Amount {
    Known(f64),
    Unknown,
}

impl Amount {
    fn get(self) -> Option<f64> {
        match self {
            Amount::Known(v) => Some(v),
            Amount::Unknown => None,
        }
    }
}

fn hit(first: usize, last: usize, kind: TimexType, value: String) -> Option<Hit> {
    Some(Hit { first, last, kind, value, quarter: None })
}

impl<'a> Cx<'a> {
    fn lex(&self, i: usize) -> Lex {
        self.toks.get(i).map_or(OTHER, |t| t.lex)
    }

    fn kw(&self, i: usize, k: Kw) -> bool {
        self.lex(i) == Lex::Kw(k)
    }

    fn punct(&self, i: usize, c: u8) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == TokKind::Punct(c))
    }

    /// Token `i` touches the previous one (no whitespace in between).
    fn tight(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| !t.gap)
    }

    fn num(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.toks.get(i)?;
        (t.kind == TokKind::Num).then_some((t.num, t.digits()))
    }

    fn word(&self, i: usize) -> &'a str {
        self.toks
            .get(i)
            .filter(|t| t.kind == TokKind::Word)
            .and_then(|t| self.text.get(t.start..t.end))
            .unwrap_or("")
    }

    fn is_word(&self, i: usize, w: &str) -> bool {
        self.word(i).eq_ignore_ascii_case(w)
    }

    /// Skip one optional period right after token `i - 1` (abbreviations).
    fn skip_dot(&self, i: usize) -> usize {
        if self.punct(i, b'.') && self.tight(i) { i + 1 } else { i }
    }

    /// Skip a hyphen written inside a word ("mid-January", "third-quarter").
    fn skip_hyphen(&self, i: usize) -> usize {
        if self.punct(i, b'-') && self.tight(i) && self.tight(i + 1) { i + 1 } else { i }
    }

    fn unit(&self, i: usize) -> Option<(Unit, bool)> {
        match self.lex(i) {
            Lex::Unit(u, p) => Some((u, p)),
            Lex::Ordinal(2) if self.is_word(i, "second") => Some((Unit::Second, false)),
            _ => None,
        }
    }

    // ---- numbers -------------------------------------------------------------

    /// A number written with digits or words: "3", "2 1/2", "twenty four", "ninety-six",
    /// "a hundred", "a couple of", "several", "a few".
    fn amount(&self, i: usize) -> Option<(Amount, usize)> {
        if let Some((v, d)) = self.num(i) {
            if d > 6 || self.punct(i.wrapping_sub(1), b'$') || self.punct(i.wrapping_sub(1), b'.') {
                return None;
            }
            let mut v = f64::from(v);
            let mut j = i + 1;
            if self.punct(j, b'.') && self.tight(j) && self.num(j + 1).is_some() && self.tight(j + 1) {
                let frac = self.text.get(self.toks[j + 1].start..self.toks[j + 1].end);
                let f: f64 = frac.and_then(|s| format!("0.{s}").parse().ok()).unwrap_or(0.0);
                v += f;
                j += 2;
            } else if self.num(j).is_some() && self.punct(j + 1, b'/') && self.num(j + 2).is_some() {
                let (a, _) = self.num(j)?;
                let (b, _) = self.num(j + 2)?;
                if b > 0 && a < b {
                    v += f64::from(a) / f64::from(b);
                    j += 3;
                }
            }
            return Some((Amount::Known(v), j));
        }
        match self.lex(i) {
            Lex::NumWord(_) => self.word_number(i),
            Lex::Kw(Kw::A) => {
                if self.kw(i + 1, Kw::Couple) {
                    let j = if self.kw(i + 2, Kw::Of) { i + 3 } else { i + 2 };
                    Some((Amount::Known(2.0), j))
                } else if self.kw(i + 1, Kw::Few) {
                    Some((Amount::Unknown, i + 2))
                } else if self.kw(i + 1, Kw::Hundred) {
                    Some((Amount::Known(100.0), i + 2))
                } else if self.kw(i + 1, Kw::Half) {
                    Some((Amount::Known(0.5), i + 2))
                } else {
                    Some((Amount::Known(1.0), i + 1))
                }
            }
            Lex::Kw(Kw::Couple) => {
                let j = if self.kw(i + 1, Kw::Of) { i + 2 } else { i + 1 };
                Some((Amount::Known(2.0), j))
            }
            Lex::Kw(Kw::Few | Kw::Several | Kw::Many) => Some((Amount::Unknown, i + 1)),
            _ => None,
        }
    }

    fn word_number(&self, i: usize) -> Option<(Amount, usize)> {
        let Lex::NumWord(mut v) = self.lex(i) else {
            return None;
        };
        let mut j = i + 1;
        if (20..=90).contains(&v) && v % 10 == 0 {
            let k = if self.punct(j, b'-') { j + 1 } else { j };
            if let Lex::NumWord(u) = self.lex(k)
                && u < 10
            {
                v += u;
                j = k + 1;
            }
        }
        if self.kw(j, Kw::Hundred) {
            v *= 100;
            j += 1;
        } else if self.kw(j, Kw::Thousand) {
            v *= 1000;
            j += 1;
        }
        let mut amt = f64::from(v);
        if self.kw(j, Kw::And) && self.kw(j + 1, Kw::A) && self.kw(j + 2, Kw::Half) {
            amt += 0.5;
            j += 3;
        }
        Some((Amount::Known(amt), j))
    }

    // ---- tense -----------------------------------------------------------------

    /// The tense of the clause around token `i`: the nearest verb cue before it,
    /// else the nearest after it, within the sentence.
    pub(crate) fn tense(&self, i: usize, end: usize) -> Tense {
        let lo = i.saturating_sub(14);
        for j in (lo..i).rev() {
            if self.sentence_break(j) {
                break;
            }
            if let Some(t) = self.tense_cue(j) {
                return t;
            }
        }
        let hi = (end + 8).min(self.toks.len());
        for j in end..hi {
            if self.sentence_break(j) {
                break;
            }
            if let Some(t) = self.tense_cue(j) {
                return t;
            }
        }
        Tense::Unknown
    }

    fn sentence_break(&self, j: usize) -> bool {
        matches!(self.toks.get(j).map(|t| t.kind), Some(TokKind::Punct(b'.' | b'?' | b'!' | b';')))
            && self.toks.get(j + 1).is_none_or(|t| t.gap)
    }

    fn tense_cue(&self, j: usize) -> Option<Tense> {
        let w = self.word(j);
        if w.len() < 2 {
            return None;
        }
        // Proper names ("United") and participles after an auxiliary ("will be
        // named", "to be held") are not past-tense verbs.
        let capitalized = w.as_bytes()[0].is_ascii_uppercase();
        let after_aux = matches!(
            self.word(j.wrapping_sub(1)).to_ascii_lowercase().as_str(),
            "be" | "been" | "being" | "is" | "are" | "am" | "the" | "a" | "an"
        );
        let mut buf = [0u8; 12];
        if w.len() > buf.len() {
            return None;
        }
        for (d, s) in buf.iter_mut().zip(w.bytes()) {
            *d = s.to_ascii_lowercase();
        }
        let lw = std::str::from_utf8(&buf[..w.len()]).unwrap_or("");
        // After a determiner the word is a noun ("a visit", "the plan"), not a verb.
        let after_determiner = matches!(
            self.word(j.wrapping_sub(1)).to_ascii_lowercase().as_str(),
            "a" | "an" | "the" | "this" | "that" | "its" | "their" | "his" | "her" | "our"
        );
        if after_determiner && !matches!(lw, "last" | "next" | "earlier") {
            return None;
        }
        match lw {
            "will" | "ll" | "shall" | "wo" | "expected" | "expects" | "expect" | "scheduled" | "plans"
            | "planning" | "plan" | "due" | "upcoming" | "going" | "tomorrow" | "next" | "intends"
            | "would" | "soon" | "supposed" => Some(Tense::Future),
            // Scheduling verbs in the present announce what is to come ("talks
            // resume Monday", "they meet Friday").
            "meet" | "meets" | "begin" | "begins" | "start" | "starts" | "resume" | "resumes" | "open"
            | "opens" | "arrive" | "arrives" | "visit" | "visits" | "vote" | "votes" | "host" | "hosts"
            | "face" | "faces" | "play" | "plays" | "leave" | "leaves" => Some(Tense::Future),
            // "as early as Tuesday"
            "early" if self.is_word(j.wrapping_sub(1), "as") => Some(Tense::Future),
            // "set to begin on Wednesday"
            "set" if self.is_word(j + 1, "to") => Some(Tense::Future),
            "was" | "were" | "had" | "did" | "said" | "met" | "made" | "took" | "went" | "came" | "told"
            | "held" | "left" | "began" | "gave" | "won" | "lost" | "fell" | "rose" | "sold" | "bought"
            | "paid" | "got" | "found" | "became" | "spoke" | "wrote" | "ran" | "saw" | "brought"
            | "sent" | "struck" | "fought" | "knew" | "thought" | "broke" | "chose" | "drew" | "led"
            | "meant" | "slid" | "shot" | "spent" | "stood" | "withdrew" | "ago" | "last" | "since"
            | "yesterday" | "earlier" | "grew" | "flew" | "hit" | "killed" | "died" => Some(Tense::Past),
            _ if capitalized || after_aux => None,
            _ => past_suffix(lw),
        }
    }

    // ---- rules -----------------------------------------------------------------

    /// Try every rule at token `i`; the longest hit wins.
    pub(crate) fn match_at(&self, i: usize) -> Option<Hit> {
        let t = self.toks.get(i)?;
        let lex = t.lex;
        if lex == Lex::Other && t.kind != TokKind::Num && !self.is_word(i, "bi") {
            return None;
        }
        let mut best: Option<Hit> = None;
        // On equal length the earlier rule wins.
        let cands = [
            self.anaphoric_year(i),
            self.prefixed(i),
            self.month_date(i),
            self.numeric_date(i),
            self.year(i),
            self.weekday(i),
            self.deictic(i),
            self.reference(i),
            self.relative_period(i),
            self.amount_of_time(i),
            self.quarter(i),
            self.set(i),
            self.clock(i),
            self.season(i),
            self.holiday(i),
            self.definite_period(i),
            self.century_or_decade_word(i),
            self.year_end(i),
        ];
        for c in cands.into_iter().flatten() {
            if best.as_ref().is_none_or(|b| c.last > b.last) {
                best = Some(c);
            }
        }
        best
    }

    /// Modifiers that widen the span of the expression after them: "the",
    /// "early", "mid-", "the end of", "nearly", "more than", "at least"...
    fn prefixed(&self, i: usize) -> Option<Hit> {
        let j = self.skip_prefix(i)?;
        let mut h = self.core_at(j)?;
        // A bare "the" belongs to the expression only before a head noun of its
        // own ("the 1990s", "the future"), not before dates ("the Oct. 23 vote").
        if j == i + 1 && self.kw(i, Kw::The) && !the_takes(&h.value) && !self.noun_head(h.last) {
            return None;
        }
        h.first = i;
        Some(h)
    }

    /// The expression ending before `end` ends in a time noun ("quarter", "period",
    /// "year") rather than a hyphenated adjective ("third-quarter").
    fn noun_head(&self, end: usize) -> bool {
        let t = end.wrapping_sub(1);
        let noun = self.unit(t).is_some() || self.is_word(t, "period") || self.kw(t, Kw::Weekend);
        noun && !self.punct(t.wrapping_sub(1), b'-')
    }

    fn skip_prefix(&self, i: usize) -> Option<usize> {
        let Lex::Kw(k) = self.lex(i) else {
            return None;
        };
        let j = match k {
            Kw::The => {
                if self.kw(i + 1, Kw::End)
                    || self.kw(i + 1, Kw::Beginning)
                    || self.kw(i + 1, Kw::Start)
                    || self.kw(i + 1, Kw::Middle)
                {
                    if !self.kw(i + 2, Kw::Of) {
                        return None;
                    }
                    let k = i + 3;
                    if self.kw(k, Kw::The) { k + 1 } else { k }
                } else if matches!(self.lex(i + 1), Lex::Kw(Kw::Early | Kw::Late)) {
                    i + 2
                } else {
                    i + 1
                }
            }
            Kw::Early | Kw::Late | Kw::Mid => self.skip_hyphen(i + 1),
            Kw::Approx => i + 1,
            Kw::More | Kw::Less if self.kw(i + 1, Kw::Than) => i + 2,
            Kw::At if self.kw(i + 1, Kw::Least) => i + 2,
            Kw::Up if self.kw(i + 1, Kw::To) => i + 2,
            _ => return None,
        };
        (j != i).then_some(j)
    }

    fn core_at(&self, j: usize) -> Option<Hit> {
        let cands = [
            self.month_date(j),
            self.year(j),
            self.weekday(j),
            self.deictic(j),
            self.reference(j),
            self.relative_period(j),
            self.amount_of_time(j),
            self.quarter(j),
            self.clock(j),
            self.season(j),
            self.holiday(j),
            self.definite_period(j),
            self.century_or_decade_word(j),
        ];
        let mut best: Option<Hit> = None;
        for c in cands.into_iter().flatten() {
            if best.as_ref().is_none_or(|b| c.last > b.last) {
                best = Some(c);
            }
        }
        best
    }

    /// A month name usable as a date here: capitalized; abbreviations need a period
    /// or a number; "May" and "March" need a number or a temporal preposition.
    fn month_at(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.toks.get(i)?;
        if !t.cap {
            return None;
        }
        match t.lex {
            Lex::Month(m) => {
                let j = i + 1;
                if m == 5 || m == 3 {
                    let next_num = self.num(j).is_some();
                    let prev = self.lex(i.wrapping_sub(1));
                    let ok_prev = matches!(
                        prev,
                        Lex::Kw(
                            Kw::In
                                | Kw::Last
                                | Kw::This
                                | Kw::Next
                                | Kw::Early
                                | Kw::Late
                                | Kw::Mid
                                | Kw::Of
                                | Kw::By
                                | Kw::Each
                                | Kw::Every
                                | Kw::From
                                | Kw::Before
                                | Kw::To
                        )
                    ) || self.is_word(i.wrapping_sub(1), "since")
                        || self.is_word(i.wrapping_sub(1), "until")
                        || self.is_word(i.wrapping_sub(1), "through")
                        || self.is_word(i.wrapping_sub(1), "during")
                        || self.punct(i.wrapping_sub(1), b'-');
                    if !(next_num || ok_prev) {
                        return None;
                    }
                }
                Some((m, j))
            }
            Lex::MonthAbbr(m) => {
                let j = self.skip_dot(i + 1);
                (j > i + 1 || self.num(j).is_some()).then_some((m, j))
            }
            _ => None,
        }
    }

    /// A day of month after a month name: "29", "29th", "20-21", "20 and 21".
    fn day_after(&self, j: usize) -> Option<(u32, usize)> {
        let (d, nd) = self.num(j)?;
        if nd > 2 || !(1..=31).contains(&d) {
            return None;
        }
        let mut k = j + 1;
        if matches!(self.lex(k), Lex::Ordinal(0)) && self.tight(k) {
            k += 1;
        }
        // A range ("July 20-21") keeps the first day as the value.
        if self.punct(k, b'-')
            && let Some((d2, n2)) = self.num(k + 1)
            && n2 <= 2
            && d2 > d
            && d2 <= 31
        {
            k += 2;
        }
        // "Aug. 7" followed by ":" or a digit run like "7,000" is not a date.
        if self.punct(k, b',') && self.tight(k) && self.num(k + 1).is_some_and(|(_, n)| n == 3) {
            return None;
        }
        Some((d, k))
    }

    fn year_after(&self, k: usize) -> Option<(i32, usize)> {
        let k2 = if self.punct(k, b',') { k + 1 } else { k };
        if let Lex::NumWord(_) = self.lex(k2) {
            // "January nineteen ninety-seven"
            let h = self.year(k2)?;
            let y: i32 = h.value.parse().ok()?;
            return (h.value.len() == 4).then_some((y, h.last));
        }
        let (y, n) = self.num(k2)?;
        if n == 4 && (1000..=2999).contains(&y) && !self.num_continues(k2) {
            return Some((y as i32, k2 + 1));
        }
        None
    }

    /// The digit run at `k` continues into a longer number ("1,990", "19.90").
    fn num_continues(&self, k: usize) -> bool {
        (self.punct(k + 1, b',') || self.punct(k + 1, b'.'))
            && self.tight(k + 1)
            && self.num(k + 2).is_some()
            && self.tight(k + 2)
    }

    /// "July 29", "Aug. 7, 1998", "June 2021", "January", "Friday, Oct. 23",
    /// "29 July 2022", "the 29th of July".
    fn month_date(&self, i: usize) -> Option<Hit> {
        if let Lex::Weekday(_, false) = self.lex(i)
            && self.toks.get(i).is_some_and(|t| t.cap)
        {
            let j = if self.punct(i + 1, b',') { i + 2 } else { i + 1 };
            // Not recursive: "Friday, Friday, ..." must not nest.
            let mut h = self.month_date_plain(j)?;
            if !h.value.ends_with(|c: char| c.is_ascii_digit()) || h.value.len() < 10 {
                return None;
            }
            h.first = i;
            return Some(h);
        }
        self.month_date_plain(i)
    }

    fn month_date_plain(&self, i: usize) -> Option<Hit> {
        if let Some((d, _)) = self.num(i)
            && (1..=31).contains(&d)
            && self.num(i).is_some_and(|(_, n)| n <= 2)
        {
            let mut j = i + 1;
            if matches!(self.lex(j), Lex::Ordinal(0)) && self.tight(j) {
                j += 1;
            }
            if self.kw(j, Kw::Of) {
                j += 1;
            }
            let (m, k) = self.month_at(j)?;
            return self.finish_month_day(i, m, d, k);
        }
        if let Some(h) = self.shifted_month(i) {
            return Some(h);
        }
        let (m, j) = self.month_at(i)?;
        if let Some((d, k)) = self.day_after(j) {
            return self.finish_month_day(i, m, d, k);
        }
        let k = if self.kw(j, Kw::Of) { j + 1 } else { j };
        if let Some((y, end)) = self.year_after(k) {
            return hit(i, end, TimexType::Date, cal::ym(y, m));
        }
        // "January this year", "July last year".
        let year_shift = match self.lex(j) {
            Lex::Kw(Kw::This) => Some(0),
            Lex::Kw(Kw::Last) => Some(-1),
            _ => None,
        };
        if let Some(sh) = year_shift
            && matches!(self.unit(j + 1), Some((Unit::Year, false)))
        {
            let v = match self.dct {
                Some(d) => cal::ym(d.year() + sh, m),
                None => format!("XXXX-{m:02}"),
            };
            return hit(i, j + 2, TimexType::Date, v);
        }
        // A lone abbreviation ("Jan.") is as likely a first name.
        if matches!(self.lex(i), Lex::MonthAbbr(_)) {
            return None;
        }
        let v = match self.dct {
            Some(d) => cal::ym(cal::resolve_year(d, m, None, self.tense(i, j)), m),
            None => format!("XXXX-{m:02}"),
        };
        hit(i, j, TimexType::Date, v)
    }

    /// "last November", "this September", "next May".
    fn shifted_month(&self, i: usize) -> Option<Hit> {
        let shift = match self.lex(i) {
            Lex::Kw(Kw::Last | Kw::Past) => -1,
            Lex::Kw(Kw::This) => 0,
            Lex::Kw(Kw::Next | Kw::Coming) => 1,
            _ => return None,
        };
        let (m, j) = self.month_at(i + 1)?;
        if self.num(j).is_some() {
            return None;
        }
        let v = match self.dct {
            Some(d) => {
                let cm = d.month();
                // "last February" said in March means the year before: the
                // month just gone would be "in February".
                let y = match shift {
                    -1 if cm >= m + 2 => d.year(),
                    -1 => d.year() - 1,
                    1 if m > cm => d.year(),
                    1 => d.year() + 1,
                    _ => d.year(),
                };
                cal::ym(y, m)
            }
            None => format!("XXXX-{m:02}"),
        };
        hit(i, j, TimexType::Date, v)
    }

    fn finish_month_day(&self, i: usize, m: u32, d: u32, k: usize) -> Option<Hit> {
        if let Some((y, end)) = self.year_after(k) {
            if !cal::valid_ymd(y, m, d) {
                return None;
            }
            return hit(i, end, TimexType::Date, format!("{y:04}-{m:02}-{d:02}"));
        }
        let v = match self.dct {
            Some(dct) => {
                let y = cal::resolve_year(dct, m, Some(d), self.tense(i, k));
                format!("{y:04}-{m:02}-{d:02}")
            }
            None => format!("XXXX-{m:02}-{d:02}"),
        };
        hit(i, k, TimexType::Date, v)
    }

    /// "2022-07-30", "2022-07", "7/8/07".
    fn numeric_date(&self, i: usize) -> Option<Hit> {
        let (y, n) = self.num(i)?;
        if n == 4
            && self.punct(i + 1, b'-')
            && self.tight(i + 1)
            && let Some((m, 2)) = self.num(i + 2)
            && self.tight(i + 2)
            && (1..=12).contains(&m)
        {
            if self.punct(i + 3, b'-')
                && self.tight(i + 3)
                && let Some((d, 2)) = self.num(i + 4)
                && self.tight(i + 4)
                && cal::valid_ymd(y as i32, m, d)
            {
                return hit(i, i + 5, TimexType::Date, format!("{y:04}-{m:02}-{d:02}"));
            }
            return hit(i, i + 3, TimexType::Date, cal::ym(y as i32, m));
        }
        if n <= 2
            && self.punct(i + 1, b'/')
            && self.tight(i + 1)
            && let Some((d, nd)) = self.num(i + 2)
            && nd <= 2
            && self.punct(i + 3, b'/')
            && let Some((yy, ny)) = self.num(i + 4)
            && (ny == 2 || ny == 4)
            && !self.punct(i + 5, b'/')
        {
            let year = if ny == 4 {
                yy as i32
            } else if yy < 50 {
                2000 + yy as i32
            } else {
                1900 + yy as i32
            };
            if cal::valid_ymd(year, y, d) {
                return hit(i, i + 5, TimexType::Date, format!("{year:04}-{y:02}-{d:02}"));
            }
        }
        None
    }

    /// "the 20th century" -> "19", "the nineties" -> "199".
    fn century_or_decade_word(&self, i: usize) -> Option<Hit> {
        if let Some((n, nd)) = self.num(i)
            && nd <= 2
            && (1..=30).contains(&n)
            && matches!(self.lex(i + 1), Lex::Ordinal(0))
            && self.tight(i + 1)
            && matches!(self.unit(i + 2), Some((Unit::Century, false)))
        {
            return hit(i, i + 3, TimexType::Date, format!("{:02}", n - 1));
        }
        let decade = match self.word(i).to_ascii_lowercase().as_str() {
            "twenties" => 2,
            "thirties" => 3,
            "forties" => 4,
            "fifties" => 5,
            "sixties" => 6,
            "seventies" => 7,
            "eighties" => 8,
            "nineties" => 9,
            _ => return None,
        };
        // Only after "the", where it names the decade of the DCT's century.
        if !self.kw(i.wrapping_sub(1), Kw::The) {
            return None;
        }
        let century = self.dct.map_or(19, |d| d.year().div_euclid(100));
        let century = if century >= 20 && decade > 2 { century - 1 } else { century };
        hit(i, i + 1, TimexType::Date, format!("{century:02}{decade}"))
    }

    /// "1990", "fiscal 1989", "the 1990s", "mid-1996", "nineteen ninety-six".
    fn year(&self, i: usize) -> Option<Hit> {
        if self.kw(i, Kw::Fiscal) {
            if self.kw(i + 1, Kw::Fiscal) {
                return None;
            }
            let mut h = self.year(i + 1)?;
            h.first = i;
            return Some(h);
        }
        if let Lex::NumWord(a) = self.lex(i)
            && (10..=20).contains(&a)
            && let Lex::NumWord(b) = self.lex(i + 1)
            && b >= 20
            && let Some((Amount::Known(rest), end)) = self.word_number(i + 1)
        {
            let y = a * 100 + rest as u32;
            return hit(i, end, TimexType::Date, format!("{y:04}"));
        }
        let (y, n) = self.num(i)?;
        if n != 4 || !(1000..=2999).contains(&y) || self.num_continues(i) {
            return None;
        }
        if matches!(self.toks.get(i.wrapping_sub(1)).map(|t| t.kind), Some(TokKind::Punct(b'$' | b'#'))) {
            return None;
        }
        if self.punct(i + 1, b'%') {
            return None;
        }
        // Decades: "1990s", "1990's".
        let s_at = if self.punct(i + 1, b'\'') && self.tight(i + 1) { i + 2 } else { i + 1 };
        if self.is_word(s_at, "s") && self.tight(s_at) {
            return hit(i, s_at + 1, TimexType::Date, format!("{:03}", y / 10));
        }
        // A bare number in a list of amounts or a range of values is rarely a year.
        if !(1800..=2100).contains(&y) {
            return None;
        }
        let next = self.word(i + 1);
        if is_count_noun(next) {
            return None;
        }
        hit(i, i + 1, TimexType::Date, format!("{y:04}"))
    }

    /// "Friday", "last Friday", "Friday morning", "Tuesday nights".
    fn weekday(&self, i: usize) -> Option<Hit> {
        let (dir, j) = match self.lex(i) {
            Lex::Kw(Kw::Last | Kw::Past | Kw::Previous) => (Some(Tense::Past), i + 1),
            Lex::Kw(Kw::Next | Kw::Coming) => (Some(Tense::Future), i + 1),
            Lex::Kw(Kw::This) => (None, i + 1),
            _ => (None, i),
        };
        let Lex::Weekday(wd, plural) = self.lex(j) else {
            return None;
        };
        if !self.toks.get(j).is_some_and(|t| t.cap) {
            return None;
        }
        let mut end = j + 1;
        let mut plural = plural;
        let part = match self.lex(end) {
            Lex::Part(p, pl) => {
                end += 1;
                plural |= pl;
                Some(p)
            }
            _ => None,
        };
        if plural {
            let v = format!("XXXX-WXX-{wd}{}", part.map_or(String::new(), |p| format!("T{}", p.code())));
            return hit(i, end, TimexType::Set, v);
        }
        let date = self.dct.map(|d| {
            let tense = dir.unwrap_or_else(|| self.tense(i, end));
            let mut r = cal::resolve_weekday(d, wd, tense);
            if dir == Some(Tense::Past) && r == d {
                r = cal::shift_days(d, -7);
            } else if dir == Some(Tense::Future) && r <= d {
                r = cal::shift_days(r, 7);
            }
            r
        });
        let base = date.map_or_else(|| format!("XXXX-WXX-{wd}"), cal::ymd);
        // TimeBank gives "Friday night" and "Friday morning" the value of the day
        // alone, but keeps the part for evenings.
        match part {
            Some(Part::Evening) => hit(i, end, TimexType::Time, format!("{base}TEV")),
            _ => hit(i, end, TimexType::Date, base),
        }
    }

    /// today, yesterday, tomorrow, tonight, "this morning", "last night".
    fn deictic(&self, i: usize) -> Option<Hit> {
        let (off, j) = match self.lex(i) {
            Lex::Kw(Kw::Today) => (0, i + 1),
            Lex::Kw(Kw::Yesterday) => (-1, i + 1),
            Lex::Kw(Kw::Tomorrow) => (1, i + 1),
            Lex::Kw(Kw::Tonight) => {
                let v = self.dct.map_or("XXXX-XX-XX".to_string(), cal::ymd);
                return hit(i, i + 1, TimexType::Date, v);
            }
            Lex::Kw(Kw::Overnight) => {
                let v = self.day_value(0);
                return hit(i, i + 1, TimexType::Time, format!("{v}TNI"));
            }
            Lex::Kw(Kw::This | Kw::The) => {
                let Lex::Part(p, false) = self.lex(i + 1) else {
                    return None;
                };
                if self.kw(i, Kw::The) && (self.kw(i + 2, Kw::Of) || self.kw(i + 2, Kw::Before)) {
                    return None;
                }
                let v = self.day_value(0);
                return hit(i, i + 2, TimexType::Time, format!("{v}T{}", p.code()));
            }
            Lex::Kw(Kw::Last) if self.lex(i + 1) == Lex::Part(Part::Night, false) => {
                let v = self.day_value(-1);
                return hit(i, i + 2, TimexType::Time, format!("{v}TNI"));
            }
            _ => return None,
        };
        let v = self.day_value(off);
        if let Lex::Part(p, false) = self.lex(j) {
            return hit(i, j + 1, TimexType::Time, format!("{v}T{}", p.code()));
        }
        hit(i, j, TimexType::Date, v)
    }

    fn day_value(&self, off: i64) -> String {
        match self.dct {
            Some(d) => cal::ymd(cal::shift_days(d, off)),
            None => "XXXX-XX-XX".to_string(),
        }
    }

    /// now, currently, recently, "the past", "the future", soon, "in recent years".
    fn reference(&self, i: usize) -> Option<Hit> {
        let v = match self.lex(i) {
            // "the now-defunct firm"
            Lex::Kw(Kw::Now) if self.punct(i + 1, b'-') && self.tight(i + 1) => return None,
            Lex::Kw(Kw::Now) => "PRESENT_REF",
            Lex::Kw(Kw::Currently | Kw::Nowadays) => "PRESENT_REF",
            Lex::Kw(Kw::Current) => {
                if self.unit(i + 1).is_some() || self.kw(i + 1, Kw::Weekend) {
                    return None;
                }
                "PRESENT_REF"
            }
            Lex::Kw(Kw::Recently) => "PAST_REF",
            Lex::Kw(Kw::Recent) => {
                if let Some((u, true)) = self.unit(i + 1)
                    && matches!(u, Unit::Year | Unit::Month | Unit::Week | Unit::Day)
                {
                    if u == Unit::Year {
                        return hit(i, i + 2, TimexType::Date, "PAST_REF".into());
                    }
                    return hit(i, i + 2, TimexType::Duration, cal::duration(u, None));
                }
                return None;
            }
            Lex::Kw(Kw::Near) if self.kw(i + 1, Kw::Future) || self.is_word(i + 1, "term") => {
                return hit(i, i + 2, TimexType::Date, "FUTURE_REF".into());
            }
            Lex::Kw(Kw::These) if self.is_word(i + 1, "days") => {
                return hit(i, i + 2, TimexType::Date, "PRESENT_REF".into());
            }
            Lex::Kw(Kw::Past) if self.kw(i.wrapping_sub(1), Kw::The) && self.unit(i + 1).is_none() => {
                if self.amount(i + 1).is_some() {
                    return None;
                }
                "PAST_REF"
            }
            Lex::Kw(Kw::Future) if self.kw(i.wrapping_sub(1), Kw::The) => "FUTURE_REF",
            Lex::Kw(Kw::At) if self.kw(i + 1, Kw::Present) => {
                return hit(i, i + 2, TimexType::Date, "PRESENT_REF".into());
            }
            _ => return None,
        };
        hit(i, i + 1, TimexType::Date, v.to_string())
    }

    /// "last week", "this year", "next month", "earlier this month", "the past year",
    /// "a year earlier", "two years ago", "year-earlier", "the weekend".
    fn relative_period(&self, i: usize) -> Option<Hit> {
        if let Some(h) = self.ago(i) {
            return Some(h);
        }
        let (shift, j) = match self.lex(i) {
            Lex::Kw(Kw::Last | Kw::Previous) => (-1, i + 1),
            Lex::Kw(Kw::Past) => (-1, i + 1),
            Lex::Kw(Kw::Next | Kw::Coming | Kw::Following) => (1, i + 1),
            Lex::Kw(Kw::This | Kw::Current) => {
                if self.kw(i + 1, Kw::Past) {
                    (-1, i + 2)
                } else {
                    (0, i + 1)
                }
            }
            Lex::Kw(Kw::Earlier | Kw::Later) if self.kw(i + 1, Kw::This) => (0, i + 2),
            Lex::Kw(Kw::Earlier | Kw::Later) if self.kw(i + 1, Kw::Today) => {
                let mut h = self.deictic(i + 1)?;
                h.first = i;
                return Some(h);
            }
            Lex::Kw(Kw::The) if self.kw(i + 1, Kw::Weekend) => {
                let v = match self.dct {
                    Some(d) => {
                        let wd = d.weekday().number_from_monday();
                        // Early in the week "the weekend" in past-tense news is the one gone by.
                        let back = wd < 5 && self.tense(i, i + 2) != Tense::Future;
                        let d = if back { cal::shift_days(d, -7) } else { d };
                        format!("{}-WE", cal::week(d))
                    }
                    None => "XXXX-WXX-WE".into(),
                };
                return hit(i, i + 2, TimexType::Date, v);
            }
            Lex::Unit(Unit::Year, false) => return self.year_ago_adj(i),
            _ => return None,
        };
        let j = if self.kw(j, Kw::Fiscal) { j + 1 } else { j };
        if self.kw(j, Kw::Weekend) {
            let v = match self.dct {
                Some(d) => format!("{}-WE", cal::week(cal::shift_days(d, 7 * shift))),
                None => "XXXX-WXX-WE".into(),
            };
            return hit(i, j + 1, TimexType::Date, v);
        }
        let (unit, plural) = self.unit(j)?;
        if plural {
            if shift == 0 {
                return None;
            }
            if unit == Unit::Year {
                let v = if shift > 0 { "FUTURE_REF" } else { "PAST_REF" };
                return hit(i, j + 1, TimexType::Date, v.into());
            }
            return hit(i, j + 1, TimexType::Duration, cal::duration(unit, None));
        }
        if matches!(unit, Unit::Second | Unit::Minute | Unit::Hour | Unit::Day) {
            return None;
        }
        if unit == Unit::Quarter {
            let v = match self.quarter_shift(shift) {
                Some((y, q)) => format!("{y:04}-Q{q}"),
                None => "XXXX-QX".into(),
            };
            return hit(i, j + 1, TimexType::Date, v);
        }
        // TimeBank reads "the past decade" as a span and "this century" as a period.
        if unit == Unit::Decade && self.kw(i, Kw::Past) {
            return hit(i, j + 1, TimexType::Duration, "P10Y".into());
        }
        if unit == Unit::Century && shift == 0 {
            return hit(i, j + 1, TimexType::Duration, "P100Y".into());
        }
        let v = match self.dct {
            Some(d) => cal::period_value(d, unit, shift),
            None => cal::placeholder(unit).to_string(),
        };
        hit(i, j + 1, TimexType::Date, v)
    }

    /// The DCT's quarter (or the quarter under discussion) shifted.
    fn quarter_shift(&self, shift: i64) -> Option<(i32, u32)> {
        let d = self.dct?;
        Some(cal::shift_quarter(d.year(), cal::quarter_of(d), shift as i32))
    }

    /// "year-earlier", "year-ago": the quarter under discussion a year back, or the
    /// previous year.
    fn year_ago_adj(&self, i: usize) -> Option<Hit> {
        if !(self.punct(i + 1, b'-') && self.tight(i + 1) && self.tight(i + 2)) {
            return None;
        }
        if !matches!(self.lex(i + 2), Lex::Kw(Kw::Ago | Kw::Earlier)) {
            return None;
        }
        let mut end = i + 3;
        if self.quarter_word(end) {
            end += 1;
        }
        hit(i, end, TimexType::Date, self.year_back_value())
    }

    fn quarter_word(&self, i: usize) -> bool {
        matches!(self.lex(i), Lex::Unit(Unit::Quarter, false)) || self.is_word(i, "period")
    }

    fn year_back_value(&self) -> String {
        match (self.quarter, self.dct) {
            (Some((y, q)), _) => format!("{:04}-Q{q}", y - 1),
            (None, Some(d)) => format!("{:04}", d.year() - 1),
            (None, None) => "XXXX".into(),
        }
    }

    /// "two years ago", "a year earlier", "10 days ago", "three weeks from now".
    fn ago(&self, i: usize) -> Option<Hit> {
        let (amt, j) = self.amount(i)?;
        let (unit, _) = self.unit(j)?;
        let mut k = j + 1;
        if self.kw(k, Kw::Or) && self.is_word(k + 1, "so") {
            k += 2;
        }
        let sign = match self.lex(k) {
            Lex::Kw(Kw::Ago | Kw::Before) => -1,
            Lex::Kw(Kw::Earlier) => -1,
            Lex::Kw(Kw::Later) => 1,
            Lex::Kw(Kw::From) if self.kw(k + 1, Kw::Now) => {
                k += 1;
                1
            }
            Lex::Kw(Kw::Hence) => 1,
            _ => return None,
        };
        if self.kw(k, Kw::Before) && !self.sentence_break(k + 1) && self.toks.get(k + 1).is_some() {
            // "two days before the vote" is anchored on the vote, not the DCT.
            return None;
        }
        let Some(dct) = self.dct else {
            return hit(i, k + 1, TimexType::Date, cal::placeholder(unit).into());
        };
        let v = match amt {
            Amount::Unknown => if sign < 0 { "PAST_REF" } else { "FUTURE_REF" }.to_string(),
            Amount::Known(n) if unit == Unit::Year && n == 1.0 && sign < 0 => self.year_back_value(),
            Amount::Known(n) => cal::offset_value(dct, unit, sign * n.round() as i64),
        };
        hit(i, k + 1, TimexType::Date, v)
    }

    /// Durations: "three years", "the past three months", "two-year", "a couple of
    /// years", "the first nine months", "years", "a minute".
    fn amount_of_time(&self, i: usize) -> Option<Hit> {
        let mut j = i;
        if self.kw(j, Kw::The) {
            j += 1;
        }
        if matches!(
            self.lex(j),
            Lex::Kw(Kw::Past | Kw::Last | Kw::Next | Kw::Coming | Kw::Previous | Kw::Following)
        ) || matches!(self.lex(j), Lex::Ordinal(1))
        {
            j += 1;
        }
        let (amt, k) = match self.amount(j) {
            Some(a) => a,
            None => {
                // Bare plural: "years", "for weeks".
                if let Some((u, true)) = self.unit(j)
                    && j == i
                    && matches!(u, Unit::Year | Unit::Month | Unit::Week | Unit::Decade | Unit::Century)
                    && !self.kw(i.wrapping_sub(1), Kw::Of)
                    && !self.is_word(i + 1, "old")
                    && self.num(i.wrapping_sub(1)).is_none()
                    && !matches!(self.lex(i.wrapping_sub(1)), Lex::NumWord(_))
                {
                    return hit(i, j + 1, TimexType::Duration, cal::duration(u, None));
                }
                return None;
            }
        };
        if k == j {
            return None;
        }
        let k2 = if self.kw(k, Kw::More) { k + 1 } else { k };
        let k2 = self.skip_hyphen(k2);
        let (unit, plural) = self.unit(k2)?;
        let mut end = k2 + 1;
        let mut amount = amt;
        if self.kw(end, Kw::And) && self.kw(end + 1, Kw::A) && self.kw(end + 2, Kw::Half) {
            if let Amount::Known(v) = amount {
                amount = Amount::Known(v + 0.5);
            }
            end += 3;
        }
        // "a year-earlier loss" is the adjective for the year before.
        if self.punct(end, b'-') && matches!(self.lex(end + 1), Lex::Kw(Kw::Earlier | Kw::Ago)) {
            return None;
        }
        // Ages ("6-year-old", "52 years old") are not time expressions in TimeML.
        if self.is_word(end, "old")
            || self.punct(end, b'-') && self.tight(end) && self.is_word(end + 1, "old")
        {
            return None;
        }
        if self.punct(end, b'-') && self.tight(end) && self.is_word(end + 1, "long") {
            end += 2;
        }
        if self.kw(i, Kw::The) && k2 > k {
            return None;
        }
        // "three-quarters", "a quarter of the shares": fractions, not periods.
        if unit == Unit::Quarter && (plural && k2 > k || self.kw(j, Kw::A) || self.kw(end, Kw::Of)) {
            return None;
        }
        // "a second" is nearly always the ordinal.
        if unit == Unit::Second && !plural && self.kw(j, Kw::A) {
            return None;
        }
        if let Amount::Known(v) = amount
            && v == 1.0
            && self.kw(j, Kw::A)
            && self.is_set_context(i)
        {
            return hit(i, end, TimexType::Set, cal::duration(unit, Some(1.0)));
        }
        let value = if unit == Unit::Hour && matches!(amount, Amount::Known(v) if v == 24.0) {
            "P1D".to_string()
        } else {
            cal::duration(unit, amount.get())
        };
        hit(i, end, TimexType::Duration, value)
    }

    /// "a year" after an amount of money or a count: "$5 million a year".
    fn is_set_context(&self, i: usize) -> bool {
        let p = i.wrapping_sub(1);
        self.num(p).is_some()
            || matches!(
                self.word(p).to_ascii_lowercase().as_str(),
                "million" | "billion" | "percent" | "times" | "once" | "twice" | "dollars" | "cents"
            )
            || self.punct(p, b'%')
    }

    /// "the third quarter", "third-quarter", "the fourth quarter of 1990", "the latest
    /// quarter", "the first half", "this year's third quarter".
    fn quarter(&self, i: usize) -> Option<Hit> {
        let mut j = i;
        if self.kw(j, Kw::The) {
            j += 1;
        }
        let mut year: Option<i32> = None;
        let year_shift = match self.lex(j) {
            Lex::Kw(Kw::This) => Some(0),
            Lex::Kw(Kw::Last) => Some(-1),
            Lex::Kw(Kw::Next) => Some(1),
            _ => None,
        };
        if let Some(sh) = year_shift
            && self.unit(j + 1).is_some_and(|u| u.0 == Unit::Year)
            && self.punct(j + 2, b'\'')
            && self.is_word(j + 3, "s")
        {
            year = self.dct.map(|d| d.year() + sh);
            j += 4;
        }
        if let Some((y, 4)) = self.num(j)
            && (1900..2100).contains(&y)
        {
            year = Some(y as i32);
            j += 1;
        }
        if self.kw(j, Kw::Fiscal) {
            j += 1;
        }
        let (which, k) = match self.lex(j) {
            Lex::Ordinal(n) if (1..=4).contains(&n) => (Some(n), self.skip_hyphen(j + 1)),
            Lex::Kw(Kw::Latest) => (None, j + 1),
            _ if j > i && self.kw(i, Kw::The) => (None, j),
            _ => return None,
        };
        let k = if self.kw(k, Kw::Fiscal) { k + 1 } else { k };
        // "the third-quarter loss": the article belongs to the noun after the adjective.
        if self.kw(i, Kw::The) && self.punct(k.wrapping_sub(1), b'-') {
            return None;
        }
        let is_half = self.kw(k, Kw::Half);
        let is_quarter = matches!(self.unit(k), Some((Unit::Quarter, false)));
        let is_period = which.is_none()
            && self.is_word(k, "period")
            && (self.kw(j, Kw::Latest) || year.is_some() && self.quarter.is_some());
        if !(is_quarter || is_half || is_period) {
            return None;
        }
        let mut end = k + 1;
        if year.is_none()
            && let Some((y, e)) = self.of_year(end)
        {
            year = Some(y);
            end = e;
        }
        let dct_year = self.dct.map(|d| d.year());
        if is_half {
            let n = which?;
            if n > 2 {
                return None;
            }
            let v = match year.or(dct_year) {
                Some(y) => format!("{y:04}-H{n}"),
                None => format!("XXXX-H{n}"),
            };
            return hit(i, end, TimexType::Date, v);
        }
        if which.is_none()
            && let (Some(y), Some((_, q))) = (year, self.quarter)
        {
            return hit(i, end, TimexType::Date, format!("{y:04}-Q{q}"));
        }
        if which.is_none()
            && let Some(y) = year
        {
            return hit(i, end, TimexType::Date, format!("{y:04}"));
        }
        if which.is_none() && self.dct.is_none() {
            return hit(i, end, TimexType::Date, "XXXX-QX".into());
        }
        let (y, q) = match which {
            Some(n) => match (year, self.dct) {
                (Some(y), _) => (y, n),
                // A quarter that has not begun yet is last year's, reported late.
                (None, Some(d)) if n > cal::quarter_of(d) => (d.year() - 1, n),
                (None, _) => (dct_year?, n),
            },
            // "the latest quarter" is the last one completed; "the quarter" the one
            // under discussion.
            None if self.kw(j, Kw::Latest) => self.quarter_shift(-1)?,
            None => self.quarter.or_else(|| self.quarter_shift(-1))?,
        };
        let mut h = hit(i, end, TimexType::Date, format!("{y:04}-Q{q}"))?;
        // Only an explicitly numbered quarter becomes the reference for later
        // "a year earlier" and "the latest quarter".
        if which.is_some() {
            h.quarter = Some((y, q));
        }
        Some(h)
    }

    fn of_year(&self, i: usize) -> Option<(i32, usize)> {
        let j = if self.kw(i, Kw::Of) { i + 1 } else { i };
        let (y, n) = self.num(j)?;
        (n == 4 && (1900..2100).contains(&y)).then_some((y as i32, j + 1))
    }

    /// daily, weekly, bi-weekly, "every year", "each Thursday", "per year".
    fn set(&self, i: usize) -> Option<Hit> {
        if self.is_word(i, "bi")
            && self.punct(i + 1, b'-')
            && let Lex::Adverb(u, _) = self.lex(i + 2)
        {
            return hit(i, i + 3, TimexType::Set, cal::duration(u, Some(2.0)));
        }
        if let Lex::Adverb(u, n) = self.lex(i) {
            return hit(i, i + 1, TimexType::Set, cal::duration(u, Some(f64::from(n))));
        }
        if !matches!(self.lex(i), Lex::Kw(Kw::Every | Kw::Each | Kw::Per)) {
            return None;
        }
        let mut j = i + 1;
        let mut n = 1.0;
        if let Some((Amount::Known(v), k)) = self.amount(j)
            && self.unit(k).is_some()
        {
            n = v;
            j = k;
        } else if self.is_word(j, "other") {
            n = 2.0;
            j += 1;
        }
        match self.lex(j) {
            Lex::Unit(u, _) => hit(i, j + 1, TimexType::Set, cal::duration(u, Some(n))),
            Lex::Weekday(wd, _) => hit(i, j + 1, TimexType::Set, format!("XXXX-WXX-{wd}")),
            Lex::Month(m) | Lex::MonthAbbr(m) => hit(i, j + 1, TimexType::Set, format!("XXXX-{m:02}")),
            Lex::Season(s) => hit(i, j + 1, TimexType::Set, format!("XXXX-{s}")),
            Lex::Part(p, _) => hit(i, j + 1, TimexType::Set, format!("XXXX-XX-XXT{}", p.code())),
            _ => None,
        }
    }

    /// "10:30 a.m.", "10 p.m. Wednesday", "noon Thursday", "18:00 UTC".
    fn clock(&self, i: usize) -> Option<Hit> {
        let (h, m, mut j) = match self.lex(i) {
            Lex::Kw(Kw::Noon) => (12, 0, i + 1),
            Lex::Kw(Kw::Midnight) => (24, 0, i + 1),
            _ => {
                let (h, nh) = self.num(i)?;
                if nh > 2 || h > 24 {
                    return None;
                }
                let mut j = i + 1;
                let mut m = None;
                if self.punct(j, b':')
                    && self.tight(j)
                    && let Some((mm, 2)) = self.num(j + 1)
                    && self.tight(j + 1)
                    && mm < 60
                {
                    m = Some(mm);
                    j += 2;
                }
                let (pm, k) = match self.am_pm(j) {
                    Some((pm, k)) => (Some(pm), k),
                    None => (None, j),
                };
                if pm.is_none() && m.is_none() {
                    return None;
                }
                if pm.is_none() && !self.clock_context(i, j) {
                    return None;
                }
                let mut h = h;
                if pm == Some(true) && h < 12 {
                    h += 12;
                } else if pm == Some(false) && h == 12 {
                    h = 0;
                }
                (h, m.unwrap_or(0), k)
            }
        };
        let mut zone = "";
        if let Some(z) = self.timezone(j) {
            zone = z;
            j += 1;
        }
        let mut date = self.dct;
        let mut end = j;
        let k = if self.punct(j, b',') { j + 1 } else { j };
        if let Some(wd) = self.weekday(k)
            && wd.kind == TimexType::Date
        {
            date = NaiveDate::parse_from_str(&wd.value, "%Y-%m-%d").ok();
            end = wd.last;
        } else if let Some(dh) = self.deictic(k)
            && dh.kind == TimexType::Date
        {
            date = NaiveDate::parse_from_str(&dh.value, "%Y-%m-%d").ok().or(date);
            end = dh.last;
        } else if let Some(md) = self.month_date(k)
            && md.value.len() == 10
        {
            date = NaiveDate::parse_from_str(&md.value, "%Y-%m-%d").ok();
            end = md.last;
        }
        let day = date.map_or_else(|| "XXXX-XX-XX".to_string(), cal::ymd);
        hit(i, end, TimexType::Time, format!("{day}T{h:02}:{m:02}{zone}"))
    }

    /// "10:30" without a.m./p.m. is a clock time only after "at"/"by"/"until" or
    /// with a time zone after it; otherwise it may be a score or a ratio.
    fn clock_context(&self, i: usize, j: usize) -> bool {
        let p = i.wrapping_sub(1);
        self.timezone(j).is_some() || self.kw(p, Kw::At) || self.kw(p, Kw::By) || self.is_word(p, "until")
    }

    fn am_pm(&self, j: usize) -> Option<(bool, usize)> {
        let w = self.word(j);
        let lw = w.to_ascii_lowercase();
        match lw.as_str() {
            "am" => Some((false, self.skip_dot(j + 1))),
            "pm" => Some((true, self.skip_dot(j + 1))),
            "a" | "p" if self.punct(j + 1, b'.') && self.is_word(j + 2, "m") => {
                Some((lw == "p", self.skip_dot(j + 3)))
            }
            _ => None,
        }
    }

    fn timezone(&self, j: usize) -> Option<&'static str> {
        let w = self.word(j);
        if w.len() < 2 || w.len() > 4 || !w.bytes().all(|b| b.is_ascii_uppercase()) {
            return None;
        }
        match w {
            "UTC" | "GMT" | "Z" => Some("Z"),
            "EST" | "EDT" | "CST" | "CDT" | "MST" | "MDT" | "PST" | "PDT" | "BST" | "CET" | "CEST"
            | "JST" => Some(""),
            _ => None,
        }
    }

    /// "this spring", "last fall", "the winter of 1994", "summer 2022".
    fn season(&self, i: usize) -> Option<Hit> {
        let (shift, j) = match self.lex(i) {
            Lex::Kw(Kw::Last | Kw::Past | Kw::Previous) => (Some(-1), i + 1),
            Lex::Kw(Kw::Next | Kw::Coming) => (Some(1), i + 1),
            Lex::Kw(Kw::This) => {
                if self.kw(i + 1, Kw::Past) {
                    (Some(-1), i + 2)
                } else {
                    (Some(0), i + 1)
                }
            }
            Lex::Kw(Kw::The) => (None, i + 1),
            Lex::Season(_) => (None, i),
            _ => return None,
        };
        let Lex::Season(s) = self.lex(j) else {
            return None;
        };
        if let Some((y, e)) = self.of_year(j + 1).or_else(|| self.word_year_of(j + 1)) {
            return hit(i, e, TimexType::Date, format!("{y:04}-{s}"));
        }
        let v = match (shift, self.dct) {
            (Some(sh), Some(d)) => {
                // "last fall" is this year's fall once that season has begun.
                let begun = season_before(d, s);
                let y = match sh {
                    -1 if !begun => d.year() - 1,
                    1 if begun => d.year() + 1,
                    _ => d.year(),
                };
                format!("{y:04}-{s}")
            }
            (None, _) if j == i => return None,
            (None, Some(d)) if self.kw(i, Kw::The) => {
                let tense = self.tense(i, j + 1);
                let y = match tense {
                    Tense::Future if season_before(d, s) => d.year() + 1,
                    Tense::Future => d.year(),
                    _ if season_before(d, s) => d.year(),
                    _ => d.year() - 1,
                };
                format!("{y:04}-{s}")
            }
            _ => format!("XXXX-{s}"),
        };
        hit(i, j + 1, TimexType::Date, v)
    }

    fn word_year_of(&self, i: usize) -> Option<(i32, usize)> {
        let j = if self.kw(i, Kw::Of) {
            i + 1
        } else {
            return None;
        };
        let h = self.year(j)?;
        let y: i32 = h.value.parse().ok()?;
        (h.value.len() == 4).then_some((y, h.last))
    }

    /// "that year", "later that year", "the following year": the year of the last
    /// date mentioned.
    fn anaphoric_year(&self, i: usize) -> Option<Hit> {
        let mut j = i;
        if matches!(self.lex(j), Lex::Kw(Kw::Earlier | Kw::Later)) {
            j += 1;
        }
        let shift = match self.lex(j) {
            Lex::Kw(Kw::That) => 0,
            Lex::Kw(Kw::The) if self.kw(j + 1, Kw::Following) => {
                j += 1;
                1
            }
            Lex::Kw(Kw::The) if self.kw(j + 1, Kw::Previous) => {
                j += 1;
                -1
            }
            _ => return None,
        };
        if !matches!(self.unit(j + 1), Some((Unit::Year, false))) {
            return None;
        }
        let v = self.ref_year.map_or_else(|| "XXXX".to_string(), |y| format!("{:04}", y + shift));
        hit(i, j + 2, TimexType::Date, v)
    }

    /// "year-end", "by year end": the end of the DCT's year, or of the year before
    /// in the past tense.
    fn year_end(&self, i: usize) -> Option<Hit> {
        if !matches!(self.unit(i), Some((Unit::Year, false))) {
            return None;
        }
        let e = if self.punct(i + 1, b'-') && self.tight(i + 1) { i + 2 } else { i + 1 };
        if !self.kw(e, Kw::End) || self.kw(e + 1, Kw::Of) {
            return None;
        }
        let v = match self.dct {
            Some(d) => {
                let back = self.tense(i, e + 1) == Tense::Past;
                format!("{:04}-12-31", d.year() - i32::from(back))
            }
            None => "XXXX-12-31".into(),
        };
        hit(i, e + 1, TimexType::Date, v)
    }

    /// "the year", "the full year", "the fiscal year ended ...", "the month", "the
    /// week", "the year two thousand": in news, the period of the DCT.
    fn definite_period(&self, i: usize) -> Option<Hit> {
        let mut j = if self.kw(i, Kw::The) {
            i + 1
        } else if self.kw(i.wrapping_sub(1), Kw::The) {
            i
        } else {
            return None;
        };
        let mut back = 0;
        if self.kw(j, Kw::Latest) {
            back = -1;
            j += 1;
        }
        if self.kw(j, Kw::Fiscal) || self.is_word(j, "full") || self.is_word(j, "entire") {
            j += 1;
        }
        let (unit, false) = self.unit(j)? else {
            return None;
        };
        let end = j + 1;
        if self.punct(end, b'-')
            || self.punct(end, b'\'')
            || matches!(self.lex(end), Lex::Kw(Kw::Before | Kw::Earlier | Kw::Ago | Kw::Later))
        {
            return None;
        }
        if unit == Unit::Year
            && let Some(y) = self.year(end)
            && y.value.len() == 4
        {
            return hit(i, y.last, TimexType::Date, y.value);
        }
        // "the year two thousand"
        if unit == Unit::Year
            && let Some((Amount::Known(v), e)) = self.word_number(end)
            && (1000.0..=2100.0).contains(&v)
        {
            return hit(i, e, TimexType::Date, format!("{:04}", v as i32));
        }
        let dct = self.dct;
        match unit {
            Unit::Year if self.is_word(end, "ended") || self.is_word(end, "ending") => {
                hit(i, end, TimexType::Duration, "P1Y".into())
            }
            Unit::Year | Unit::Month | Unit::Week => {
                let v = match dct {
                    Some(d) => cal::period_value(d, unit, back),
                    None => cal::placeholder(unit).to_string(),
                };
                hit(i, end, TimexType::Date, v)
            }
            _ => None,
        }
    }

    /// Christmas, Thanksgiving, Halloween; "New Year's Day".
    fn holiday(&self, i: usize) -> Option<Hit> {
        let Lex::Holiday(m, d) = self.lex(i) else {
            return None;
        };
        if !self.toks.get(i).is_some_and(|t| t.cap) {
            return None;
        }
        let mut end = i + 1;
        if self.is_word(end, "day") || self.is_word(end, "eve") {
            end += 1;
        }
        if d == 0 && self.is_word(i + 1, "eve") {
            return None;
        }
        let d = if self.is_word(i + 1, "eve") { d - 1 } else { d };
        let Some(dct) = self.dct else {
            return hit(i, end, TimexType::Date, format!("XXXX-{m:02}-{:02}", d.max(1)));
        };
        let tense = self.tense(i, end);
        let guess = if d == 0 { 26 } else { d };
        let y = cal::resolve_year(dct, m, Some(guess), tense);
        let day = if d == 0 { cal::nth_weekday(y, m, Weekday::Thu, 4).map_or(26, |x| x.day()) } else { d };
        hit(i, end, TimexType::Date, format!("{y:04}-{m:02}-{day:02}"))
    }
}

/// Values whose expression keeps a leading "the": decades and reference words.
fn the_takes(value: &str) -> bool {
    value == "PAST_REF"
        || value == "FUTURE_REF"
        || value.len() == 3 && value.bytes().all(|b| b.is_ascii_digit())
}

/// Seasons by their usual months: has season `s` begun by the DCT this year?
fn season_before(d: NaiveDate, s: &str) -> bool {
    let start = match s {
        "SP" => 3,
        "SU" => 6,
        "FA" => 9,
        _ => 12,
    };
    d.month() >= start || (s == "WI" && d.month() <= 2)
}

fn past_suffix(w: &str) -> Option<Tense> {
    let b = w.as_bytes();
    if b.len() >= 5
        && b.ends_with(b"ed")
        && !matches!(w, "need" | "speed" | "indeed" | "proceed" | "succeed" | "exceed")
    {
        return Some(Tense::Past);
    }
    None
}

/// Nouns after which a four-digit number is a count, not a year.
fn is_count_noun(w: &str) -> bool {
    let l = w.to_ascii_lowercase();
    matches!(
        l.as_str(),
        "people"
            | "shares"
            | "troops"
            | "workers"
            | "employees"
            | "points"
            | "tons"
            | "units"
            | "cars"
            | "jobs"
            | "soldiers"
            | "members"
            | "miles"
            | "feet"
            | "meters"
            | "acres"
            | "homes"
            | "houses"
            | "students"
            | "residents"
            | "votes"
            | "barrels"
            | "pounds"
            | "kilometers"
            | "km"
            | "metres"
            | "refugees"
            | "deaths"
            | "dead"
            | "cases"
            | "police"
            | "officers"
            | "children"
            | "men"
            | "women"
            | "copies"
            | "hours"
            | "days"
            | "years"
            | "percent"
            | "million"
            | "billion"
            | "yen"
            | "dollars"
    )
}
