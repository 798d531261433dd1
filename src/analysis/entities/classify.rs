//! Classification: the learned model gives each candidate a kind, or none, and one string
//! keeps one kind across a document.

use super::context::Ctx;
use super::features::{self, DocEvidence};
use super::model::{self, Label, Model, N_LABELS};
use super::segment::{Candidate, Rule};

/// A candidate with the model's decision.
#[derive(Debug, Clone)]
pub struct Decided {
    pub cand: Candidate,
    pub label: Label,
}

/// A decisive rule's candidate keeps its own decision and does not sway the others.
fn votes(rule: Rule) -> bool {
    !rule.decisive()
}

/// Classifies every candidate, then lets all the uses of a string vote: "Apple" at a
/// sentence start is as much a company as "Apple" in mid-sentence.
pub fn classify(ctx: &Ctx, model: &Model, mut cands: Vec<Candidate>) -> Vec<Decided> {
    let ev = DocEvidence::gather(ctx, &cands);
    ev.retarget(ctx, &mut cands);
    // Name features are scored once per name and rule; only the context is per use.
    let mut by_name: Vec<Option<(Rule, bool, [f32; N_LABELS])>> = vec![None; ev.names()];
    let probs: Vec<[f32; N_LABELS]> = cands
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if c.rule.decisive() {
                let mut p = [0.0; N_LABELS];
                p[Label::of_kind(c.hint).index()] = 1.0;
                return p;
            }
            let slot = ev.ids.get(i).and_then(|&id| by_name.get_mut(id as usize));
            let part = features::part_of_word(ctx, c);
            let base = match slot {
                Some(Some((rule, p, scores))) if *rule == c.rule && *p == part => *scores,
                Some(slot) => {
                    let mut scorer = model.scorer();
                    features::extract_name(ctx, &ev, i, c, &mut scorer);
                    *slot = Some((c.rule, part, scorer.scores()));
                    scorer.scores()
                }
                None => {
                    let mut scorer = model.scorer();
                    features::extract_name(ctx, &ev, i, c, &mut scorer);
                    scorer.scores()
                }
            };
            let mut scorer = model.scorer_from(base);
            features::extract_context(ctx, c, &mut scorer);
            scorer.probabilities()
        })
        .collect();
    let mut tally: Vec<[f32; N_LABELS]> = vec![[0.0; N_LABELS]; ev.names()];
    for ((c, p), &id) in cands.iter().zip(&probs).zip(&ev.ids) {
        if let Some(v) = tally.get_mut(id as usize).filter(|_| votes(c.rule)) {
            for (sum, x) in v.iter_mut().zip(p) {
                *sum += x;
            }
        }
    }
    let voted: Vec<[f32; N_LABELS]> = cands
        .iter()
        .zip(&probs)
        .zip(&ev.ids)
        .map(|((c, p), &id)| match tally.get(id as usize) {
            Some(v) if votes(c.rule) => *v,
            _ => *p,
        })
        .collect();
    cands.into_iter().zip(voted).map(|(cand, v)| Decided { cand, label: model::argmax(&v) }).collect()
}
