//! The articles a filter lets through, with their scores.

use std::sync::Arc;

use crate::index::Hit;

/// A set of article ids, a bit per id: what the views test, ten million times for a
/// timeline, and at an eighth of a byte an article it stays in the processor's cache. Shared,
/// so that work sent to another thread takes it without a copy.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IdSet(Arc<[u64]>);

impl IdSet {
    pub fn contains(&self, id: u32) -> bool {
        self.0.get(id as usize / 64).is_some_and(|word| word & (1 << (id % 64)) != 0)
    }
}

/// A filter's matches. The views check every article and every timeline event against them,
/// hundreds of thousands of times for a large corpus, so a match is looked up by indexing a
/// vector of scores by article id rather than by hashing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Matches {
    /// By article id; NaN where the article does not match.
    scores: Vec<f32>,
    /// The matching ids.
    ids: IdSet,
    /// The matching ids, best first (ties by place).
    ranked: Vec<u32>,
}

impl Matches {
    /// The matches `hits`, ranked as the worker ranks them, ties by `places`.
    pub fn new(mut hits: Vec<Hit>, places: &crate::corpus::Places) -> Matches {
        // The worker sends them ranked already, and sorting a sorted list is one pass.
        hits.sort_unstable_by_key(|h| h.rank_among(places));
        let len = hits.iter().map(|h| h.id as usize + 1).max().unwrap_or(0);
        let mut scores = vec![f32::NAN; len];
        let mut bits = vec![0u64; len.div_ceil(64)];
        let mut ranked = Vec::with_capacity(hits.len());
        for h in hits {
            // An article listed twice keeps its better score.
            if scores[h.id as usize].is_nan() {
                scores[h.id as usize] = h.score.max(0.0);
                bits[h.id as usize / 64] |= 1 << (h.id % 64);
                ranked.push(h.id);
            }
        }
        Matches { scores, ids: IdSet(bits.into()), ranked }
    }

    pub fn contains(&self, id: u32) -> bool {
        self.ids.contains(id)
    }

    /// The matching ids as a set.
    pub fn ids(&self) -> &IdSet {
        &self.ids
    }

    pub fn score(&self, id: u32) -> Option<f32> {
        self.scores.get(id as usize).copied().filter(|s| !s.is_nan())
    }

    /// The matching ids, best first.
    pub fn ranked(&self) -> &[u32] {
        &self.ranked
    }

    pub fn len(&self) -> usize {
        self.ranked.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ranked.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_rank_best_first_and_look_up_by_id() {
        let hits = vec![
            Hit { id: 7, score: 1.0 },
            Hit { id: 2, score: 3.5 },
            Hit { id: 9, score: 1.0 },
            Hit { id: 4, score: 0.0 },
            Hit { id: 7, score: 0.5 },
        ];
        let m = Matches::new(hits, &Default::default());
        assert_eq!(m.ranked(), &[2, 7, 9, 4]);
        assert_eq!(m.score(2), Some(3.5));
        assert_eq!(m.score(7), Some(1.0), "an article listed twice keeps its better score");
        assert_eq!(m.score(4), Some(0.0), "a zero score still matches");
        assert!(!m.contains(3), "a gap between ids is not a match");
        assert!(!m.contains(10), "nor an id past the last match");
        assert!(!m.contains(u32::MAX));
        assert!((0..20).filter(|&id| m.contains(id)).eq([2, 4, 7, 9]));
        assert_eq!(m.len(), 4);
        assert!(Matches::default().is_empty());
    }
}
