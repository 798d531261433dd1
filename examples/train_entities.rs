//! Trains the entity recognizer's type decision (`assets/entities/model.tsv`) from MEANTIME
//! and UNER English-EWT. See `assets/entities/README.md` for the commands and the license.
//!
//! cargo run --release --example train_entities -- --meantime ../shared/corpora/meantime-dev \
//!     --uner ../shared/corpora/uner-ewt --topics airbus,apple --out assets/entities/model.tsv
//!
//! `--cv K` reports K-fold cross-validation over the MEANTIME documents instead of writing;
//! `--explain FILE` prints the candidates of a text with the weights' decision for each.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use dossier::analysis::Recognizer;
use dossier::analysis::entities::learn::{self, Example, GoldSpan, TrainOptions};

struct Args {
    meantime: PathBuf,
    uner: Option<PathBuf>,
    topics: Vec<String>,
    out: Option<PathBuf>,
    meantime_weight: f32,
    prior: f32,
    cv: Option<usize>,
    explain: Option<PathBuf>,
    opts: TrainOptions,
}

fn parse_args() -> Result<Args> {
    let mut args = Args {
        meantime: PathBuf::from("../shared/corpora/meantime-dev"),
        uner: None,
        topics: vec!["airbus".into(), "apple".into()],
        out: None,
        meantime_weight: 10.0,
        prior: 4.0,
        cv: None,
        explain: None,
        opts: TrainOptions { l2: 0.1, ..TrainOptions::default() },
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().with_context(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--meantime" => args.meantime = PathBuf::from(value()?),
            "--uner" => args.uner = Some(PathBuf::from(value()?)),
            "--topics" => args.topics = value()?.split(',').map(str::to_string).collect(),
            "--out" => args.out = Some(PathBuf::from(value()?)),
            "--meantime-weight" => args.meantime_weight = value()?.parse()?,
            "--prior" => args.prior = value()?.parse()?,
            "--epochs" => args.opts.epochs = value()?.parse()?,
            "--l2" => args.opts.l2 = value()?.parse()?,
            "--rate" => args.opts.learning_rate = value()?.parse()?,
            "--cv" => args.cv = Some(value()?.parse()?),
            "--explain" => args.explain = Some(PathBuf::from(value()?)),
            other => bail!("unknown argument {other}"),
        }
    }
    if args.out.is_none() && args.cv.is_none() && args.explain.is_none() {
        bail!("give --out FILE, --cv K or --explain FILE");
    }
    Ok(args)
}

/// MEANTIME documents of the given topics, each as its training examples.
fn meantime(r: &Recognizer, root: &Path, topics: &[String]) -> Result<Vec<Vec<Example>>> {
    let gold_path = root.join("gold.jsonl");
    let gold = std::fs::read_to_string(&gold_path).with_context(|| gold_path.display().to_string())?;
    let mut docs = Vec::new();
    for line in gold.lines().filter(|l| !l.trim().is_empty()) {
        let d: serde_json::Value = serde_json::from_str(line)?;
        let topic = d["sub"].as_str().unwrap_or("");
        if !topics.iter().any(|t| t == topic) {
            continue;
        }
        let body = root.join(d["body_file"].as_str().context("body_file")?);
        let text = std::fs::read_to_string(&body).with_context(|| body.display().to_string())?;
        let spans: Vec<GoldSpan> = d["entities"]
            .as_array()
            .map(|es| {
                es.iter()
                    .filter_map(|e| {
                        Some(GoldSpan {
                            start: e["start"].as_u64()? as usize,
                            end: e["end"].as_u64()? as usize,
                            kind: e["type"].as_str()?.to_string(),
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        let until = d["scored_until"].as_u64().map_or(text.len(), |u| u as usize);
        docs.push(r.training_examples(&text, &spans, until));
    }
    Ok(docs)
}

fn uner(r: &Recognizer, root: &Path) -> Result<Vec<Example>> {
    let mut out = Vec::new();
    for split in ["en_ewt-ud-dev.iob2", "en_ewt-ud-test.iob2"] {
        let path = root.join(split);
        let content = std::fs::read_to_string(&path).with_context(|| path.display().to_string())?;
        for (text, spans) in learn::read_iob2(&content) {
            out.extend(r.training_examples(&text, &spans, text.len()));
        }
    }
    Ok(out)
}

fn train(meantime: &[&Example], uner: &[Example], args: &Args) -> learn::Weights {
    let mut data: Vec<(&Example, f32)> = meantime.iter().map(|e| (*e, args.meantime_weight)).collect();
    data.extend(uner.iter().map(|e| (e, 1.0)));
    learn::train(&data, &learn::rule_prior(args.prior), args.opts)
}

/// What the hand-written rules alone would say: the hint, else an organization for a name
/// no rule explains, else nothing.
fn rules_label(features: &[String]) -> learn::Label {
    use learn::Label;
    let has = |f: &str| features.iter().any(|x| x == f);
    for (code, label) in [
        ("hint=per", Label::Person),
        ("hint=org", Label::Organization),
        ("hint=loc", Label::Place),
        ("hint=nat", Label::Nationality),
    ] {
        if has(code) {
            return label;
        }
    }
    if has("rule=multiword") || has("rule=single") { Label::Organization } else { Label::None }
}

/// Candidate-level scores of held-out folds: per label precision, recall and F1.
fn cross_validate(docs: &[Vec<Example>], uner: &[Example], k: usize, args: &Args) {
    let mut counts: BTreeMap<&str, [u32; 3]> = BTreeMap::new();
    let mut right = 0;
    let mut total = 0;
    let mut rules_right = 0;
    for fold in 0..k {
        let train_set: Vec<&Example> =
            docs.iter().enumerate().filter(|(i, _)| i % k != fold).flat_map(|(_, d)| d).collect();
        let weights = train(&train_set, uner, args);
        for e in docs.iter().enumerate().filter(|(i, _)| i % k == fold).flat_map(|(_, d)| d) {
            let got = weights.predict(&e.features);
            total += 1;
            if rules_label(&e.features) == e.label {
                rules_right += 1;
            }
            if got == e.label {
                right += 1;
                counts.entry(got.code()).or_default()[0] += 1;
            } else {
                counts.entry(got.code()).or_default()[1] += 1;
                counts.entry(e.label.code()).or_default()[2] += 1;
            }
        }
    }
    println!(
        "{k}-fold cross-validation over {} documents: accuracy {:.3} (the rules' hints alone: {:.3})",
        docs.len(),
        right as f32 / total as f32,
        rules_right as f32 / total as f32
    );
    for (label, [tp, fp, fn_]) in counts {
        let p = tp as f32 / (tp + fp).max(1) as f32;
        let r = tp as f32 / (tp + fn_).max(1) as f32;
        let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        println!("{label:4} P {p:.3} R {r:.3} F {f:.3} (tp {tp} fp {fp} fn {fn_})");
    }
}

fn main() -> Result<()> {
    let args = parse_args()?;
    let r = Recognizer::new();
    if let Some(path) = &args.explain {
        let text = std::fs::read_to_string(path).with_context(|| path.display().to_string())?;
        let weights =
            learn::Weights::read(&std::fs::read_to_string(args.out.as_ref().context("--out WEIGHTS")?)?);
        for e in r.training_examples(&text, &[], text.len()) {
            let (label, probs) = weights.explain(&e.features);
            println!("{:30} {:4} {probs:?}", e.text, label.code());
            let mut contributions = weights.contributions(&e.features, label);
            contributions.truncate(8);
            println!("    {contributions:?}");
        }
        return Ok(());
    }
    let docs = meantime(&r, &args.meantime, &args.topics)?;
    let uner_examples = match &args.uner {
        Some(root) => uner(&r, root)?,
        None => Vec::new(),
    };
    let n_meantime: usize = docs.iter().map(Vec::len).sum();
    eprintln!(
        "{} MEANTIME documents ({} candidates), {} UNER candidates",
        docs.len(),
        n_meantime,
        uner_examples.len()
    );
    if let Some(k) = args.cv {
        cross_validate(&docs, &uner_examples, k, &args);
        return Ok(());
    }
    let all: Vec<&Example> = docs.iter().flatten().collect();
    let weights = train(&all, &uner_examples, &args);
    let mut label_counts: BTreeMap<&str, usize> = BTreeMap::new();
    for e in all.iter().copied().chain(&uner_examples) {
        *label_counts.entry(e.label.code()).or_default() += 1;
    }
    let header = format!(
        "Entity type weights for dossier (multinomial logistic regression), written by\n\
         examples/train_entities.rs from MEANTIME topics {} (NewsReader, CC BY 4.0){}.\n\
         Training candidates by label: {label_counts:?}. Options: {:?}, MEANTIME weight {}, rule prior {}.\n\
         License: CC BY-SA 4.0 (derived from UNER English-EWT); see assets/entities/README.md.",
        args.topics.join("+"),
        if args.uner.is_some() { " and UNER English-EWT dev+test (CC BY-SA 4.0)" } else { "" },
        args.opts,
        args.meantime_weight,
        args.prior,
    );
    let out = args.out.as_ref().context("--out")?;
    std::fs::write(out, weights.to_tsv(&header)).with_context(|| out.display().to_string())?;
    eprintln!("wrote {} features to {}", weights.by_feature.len(), out.display());
    Ok(())
}
