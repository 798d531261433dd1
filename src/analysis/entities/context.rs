//! One text as the recognizer sees it: tokens, word lists, and how each word is capitalized
//! across the whole text.

use std::cell::{Cell, OnceCell};

use super::lexicon::{FastMap, FastSet, Lexicon};
use super::tokens::{Shape, Token};

pub struct Ctx<'a> {
    pub text: &'a str,
    pub toks: &'a [Token],
    pub lex: &'a Lexicon,
    /// Capitalized uses of each word: (anywhere, not at a sentence start).
    caps: FastMap<&'a str, (u32, u32)>,
    /// Word lengths of capitalized words (bit n: some has n bytes), a cheap test before
    /// looking a lowercase word up.
    cap_lengths: u64,
    /// Capitalized words also written in lowercase ("Central", "central"), found when first
    /// needed.
    also_lower: OnceCell<FastSet<&'a str>>,
    /// Per token: 0 not yet looked up, 1 no dictionary word, 2 a dictionary word.
    common: Vec<Cell<u8>>,
}

impl<'a> Ctx<'a> {
    pub fn new(text: &'a str, toks: &'a [Token], lex: &'a Lexicon) -> Ctx<'a> {
        let mut caps: FastMap<&'a str, (u32, u32)> = FastMap::default();
        caps.reserve(toks.len() / 4);
        let mut cap_lengths: u64 = 0;
        for t in toks {
            if matches!(t.shape, Shape::Cap | Shape::AllCaps) {
                let w = text.get(t.start..t.end).unwrap_or("");
                let entry = caps.entry(w).or_insert((0, 0));
                entry.0 += 1;
                if !t.sent_start {
                    entry.1 += 1;
                }
                cap_lengths |= 1 << w.len().min(63);
            }
        }
        Ctx {
            text,
            toks,
            lex,
            caps,
            cap_lengths,
            also_lower: OnceCell::new(),
            common: vec![Cell::new(0); toks.len()],
        }
    }

    /// Token `k` is an ordinary English word (`Lexicon::common_word`), looked up once.
    pub fn common(&self, k: usize) -> bool {
        let Some(cell) = self.common.get(k) else {
            return false;
        };
        match cell.get() {
            0 => {
                let yes = self.lex.common_word(self.word(k));
                cell.set(if yes { 2 } else { 1 });
                yes
            }
            v => v == 2,
        }
    }

    /// The word's lowercase form occurs in the text ("Central" and "central"); for a
    /// capitalized word of the text, and ASCII words only.
    pub fn seen_in_lowercase(&self, w: &str) -> bool {
        self.also_lower.get_or_init(|| self.find_also_lower()).contains(w)
    }

    fn find_also_lower(&self) -> FastSet<&'a str> {
        let mut out = FastSet::default();
        let mut buf = [0u8; 32];
        for t in self.toks.iter().filter(|t| t.shape == Shape::Lower) {
            let Some(w) = self.text.get(t.start..t.end) else { continue };
            if self.cap_lengths & (1 << w.len().min(63)) == 0 || !w.is_ascii() || w.len() > buf.len() {
                continue;
            }
            let cap = &mut buf[..w.len()];
            cap.copy_from_slice(w.as_bytes());
            cap[0] = cap[0].to_ascii_uppercase();
            if let Ok(key) = std::str::from_utf8(cap)
                && let Some((k, _)) = self.caps.get_key_value(key)
            {
                out.insert(*k);
            }
        }
        out
    }

    pub fn word(&self, i: usize) -> &'a str {
        self.toks.get(i).and_then(|t| self.text.get(t.start..t.end)).unwrap_or("")
    }

    pub fn shape(&self, i: usize) -> Option<Shape> {
        self.toks.get(i).map(|t| t.shape)
    }

    /// Token `i` exists and no line break separates it from token `i - 1`.
    pub fn same_line(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.same_line)
    }

    /// Text of tokens `a..=b` as written.
    pub fn phrase(&self, a: usize, b: usize) -> &'a str {
        match (self.toks.get(a), self.toks.get(b)) {
            (Some(x), Some(y)) if x.start <= y.end => self.text.get(x.start..y.end).unwrap_or(""),
            _ => "",
        }
    }

    pub fn capitalized_uses(&self, w: &str) -> u32 {
        self.caps.get(w).map_or(0, |c| c.1)
    }

    pub fn is_capitalized(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| matches!(t.shape, Shape::Cap | Shape::AllCaps))
    }

    /// Written with a capital at least twice and never in lowercase: a name.
    pub fn always_capitalized(&self, w: &str) -> bool {
        self.caps.get(w).is_some_and(|c| c.0 >= 2) && !self.seen_in_lowercase(w)
    }

    /// Token `i` sits between quotation marks on its line ("a “Japan Tech Bridge”").
    pub fn quoted(&self, a: usize, b: usize) -> bool {
        let opens = |w: &str| matches!(w, "\"" | "\u{201c}" | "\u{2018}");
        let closes = |w: &str| matches!(w, "\"" | "\u{201d}" | "\u{2019}");
        a > 0 && self.same_line(a) && opens(self.word(a - 1)) && closes(self.word(b + 1))
    }
}
