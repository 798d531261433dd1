//! Amounts written in digits or words: "3", "2 1/2", "twenty-four", "a couple of".

use super::{Amount, Cx};
use crate::analysis::time::lex::{Kw, Lex};

impl Cx<'_> {
    /// A number written with digits or words: "3", "2 1/2", "twenty four", "ninety-six",
    /// "a hundred", "a couple of", "several", "a few".
    pub(super) fn amount(&self, i: usize) -> Option<(Amount, usize)> {
        if let Some((v, d)) = self.num(i) {
            if d > 6 || self.punct(i.wrapping_sub(1), b'$') || self.punct(i.wrapping_sub(1), b'.') {
                return None;
            }
            // The tail of "1,500" is not a number of its own.
            if d == 3 && self.in_digit_group(i) {
                return None;
            }
            let mut v = f64::from(v);
            let mut j = i + 1;
            // Thousands separators: "1,500", "10,000".
            while d <= 3 && self.punct(j, b',') && self.in_digit_group(j + 1) {
                let (g, _) = self.num(j + 1)?;
                v = v * 1000.0 + f64::from(g);
                j += 2;
            }
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

    /// Token `i` is a group of three digits right after "<digits>,".
    fn in_digit_group(&self, i: usize) -> bool {
        self.num(i).is_some_and(|(_, n)| n == 3)
            && self.tight(i)
            && self.punct(i.wrapping_sub(1), b',')
            && self.tight(i.wrapping_sub(1))
            && self.num(i.wrapping_sub(2)).is_some()
    }

    pub(super) fn word_number(&self, i: usize) -> Option<(Amount, usize)> {
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

    /// The digit run at `k` continues into a longer number ("1,990", "19.90").
    pub(super) fn num_continues(&self, k: usize) -> bool {
        (self.punct(k + 1, b',') || self.punct(k + 1, b'.'))
            && self.tight(k + 1)
            && self.num(k + 2).is_some()
            && self.tight(k + 2)
    }
}
