//! Articles related to an article: more-like-this over the words, re-ranked by the entities
//! the two articles share, each with the reason it is related.

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;

use crate::analysis::{EntityKind, Summary};

/// How much one shared entity adds, relative to the best word-similarity score.
const ENTITY_WEIGHT: f32 = 0.15;
/// How many reasons are named.
const MAX_REASONS: usize = 3;
/// Shared names counted in the score.
const MAX_SHARED_COUNTED: usize = 10;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Related {
    pub id: u32,
    pub score: f32,
    pub reason: String,
}

/// The entities worth sharing: names, not sums of money or percentages.
fn names(summary: &Summary) -> BTreeMap<&str, usize> {
    let mut counts = BTreeMap::new();
    for e in &summary.entities {
        if matches!(
            e.kind,
            EntityKind::Person | EntityKind::Organization | EntityKind::Place | EntityKind::Nationality
        ) {
            *counts.entry(&*e.name).or_insert(0) += e.mentions as usize;
        }
    }
    counts
}

/// How an article's names are weighed: how many articles of the corpus mention a name, and
/// how many articles there are. A name every article shares says nothing about two of them.
pub struct Rarity<'a> {
    pub articles_with: &'a dyn Fn(&str) -> usize,
    pub articles: usize,
}

impl Rarity<'_> {
    /// From 1 for a name only these two articles share, towards 0 for one that all share.
    fn weight(&self, name: &str) -> f32 {
        let n = self.articles.max(2) as f32;
        let df = ((self.articles_with)(name).max(1) as f32).min(n);
        (n / df).ln() / n.ln()
    }
}

/// Re-ranks word-similarity hits (`(article, score)`) with the entities they share with
/// `base`; each comes with its reason, the most telling (rarest) shared names first. The hits
/// come best first; equal scores stay in their order. `summary_of` gives an article's summary.
pub fn rank<'a>(
    base: &Summary,
    hits: &[(u32, f32)],
    summary_of: impl Fn(u32) -> Option<&'a Summary>,
    rarity: &Rarity,
    limit: usize,
) -> Vec<Related> {
    let base_names = names(base);
    let top = hits.iter().map(|h| h.1).fold(f32::MIN, f32::max).max(f32::EPSILON);
    let mut ranked: Vec<Related> = hits
        .iter()
        .map(|&(id, word_score)| {
            let other: HashSet<&str> =
                summary_of(id).map(|a| names(a).into_keys().collect()).unwrap_or_default();
            let mut shared: Vec<(&str, usize, f32)> = base_names
                .iter()
                .filter(|(n, _)| other.contains(**n))
                .map(|(n, c)| (*n, *c, rarity.weight(n)))
                .collect();
            shared.sort_by(|a, b| b.2.total_cmp(&a.2).then(b.1.cmp(&a.1)).then(a.0.cmp(b.0)));
            let score = word_score / top + ENTITY_WEIGHT * shared.len().min(MAX_SHARED_COUNTED) as f32;
            let reason = if shared.is_empty() {
                "similar wording".to_string()
            } else {
                let named: Vec<&str> = shared.iter().take(MAX_REASONS).map(|(n, _, _)| *n).collect();
                let more = shared.len().saturating_sub(MAX_REASONS);
                if more > 0 {
                    format!("shares {} and {more} more", named.join(", "))
                } else {
                    format!("shares {}", named.join(", "))
                }
            };
            Related { id, score, reason }
        })
        .collect();
    // Stable: equal scores keep the order the hits came in (by wording, then by the articles'
    // places in the folder), which a fresh index and an updated one agree on; ids do not.
    ranked.sort_by(|a, b| b.score.total_cmp(&a.score));
    ranked.truncate(limit);
    ranked
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Analysis, EntityMention};

    fn analysis(names: &[&str]) -> Summary {
        Summary::of(&Analysis {
            entities: names
                .iter()
                .map(|n| EntityMention { start: 0, end: 1, kind: EntityKind::Person, canonical: (*n).into() })
                .collect(),
            ..Analysis::default()
        })
    }

    #[test]
    fn shared_entities_lift_a_hit_and_name_the_reason() {
        let base = analysis(&["Antony Blinken", "Koichi Hagiuda"]);
        let others = [analysis(&[]), analysis(&["Koichi Hagiuda", "Antony Blinken"])];
        let hits = [(0, 10.0), (1, 9.0)];
        let everyone = |_: &str| 1;
        let rarity = Rarity { articles_with: &everyone, articles: 100 };
        let r = rank(&base, &hits, |id| others.get(id as usize), &rarity, 5);
        assert_eq!(r[0].id, 1);
        assert_eq!(r[0].reason, "shares Antony Blinken, Koichi Hagiuda");
        assert_eq!(r[1].reason, "similar wording");
    }

    /// Issue 10.7: the reasons lead with the names few articles share.
    #[test]
    fn the_rarest_shared_names_come_first() {
        let base = analysis(&["Japan", "United States", "China", "Koichi Hagiuda", "Gina Raimondo"]);
        let other = analysis(&["Japan", "United States", "China", "Koichi Hagiuda", "Gina Raimondo"]);
        let df = |name: &str| match name {
            "Koichi Hagiuda" => 2,
            "Gina Raimondo" => 3,
            _ => 50,
        };
        let rarity = Rarity { articles_with: &df, articles: 50 };
        let r = rank(&base, &[(1, 1.0)], |_| Some(&other), &rarity, 5);
        assert_eq!(r[0].reason, "shares Koichi Hagiuda, Gina Raimondo, China and 2 more");
    }
}
