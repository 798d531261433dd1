//! The corpus-wide tables built from every article's summary: the timeline's events in
//! calendar order, the entity pane's counts and an entity's companions. For a million articles
//! the timeline takes a second and a half and the counts a fifth of a second, so the interface
//! asks a thread of its own for them ([`TableRequest`]) and takes in the answers when they come;
//! these are the pure functions that thread runs.

use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::EntityStat;
use super::matches::IdSet;
use crate::analysis::timeline::{self, TimelineEvent};
use crate::analysis::{EntityKind, Name, Summary, copy_of};
use crate::corpus::Places;

/// Every article's summary, by id, as the state holds them: shared, so that a request takes
/// them without a copy.
pub type Summaries = Arc<Vec<Arc<Summary>>>;

/// An entity as the pane names it: its name and kind.
pub type EntityKey = (String, EntityKind);

/// Work asked of the tables thread.
#[derive(Debug, Clone)]
pub enum TableRequest {
    /// Every event of the corpus in calendar order; brought up to date from the timeline
    /// `before` the corpus changed, if there is one.
    Timeline { generation: u64, summaries: Summaries, places: Places, before: Option<PreviousTimeline> },
    /// The timeline's rows: the events a filter and a scope keep.
    Rows { generation: u64, wanted: super::timeline_rows::RowsWanted },
    /// The entity table of the articles `within` lets through (`None`: all of them); with
    /// `names`, also how many articles of the whole corpus name each name.
    Entities { generation: u64, summaries: Summaries, within: Option<IdSet>, names: bool },
    /// The names found in the same articles as `entity`, among those `within` lets through.
    SeenWith { generation: u64, summaries: Summaries, within: Option<IdSet>, entity: EntityKey },
}

/// The timeline shown before the corpus changed, and the summaries it was built from.
#[derive(Debug, Clone)]
pub struct PreviousTimeline {
    pub events: Arc<Vec<TimelineEvent>>,
    pub summaries: Summaries,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TableResponse {
    Timeline {
        generation: u64,
        events: Vec<TimelineEvent>,
    },
    Rows {
        generation: u64,
        rows: crate::analysis::timeline::Rows,
    },
    Entities {
        generation: u64,
        table: Vec<EntityStat>,
        articles_with: Option<FxHashMap<String, u32>>,
    },
    SeenWith {
        generation: u64,
        entity: EntityKey,
        names: Vec<(String, usize)>,
    },
    /// The work failed (an internal error): why.
    Failed(String),
}

/// Up to this many entities asked about are looked for name by name, not by hashing.
const FEW: usize = 4;

/// Names listed as seen with an entity in the pane.
pub const SEEN_WITH_SHOWN: usize = 12;

/// Works out what `request` asks.
pub fn answer(request: TableRequest) -> TableResponse {
    match request {
        TableRequest::Timeline { generation, summaries, places, before } => {
            let events = match before {
                Some(before) => timeline::update(before.events, &before.summaries, &summaries, &places),
                None => timeline::build(&summaries, &places),
            };
            TableResponse::Timeline { generation, events }
        }
        TableRequest::Rows { generation, wanted } => {
            TableResponse::Rows { generation, rows: super::timeline_rows::select(&wanted) }
        }
        TableRequest::Entities { generation, summaries, within, names } => {
            let tallies = tally(&summaries, within.as_ref());
            // Unfiltered, the table's tally is the whole corpus's: it is not taken twice.
            let articles_with = names.then(|| match within {
                None => names_of(&tallies),
                Some(_) => articles_per_name(&summaries),
            });
            TableResponse::Entities { generation, table: table_of(&tallies), articles_with }
        }
        TableRequest::SeenWith { generation, summaries, within, entity } => {
            let names =
                seen_with_each(&summaries, within.as_ref(), std::slice::from_ref(&entity), SEEN_WITH_SHOWN)
                    .pop()
                    .unwrap_or_default();
            TableResponse::SeenWith { generation, entity, names }
        }
    }
}

/// What the summaries say of one copy of a name, of one kind: its text, its mentions and how
/// many articles name it.
struct Tally<'a> {
    name: &'a str,
    mentions: usize,
    articles: usize,
}

/// Each copy of a name of each kind, tallied over the articles `within` lets through. By copy
/// (its address): the loading pipeline shares one copy of each name, so this spares hashing
/// ten million names' texts, and the callers merge the copies of a name by text afterwards.
/// Counts only: lists of article ids for every name of a million articles took longer to
/// build than to count. The cores tally stretches of the corpus each, and their tallies are
/// added up. A summary names each entity once, so an entity of a summary is one article.
fn tally<'a>(
    summaries: &'a [Arc<Summary>],
    within: Option<&IdSet>,
) -> FxHashMap<(usize, EntityKind), Tally<'a>> {
    type Tallies<'a> = FxHashMap<(usize, EntityKind), Tally<'a>>;
    let add = |into: &mut Tallies<'a>, key, name: &'a str, mentions, articles| {
        let entry = into.entry(key).or_insert(Tally { name, mentions: 0, articles: 0 });
        entry.mentions += mentions;
        entry.articles += articles;
    };
    summaries
        .par_iter()
        .enumerate()
        .filter(|&(id, _)| within.is_none_or(|m| m.contains(id as u32)))
        .fold(Tallies::default, |mut tallies, (_, summary)| {
            for e in &summary.entities {
                add(&mut tallies, (copy_of(&e.name), e.kind), &e.name, e.mentions as usize, 1);
            }
            tallies
        })
        .reduce(Tallies::default, |a, b| {
            let (mut into, from) = if a.len() >= b.len() { (a, b) } else { (b, a) };
            for (key, t) in from {
                add(&mut into, key, t.name, t.mentions, t.articles);
            }
            into
        })
}

/// Each entity's mentions and articles across the articles `within` lets through: people
/// first, then the most widespread first.
pub fn entity_table(summaries: &[Arc<Summary>], within: Option<&IdSet>) -> Vec<EntityStat> {
    table_of(&tally(summaries, within))
}

fn table_of(tallies: &FxHashMap<(usize, EntityKind), Tally<'_>>) -> Vec<EntityStat> {
    let mut stats: FxHashMap<(&str, EntityKind), (usize, usize)> = FxHashMap::default();
    for (&(_, kind), t) in tallies {
        let entry = stats.entry((t.name, kind)).or_default();
        entry.0 += t.mentions;
        entry.1 += t.articles;
    }
    let mut table: Vec<EntityStat> = stats
        .into_iter()
        .map(|((name, kind), (mentions, articles))| EntityStat {
            name: name.to_string(),
            kind,
            mentions,
            articles,
        })
        .collect();
    table.sort_by(|a, b| {
        a.kind
            .cmp(&b.kind)
            .then(b.articles.cmp(&a.articles))
            .then(b.mentions.cmp(&a.mentions))
            .then(a.name.cmp(&b.name))
    });
    table
}

/// How many articles of the whole corpus mention each name (of any kind): what makes a name
/// telling when related articles are ranked.
pub fn articles_per_name(summaries: &[Arc<Summary>]) -> FxHashMap<String, u32> {
    names_of(&tally(summaries, None))
}

/// The articles per name of a tally of the whole corpus.
fn names_of(tallies: &FxHashMap<(usize, EntityKind), Tally<'_>>) -> FxHashMap<String, u32> {
    let mut counts: FxHashMap<String, u32> = FxHashMap::default();
    for t in tallies.values() {
        *counts.entry(t.name.to_string()).or_default() += t.articles as u32;
    }
    counts
}

/// For each of `entities`, the other names found in the articles that mention it (among those
/// `within` lets through), with how many articles each shares with it, the most shared first,
/// at most `limit`. One pass over the summaries, however many entities are asked about (an
/// export asks about every one).
pub fn seen_with_each(
    summaries: &[Arc<Summary>],
    within: Option<&IdSet>,
    entities: &[EntityKey],
    limit: usize,
) -> Vec<Vec<(String, usize)>> {
    let wanted: FxHashMap<(&str, EntityKind), usize> =
        entities.iter().enumerate().map(|(i, (name, kind))| ((name.as_str(), *kind), i)).collect();
    // The pane asks about one entity: comparing names is quicker than hashing every name of
    // a million articles (a third quicker in all).
    let find = |name: &str, kind: EntityKind| -> Option<usize> {
        if entities.len() <= FEW {
            entities.iter().position(|(n, k)| *k == kind && n == name)
        } else {
            wanted.get(&(name, kind)).copied()
        }
    };
    // First the articles of each entity, then each entity's companions in turn with one
    // table: a table per entity at once took three times the memory of the corpus.
    let mut articles_of: Vec<Vec<u32>> = vec![Vec::new(); entities.len()];
    for (id, summary) in summaries.iter().enumerate() {
        if within.is_some_and(|m| !m.contains(id as u32)) {
            continue;
        }
        for i in summary.entities.iter().filter_map(|e| find(&e.name, e.kind)) {
            articles_of[i].push(id as u32);
        }
    }
    // By copy of the name, as in `entity_table`, then merged by text.
    let mut by_copy: FxHashMap<usize, (&str, usize)> = FxHashMap::default();
    let mut names: Vec<&Name> = Vec::new();
    articles_of
        .iter()
        .zip(entities)
        .map(|(ids, (own, _))| {
            by_copy.clear();
            for summary in ids.iter().filter_map(|&id| summaries.get(id as usize)) {
                // Entities are sorted by name, so a name of two kinds comes twice in a row:
                // counted once.
                names.clear();
                names.extend(summary.entities.iter().map(|e| &e.name));
                names.dedup();
                for &name in names.iter().filter(|&&n| **n != **own) {
                    by_copy.entry(copy_of(name)).or_insert((name, 0)).1 += 1;
                }
            }
            let mut by_name: FxHashMap<&str, usize> = FxHashMap::default();
            for &(name, n) in by_copy.values() {
                *by_name.entry(name).or_default() += n;
            }
            let mut list: Vec<(&str, usize)> = by_name.into_iter().collect();
            list.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            // Only the kept ones are copied: a list per entity as long as its companions
            // held 88 MB for an export of 20,000 articles.
            list.into_iter().take(limit).map(|(n, c)| (n.to_string(), c)).collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::NameCount;
    use crate::app::Matches;
    use crate::index::Hit;

    fn summary(names: &[(&str, EntityKind, u32)]) -> Arc<Summary> {
        let mut entities: Vec<NameCount> = names
            .iter()
            .map(|&(n, kind, mentions)| NameCount { name: Name::from(n), kind, mentions })
            .collect();
        entities.sort_by(|a, b| (&a.name, a.kind).cmp(&(&b.name, b.kind)));
        let mut summary = Summary::default();
        summary.entities = entities;
        Arc::new(summary)
    }

    fn corpus() -> Vec<Arc<Summary>> {
        use EntityKind::*;
        vec![
            summary(&[("Hagiuda", Person, 3), ("Tokyo", Place, 1), ("Japan", Place, 2)]),
            summary(&[("Hagiuda", Person, 1), ("Japan", Place, 1), ("Japan", Nationality, 4)]),
            summary(&[("Raimondo", Person, 2), ("Japan", Place, 1)]),
            summary(&[]),
        ]
    }

    fn within(ids: &[u32]) -> IdSet {
        Matches::new(ids.iter().map(|&id| Hit { id, score: 1.0 }).collect(), &Default::default())
            .ids()
            .clone()
    }

    fn row(table: &[EntityStat], name: &str, kind: EntityKind) -> (usize, usize) {
        table.iter().find(|e| e.name == name && e.kind == kind).map(|e| (e.articles, e.mentions)).unwrap()
    }

    #[test]
    fn the_table_counts_articles_and_mentions_of_the_articles_let_through() {
        let all = entity_table(&corpus(), None);
        assert_eq!(row(&all, "Japan", EntityKind::Place), (3, 4));
        assert_eq!(row(&all, "Hagiuda", EntityKind::Person), (2, 4));
        let kinds: Vec<EntityKind> = all.iter().map(|e| e.kind).collect();
        assert!(kinds.is_sorted(), "grouped by kind, people first: {kinds:?}");
        assert_eq!(all[0].name, "Hagiuda", "the most widespread person first");
        let some = entity_table(&corpus(), Some(&within(&[1, 2])));
        assert_eq!(row(&some, "Hagiuda", EntityKind::Person), (1, 1));
        assert_eq!(row(&some, "Japan", EntityKind::Place), (2, 2));
        assert!(some.iter().all(|e| e.name != "Tokyo"), "article 0 is filtered out");
    }

    #[test]
    fn names_are_counted_per_article_whatever_their_kind() {
        let counts = articles_per_name(&corpus());
        assert_eq!(counts.get("Hagiuda"), Some(&2));
        // Article 1 names Japan as a place and as a nationality: two entities of one name.
        assert_eq!(counts.get("Japan"), Some(&4));
        assert_eq!(counts.get("Raimondo"), Some(&1));
    }

    /// The one-pass count agrees with asking about each entity on its own.
    #[test]
    fn seen_with_counts_shared_articles_for_every_entity_asked_about() {
        let summaries = corpus();
        let keys: Vec<EntityKey> =
            entity_table(&summaries, None).into_iter().map(|e| (e.name, e.kind)).collect();
        let together = seen_with_each(&summaries, None, &keys, 10);
        for (key, list) in keys.iter().zip(&together) {
            assert_eq!(list, &seen_with_each(&summaries, None, std::slice::from_ref(key), 10)[0]);
        }
        let hagiuda = &together[keys.iter().position(|k| k.0 == "Hagiuda").unwrap()];
        assert_eq!(hagiuda, &[("Japan".to_string(), 2), ("Tokyo".to_string(), 1)], "Japan once per article");
        let filtered = seen_with_each(&summaries, Some(&within(&[1])), &keys[..1], 10);
        assert_eq!(filtered[0], [("Japan".to_string(), 1)]);
        let capped = seen_with_each(&summaries, None, &[("Japan".to_string(), EntityKind::Place)], 1);
        assert_eq!(capped[0], [("Hagiuda".to_string(), 2)], "most shared first, at most the limit");
    }

    #[test]
    fn an_answer_carries_its_request_s_generation() {
        let summaries: Summaries = Arc::new(corpus());
        let entity = ("Raimondo".to_string(), EntityKind::Person);
        let answer =
            answer(TableRequest::SeenWith { generation: 9, summaries, within: None, entity: entity.clone() });
        assert_eq!(
            answer,
            TableResponse::SeenWith { generation: 9, entity, names: vec![("Japan".to_string(), 1)] }
        );
    }
}
