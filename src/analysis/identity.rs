//! Entity identity across the corpus: mentions of one entity get one canonical name, so that
//! counts, filters and related-article scores count entities, not strings.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::{Analysis, EntityKind, Summary};

/// Renames from a document-level canonical name to the corpus-wide one.
pub type Renames = HashMap<(EntityKind, Arc<str>), Arc<str>>;

/// A short name takes the one longer name of the same kind it can stand for anywhere in the
/// corpus: "Blinken" becomes "Antony Blinken" when no other Blinken is known, and an acronym
/// such as "EPCC" the one organization whose initials spell it. Ambiguous names stay as they are.
pub fn renames(summaries: &[&Summary]) -> Renames {
    let mut names: HashSet<(EntityKind, &str)> = HashSet::new();
    for s in summaries {
        for e in &s.entities {
            if matches!(e.kind, EntityKind::Person | EntityKind::Organization) {
                names.insert((e.kind, &*e.name));
            }
        }
    }
    let mut by_last: HashMap<(EntityKind, &str), HashSet<&str>> = HashMap::new();
    let mut by_initials: HashMap<String, HashSet<&str>> = HashMap::new();
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
    let mut renames = Renames::new();
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
            renames.insert((kind, Arc::from(name)), Arc::from(*full));
        }
    }
    renames
}

/// The corpus-wide name for a document-level one, if it has one.
pub fn full_name<'a>(renames: &'a Renames, kind: EntityKind, name: &Arc<str>) -> Option<&'a Arc<str>> {
    renames.get(&(kind, Arc::clone(name)))
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
            e.canonical = Arc::clone(full);
            changed = true;
        }
    }
    changed
}

/// `analysis` with the corpus-wide names: the same allocation when none applies.
pub fn renamed(renames: &Renames, analysis: &Arc<Analysis>) -> Arc<Analysis> {
    if !analysis.entities.iter().any(|e| full_name(renames, e.kind, &e.canonical).is_some()) {
        return Arc::clone(analysis);
    }
    let mut copy = Analysis::clone(analysis);
    apply(renames, &mut copy);
    Arc::new(copy)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::EntityMention;

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

    #[test]
    fn an_acronym_joins_the_organization_it_spells() {
        let a = with(&[("Economic Policy Consultative Committee", EntityKind::Organization)]);
        let mut b = with(&[("EPCC", EntityKind::Organization)]);
        assert!(apply(&renames(&[&Summary::of(&a), &Summary::of(&b)]), &mut b));
        assert_eq!(&*b.entities[0].canonical, "Economic Policy Consultative Committee");
    }
}
