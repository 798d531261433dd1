//! The learned type decision: a multinomial logistic regression over sparse string features,
//! its weights read once from `assets/entities/model.tsv` (see the README there for how they
//! were trained, and their license).

use super::EntityKind;

const EMBEDDED: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/entities/model.tsv"));

/// Evaluation hook: a weights file to use instead of the embedded one, read once when a
/// `Recognizer` is built. It lets the cross-topic figures be measured with the shipped binary.
pub const MODEL_ENV: &str = "DOSSIER_ENTITY_MODEL";

/// What the classifier may call a candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Label {
    Person,
    Organization,
    Place,
    Nationality,
    None,
}

pub const LABELS: [Label; 5] =
    [Label::Person, Label::Organization, Label::Place, Label::Nationality, Label::None];
pub const N_LABELS: usize = LABELS.len();

impl Label {
    pub fn code(self) -> &'static str {
        match self {
            Label::Person => "PER",
            Label::Organization => "ORG",
            Label::Place => "LOC",
            Label::Nationality => "NAT",
            Label::None => "O",
        }
    }

    pub fn from_code(code: &str) -> Option<Label> {
        LABELS.into_iter().find(|l| l.code() == code)
    }

    pub fn index(self) -> usize {
        LABELS.iter().position(|l| *l == self).unwrap_or(N_LABELS - 1)
    }

    pub fn kind(self) -> Option<EntityKind> {
        match self {
            Label::Person => Some(EntityKind::Person),
            Label::Organization => Some(EntityKind::Organization),
            Label::Place => Some(EntityKind::Place),
            Label::Nationality => Some(EntityKind::Nationality),
            Label::None => None,
        }
    }

    pub fn of_kind(kind: Option<EntityKind>) -> Label {
        match kind {
            Some(EntityKind::Person) => Label::Person,
            Some(EntityKind::Organization) => Label::Organization,
            Some(EntityKind::Place) => Label::Place,
            Some(EntityKind::Nationality) => Label::Nationality,
            _ => Label::None,
        }
    }
}

/// A kind of feature ("prev", the word before a name), with its name hashed at compile time.
#[derive(Debug, Clone, Copy)]
pub struct Template {
    pub name: &'static str,
    /// FNV-1a state after `name=`.
    state: u64,
}

impl Template {
    pub const fn new(name: &'static str) -> Template {
        let bytes = name.as_bytes();
        let mut h = FNV_OFFSET;
        let mut i = 0;
        while i < bytes.len() {
            h = (h ^ bytes[i] as u64).wrapping_mul(FNV_PRIME);
            i += 1;
        }
        Template { name, state: (h ^ b'=' as u64).wrapping_mul(FNV_PRIME) }
    }
}

/// Where features go: the model's scorer at run time, a list of strings when training.
pub trait Sink {
    /// Adds the feature `template=value`, where `value` is the concatenation of `parts`,
    /// compared in ASCII lowercase.
    fn add_parts(&mut self, template: Template, parts: &[&str]);

    fn add(&mut self, template: Template, value: &str) {
        self.add_parts(template, &[value]);
    }

    /// The feature `template=x|y`.
    fn add_pair(&mut self, template: Template, x: &str, y: &str) {
        self.add_parts(template, &[x, "|", y]);
    }
}

/// The string a feature is known by in the weights file.
pub fn feature_name(template: &str, parts: &[&str]) -> String {
    let mut s = String::with_capacity(template.len() + 16);
    s.push_str(template);
    s.push('=');
    for p in parts {
        // Tabs and line breaks would break the weights file; no feature needs them.
        s.extend(p.chars().map(|c| if c.is_whitespace() { ' ' } else { c.to_ascii_lowercase() }));
    }
    s
}

fn fnv(mut h: u64, bytes: impl Iterator<Item = u8>) -> u64 {
    for b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

fn normalized(b: u8) -> u8 {
    if b.is_ascii_whitespace() { b' ' } else { b.to_ascii_lowercase() }
}

/// FNV-1a over the feature's name, lowercasing on the fly so scoring allocates nothing:
/// `hash_name(&feature_name(t, p)) == feature_hash(t, p)`.
pub fn feature_hash(template: Template, parts: &[&str]) -> u64 {
    let mut h = template.state;
    for p in parts {
        h = fnv(h, p.bytes().map(normalized));
    }
    h
}

/// The hash of a name read from the weights file (already lowercase).
fn hash_name(name: &str) -> u64 {
    fnv(FNV_OFFSET, name.bytes())
}

/// Keys are already hashes: passing them through saves hashing them again.
#[derive(Default, Clone, Copy)]
pub struct PassThrough(u64);

impl std::hash::Hasher for PassThrough {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type WeightMap = std::collections::HashMap<u64, [f32; N_LABELS], std::hash::BuildHasherDefault<PassThrough>>;

pub struct Model {
    weights: WeightMap,
}

impl Model {
    /// Parses `feature<TAB>w_PER<TAB>w_ORG...`, after a `labels` line naming the columns.
    pub fn parse(text: &str) -> Result<Model, String> {
        let mut order: Option<Vec<usize>> = None;
        let mut weights = WeightMap::default();
        for (n, line) in text.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t');
            let name = cols.next().unwrap_or("");
            if name == "labels" {
                let idx: Option<Vec<usize>> = cols.map(|c| Label::from_code(c).map(Label::index)).collect();
                order = idx.filter(|v| v.len() == N_LABELS);
                if order.is_none() {
                    return Err(format!("line {}: the labels line must name {N_LABELS} labels", n + 1));
                }
                continue;
            }
            let Some(order) = &order else {
                return Err(format!("line {}: weights before the labels line", n + 1));
            };
            let mut w = [0.0f32; N_LABELS];
            let mut count = 0;
            for (col, value) in cols.enumerate() {
                let slot = order.get(col).ok_or_else(|| format!("line {}: too many columns", n + 1))?;
                w[*slot] = value.parse().map_err(|e| format!("line {}: {value:?}: {e}", n + 1))?;
                count += 1;
            }
            if count != N_LABELS {
                return Err(format!("line {}: {count} weights, expected {N_LABELS}", n + 1));
            }
            weights.insert(hash_name(name), w);
        }
        if order.is_none() {
            return Err("no labels line".to_string());
        }
        Ok(Model { weights })
    }

    /// The weights of `$DOSSIER_ENTITY_MODEL` when set, else the embedded ones.
    pub fn load() -> Model {
        if let Some(path) = std::env::var_os(MODEL_ENV) {
            match std::fs::read_to_string(&path).map_err(|e| e.to_string()).and_then(|t| Model::parse(&t)) {
                Ok(model) => return model,
                Err(e) => {
                    tracing::error!("{MODEL_ENV}={}: {e}; using the embedded weights", path.to_string_lossy())
                }
            }
        }
        Model::embedded()
    }

    pub fn embedded() -> Model {
        Model::parse(EMBEDDED).unwrap_or_else(|e| {
            tracing::error!("embedded entity model: {e}");
            Model { weights: WeightMap::default() }
        })
    }

    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    pub fn scorer(&self) -> Scorer<'_> {
        self.scorer_from([0.0; N_LABELS])
    }

    /// A scorer that starts from the summed weights of features already scored.
    pub fn scorer_from(&self, scores: [f32; N_LABELS]) -> Scorer<'_> {
        Scorer { model: self, scores }
    }
}

/// Sums the weights of the features it is given.
pub struct Scorer<'m> {
    model: &'m Model,
    scores: [f32; N_LABELS],
}

impl Sink for Scorer<'_> {
    fn add_parts(&mut self, template: Template, parts: &[&str]) {
        if let Some(w) = self.model.weights.get(&feature_hash(template, parts)) {
            for (s, x) in self.scores.iter_mut().zip(w) {
                *s += x;
            }
        }
    }
}

impl Scorer<'_> {
    /// The summed weights so far.
    pub fn scores(&self) -> [f32; N_LABELS] {
        self.scores
    }

    /// Label probabilities (softmax of the summed weights).
    pub fn probabilities(&self) -> [f32; N_LABELS] {
        softmax(self.scores)
    }
}

pub fn softmax(scores: [f32; N_LABELS]) -> [f32; N_LABELS] {
    let max = scores.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut out = scores.map(|s| (s - max).exp());
    let sum: f32 = out.iter().sum();
    if sum > 0.0 {
        for p in &mut out {
            *p /= sum;
        }
    }
    out
}

pub fn argmax(p: &[f32; N_LABELS]) -> Label {
    let mut best = 0;
    for i in 1..N_LABELS {
        if p[i] > p[best] {
            best = i;
        }
    }
    LABELS[best]
}

/// Collects feature names, for training.
impl Sink for Vec<String> {
    fn add_parts(&mut self, template: Template, parts: &[&str]) {
        self.push(feature_name(template.name, parts));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_hashes_agree() {
        let (w, p, first) = (Template::new("w"), Template::new("p"), Template::new("first"));
        assert_eq!(hash_name(&feature_name("w", &["Boeing"])), feature_hash(w, &["BOEING"]));
        assert_eq!(hash_name(&feature_name("p", &["New\tYork", "|", "x"])), feature_hash(p, &["new york|X"]));
        assert_ne!(feature_hash(w, &["boeing"]), feature_hash(first, &["boeing"]));
    }

    #[test]
    fn parses_columns_in_any_order_and_scores() {
        let text = "# test\nlabels\tO\tNAT\tLOC\tORG\tPER\nbias=\t0\t0\t0\t0\t2\nw=paris\t0\t0\t5\t0\t0\n";
        let model = Model::parse(text).unwrap();
        let (bias, w) = (Template::new("bias"), Template::new("w"));
        let mut s = model.scorer();
        s.add(bias, "");
        s.add(w, "Paris");
        s.add(w, "unknown");
        assert_eq!(argmax(&s.probabilities()), Label::Place);
        let mut s = model.scorer();
        s.add(bias, "");
        assert_eq!(argmax(&s.probabilities()), Label::Person);
    }

    #[test]
    fn bad_files_are_errors() {
        assert!(Model::parse("bias\t1\t2\t3\t4\t5\n").is_err(), "no labels line");
        assert!(Model::parse("labels\tPER\tORG\n").is_err());
        assert!(Model::parse("labels\tPER\tORG\tLOC\tNAT\tO\nbias\t1\t2\n").is_err());
        assert!(Model::parse("labels\tPER\tORG\tLOC\tNAT\tO\nbias\t1\t2\tx\t4\t5\n").is_err());
    }

    #[test]
    fn the_embedded_model_loads() {
        assert!(!Model::embedded().is_empty());
    }
}
