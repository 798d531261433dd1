//! Durations, quarters and halves, sets ("every week"), seasons.

use chrono::{Datelike, NaiveDate};

use super::{Amount, Cx, Hit, hit};
use crate::analysis::time::TimexType;
use crate::analysis::time::cal::{self, Tense};
use crate::analysis::time::cues::{self, Cue};
use crate::analysis::time::lex::{Kw, Lex, Unit};

impl Cx<'_> {
    /// Durations: "three years", "the past three months", "two-year", "a couple of
    /// years", "the first nine months", "years", "a minute".
    pub(super) fn amount_of_time(&self, i: usize) -> Option<Hit> {
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
        // "the 1988 quarter" is a year's quarter, not 1,988 of them.
        if unit == Unit::Quarter && self.num(j).is_some_and(|(_, n)| n == 4) {
            return None;
        }
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
    pub(super) fn is_set_context(&self, i: usize) -> bool {
        let p = i.wrapping_sub(1);
        self.num(p).is_some() || cues::is_any_case(self.word(p), Cue::Rate) || self.punct(p, b'%')
    }

    /// "the third quarter", "third-quarter", "the fourth quarter of 1990", "the latest
    /// quarter", "the first half", "this year's third quarter".
    pub(super) fn quarter(&self, i: usize) -> Option<Hit> {
        let mut j = i;
        if self.kw(j, Kw::The) || self.kw(j, Kw::That) && self.quarter.is_some() {
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
            _ if j > i && matches!(self.lex(i), Lex::Kw(Kw::The | Kw::That)) => (None, j),
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
        // "a year earlier" and "the latest quarter", and only one that has ended:
        // results are reported for those, a quarter still running is a forecast.
        let ended = self.dct.is_none_or(|d| (y, q) < (d.year(), cal::quarter_of(d)));
        if which.is_some() && ended {
            h.quarter = Some((y, q));
        }
        Some(h)
    }

    pub(super) fn of_year(&self, i: usize) -> Option<(i32, usize)> {
        let j = if self.kw(i, Kw::Of) { i + 1 } else { i };
        let (y, n) = self.num(j)?;
        (n == 4 && (1900..2100).contains(&y)).then_some((y as i32, j + 1))
    }

    /// daily, weekly, bi-weekly, "every year", "each Thursday", "per year".
    pub(super) fn set(&self, i: usize) -> Option<Hit> {
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

    /// "this spring", "last fall", "the winter of 1994", "summer 2022".
    pub(super) fn season(&self, i: usize) -> Option<Hit> {
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
            // "the early summer": the season after a modifier reads like "the summer".
            (None, _) if j == i && !self.modified(i) => return None,
            (None, Some(d)) if self.kw(i, Kw::The) || self.modified(i) => {
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

    /// Token `i` follows "the early", "the late", "the mid-".
    fn modified(&self, i: usize) -> bool {
        let p = if self.punct(i.wrapping_sub(1), b'-') { i.wrapping_sub(2) } else { i.wrapping_sub(1) };
        matches!(self.lex(p), Lex::Kw(Kw::Early | Kw::Late | Kw::Mid)) && self.kw(p.wrapping_sub(1), Kw::The)
    }

    pub(super) fn word_year_of(&self, i: usize) -> Option<(i32, usize)> {
        let j = if self.kw(i, Kw::Of) {
            i + 1
        } else {
            return None;
        };
        let h = self.year(j)?;
        let y: i32 = h.value.parse().ok()?;
        (h.value.len() == 4).then_some((y, h.last))
    }
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
