//! Clock times: "10:30 a.m.", "10 p.m. Wednesday", "noon Thursday", "18:00 UTC".

use chrono::NaiveDate;

use super::{Cx, Hit, hit};
use crate::analysis::time::cal;
use crate::analysis::time::lex::{Kw, Lex};
use crate::analysis::time::{Granularity, TimexType};

impl Cx<'_> {
    /// "10:30 a.m.", "10 p.m. Wednesday", "noon Thursday", "18:00 UTC".
    pub(super) fn clock(&self, i: usize) -> Option<Hit> {
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
        let mut k = if self.punct(j, b',') { j + 1 } else { j };
        // "10:35 a.m. (0735 GMT) Friday": the day after a restatement in another zone
        // still dates the time, and stays an expression of its own.
        let mut restated = self.punct(k, b'(')
            && (k + 2..k + 5).find(|&c| self.punct(c, b')')).is_some_and(|c| {
                k = c + 1;
                true
            });
        // "at 11:30 p.m. on Tuesday": the day dates the time and stays an
        // expression of its own.
        if self.kw(k, Kw::On) {
            k += 1;
            restated = true;
        }
        // "made its first test flight Tuesday ... at 18:00 UTC": a day given
        // earlier in the sentence dates the time.
        if let Some(a) = self.anchor
            && a.point.granularity == Granularity::Day
            && !(a.end..i).any(|t| self.sentence_break(t))
        {
            date = Some(a.point.date);
        }
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
        if restated {
            end = j;
        }
        let day = date.map_or_else(|| "XXXX-XX-XX".to_string(), cal::ymd);
        hit(i, end, TimexType::Time, format!("{day}T{h:02}:{m:02}{zone}"))
    }

    /// "10:30" without a.m./p.m. is a clock time only after "at"/"by"/"until" or
    /// with a time zone after it; otherwise it may be a score or a ratio.
    pub(super) fn clock_context(&self, i: usize, j: usize) -> bool {
        let p = i.wrapping_sub(1);
        self.timezone(j).is_some() || self.kw(p, Kw::At) || self.kw(p, Kw::By) || self.is_word(p, "until")
    }

    pub(super) fn am_pm(&self, j: usize) -> Option<(bool, usize)> {
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

    pub(super) fn timezone(&self, j: usize) -> Option<&'static str> {
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

    /// "2030 GMT", "0735 GMT", "1900 local time", and "(2100)" after a fixture
    /// ("Barcelona v Atletico Madrid (2100)"): a 24-hour clock time without a colon.
    /// Read with a zone it is a time of the DCT's day; after a fixture, of a day the
    /// text does not name.
    pub(super) fn hhmm_clock(&self, i: usize) -> Option<Hit> {
        let (h, m, end, zone) = self.hhmm_at(i)?;
        // "10:35 a.m. (0735 GMT)" says again the time just given, in another zone.
        if self.punct(i.wrapping_sub(1), b'(') && self.am_pm_before(i.wrapping_sub(1)) {
            return None;
        }
        let day = match (zone, self.dct) {
            (Some(_), Some(d)) => cal::ymd(d),
            _ => "XXXX-XX-XX".to_string(),
        };
        hit(i, end, TimexType::Time, format!("{day}T{h:02}:{m:02}{}", zone.unwrap_or("")))
    }

    /// The 24-hour clock time written as one number at `i`, if its context says so
    /// (a zone or "local time" after it, or parentheses after a fixture): hour,
    /// minute, end token and zone suffix.
    pub(super) fn hhmm_at(&self, i: usize) -> Option<(u32, u32, usize, Option<&'static str>)> {
        let (v, n) = self.num(i)?;
        let (h, m) = (v / 100, v % 100);
        if !(3..=4).contains(&n) || m >= 60 || h > 24 || h == 24 && m > 0 {
            return None;
        }
        if let Some(z) = self.timezone(i + 1) {
            return Some((h, m, i + 2, Some(z)));
        }
        if self.is_word(i + 1, "local") {
            let end = if self.is_word(i + 2, "time") { i + 3 } else { i + 2 };
            return Some((h, m, end, Some("")));
        }
        let parenthesized = self.punct(i.wrapping_sub(1), b'(') && self.punct(i + 1, b')');
        (parenthesized && self.after_fixture(i)).then_some((h, m, i + 1, None))
    }

    /// An "a.m."/"p.m." ends right before token `k`.
    fn am_pm_before(&self, k: usize) -> bool {
        let p = if self.punct(k.wrapping_sub(1), b'.') { k.wrapping_sub(2) } else { k.wrapping_sub(1) };
        let w = self.word(p);
        w.eq_ignore_ascii_case("am")
            || w.eq_ignore_ascii_case("pm")
            || w.eq_ignore_ascii_case("m") && self.punct(p.wrapping_sub(1), b'.')
    }

    /// A sports fixture ("Arsenal v Chelsea", "Lakers vs. Bulls") or a kick-off
    /// earlier in the sentence or line.
    fn after_fixture(&self, i: usize) -> bool {
        let lo = i.saturating_sub(16);
        for j in (lo..i).rev() {
            if self.sentence_break(j)
                || self.text.get(self.toks[j].end..self.toks[j + 1].start).is_some_and(|g| g.contains('\n'))
            {
                return false;
            }
            let w = self.word(j);
            if w == "v" || w == "vs" || w.eq_ignore_ascii_case("versus") || w.eq_ignore_ascii_case("kickoff")
            {
                return true;
            }
            if w.eq_ignore_ascii_case("kick") && self.punct(j + 1, b'-') && self.is_word(j + 2, "off") {
                return true;
            }
        }
        false
    }
}
