//! Training the type decision (used by `examples/train_entities.rs`): training examples from
//! annotated text, the corpus readers, and a multinomial logistic regression trainer.

use std::collections::BTreeMap;

use super::context::Ctx;
use super::features::{self, DocEvidence};
use super::model::{self as m};
pub use super::model::{LABELS, Label, MODEL_ENV, N_LABELS};
use super::{Recognizer, candidates, tokens};

/// A gold mention: byte offsets and its type (PER, ORG, LOC; anything else is neutral).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldSpan {
    pub start: usize,
    pub end: usize,
    pub kind: String,
}

/// One candidate of an annotated text: its features and the label the gold gives it.
#[derive(Debug, Clone)]
pub struct Example {
    pub features: Vec<String>,
    pub label: Label,
    pub text: String,
}

fn gold_label(gold: &[GoldSpan], start: usize, end: usize) -> Option<Label> {
    let overlap = |g: &GoldSpan| g.start < end && start < g.end;
    let mut best: Option<(usize, &GoldSpan)> = None;
    for g in gold.iter().filter(|g| overlap(g)) {
        let shared = g.end.min(end) - g.start.max(start);
        if best.is_none_or(|(s, _)| shared > s) {
            best = Some((shared, g));
        }
    }
    match best {
        None => Some(Label::None),
        Some((_, g)) => match g.kind.as_str() {
            "PER" => Some(Label::Person),
            "ORG" => Some(Label::Organization),
            "LOC" => Some(Label::Place),
            // A product or a sum of money: the scorer counts nothing there, so neither do we.
            _ => None,
        },
    }
}

impl Recognizer {
    /// The candidates of `text` before byte `scored_until`, labelled from `gold`. A
    /// candidate no gold mention overlaps is `None`, or a nationality when the demonym list
    /// says so (the corpora do not annotate nationalities).
    pub fn training_examples(&self, text: &str, gold: &[GoldSpan], scored_until: usize) -> Vec<Example> {
        let toks = tokens::tokenize(text);
        let ctx = Ctx::new(text, &toks, &self.lexicon);
        let cands = candidates(&ctx);
        let mut cands = cands;
        let ev = DocEvidence::gather(&ctx, &cands);
        ev.retarget(&ctx, &mut cands);
        let mut out = Vec::new();
        for (i, c) in cands.iter().enumerate() {
            if c.end > scored_until || c.rule.decisive() {
                continue;
            }
            let Some(mut label) = gold_label(gold, c.start, c.end) else {
                continue;
            };
            if label == Label::None && ctx.lex.demonym(c.name(text)) {
                label = Label::Nationality;
            }
            let mut feats: Vec<String> = Vec::new();
            features::extract(&ctx, &ev, i, c, &mut feats);
            out.push(Example { features: feats, label, text: c.name(text).to_string() });
        }
        out
    }
}

/// Documents of a UNER IOB2 file (`index<TAB>token<TAB>tag`, `# text = ...` before each
/// sentence, `# newdoc` between documents): each document's text, its sentences one per line,
/// and its gold spans. Tokens not found in the sentence text are skipped.
pub fn read_iob2(content: &str) -> Vec<(String, Vec<GoldSpan>)> {
    let mut docs: Vec<(String, Vec<GoldSpan>)> = Vec::new();
    let mut text = String::new();
    let mut spans: Vec<GoldSpan> = Vec::new();
    let mut sentence = String::new();
    let mut base = 0;
    let mut cursor = 0;
    let mut open: Option<GoldSpan> = None;
    let close = |open: &mut Option<GoldSpan>, spans: &mut Vec<GoldSpan>| {
        if let Some(s) = open.take() {
            spans.push(s);
        }
    };
    for line in content.lines() {
        if line.starts_with("# newdoc") {
            close(&mut open, &mut spans);
            if !text.is_empty() {
                docs.push((std::mem::take(&mut text), std::mem::take(&mut spans)));
            }
            continue;
        }
        if let Some(s) = line.strip_prefix("# text = ") {
            close(&mut open, &mut spans);
            if !text.is_empty() {
                text.push('\n');
            }
            base = text.len();
            sentence = s.to_string();
            text.push_str(s);
            cursor = 0;
            continue;
        }
        if line.starts_with('#') || line.trim().is_empty() {
            close(&mut open, &mut spans);
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let (Some(token), Some(tag)) = (cols.get(1), cols.get(2)) else {
            continue;
        };
        let Some(found) = sentence.get(cursor..).and_then(|rest| rest.find(token)) else {
            close(&mut open, &mut spans);
            continue;
        };
        let start = base + cursor + found;
        let end = start + token.len();
        cursor += found + token.len();
        match (tag.split_once('-'), open.as_mut()) {
            (Some(("I", kind)), Some(o)) if o.kind == kind => o.end = end,
            (Some((_, kind)), _) => {
                close(&mut open, &mut spans);
                open = Some(GoldSpan { start, end, kind: kind.to_string() });
            }
            (None, _) => close(&mut open, &mut spans),
        }
    }
    close(&mut open, &mut spans);
    if !text.is_empty() {
        docs.push((text, spans));
    }
    docs
}

/// How the trainer runs.
#[derive(Debug, Clone, Copy)]
pub struct TrainOptions {
    pub epochs: usize,
    pub learning_rate: f32,
    /// L2 penalty per update of an active feature.
    pub l2: f32,
    pub seed: u64,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions { epochs: 30, learning_rate: 0.1, l2: 1e-4, seed: 7 }
    }
}

/// Learned weights by feature name.
#[derive(Debug, Clone, Default)]
pub struct Weights {
    pub by_feature: BTreeMap<String, [f32; N_LABELS]>,
}

/// Where training starts, and what the L2 penalty pulls towards: the hand-written rules'
/// decision (the hint, an organization for a name no rule explains). With little evidence
/// the model keeps the rules; evidence moves it away.
pub fn rule_prior(strength: f32) -> BTreeMap<String, [f32; N_LABELS]> {
    let mut prior = BTreeMap::new();
    let one_hot = |label: Label| {
        let mut w = [0.0; N_LABELS];
        w[label.index()] = strength;
        w
    };
    for (hint, label) in [
        ("per", Label::Person),
        ("org", Label::Organization),
        ("loc", Label::Place),
        ("nat", Label::Nationality),
    ] {
        prior.insert(format!("hint={hint}"), one_hot(label));
    }
    for rule in ["multiword", "single"] {
        prior.insert(format!("rule={rule}"), one_hot(Label::Organization));
    }
    for rule in ["lone_given_name", "after_determiner", "rare_common_word", "next_to_number", "modifier"] {
        prior.insert(format!("rule={rule}"), one_hot(Label::None));
    }
    prior
}

/// Multinomial logistic regression by AdaGrad, started from and regularized towards `prior`;
/// `examples` come with a weight each (how much one example of its corpus counts).
/// Deterministic for a given seed.
pub fn train(
    examples: &[(&Example, f32)],
    prior: &BTreeMap<String, [f32; N_LABELS]>,
    opts: TrainOptions,
) -> Weights {
    // Every prior feature is kept, seen in training or not: the rules' knowledge stays.
    let mut index: BTreeMap<&str, usize> = prior.keys().enumerate().map(|(i, k)| (k.as_str(), i)).collect();
    let encoded: Vec<(Vec<usize>, usize, f32)> = examples
        .iter()
        .map(|(e, w)| {
            let feats = e
                .features
                .iter()
                .map(|f| {
                    let n = index.len();
                    *index.entry(f.as_str()).or_insert(n)
                })
                .collect();
            (feats, e.label.index(), *w)
        })
        .collect();
    let center: Vec<[f32; N_LABELS]> = {
        let mut c = vec![[0.0f32; N_LABELS]; index.len()];
        for (name, &i) in &index {
            if let Some(p) = prior.get(*name) {
                c[i] = *p;
            }
        }
        c
    };
    let mut w = center.clone();
    let mut g2 = vec![[0.0f32; N_LABELS]; index.len()];
    let mut order: Vec<usize> = (0..encoded.len()).collect();
    let mut rng = opts.seed | 1;
    for _ in 0..opts.epochs {
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        for &i in &order {
            let (feats, gold, weight) = &encoded[i];
            let mut scores = [0.0f32; N_LABELS];
            for &f in feats {
                for (s, x) in scores.iter_mut().zip(&w[f]) {
                    *s += x;
                }
            }
            let p = m::softmax(scores);
            for &f in feats {
                for k in 0..N_LABELS {
                    let target = if k == *gold { 1.0 } else { 0.0 };
                    let g = weight * (p[k] - target) + opts.l2 * (w[f][k] - center[f][k]);
                    g2[f][k] += g * g;
                    w[f][k] -= opts.learning_rate * g / (g2[f][k].sqrt() + 1e-6);
                }
            }
        }
    }
    let by_feature = index
        .into_iter()
        .filter_map(|(name, i)| {
            let weights = w[i].map(|x| (x * 1e4).round() / 1e4);
            weights.iter().any(|x| *x != 0.0).then(|| (name.to_string(), weights))
        })
        .collect();
    Weights { by_feature }
}

impl Weights {
    /// The weights file: `header` as comment lines, the labels line, one feature a line.
    pub fn to_tsv(&self, header: &str) -> String {
        let mut out = String::new();
        for line in header.lines() {
            out.push_str("# ");
            out.push_str(line);
            out.push('\n');
        }
        out.push_str("labels");
        for l in LABELS {
            out.push('\t');
            out.push_str(l.code());
        }
        out.push('\n');
        for (name, w) in &self.by_feature {
            out.push_str(name);
            for x in w {
                out.push('\t');
                out.push_str(&format!("{x}"));
            }
            out.push('\n');
        }
        out
    }

    /// Reads a weights file (the inverse of `to_tsv`); bad lines are skipped.
    pub fn read(tsv: &str) -> Weights {
        let mut by_feature = BTreeMap::new();
        let mut order: Vec<usize> = Vec::new();
        for line in tsv.lines().filter(|l| !l.starts_with('#')) {
            let mut cols = line.split('\t');
            let name = cols.next().unwrap_or("");
            if name == "labels" {
                order = cols.filter_map(Label::from_code).map(Label::index).collect();
                continue;
            }
            let mut w = [0.0f32; N_LABELS];
            for (slot, v) in order.iter().zip(cols) {
                w[*slot] = v.parse().unwrap_or(0.0);
            }
            by_feature.insert(name.to_string(), w);
        }
        Weights { by_feature }
    }

    /// The label and the label probabilities these weights give a set of features.
    pub fn explain(&self, features: &[String]) -> (Label, [f32; N_LABELS]) {
        let mut scores = [0.0f32; N_LABELS];
        for f in features {
            if let Some(w) = self.by_feature.get(f) {
                for (s, x) in scores.iter_mut().zip(w) {
                    *s += x;
                }
            }
        }
        let p = m::softmax(scores);
        (m::argmax(&p), p.map(|x| (x * 100.0).round() / 100.0))
    }

    /// The features that pushed most towards `label`, strongest first.
    pub fn contributions(&self, features: &[String], label: Label) -> Vec<(String, f32)> {
        let mut out: Vec<(String, f32)> = features
            .iter()
            .filter_map(|f| {
                self.by_feature.get(f).map(|w| (f.clone(), (w[label.index()] * 100.0).round() / 100.0))
            })
            .collect();
        out.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()));
        out
    }

    /// The label these weights give a set of features.
    pub fn predict(&self, features: &[String]) -> Label {
        let mut scores = [0.0f32; N_LABELS];
        for f in features {
            if let Some(w) = self.by_feature.get(f) {
                for (s, x) in scores.iter_mut().zip(w) {
                    *s += x;
                }
            }
        }
        m::argmax(&m::softmax(scores))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iob2_spans_point_into_the_text() {
        let content = "# newdoc id = a\n# text = I met Ann Lee in New York.\n1\tI\tO\n2\tmet\tO\n3\tAnn\tB-PER\n4\tLee\tI-PER\n5\tin\tO\n6\tNew\tB-LOC\n7\tYork\tI-LOC\n8\t.\tO\n\n# newdoc id = b\n# text = Hi\n1\tHi\tO\n";
        let docs = read_iob2(content);
        assert_eq!(docs.len(), 2);
        let (text, spans) = &docs[0];
        let got: Vec<(&str, &str)> = spans.iter().map(|s| (&text[s.start..s.end], s.kind.as_str())).collect();
        assert_eq!(got, [("Ann Lee", "PER"), ("New York", "LOC")]);
    }

    #[test]
    fn gold_labels_by_overlap() {
        let gold = vec![
            GoldSpan { start: 0, end: 6, kind: "ORG".into() },
            GoldSpan { start: 10, end: 20, kind: "PRO".into() },
        ];
        assert_eq!(gold_label(&gold, 0, 6), Some(Label::Organization));
        assert_eq!(gold_label(&gold, 12, 14), None, "inside a product: neither right nor wrong");
        assert_eq!(gold_label(&gold, 30, 34), Some(Label::None));
    }

    #[test]
    fn the_trainer_learns_a_separable_rule() {
        let ex =
            |f: &str, label| Example { features: vec!["bias=".into(), f.into()], label, text: String::new() };
        let data =
            [ex("w=paris", Label::Place), ex("w=ann", Label::Person), ex("w=acme", Label::Organization)];
        let weighted: Vec<(&Example, f32)> = data.iter().map(|e| (e, 1.0)).collect();
        let weights = train(&weighted, &BTreeMap::new(), TrainOptions::default());
        for e in &data {
            assert_eq!(weights.predict(&e.features), e.label);
        }
        let model = m::Model::parse(&weights.to_tsv("test")).unwrap();
        let mut s = model.scorer();
        use m::Sink;
        s.add(m::Template::new("bias"), "");
        s.add(m::Template::new("w"), "Paris");
        assert_eq!(m::argmax(&s.probabilities()), Label::Place, "the written file scores as trained");
    }

    #[test]
    fn examples_carry_gold_labels() {
        let r = Recognizer::new();
        let text = "Officials of Boeing met in Paris on Monday.";
        let gold = vec![GoldSpan { start: 13, end: 19, kind: "ORG".into() }];
        let ex = r.training_examples(text, &gold, text.len());
        let labels: Vec<(&str, Label)> = ex.iter().map(|e| (e.text.as_str(), e.label)).collect();
        assert!(labels.contains(&("Boeing", Label::Organization)), "{labels:?}");
        assert!(labels.contains(&("Paris", Label::None)), "unannotated: {labels:?}");
    }
}
