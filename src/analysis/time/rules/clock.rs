//! Clock times: "10:30 a.m.", "10 p.m. Wednesday", "noon Thursday", "18:00 UTC".

use chrono::NaiveDate;

use super::{Cx, Hit, hit};
use crate::analysis::time::TimexType;
use crate::analysis::time::cal;
use crate::analysis::time::lex::{Kw, Lex};

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
}
