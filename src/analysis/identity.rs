//! Entity identity across the corpus: mentions of one entity get one canonical name, so that
//! counts, filters and related-article scores count entities, not strings.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::Arc;

use super::{Analysis, EntityKind, Name, Summary};

/// Renames from a document-level canonical name to the corpus-wide one.
pub type Renames = rustc_hash::FxHashMap<(EntityKind, Name), Name>;

/// A spelling needs this many times the mentions of another to absorb it.
const VARIANT_FREQUENCY_RATIO: u32 = 2;

/// The people and organizations a corpus names, with what its corpus-wide names are worked
/// out from: each person's mentions and the articles that name them, and how many articles
/// name each organization. A watched corpus keeps its book and brings it up to date with the
/// articles that changed: working it out again read every summary (0.4 s of each change at a
/// million articles).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct NameBook {
    /// Each person's mentions, and the articles naming them in order, once each.
    people: HashMap<Name, (u32, Vec<u32>)>,
    /// How many articles name each organization.
    organizations: HashMap<Name, u32>,
}

impl NameBook {
    /// The book of `summaries`, by id.
    pub fn of(summaries: &[&Summary]) -> NameBook {
        // Gathered by reference, the articles met in order (a list to append to, not a set:
        // five million people's mentions in a million articles); each name copied once.
        let mut people: HashMap<&Name, (u32, Vec<u32>)> = HashMap::default();
        let mut organizations: HashMap<&Name, u32> = HashMap::default();
        for (doc, s) in summaries.iter().enumerate() {
            for e in &s.entities {
                match e.kind {
                    EntityKind::Person => {
                        let entry = people.entry(&e.name).or_default();
                        entry.0 += e.mentions;
                        if entry.1.last() != Some(&(doc as u32)) {
                            entry.1.push(doc as u32);
                        }
                    }
                    EntityKind::Organization => *organizations.entry(&e.name).or_default() += 1,
                    _ => {}
                }
            }
        }
        NameBook {
            people: people.into_iter().map(|(name, entry)| (name.clone(), entry)).collect(),
            organizations: organizations.into_iter().map(|(name, n)| (name.clone(), n)).collect(),
        }
    }

    /// Counts the names of `summary`, the article `doc`.
    pub fn add(&mut self, doc: u32, summary: &Summary) {
        for e in &summary.entities {
            match e.kind {
                EntityKind::Person => {
                    let (mentions, docs) = self.people.entry(e.name.clone()).or_default();
                    *mentions += e.mentions;
                    if let Err(at) = docs.binary_search(&doc) {
                        docs.insert(at, doc);
                    }
                }
                EntityKind::Organization => *self.organizations.entry(e.name.clone()).or_default() += 1,
                _ => {}
            }
        }
    }

    /// Takes back the names of `summary`, the article `doc`, as [`NameBook::add`] counted them.
    pub fn remove(&mut self, doc: u32, summary: &Summary) {
        for e in &summary.entities {
            match e.kind {
                EntityKind::Person => {
                    let Some((mentions, docs)) = self.people.get_mut(&e.name) else { continue };
                    *mentions = mentions.saturating_sub(e.mentions);
                    if let Ok(at) = docs.binary_search(&doc) {
                        docs.remove(at);
                    }
                    if docs.is_empty() {
                        self.people.remove(&e.name);
                    }
                }
                EntityKind::Organization => {
                    let Some(n) = self.organizations.get_mut(&e.name) else { continue };
                    *n = n.saturating_sub(1);
                    if *n == 0 {
                        self.organizations.remove(&e.name);
                    }
                }
                _ => {}
            }
        }
    }

    /// The corpus-wide names. A short name takes the one longer name of the same kind it can
    /// stand for anywhere in the corpus: "Blinken" becomes "Antony Blinken" when no other
    /// Blinken is known, and an acronym such as "EPCC" the one organization whose initials
    /// spell it. Ambiguous names stay as they are. A person's name spelled another way
    /// ("Mahmud Abbas") takes the clearly more frequent spelling ("Mahmoud Abbas"); see
    /// [`NameBook::spelling_variants`].
    pub fn renames(&self) -> Renames {
        let variants = self.spelling_variants();
        let absorbed: HashSet<&str> = variants.iter().map(|(v, _)| &**v).collect();
        let mut renames = self.short_names(&absorbed);
        for (variant, main) in &variants {
            renames.entry((EntityKind::Person, variant.clone())).or_insert_with(|| main.clone());
        }
        renames
    }

    /// Person names that differ only in the vowels of the given names ("Mahmud" / "Mahmoud",
    /// "Muhammad" / "Mohammed"), share the surname, never appear in one article together, and
    /// of which one is at least twice as frequent: the rarer spelling and the main one. Given
    /// names with fewer than three consonants never merge ("Dan" / "Don"), nor do different
    /// consonants ("Mark" / "Mary", "George" / "Laura").
    pub fn spelling_variants(&self) -> Vec<(Name, Name)> {
        let people = &self.people;
        let mut by_surname: HashMap<(&str, usize), Vec<&Name>> = HashMap::default();
        for name in people.keys() {
            let words: Vec<&str> = name.split_whitespace().collect();
            if let Some(last) = words.last().filter(|_| words.len() >= 2) {
                by_surname.entry((last, words.len())).or_default().push(name);
            }
        }
        let mut out = Vec::new();
        for group in by_surname.values().filter(|g| g.len() >= 2) {
            for &rare in group {
                let (rare_count, rare_docs) = &people[rare];
                let mains: Vec<&Name> = group
                    .iter()
                    .copied()
                    .filter(|&main| {
                        let (count, docs) = &people[main];
                        main != rare
                            && *count >= VARIANT_FREQUENCY_RATIO * rare_count
                            && disjoint(docs, rare_docs)
                            && given_names_are_variants(main, rare)
                    })
                    .collect();
                if let [main] = mains.as_slice() {
                    out.push((rare.clone(), (*main).clone()));
                }
            }
        }
        out.sort();
        out
    }

    /// Short names and acronyms; `absorbed` people are spellings of another name and compete
    /// with it for no surname ("Abbas" stays "Mahmoud Abbas" beside "Mahmud Abbas").
    fn short_names(&self, absorbed: &HashSet<&str>) -> Renames {
        let people = self.people.keys().filter(|name| !absorbed.contains(&***name));
        let names: Vec<(EntityKind, &str)> = (people.map(|name| (EntityKind::Person, &**name)))
            .chain(self.organizations.keys().map(|name| (EntityKind::Organization, &**name)))
            .collect();
        let mut by_last: HashMap<(EntityKind, &str), HashSet<&str>> = HashMap::default();
        let mut by_initials: HashMap<String, HashSet<&str>> = HashMap::default();
        for &(kind, name) in &names {
            let words: Vec<&str> = name.split_whitespace().collect();
            if words.len() < 2 {
                continue;
            }
            if kind == EntityKind::Person {
                if let Some(last) = words.last() {
                    by_last.entry((kind, last)).or_default().insert(name);
                }
            } else {
                let initials: String =
                    words.iter().filter_map(|w| w.chars().next()).filter(|c| c.is_uppercase()).collect();
                if initials.chars().count() >= 2 {
                    by_initials.entry(initials).or_default().insert(name);
                }
            }
        }
        let mut renames = Renames::default();
        for &(kind, name) in &names {
            if name.contains(char::is_whitespace) {
                continue;
            }
            let candidates = match kind {
                EntityKind::Person => by_last.get(&(kind, name)),
                _ if name.chars().all(|c| c.is_uppercase() || c == '.') => {
                    by_initials.get(&name.replace('.', ""))
                }
                _ => None,
            };
            if let Some(full) = candidates.filter(|s| s.len() == 1).and_then(|s| s.iter().next()) {
                renames.insert((kind, Name::from(name)), Name::from(*full));
            }
        }
        renames
    }
}

/// Whether two lists in order share nothing.
fn disjoint(a: &[u32], b: &[u32]) -> bool {
    let (mut a, mut b) = (a.iter().peekable(), b.iter().peekable());
    while let (Some(x), Some(y)) = (a.peek(), b.peek()) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => _ = a.next(),
            std::cmp::Ordering::Greater => _ = b.next(),
            std::cmp::Ordering::Equal => return false,
        }
    }
    true
}

fn given_names_are_variants(a: &str, b: &str) -> bool {
    let given = |s: &str| -> Vec<String> {
        let words: Vec<&str> = s.split_whitespace().collect();
        words[..words.len().saturating_sub(1)].iter().map(|w| w.to_lowercase()).collect()
    };
    let (ga, gb) = (given(a), given(b));
    ga.len() == gb.len()
        && ga != gb
        && ga.iter().zip(&gb).all(|(x, y)| {
            let skeleton = consonant_skeleton(x);
            x.chars().next() == y.chars().next()
                && skeleton.len() >= 3
                && skeleton == consonant_skeleton(y)
                && edit_distance(x, y) <= 2
        })
}

/// The consonants of a word, doubled letters once: "mohammed" -> "mhmd".
fn consonant_skeleton(w: &str) -> String {
    let mut out = String::new();
    for c in w.chars().filter(|c| !matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')) {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1).min(row[j] + 1).min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

/// The corpus-wide name for a document-level one, if it has one.
pub fn full_name<'a>(renames: &'a Renames, kind: EntityKind, name: &Name) -> Option<&'a Name> {
    renames.get(&(kind, name.clone()))
}

/// Applies renames to a summary, merging the counts of names that become one; says whether
/// anything changed.
pub fn apply_to_summary(renames: &Renames, summary: &mut Summary) -> bool {
    summary.rename(|kind, name| full_name(renames, kind, name).cloned())
}

/// Applies renames to one analysis; says whether anything changed.
pub fn apply(renames: &Renames, analysis: &mut Analysis) -> bool {
    let mut changed = false;
    for e in &mut analysis.entities {
        if let Some(full) = full_name(renames, e.kind, &e.canonical) {
            e.canonical = full.clone();
            changed = true;
        }
    }
    changed
}

/// `analysis` with the corpus-wide names: the same allocation when none applies.
pub fn renamed(renames: &Renames, analysis: &Arc<Analysis>) -> Arc<Analysis> {
    if !analysis.entities.iter().any(|e| full_name(renames, e.kind, &e.canonical).is_some()) {
        return analysis.clone();
    }
    let mut copy = Analysis::clone(analysis);
    apply(renames, &mut copy);
    Arc::new(copy)
}

/// Whether `name` in lower case is `lower`, without making a lower-case copy: a common name
/// is in hundreds of thousands of articles, each with a dozen names to compare.
pub fn lower_equals(name: &str, lower: &str) -> bool {
    if name.is_ascii() {
        name.len() == lower.len() && name.bytes().zip(lower.bytes()).all(|(a, b)| a.to_ascii_lowercase() == b)
    } else {
        name.chars().flat_map(char::to_lowercase).eq(lower.chars())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::EntityMention;

    fn renames(summaries: &[&Summary]) -> Renames {
        NameBook::of(summaries).renames()
    }

    fn spelling_variants(summaries: &[&Summary]) -> Vec<(Name, Name)> {
        NameBook::of(summaries).spelling_variants()
    }

    fn with(names: &[(&str, EntityKind)]) -> Analysis {
        Analysis {
            entities: names
                .iter()
                .map(|(n, k)| EntityMention { start: 0, end: 1, kind: *k, canonical: (*n).into() })
                .collect(),
            ..Analysis::default()
        }
    }

    #[test]
    fn a_surname_joins_the_one_full_name() {
        let a = with(&[("Antony Blinken", EntityKind::Person), ("Gina Raimondo", EntityKind::Person)]);
        let mut b = with(&[("Blinken", EntityKind::Person), ("Raimondo", EntityKind::Person)]);
        let r = renames(&[&Summary::of(&a), &Summary::of(&b)]);
        assert!(apply(&r, &mut b));
        let mut summary =
            Summary::of(&with(&[("Blinken", EntityKind::Person), ("Antony Blinken", EntityKind::Person)]));
        assert!(apply_to_summary(&r, &mut summary));
        assert_eq!(summary.entities.len(), 1, "two names for one person become one entry");
        assert_eq!(summary.entities[0].mentions, 2);
        let names: Vec<&str> = b.entities.iter().map(|e| &*e.canonical).collect();
        assert_eq!(names, vec!["Antony Blinken", "Gina Raimondo"]);
    }

    #[test]
    fn an_ambiguous_surname_stays() {
        let a = with(&[("George Bush", EntityKind::Person), ("Laura Bush", EntityKind::Person)]);
        let b = with(&[("Bush", EntityKind::Person)]);
        assert!(renames(&[&Summary::of(&a), &Summary::of(&b)]).is_empty());
    }

    fn person(name: &str, mentions: u32) -> Summary {
        Summary::of(&with(&vec![(name, EntityKind::Person); mentions as usize]))
    }

    #[test]
    fn a_rarer_transliteration_joins_the_main_spelling() {
        let (a, b, c) = (person("Mahmoud Abbas", 3), person("Mahmoud Abbas", 2), person("Mahmud Abbas", 2));
        let r = renames(&[&a, &b, &c]);
        let mut doc = with(&[("Mahmud Abbas", EntityKind::Person)]);
        assert!(apply(&r, &mut doc));
        assert_eq!(&*doc.entities[0].canonical, "Mahmoud Abbas");
        let surname = person("Abbas", 1);
        assert_eq!(r.len(), 1);
        let r = renames(&[&a, &b, &c, &surname]);
        assert_eq!(r.get(&(EntityKind::Person, Name::from("Abbas"))).map(|n| &**n), Some("Mahmoud Abbas"));
        let (d, e) = (person("Muhammad Ali", 5), person("Mohammed Ali", 1));
        assert_eq!(spelling_variants(&[&d, &e]), [(Name::from("Mohammed Ali"), Name::from("Muhammad Ali"))]);
    }

    #[test]
    fn distinct_people_with_one_surname_stay_apart() {
        for (main, other) in
            [("George Bush", "Laura Bush"), ("Mark Smith", "Mary Smith"), ("Dan Brown", "Don Brown")]
        {
            let (a, b) = (person(main, 10), person(other, 1));
            assert!(spelling_variants(&[&a, &b]).is_empty(), "{main} / {other}");
        }
    }

    /// An article naming "Mahmoud Abbas" four times and "Mahmud Abbas" once.
    fn naming_both() -> Summary {
        let mut both = with(&[("Mahmoud Abbas", EntityKind::Person); 4]);
        both.entities.push(EntityMention {
            start: 0,
            end: 1,
            kind: EntityKind::Person,
            canonical: "Mahmud Abbas".into(),
        });
        Summary::of(&both)
    }

    #[test]
    fn variants_need_a_clear_majority_and_separate_articles() {
        let (a, b) = (person("Mahmoud Abbas", 3), person("Mahmud Abbas", 2));
        assert!(spelling_variants(&[&a, &b]).is_empty(), "3 against 2 is no clear majority");
        assert!(spelling_variants(&[&naming_both()]).is_empty(), "one article names both: two people");
    }

    /// Whether two spellings share an article is found across many articles, whichever
    /// comes first.
    #[test]
    fn spellings_that_share_any_article_are_two_people() {
        let main = person("Mahmoud Abbas", 5);
        let rare = person("Mahmud Abbas", 1);
        let both = naming_both();
        assert_eq!(spelling_variants(&[&main, &rare, &main]).len(), 1, "apart: one person");
        assert!(spelling_variants(&[&main, &rare, &main, &both]).is_empty());
        assert!(spelling_variants(&[&both, &main, &rare, &main]).is_empty());
        assert!(disjoint(&[1, 4, 9], &[2, 3, 10]));
        assert!(!disjoint(&[1, 4, 9], &[2, 9]));
        assert!(disjoint(&[], &[2]));
    }

    #[test]
    fn an_acronym_joins_the_organization_it_spells() {
        let a = with(&[("Economic Policy Consultative Committee", EntityKind::Organization)]);
        let mut b = with(&[("EPCC", EntityKind::Organization)]);
        assert!(apply(&renames(&[&Summary::of(&a), &Summary::of(&b)]), &mut b));
        assert_eq!(&*b.entities[0].canonical, "Economic Policy Consultative Committee");
        // Two organizations spelled by the same initials: the acronym stays as it is.
        let other = with(&[("European Patent Cooperation Council", EntityKind::Organization)]);
        let mut c = with(&[("EPCC", EntityKind::Organization)]);
        let both = renames(&[&Summary::of(&a), &Summary::of(&other), &Summary::of(&c)]);
        assert!(!apply(&both, &mut c), "{both:?}");
    }

    #[test]
    fn names_compare_in_lower_case_as_to_lowercase_does() {
        for (name, lower) in
            [("Hong Kong", "hong kong"), ("ÉLYSÉE Palace", "élysée palace"), ("Straße", "straße")]
        {
            assert!(lower_equals(name, lower), "{name}");
            assert_eq!(name.to_lowercase(), lower);
        }
        assert!(!lower_equals("Hong Kong", "hong kon"));
        assert!(!lower_equals("Hong Kong", "hong kongs"));
        assert!(!lower_equals("Élysée", "elysee"), "accents count");
        assert!(lower_equals("\u{212A}elvin", "kelvin"), "a sign that lowers to an ASCII letter");
    }
}
