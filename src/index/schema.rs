//! The two indexes' fields, and where on disk they live.

use std::path::Path;

use anyhow::{Context, Result};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::{Index, TantivyDocument};

/// Tokenizer for exact but case-insensitive values such as entity names.
pub(super) const EXACT_LOWER: &str = "exact_lower";

/// The text index's fields.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub id: Field,
    pub title: Field,
    pub body: Field,
    pub source: Field,
    /// The date the article was loaded with (`YYYY`, `YYYY-MM` and `YYYY-MM-DD`).
    pub date: Field,
}

/// The notes index's fields.
#[derive(Debug, Clone, Copy)]
pub(super) struct NoteFields {
    pub(super) id: Field,
    pub(super) entity: Field,
    pub(super) date: Field,
    /// Alias records: the entity's corpus-wide name and the other name, both searchable (case
    /// aside) and stored.
    pub(super) alias_of: Field,
    pub(super) alias: Field,
}

pub(super) fn text_schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let stemmed = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("en_stem")
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let words = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("default")
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        id: b.add_u64_field("id", INDEXED | FAST),
        title: b.add_text_field("title", stemmed.clone()),
        body: b.add_text_field("body", stemmed | STORED),
        source: b.add_text_field("source", words),
        date: b.add_text_field("date", STRING),
    };
    (b.build(), fields)
}

pub(super) fn notes_schema() -> (Schema, NoteFields) {
    let mut b = Schema::builder();
    let exact = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default().set_tokenizer(EXACT_LOWER).set_index_option(IndexRecordOption::Basic),
    );
    let fields = NoteFields {
        id: b.add_u64_field("id", INDEXED | FAST),
        entity: b.add_text_field("entity", exact.clone()),
        date: b.add_text_field("date", STRING),
        alias_of: b.add_text_field("alias_of", exact.clone() | STORED),
        alias: b.add_text_field("alias", exact | STORED),
    };
    (b.build(), fields)
}

/// A date as the prefixes a `date:` query can name: `2022`, `2022-07` and `2022-07-29`.
pub(super) fn add_date(doc: &mut TantivyDocument, field: Field, date: chrono::NaiveDate) {
    let day = date.format("%Y-%m-%d").to_string();
    for prefix in [&day[..4], &day[..7], &day[..]] {
        doc.add_text(field, prefix);
    }
}

/// The text and notes indexes of a directory (`text/` and `notes/`), and whether they were
/// already there (`false`: made now, empty).
pub(super) struct OnDisk {
    pub text: Index,
    pub notes: Index,
    pub existed: bool,
}

/// Opens the two indexes in `dir` if both are there, checked file by file against the
/// checksums they were written with; creates them if neither is. One without the other, a
/// missing or damaged file, or another version's schema is an error saying so.
pub(super) fn indexes_in(dir: &Path) -> Result<OnDisk> {
    let text_dir = dir.join("text");
    let notes_dir = dir.join("notes");
    for d in [&text_dir, &notes_dir] {
        std::fs::create_dir_all(d).with_context(|| format!("cannot create {}", d.display()))?;
    }
    let store = crate::index::store::ReadStoreDirectory::open(&text_dir)
        .with_context(|| format!("cannot open {}", text_dir.display()))?;
    let (text_there, notes_there) =
        (text_dir.join("meta.json").exists(), notes_dir.join("meta.json").exists());
    if text_there != notes_there {
        anyhow::bail!("{} is missing", if text_there { "notes/meta.json" } else { "text/meta.json" });
    }
    if !text_there {
        let text = Index::create(store, text_schema().0, tantivy::IndexSettings::default())?;
        let notes = Index::create_in_dir(&notes_dir, notes_schema().0)?;
        return Ok(OnDisk { text, notes, existed: false });
    }
    let text = Index::open(store).context("text/ cannot be opened")?;
    let notes = Index::open_in_dir(&notes_dir).context("notes/ cannot be opened")?;
    if text.schema() != text_schema().0 || notes.schema() != notes_schema().0 {
        // Another version's index: nothing is wrong, it is made again.
        drop((text, notes));
        for d in [&text_dir, &notes_dir] {
            std::fs::remove_dir_all(d).with_context(|| format!("cannot clear {}", d.display()))?;
        }
        return indexes_in(dir);
    }
    for (name, index, dir) in [("text", &text, &text_dir), ("notes", &notes, &notes_dir)] {
        verify(index, dir).with_context(|| format!("{name}/ is damaged"))?;
    }
    Ok(OnDisk { text, notes, existed: true })
}

/// Every file of the index's segments is there and has the checksum it was written with. The
/// files are checked side by side, the largest first, a slice at a time: a million articles'
/// index is a gigabyte, and checking it file after file, each read whole into memory, kept
/// the first frame waiting 0.4 s.
fn verify(index: &Index, dir: &Path) -> Result<()> {
    use rayon::prelude::*;
    use tantivy::HasLen;
    let managed = index.directory().list_managed_files();
    // The files as they are on disk, footers included (the index's own directory hides them).
    let raw = crate::index::store::ReadStoreDirectory::open(dir)
        .with_context(|| format!("cannot open {}", dir.display()))?;
    let mut files: Vec<(std::path::PathBuf, tantivy::directory::FileSlice)> = Vec::new();
    for path in index.load_metas()?.list_segment_files().into_iter().filter(|p| managed.contains(p)) {
        let file = tantivy::Directory::open_read(&raw, &path)
            .with_context(|| format!("{} cannot be read", path.display()))?;
        files.push((path, file));
    }
    files.sort_by_key(|(_, file)| std::cmp::Reverse(file.len()));
    let damaged = files
        .into_par_iter()
        .with_max_len(1)
        .map(|(path, file)| match checksum_matches(file) {
            Ok(true) => Ok(None),
            Ok(false) => Ok(Some(path)),
            Err(e) => Err(anyhow::Error::new(e).context(format!("{} cannot be read", path.display()))),
        })
        .collect::<Result<Vec<_>>>()?;
    if let Some(file) = damaged.into_iter().flatten().next() {
        anyhow::bail!("{} does not match its checksum", file.display());
    }
    // Opening every segment finds a file that is gone.
    index
        .reader_builder()
        .reload_policy(tantivy::ReloadPolicy::Manual)
        .try_into()
        .map(|_: tantivy::IndexReader| ())?;
    Ok(())
}

/// Bytes of a file checked at a time: the document store is read rather than mapped, and a
/// slice at a time its buffer stays small (the other files are mapped, their slices copied
/// from nowhere).
const CHECKED_AT_ONCE: usize = 4 << 20;

/// Whether a file's contents have the checksum its footer gives (tantivy's footer and CRC-32).
fn checksum_matches(file: tantivy::directory::FileSlice) -> std::io::Result<bool> {
    use tantivy::HasLen;
    let (footer, body) = tantivy::directory::footer::Footer::extract_footer(file)?;
    let mut hasher = crc32fast::Hasher::new();
    let mut at = 0;
    while at < body.len() {
        let end = (at + CHECKED_AT_ONCE).min(body.len());
        hasher.update(body.slice(at..end).read_bytes()?.as_slice());
        at = end;
    }
    Ok(hasher.finalize() == footer.crc)
}
