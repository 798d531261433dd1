//! A fixed list of lower-case words, looked up by a word's bytes whatever the case of its ASCII
//! letters. The time tagger and the events look up every word of every text this way, and
//! most words are in neither list: a word whose length, first and last letter no listed word
//! has is known to be missing without lowering and hashing it.

use rustc_hash::FxHashMap;

/// Words up to this long are lowered on the stack; longer ones (rare in text, and in none of
/// the lists) on the heap.
const ON_STACK: usize = 32;
/// A byte's class in a shape: its letter (`a`-`z` whatever the case) or "not a letter".
const CLASSES: usize = 27;

pub struct WordList<V> {
    words: FxHashMap<&'static [u8], V>,
    /// For each length (up to `longest`) and first byte's class, the classes of the last bytes
    /// of the listed words of that length and first letter, one bit each.
    shapes: Box<[u32]>,
    longest: usize,
}

fn class(byte: u8) -> usize {
    match byte.to_ascii_lowercase() {
        b @ b'a'..=b'z' => usize::from(b - b'a'),
        _ => CLASSES - 1,
    }
}

impl<V: Copy> WordList<V> {
    /// The list of `words`, each lower case.
    pub fn new(words: FxHashMap<&'static [u8], V>) -> WordList<V> {
        let longest = words.keys().map(|w| w.len()).max().unwrap_or(0);
        let mut shapes = vec![0u32; (longest + 1) * CLASSES].into_boxed_slice();
        for word in words.keys() {
            if let (Some(&first), Some(&last)) = (word.first(), word.last())
                && let Some(lasts) = shapes.get_mut(word.len() * CLASSES + class(first))
            {
                *lasts |= 1 << class(last);
            }
        }
        WordList { words, shapes, longest }
    }

    /// What the list holds for `word`, its ASCII letters lowered first (a byte of any other
    /// character is left as it is, and such a word is in no list of ASCII words).
    pub fn get(&self, word: &[u8]) -> Option<V> {
        let (Some(&first), Some(&last)) = (word.first(), word.last()) else { return None };
        if word.len() > self.longest {
            return None;
        }
        let lasts = self.shapes.get(word.len() * CLASSES + class(first)).copied().unwrap_or(0);
        if lasts & (1 << class(last)) == 0 {
            return None;
        }
        with_ascii_lowercase(word, |lowered| self.words.get(lowered).copied())
    }
}

/// What `f` gives for `word` with its ASCII letters lowered (other bytes left as they are):
/// on the stack for a word of up to `ON_STACK` bytes, so that a look-up in the analysis's inner
/// loops does not allocate.
pub fn with_ascii_lowercase<R>(word: &[u8], f: impl FnOnce(&[u8]) -> R) -> R {
    let mut buffer = [0u8; ON_STACK];
    match buffer.get_mut(..word.len()) {
        Some(lowered) => {
            lowered.copy_from_slice(word);
            lowered.make_ascii_lowercase();
            f(lowered)
        }
        None => f(&word.to_ascii_lowercase()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list() -> WordList<u8> {
        let long: &'static str = Box::leak("z".repeat(40).into_boxed_str());
        let words = ["may", "monday", "said", "a", "x-ray", "naïve", long];
        WordList::new(words.iter().zip(1..).map(|(w, n)| (w.as_bytes(), n)).collect())
    }

    #[test]
    fn every_listed_word_is_found_in_any_case() {
        let list = list();
        for (word, n) in [("may", 1), ("MAY", 1), ("Monday", 2), ("SaId", 3), ("A", 4), ("X-Ray", 5)] {
            assert_eq!(list.get(word.as_bytes()), Some(n), "{word}");
        }
        assert_eq!(list.get("naïve".as_bytes()), Some(6));
        assert_eq!(list.get("z".repeat(40).as_bytes()), Some(7), "a word longer than the stack's buffer");
        assert_eq!(list.get("NAÏVE".as_bytes()), None, "only ASCII letters are lowered");
    }

    proptest::proptest! {
        /// Any word, listed or not, any case: the answer of looking its lowered bytes up in the
        /// whole list, the shapes only ever saving the look-up.
        #[test]
        fn a_word_gets_what_its_lowered_bytes_look_up(word in "[a-zA-ZïÏ-]{0,8}|(?i:may|monday|said|a|x-ray)") {
            let list = list();
            let lowered = word.as_bytes().to_ascii_lowercase();
            proptest::prop_assert_eq!(list.get(word.as_bytes()), list.words.get(&*lowered).copied());
        }
    }
}
