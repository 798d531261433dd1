//! Expressions relative to the DCT or to the text: weekdays, "yesterday", "now",
//! "last week", "two years ago", "that year", "year-end", "the year".

use chrono::Datelike;

use super::{Amount, Cx, Hit, hit};
use crate::analysis::time::TimexType;
use crate::analysis::time::cal::{self, Tense};
use crate::analysis::time::lex::{Kw, Lex, Part, Unit};
use crate::analysis::time::{CalendarPoint, Granularity, calendar_point};

impl Cx<'_> {
    /// "Friday", "last Friday", "Friday morning", "Tuesday nights".
    pub(super) fn weekday(&self, i: usize) -> Option<Hit> {
        let (dir, j) = match self.lex(i) {
            Lex::Kw(Kw::Last | Kw::Past | Kw::Previous) => (Some(Tense::Past), i + 1),
            Lex::Kw(Kw::Next | Kw::Coming | Kw::Following) => (Some(Tense::Future), i + 1),
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
        // "the previous Friday", "the following Monday": next to the day last given.
        if let Some(a) = self.anchor.filter(|a| a.point.granularity == Granularity::Day)
            && matches!(self.lex(i), Lex::Kw(Kw::Previous | Kw::Following))
            && part.is_none()
        {
            let back = self.kw(i, Kw::Previous);
            let cur = i64::from(a.point.date.weekday().number_from_monday());
            let want = i64::from(wd);
            let days =
                if back { -(cur - want - 1).rem_euclid(7) - 1 } else { (want - cur - 1).rem_euclid(7) + 1 };
            return hit(i, end, TimexType::Date, cal::ymd(cal::shift_days(a.point.date, days)));
        }
        let date = self.dct.map(|d| {
            // "Wednesday's ruling" names a day by what happened on it; the verbs
            // around belong to another clause.
            let possessive = self.punct(end, b'\'') && self.is_word(end + 1, "s") && self.tight(end);
            let tense = match dir {
                Some(t) => t,
                None if possessive => Tense::Unknown,
                None => self.tense(i, end),
            };
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
    pub(super) fn deictic(&self, i: usize) -> Option<Hit> {
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
            // "mid-afternoon", "late morning yesterday": a part of the day named
            // with a modifier, of the DCT's day or the one after it.
            Lex::Part(p, false) if self.after_modifier(i) => {
                let (v, end) = match self.lex(i + 1) {
                    Lex::Kw(Kw::Yesterday) => (self.day_value(-1), i + 2),
                    Lex::Kw(Kw::Today) => (self.day_value(0), i + 2),
                    Lex::Kw(Kw::Tomorrow) => (self.day_value(1), i + 2),
                    _ => (self.day_value(0), i + 1),
                };
                return hit(i, end, TimexType::Time, format!("{v}T{}", p.code()));
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

    /// Token `i` follows "early", "late" or "mid(-)".
    fn after_modifier(&self, i: usize) -> bool {
        let p = if self.punct(i.wrapping_sub(1), b'-') && self.tight(i) {
            i.wrapping_sub(2)
        } else {
            i.wrapping_sub(1)
        };
        matches!(self.lex(p), Lex::Kw(Kw::Early | Kw::Late | Kw::Mid))
    }

    pub(super) fn day_value(&self, off: i64) -> String {
        match self.dct {
            Some(d) => cal::ymd(cal::shift_days(d, off)),
            None => "XXXX-XX-XX".to_string(),
        }
    }

    /// now, currently, recently, "the past", "the future", soon, "in recent years".
    pub(super) fn reference(&self, i: usize) -> Option<Hit> {
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
            // "at a later date": TimeBank's future reference.
            Lex::Kw(Kw::A) if self.is_word(i + 1, "later") && matches!(self.word(i + 2), "date" | "time") => {
                return hit(i, i + 3, TimexType::Date, "FUTURE_REF".into());
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
    pub(super) fn relative_period(&self, i: usize) -> Option<Hit> {
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
        // "the next morning", "the following evening": the day after the last date.
        if let Lex::Part(_, false) = self.lex(j)
            && (self.kw(i, Kw::Following) || self.kw(i, Kw::Next) && self.kw(i.wrapping_sub(1), Kw::The))
        {
            return self.after_anchor(i, j + 1, Unit::Day, 1);
        }
        let (unit, plural) = self.unit(j)?;
        // "the following month", "the previous day", "the next day" go on from the
        // story's own dates; "next month", "last year" from the DCT.
        let narrative = matches!(self.lex(i), Lex::Kw(Kw::Previous | Kw::Following))
            || self.kw(i, Kw::Next) && unit == Unit::Day && self.kw(i.wrapping_sub(1), Kw::The);
        if narrative && !plural {
            return self.after_anchor(i, j + 1, unit, shift);
        }
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
    pub(super) fn quarter_shift(&self, shift: i64) -> Option<(i32, u32)> {
        let d = self.dct?;
        Some(cal::shift_quarter(d.year(), cal::quarter_of(d), shift as i32))
    }

    /// "year-earlier", "year-ago": the quarter under discussion a year back, or the
    /// previous year.
    pub(super) fn year_ago_adj(&self, i: usize) -> Option<Hit> {
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
        // "the year-earlier nine months": a span of that length, a year back.
        if let Some((Amount::Known(n), k)) = self.amount(end)
            && let Some((unit, true)) = self.unit(k)
        {
            return hit(i, k + 1, TimexType::Duration, cal::duration(unit, Some(n)));
        }
        hit(i, end, TimexType::Date, self.year_back_value())
    }

    pub(super) fn quarter_word(&self, i: usize) -> bool {
        matches!(self.lex(i), Lex::Unit(Unit::Quarter, false)) || self.is_word(i, "period")
    }

    pub(super) fn year_back_value(&self) -> String {
        match (self.quarter, self.dct) {
            (Some((y, q)), _) => format!("{:04}-Q{q}", y - 1),
            (None, Some(d)) => format!("{:04}", d.year() - 1),
            (None, None) => "XXXX".into(),
        }
    }

    /// "two years ago", "10 days ago", "three weeks from now" count from the DCT;
    /// "three years later", "a month earlier" from the last date the text gave, and
    /// are only an amount of time when no date given is precise enough to count from.
    pub(super) fn ago(&self, i: usize) -> Option<Hit> {
        let (amt, j) = self.amount(i)?;
        let (unit, _) = self.unit(j)?;
        let mut k = j + 1;
        if self.kw(k, Kw::Or) && self.is_word(k + 1, "so") {
            k += 2;
        }
        let sign = match self.lex(k) {
            Lex::Kw(Kw::Ago | Kw::Before | Kw::Earlier) => -1,
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
        if matches!(self.lex(k), Lex::Kw(Kw::Earlier | Kw::Later)) && self.kw(k + 1, Kw::Than) {
            return self.compared(i, j + 1, k + 2, unit, amt);
        }
        if matches!(self.lex(k), Lex::Kw(Kw::Earlier | Kw::Later | Kw::Before)) {
            return self.counted_from_text(i, j + 1, k + 1, unit, amt, sign);
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

    /// "N units later/earlier" over tokens `i..end` (the amount ends at `amount_end`).
    fn counted_from_text(
        &self,
        i: usize,
        amount_end: usize,
        end: usize,
        unit: Unit,
        amt: Amount,
        sign: i64,
    ) -> Option<Hit> {
        let Amount::Known(n) = amt else {
            // "a few days later": how long after what is not said.
            return hit(i, amount_end, TimexType::Duration, cal::duration(unit, None));
        };
        if let Some(v) = self.date_in_same_phrase(end, unit) {
            return hit(i, end, TimexType::Date, v);
        }
        // Financial news compares with the same quarter a year back.
        let year_back = unit == Unit::Year && n == 1.0 && sign < 0;
        if year_back && self.quarter.is_some() {
            return hit(i, end, TimexType::Date, self.year_back_value());
        }
        if let Some(a) = self.safe_anchor(unit) {
            return hit(i, end, TimexType::Date, cal::offset_value(a.date, unit, sign * n.round() as i64));
        }
        if year_back {
            return hit(i, end, TimexType::Date, self.year_back_value());
        }
        hit(i, amount_end, TimexType::Duration, cal::duration(unit, Some(n)))
    }

    /// "three days later than planned" over tokens `i..end`: set off by a comma
    /// right after a date ("arrives on November 11, three days later than planned")
    /// it says that date again; otherwise it is the amount of a delay.
    fn compared(&self, i: usize, amount_end: usize, end: usize, unit: Unit, amt: Amount) -> Option<Hit> {
        let apposition = self.punct(i.wrapping_sub(1), b',')
            && self.anchor.is_some_and(|a| a.end + 1 == i && a.point.granularity == Granularity::Day);
        if let Some(a) = self.anchor.filter(|_| apposition) {
            return hit(i, end, TimexType::Date, cal::ymd(a.point.date));
        }
        hit(i, amount_end, TimexType::Duration, cal::duration(unit, amt.get()))
    }

    /// "Four years later, in April 1998": an explicit date right after the expression
    /// says when it was, at the expression's own granularity.
    fn date_in_same_phrase(&self, end: usize, unit: Unit) -> Option<String> {
        let mut k = if self.punct(end, b',') { end + 1 } else { end };
        if matches!(self.lex(k), Lex::Kw(Kw::In | Kw::On)) {
            k += 1;
        }
        let h = self.month_date(k).or_else(|| self.year(k))?;
        let point = calendar_point(&h.value)?;
        Some(if precise_enough(point, unit) { cal::offset_value(point.date, unit, 0) } else { h.value })
    }

    /// The last date the text gave, if it is at least as precise as `unit` (a year
    /// says nothing about "two months later").
    pub(super) fn safe_anchor(&self, unit: Unit) -> Option<CalendarPoint> {
        self.anchor.map(|a| a.point).filter(|&a| precise_enough(a, unit))
    }

    /// "the following month", "the previous year", "the next day" over tokens
    /// `i..end`: counted from the last date given, unknown without one.
    fn after_anchor(&self, i: usize, end: usize, unit: Unit, shift: i64) -> Option<Hit> {
        let v = match self.safe_anchor(unit) {
            Some(a) => cal::offset_value(a.date, unit, shift),
            None => cal::placeholder(unit).to_string(),
        };
        hit(i, end, TimexType::Date, v)
    }

    /// "that year", "later that year", "the following year": the year of the last
    /// date mentioned; "earlier that day", "that same week" the day or week of it.
    pub(super) fn anaphoric_year(&self, i: usize) -> Option<Hit> {
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
        if self.kw(j, Kw::That) && self.kw(j + 1, Kw::Same) {
            j += 1;
        }
        match self.unit(j + 1) {
            Some((Unit::Year, false)) => {}
            // "earlier that day", "that same week", "on that day": the last date given.
            Some((unit @ (Unit::Day | Unit::Week | Unit::Month), false))
                if shift == 0 && (j > i || self.is_word(i.wrapping_sub(1), "on")) =>
            {
                return self.after_anchor(i, j + 2, unit, 0);
            }
            _ => return None,
        }
        let v = self.ref_year.map_or_else(|| "XXXX".to_string(), |y| format!("{:04}", y + shift));
        hit(i, j + 2, TimexType::Date, v)
    }

    /// "year-end", "by year end": the end of the DCT's year, or of the year before
    /// in the past tense.
    pub(super) fn year_end(&self, i: usize) -> Option<Hit> {
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
    pub(super) fn definite_period(&self, i: usize) -> Option<Hit> {
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
        // "the week of March 6": that date's week.
        if unit == Unit::Week
            && self.kw(end, Kw::Of)
            && let Some(d) = self.month_date(end + 1)
            && let Some(point) = calendar_point(&d.value).filter(|p| p.granularity == Granularity::Day)
        {
            return hit(i, d.last, TimexType::Date, cal::week(point.date));
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
}

/// A date is precise enough to count `unit`s from: a year for years, a day for days.
fn precise_enough(point: CalendarPoint, unit: Unit) -> bool {
    let need = match unit {
        Unit::Year | Unit::Decade | Unit::Century => Granularity::Year,
        Unit::Quarter => Granularity::Quarter,
        Unit::Month => Granularity::Month,
        Unit::Week => Granularity::Week,
        Unit::Day => Granularity::Day,
        // No date is a clock time: "an hour later" stays an amount of time.
        Unit::Hour | Unit::Minute | Unit::Second => return false,
    };
    point.granularity >= need
}
