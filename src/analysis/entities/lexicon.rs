//! Word lists embedded at compile time and parsed once per `Recognizer`.

use crate::analysis::word_list::with_ascii_lowercase;

const PLACES: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/entities/places.tsv"));
const DEMONYMS: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/entities/demonyms.tsv"));
const MAJOR_PLACES: &str =
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/entities/major-places.txt"));
const GIVEN: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/entities/given-names.txt"));
const GIVEN_WORLD: &str =
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/entities/given-names-world.txt"));
const WORDS: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/entities/common-words.txt"));
const CUES: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/entities/cues.txt"));

/// Lookups by word, in the recognizer's inner loop: a fast, non-cryptographic hash.
pub type FastMap<K, V> = rustc_hash::FxHashMap<K, V>;
pub type FastSet<K> = rustc_hash::FxHashSet<K>;

/// Sentence starters that are never names even if capitalized elsewhere.
const FUNCTION_WORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "it",
    "he",
    "she",
    "they",
    "we",
    "you",
    "this",
    "that",
    "these",
    "those",
    "but",
    "and",
    "or",
    "for",
    "with",
    "as",
    "by",
    "from",
    "to",
    "of",
    "after",
    "before",
    "when",
    "while",
    "if",
    "his",
    "her",
    "its",
    "their",
    "our",
    "my",
    "your",
    "there",
    "here",
    "some",
    "all",
    "many",
    "most",
    "one",
    "no",
    "not",
    "so",
    "yet",
    "then",
    "also",
    "what",
    "which",
    "who",
    "how",
    "why",
    "where",
    "i",
    "is",
    "was",
    "are",
    "were",
    "be",
    "although",
    "meanwhile",
    "however",
    "today",
    "yesterday",
    "tomorrow",
    "under",
    "over",
    "during",
    "since",
    "despite",
    "following",
    "according",
    "among",
    "because",
    "instead",
    "still",
    "thus",
    "therefore",
    "hence",
    "besides",
    "moreover",
    "furthermore",
    "additionally",
    "currently",
    "previously",
    "recently",
    "earlier",
    "later",
    "finally",
    "overall",
    "last",
    "next",
    "several",
    "both",
    "each",
    "every",
    "other",
    "such",
    "another",
    "more",
    "only",
    "even",
    "just",
    "already",
    "again",
    "though",
    "unlike",
    "like",
    "until",
    "within",
    "without",
    "through",
    "across",
    "against",
    "between",
    "around",
    "about",
    "above",
    "below",
    "upon",
    "toward",
    "towards",
    "regarding",
    "including",
    "amid",
    "once",
    "now",
    "first",
    "second",
    "third",
    "new",
    "former",
    "whether",
    "can",
    "will",
    "would",
    "should",
    "could",
    "may",
    "might",
    "must",
    "do",
    "does",
    "did",
    "has",
    "have",
    "had",
];

/// Words after a name that show it is the subject of a verb, not a modifier of a noun.
const VERBS_AFTER_NAME: &[&str] = &[
    "said",
    "says",
    "is",
    "was",
    "are",
    "were",
    "has",
    "had",
    "have",
    "will",
    "would",
    "can",
    "could",
    "may",
    "might",
    "must",
    "should",
    "did",
    "does",
    "do",
    "also",
    "announced",
    "agreed",
    "plans",
    "told",
    "added",
];

/// Prefixes that make new words of ordinary ones ("overreliance", "non-compliance").
const WORD_PREFIXES: &[&str] = &[
    "over", "under", "non", "re", "counter", "mis", "out", "pre", "post", "anti", "multi", "inter", "super",
    "co",
];

/// Connectors that may sit inside a multi-word name ("Bank of America").
const CONNECTORS: &[&str] =
    &["of", "&", "-", "de", "du", "da", "del", "der", "van", "von", "la", "le", "al", "bin", "y"];

/// Lowercase role nouns right before a capitalized sequence mark a person.
const ROLE_NOUNS: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "analyst",
    "analysist",
    "executive",
    "chairman",
    "chairwoman",
    "president",
    "minister",
    "secretary",
    "director",
    "official",
    "founder",
    "co-founder",
    "ceo",
    "manager",
    "senator",
    "governor",
    "mayor",
    "ambassador",
    "economist",
    "professor",
    "lawyer",
    "attorney",
    "judge",
    "reporter",
    "editor",
    "author",
    "chief",
    "general",
    "colonel",
    "captain",
    "commander",
    "envoy",
    "premier",
    "leader",
    "vice-president",
    "engineer",
    "designer",
    "inventor",
    "actor",
    "actress",
    "singer",
    "player",
    "coach",
    "pilot",
    "mr",
    "mrs",
    "ms",
    "dr",
    "prosecutor",
    "investor",
    "consultant",
    "researcher",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
];

pub struct Lexicon {
    places: FastMap<String, String>,
    /// Places by MEANTIME's convention whatever they stand for ("the White House").
    conventional_places: FastSet<String>,
    /// Canonical names of countries, capitals, continents, US states and cities of a million.
    major_places: FastSet<String>,
    demonyms: FastMap<String, String>,
    given: FastSet<String>,
    words: FastSet<String>,
    titles: FastSet<String>,
    title_complements: FastSet<String>,
    org_suffix: FastSet<String>,
    org_prefix: FastSet<String>,
    place_suffix: FastSet<String>,
    place_prefix: FastSet<String>,
    descriptors: FastSet<String>,
    holding_nouns: FastSet<String>,
    modified_nouns: FastSet<String>,
    drop_suffix: FastSet<String>,
    org_known: FastSet<String>,
    not_entity: FastSet<String>,
    function_words: FastSet<&'static str>,
    connectors: FastSet<&'static str>,
    role_nouns: FastSet<&'static str>,
}

fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim_end).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn parse_pairs(text: &str) -> FastMap<String, String> {
    lines(text)
        .map(|l| match l.split_once('\t') {
            Some((k, v)) => (k.to_string(), v.to_string()),
            None => (l.to_string(), l.to_string()),
        })
        .collect()
}

fn parse_set(text: &str) -> FastSet<String> {
    lines(text).map(str::to_string).collect()
}

fn cue_section(name: &str) -> FastSet<String> {
    let header = format!("[{name}]");
    let mut inside = false;
    let mut out = FastSet::default();
    for line in lines(CUES) {
        if line.starts_with('[') {
            inside = line == header;
        } else if inside {
            out.insert(line.to_string());
        }
    }
    out
}

impl Lexicon {
    pub fn load() -> Lexicon {
        Lexicon {
            places: {
                let mut places = parse_pairs(PLACES);
                places.extend(cue_section("place-known").into_iter().map(|p| (p.clone(), p)));
                places
            },
            conventional_places: cue_section("place-known"),
            major_places: parse_set(MAJOR_PLACES),
            demonyms: parse_pairs(DEMONYMS),
            given: lines(GIVEN).chain(lines(GIVEN_WORLD)).map(str::to_string).collect(),
            words: parse_set(WORDS),
            titles: cue_section("person-title"),
            title_complements: cue_section("title-complement"),
            org_suffix: cue_section("org-suffix"),
            org_prefix: cue_section("org-prefix"),
            place_suffix: cue_section("place-suffix"),
            place_prefix: cue_section("place-prefix"),
            descriptors: cue_section("descriptor"),
            holding_nouns: cue_section("holding-noun"),
            modified_nouns: cue_section("modified-noun"),
            drop_suffix: cue_section("drop-suffix"),
            org_known: cue_section("org-known"),
            not_entity: cue_section("not-entity"),
            function_words: FUNCTION_WORDS.iter().copied().collect(),
            connectors: CONNECTORS.iter().copied().collect(),
            role_nouns: ROLE_NOUNS.iter().copied().collect(),
        }
    }

    pub fn place(&self, s: &str) -> Option<&str> {
        self.places.get(s).map(String::as_str)
    }
    /// A country, capital, continent, US state or large city: a place in any story, where a
    /// smaller town may share its name with a company ("Toyota").
    pub fn major_place(&self, s: &str) -> bool {
        self.place(s).is_some_and(|c| self.major_canonical(c))
    }
    /// `canonical` (a value of the place list) is a major place.
    pub fn major_canonical(&self, canonical: &str) -> bool {
        self.major_places.contains(canonical)
    }
    /// "Japanese", and plurals such as "Singaporeans".
    pub fn demonym(&self, s: &str) -> bool {
        self.demonyms.contains_key(s)
            || s.strip_suffix('s').is_some_and(|stem| self.demonyms.contains_key(stem))
    }
    pub fn drop_suffix(&self, s: &str) -> bool {
        self.drop_suffix.contains(s)
    }
    /// Legal-form endings after which a new name may start ("Apple Inc. Steve Jobs").
    pub fn corporate_ending(&self, s: &str) -> bool {
        matches!(s, "Inc." | "Inc" | "Corp." | "Ltd." | "Co." | "N.V." | "LLC" | "PLC" | "plc" | "GmbH")
    }
    pub fn given(&self, s: &str) -> bool {
        self.given.contains(s)
    }
    pub fn title(&self, s: &str) -> bool {
        self.titles.contains(s)
    }
    pub fn title_complement(&self, s: &str) -> bool {
        self.title_complements.contains(s)
    }
    pub fn org_suffix(&self, s: &str) -> bool {
        self.org_suffix.contains(s)
    }
    pub fn org_prefix(&self, s: &str) -> bool {
        self.org_prefix.contains(s)
    }
    pub fn place_suffix(&self, s: &str) -> bool {
        self.place_suffix.contains(s)
    }
    pub fn place_by_convention(&self, s: &str) -> bool {
        self.conventional_places.contains(s)
    }
    /// A noun that a name often modifies ("the US side", "the Air Force base"): a word of
    /// the modified-noun list, a descriptor, or a word with a noun-making suffix.
    pub fn modified_noun(&self, s: &str) -> bool {
        const NOUN_SUFFIXES: &[&str] =
            &["tion", "tions", "ment", "ments", "ity", "ness", "ance", "ence", "ship", "ism"];
        self.modified_nouns.contains(s)
            || self.descriptors.contains(s)
            || NOUN_SUFFIXES.iter().any(|x| s.ends_with(x))
    }
    /// "stake" in "a stake in Chrysler": what follows "in" is a company.
    pub fn holding_noun(&self, s: &str) -> bool {
        self.holding_nouns.contains(s)
    }
    /// Lowercase nouns that describe a following name ("car maker GM").
    pub fn descriptor(&self, s: &str) -> bool {
        self.descriptors.contains(s)
    }
    /// Heads of "Sea of Japan", "Gulf of Mexico".
    pub fn place_prefix(&self, s: &str) -> bool {
        self.place_prefix.contains(s)
    }
    pub fn org_known(&self, s: &str) -> bool {
        self.org_known.contains(s)
    }
    pub fn not_entity(&self, s: &str) -> bool {
        self.not_entity.contains(s)
    }
    pub fn connector(&self, s: &str) -> bool {
        self.connectors.contains(s)
    }
    pub fn role_noun(&self, s: &str) -> bool {
        with_lowercase(s, |l| self.role_nouns.contains(l))
    }
    /// True when the word's lowercase form is an ordinary English word.
    pub fn common_word(&self, s: &str) -> bool {
        let s = before_apostrophe(s);
        if s.contains('-') {
            // "Pre-orders", "Long-haul": ordinary when every part is.
            return s.split('-').all(|part| {
                part.is_empty() || with_lowercase(part, |l| self.words.contains(l)) || part.len() <= 3
            });
        }
        with_lowercase(s, |l| self.words.contains(l))
    }
    pub fn verb_after_name(&self, s: &str) -> bool {
        VERBS_AFTER_NAME.contains(&s)
    }
    /// An ordinary word with a prefix the word list lacks: "Overreliance", "Non-compliance".
    pub fn derived_from_common(&self, s: &str) -> bool {
        with_lowercase(s, |l| {
            WORD_PREFIXES.iter().any(|p| {
                l.strip_prefix(p)
                    .map(|rest| rest.trim_start_matches('-'))
                    .is_some_and(|rest| rest.len() >= 4 && self.words.contains(rest))
            })
        })
    }
    pub fn function_word(&self, s: &str) -> bool {
        with_lowercase(before_apostrophe(s), |l| self.function_words.contains(l))
    }
}

/// "We've" -> "We": contractions are judged by their first part.
fn before_apostrophe(s: &str) -> &str {
    s.split(['\'', '\u{2019}']).next().unwrap_or(s)
}

/// `s` lowercased for `f`: an ASCII word on the stack (as the word lists of the time tagger
/// and the events are looked up), so hot lookups do not allocate; any other by Unicode's rules.
pub fn with_lowercase<R>(s: &str, f: impl FnOnce(&str) -> R) -> R {
    if !s.is_ascii() {
        return f(&s.to_lowercase());
    }
    with_ascii_lowercase(s.as_bytes(), |lowered| match std::str::from_utf8(lowered) {
        Ok(l) => f(l),
        Err(_) => f(&s.to_lowercase()),
    })
}
