//! The English analyzer of titles and bodies (`en_stem`), with the stems it has worked out
//! remembered. Stemming every word took as long as the rest of indexing put together
//! (examples/bare_tantivy `--fields`), and news text repeats the same few thousand words, so
//! a word is stemmed once per analyzer and looked up after that. The stems are the ones
//! tantivy's own `en_stem` gives (the same Snowball stemmer; a test compares the two).

use compact_str::CompactString;
use rustc_hash::FxHashMap;
use tantivy::tokenizer::{
    LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};

/// Words longer than this (in bytes) are dropped, as tantivy's `en_stem` drops them.
const LONGEST_WORD: usize = 40;
/// Stems an analyzer remembers: enough for the words of everyday news text, and a bound on
/// what an analyzer holds (each indexing thread has its own).
const REMEMBERED: usize = 60_000;

/// Tantivy's `en_stem` with remembered stems.
pub(super) fn english() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(LONGEST_WORD))
        .filter(LowerCaser)
        .filter(RememberedStems)
        .build()
}

/// The token filter: the English Snowball stemmer in front of a memory of its answers.
#[derive(Clone, Copy)]
struct RememberedStems;

impl TokenFilter for RememberedStems {
    type Tokenizer<T: Tokenizer> = StemmingTokenizer<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> StemmingTokenizer<T> {
        StemmingTokenizer { inner: tokenizer, stems: Stems::default() }
    }
}

#[derive(Clone)]
struct StemmingTokenizer<T> {
    inner: T,
    stems: Stems,
}

/// A word's stem, worked out once.
///
/// Words and stems are kept inline (up to 24 bytes, nearly every word): a boxed word cost a
/// jump to the heap on every look-up, and a 100k first open spent 9% of its processor time here.
struct Stems {
    stemmer: frostem::Stemmer,
    known: FxHashMap<CompactString, CompactString>,
}

impl Default for Stems {
    fn default() -> Self {
        Stems { stemmer: frostem::Stemmer::new(frostem::Algorithm::English), known: FxHashMap::default() }
    }
}

/// A copy of an analyzer (tantivy takes one per segment it writes) starts with an empty
/// memory: copying a full one would cost more than it saves.
impl Clone for Stems {
    fn clone(&self) -> Self {
        Stems::default()
    }
}

impl Stems {
    /// Puts `word`'s stem in its place.
    fn stem(&mut self, word: &mut String) {
        // The English Snowball stemmer leaves words of one or two letters as they are, and
        // they are the commonest ("a", "of", "to", "in").
        if word.len() <= 2 {
            return;
        }
        if let Some(stem) = self.known.get(word.as_str()) {
            word.clear();
            word.push_str(stem);
            return;
        }
        let stem = CompactString::from(self.stemmer.stem(word).as_ref());
        if self.known.len() < REMEMBERED {
            self.known.insert(CompactString::from(word.as_str()), stem.clone());
        }
        word.clear();
        word.push_str(&stem);
    }
}

impl<T: Tokenizer> Tokenizer for StemmingTokenizer<T> {
    type TokenStream<'a> = StemmingStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        StemmingStream { tail: self.inner.token_stream(text), stems: &mut self.stems }
    }
}

struct StemmingStream<'a, T> {
    tail: T,
    stems: &'a mut Stems,
}

impl<T: TokenStream> TokenStream for StemmingStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        self.stems.stem(&mut self.tail.token_mut().text);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            let t = stream.token();
            out.push((t.text.clone(), t.position, t.offset_from, t.offset_to));
        }
        out
    }

    #[test]
    fn the_stems_are_tantivys_own_first_time_and_remembered() {
        let mut ours = english();
        let mut theirs = tantivy::tokenizer::TokenizerManager::default().get("en_stem").expect("built in");
        let long = "x".repeat(LONGEST_WORD + 1);
        let mut texts: Vec<String> = crate::corpus::seeds::SEEDS.iter().map(|(_, t)| t.to_string()).collect();
        texts.push(format!("Running runners ran; RELATIONAL relations {long} généralement naïve é is as us"));
        // Twice over: the second time every stem comes from the memory.
        for text in texts.iter().chain(&texts) {
            assert_eq!(tokens(&mut ours, text), tokens(&mut theirs, text));
        }
        let seen = tokens(&mut ours, "Running relations");
        assert_eq!(seen.iter().map(|t| t.0.as_str()).collect::<Vec<_>>(), ["run", "relat"]);
    }

    #[test]
    fn the_memory_is_bounded() {
        let mut stems = Stems::default();
        for i in 0..REMEMBERED + 10 {
            let mut word = format!("word{i}s");
            stems.stem(&mut word);
            assert_eq!(word, format!("word{i}"));
        }
        assert_eq!(stems.known.len(), REMEMBERED);
    }
}
