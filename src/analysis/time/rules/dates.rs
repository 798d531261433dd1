//! Calendar dates: month names with days and years, numeric dates, years, decades,
//! centuries and holidays.

use chrono::{Datelike, Weekday};

use super::{Amount, Cx, Hit, RangeEnd, hit};
use crate::analysis::time::TimexType;
use crate::analysis::time::cal;
use crate::analysis::time::cues::{self, Cue};
use crate::analysis::time::lex::{Kw, Lex, TokKind, Unit};

impl Cx<'_> {
    /// A month name usable as a date here: capitalized; abbreviations need a period
    /// or a number; "May" and "March" need a number or a temporal preposition.
    pub(super) fn month_at(&self, i: usize) -> Option<(u32, usize)> {
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
                        || self.is_word(i.wrapping_sub(1), "for")
                        || self.is_word(i.wrapping_sub(1), "after")
                        || self.is_word(i.wrapping_sub(1), "around")
                        || self.punct(i.wrapping_sub(1), b'-');
                    // "the March accession": a month before a noun after "the".
                    let attributive = self.kw(i.wrapping_sub(1), Kw::The)
                        && self.toks.get(j).is_some_and(|t| t.kind == TokKind::Word && !t.cap)
                        && !matches!(self.lex(j), Lex::Kw(_));
                    if !(next_num || ok_prev || attributive) {
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

    /// A day of month after a month name: "29", "29th", and a range "20-21" whose far
    /// end (near end, far end's first token, far day) comes along.
    pub(super) fn day_after(&self, j: usize) -> Option<(u32, usize, Option<DayRange>)> {
        let (d, nd) = self.num(j)?;
        if nd > 2 || !(1..=31).contains(&d) {
            return None;
        }
        let mut k = j + 1;
        if matches!(self.lex(k), Lex::Ordinal(0)) && self.tight(k) {
            k += 1;
        }
        let mut range = None;
        if let Some(far) = self.range_dash(k).or_else(|| self.range_word(k))
            && let Some((d2, n2)) = self.num(far)
            && n2 <= 2
            && d2 > d
            && d2 <= 31
        {
            range = Some(DayRange { near_end: k, far_first: far, day: d2 });
            k = far + 1;
            if matches!(self.lex(k), Lex::Ordinal(0)) && self.tight(k) {
                k += 1;
            }
        }
        // "Aug. 7" followed by ":" or a digit run like "7,000" is not a date.
        if self.punct(k, b',') && self.tight(k) && self.num(k + 1).is_some_and(|(_, n)| n == 3) {
            return None;
        }
        Some((d, k, range))
    }

    /// "April 24 and 25", "May 3 to 5": the far day's token, when nothing after it
    /// makes it a count ("July 20 and 21 people").
    fn range_word(&self, k: usize) -> Option<usize> {
        let joins = matches!(self.lex(k), Lex::Kw(Kw::And | Kw::To)) || self.is_word(k, "through");
        let far = k + 1;
        let mut after = far + 1;
        if matches!(self.lex(after), Lex::Ordinal(0)) && self.tight(after) {
            after += 1;
        }
        let ends = match self.toks.get(after) {
            None => true,
            Some(t) => {
                t.kind != TokKind::Num && (t.kind != TokKind::Word || matches!(self.lex(after), Lex::Kw(_)))
            }
        };
        (joins && ends && self.num(far).is_some()).then_some(far)
    }

    /// The token after a range dash at `k`: a hyphen, or an en or em dash (which
    /// the tokenizer leaves as a gap between the two numbers).
    fn range_dash(&self, k: usize) -> Option<usize> {
        if self.punct(k, b'-') {
            return Some(k + 1);
        }
        let prev = self.toks.get(k.checked_sub(1)?)?;
        let next = self.toks.get(k)?;
        let between = self.text.get(prev.end..next.start)?.trim();
        matches!(between, "\u{2013}" | "\u{2014}").then_some(k)
    }

    pub(super) fn year_after(&self, k: usize) -> Option<(i32, usize)> {
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

    /// "July 29", "Aug. 7, 1998", "June 2021", "January", "Friday, Oct. 23",
    /// "29 July 2022", "the 29th of July".
    pub(super) fn month_date(&self, i: usize) -> Option<Hit> {
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

    pub(super) fn month_date_plain(&self, i: usize) -> Option<Hit> {
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
            return self.finish_month_day(i, m, d, k, None);
        }
        if let Some(h) = self.shifted_month(i) {
            return Some(h);
        }
        let (m, j) = self.month_at(i)?;
        if let Some((d, k, range)) = self.day_after(j) {
            return self.finish_month_day(i, m, d, k, range);
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
    pub(super) fn shifted_month(&self, i: usize) -> Option<Hit> {
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

    /// The date of month `m`, day `d` read up to token `k`, with the year after it or
    /// the one the DCT and the tense suggest; a range's far end gets the same year.
    pub(super) fn finish_month_day(
        &self,
        i: usize,
        m: u32,
        d: u32,
        k: usize,
        range: Option<DayRange>,
    ) -> Option<Hit> {
        let (y, end) = match self.year_after(k) {
            Some((y, end)) if cal::valid_ymd(y, m, d) => (Some(y), end),
            Some(_) => return None,
            None => (self.dct.map(|dct| cal::resolve_year(dct, m, Some(d), self.tense(i, k))), k),
        };
        let value = |d: u32| match y {
            Some(y) => format!("{y:04}-{m:02}-{d:02}"),
            None => format!("XXXX-{m:02}-{d:02}"),
        };
        let mut h = hit(i, end, TimexType::Date, value(d))?;
        if let Some(r) = range
            && y.is_none_or(|y| cal::valid_ymd(y, m, r.day))
        {
            h.range = Some(RangeEnd { near_end: r.near_end, first: r.far_first, value: value(r.day) });
        }
        Some(h)
    }

    /// "2022-07-30", "2022-07", "7/8/07".
    pub(super) fn numeric_date(&self, i: usize) -> Option<Hit> {
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
    pub(super) fn century_or_decade_word(&self, i: usize) -> Option<Hit> {
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
    pub(super) fn year(&self, i: usize) -> Option<Hit> {
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
        if n != 4 || !(1000..=2999).contains(&y) || self.num_continues(i) || self.hhmm_at(i).is_some() {
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
        if cues::is_any_case(next, Cue::CountNoun) {
            return None;
        }
        hit(i, i + 1, TimexType::Date, format!("{y:04}"))
    }

    /// Christmas, Thanksgiving, Halloween; "New Year's Day".
    pub(super) fn holiday(&self, i: usize) -> Option<Hit> {
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

/// A range of days after a month name ("July 20-21").
#[derive(Debug, Clone, Copy)]
pub(super) struct DayRange {
    /// Exclusive end token of the first day.
    near_end: usize,
    far_first: usize,
    day: u32,
}
