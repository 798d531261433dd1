//! The two indexes' fields, and where on disk they live.

use std::path::Path;

use anyhow::{Context, Result};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::{Index, TantivyDocument};

use super::checked::{self, Checked};

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
    /// How many of the indexes' files were read whole to check them (the others looked as
    /// they did when last found whole: see [`Checked`]).
    pub read_whole: usize,
}

/// Opens the two indexes in `dir` if both are there, checked file by file against the
/// checksums they were written with (a file that looks as it did when last found whole, only
/// its footer); creates them if neither is. One without the other, a missing or damaged file,
/// or another version's schema is an error saying so.
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
        return Ok(OnDisk { text, notes, existed: false, read_whole: 0 });
    }
    let text = Index::open(store).context("text/ cannot be opened")?;
    let notes = Index::open_in_dir(&notes_dir).context("notes/ cannot be opened")?;
    if text.schema() != text_schema().0 || notes.schema() != notes_schema().0 {
        // Another version's index: nothing is wrong, it is made again.
        drop((text, notes));
        Checked::forget(dir);
        for d in [&text_dir, &notes_dir] {
            std::fs::remove_dir_all(d).with_context(|| format!("cannot clear {}", d.display()))?;
        }
        return indexes_in(dir);
    }
    let before = Checked::load(dir);
    let mut whole = Checked::default();
    let mut read_whole = 0;
    for (name, index) in [("text", &text), ("notes", &notes)] {
        read_whole +=
            verify(index, dir, name, &before, &mut whole).with_context(|| format!("{name}/ is damaged"))?;
    }
    if whole != before {
        whole.save(dir);
    }
    Ok(OnDisk { text, notes, existed: true, read_whole })
}

/// The files of both indexes' segments as they look now, for [`Checked`]: files the index
/// wrote itself and committed are whole.
pub(super) fn written(dir: &Path, indexes: [(&str, &Index); 2]) -> Result<Checked> {
    let mut whole = Checked::default();
    for (name, index) in indexes {
        for path in segment_files(index)? {
            if let Some(looks) = checked::looks(&dir.join(name).join(&path)) {
                whole.insert(record_key(name, &path), looks);
            }
        }
    }
    Ok(whole)
}

/// The files an index's segments are made of, as its directory names them.
fn segment_files(index: &Index) -> Result<Vec<std::path::PathBuf>> {
    let managed = index.directory().list_managed_files();
    Ok(index.load_metas()?.list_segment_files().into_iter().filter(|p| managed.contains(p)).collect())
}

/// A file of the index `name`, as [`Checked`] records it (`text/…`, `notes/…`).
fn record_key(name: &str, path: &Path) -> String {
    format!("{name}/{}", path.display())
}

/// A file of an index's segments, about to be checked.
struct IndexFile {
    path: std::path::PathBuf,
    /// Its name in [`Checked`].
    key: String,
    /// How it looks now ([`checked::looks`]), if that can be read.
    looks: Option<u64>,
    /// It looks as it did when it was last found whole: only its footer is checked.
    unchanged: bool,
    file: tantivy::directory::FileSlice,
}

/// Every file of the index `name` (in `dir/name`) is there and has the checksum it was written
/// with, or looks as it did when it was last found whole (`before`) and has its footer; each
/// goes into `whole` as it looks now. The files read are checked side by side, the largest
/// first, a slice at a time: a million articles' index is a gigabyte, and checking it file
/// after file, each read whole into memory, kept the first frame waiting 0.4 s. How many files
/// were read whole.
fn verify(index: &Index, dir: &Path, name: &str, before: &Checked, whole: &mut Checked) -> Result<usize> {
    use rayon::prelude::*;
    use tantivy::HasLen;
    let dir = dir.join(name);
    // The files as they are on disk, footers included (the index's own directory hides them).
    let raw = crate::index::store::ReadStoreDirectory::open(&dir)
        .with_context(|| format!("cannot open {}", dir.display()))?;
    let mut files = Vec::new();
    for path in segment_files(index)? {
        // How it looks is taken before it is read: a write while it is read shows next time.
        let looks = checked::looks(&dir.join(&path));
        let file = tantivy::Directory::open_read(&raw, &path)
            .with_context(|| format!("{} cannot be read", path.display()))?;
        let key = record_key(name, &path);
        let unchanged = looks.is_some_and(|looks| before.unchanged(&key, looks));
        files.push(IndexFile { path, key, looks, unchanged, file });
    }
    files.sort_by_key(|f| std::cmp::Reverse(f.file.len()));
    let read_whole = files.iter().filter(|f| !f.unchanged).count();
    let checked = files
        .into_par_iter()
        .with_max_len(1)
        .map(|f| {
            let sound = if f.unchanged { footer_is_there(f.file) } else { checksum_matches(f.file) };
            match sound {
                Ok(sound) => Ok((f.path, f.key, f.looks, sound)),
                Err(e) => Err(anyhow::Error::new(e).context(format!("{} cannot be read", f.path.display()))),
            }
        })
        .collect::<Result<Vec<_>>>()?;
    for (path, key, looks, sound) in checked {
        if !sound {
            anyhow::bail!("{} does not match its checksum", path.display());
        }
        if let Some(looks) = looks {
            whole.insert(key, looks);
        }
    }
    // Opening every segment finds a file that is gone.
    index
        .reader_builder()
        .reload_policy(tantivy::ReloadPolicy::Manual)
        .try_into()
        .map(|_: tantivy::IndexReader| ())?;
    Ok(read_whole)
}

/// Bytes of a file checked at a time: the document store is read rather than mapped, and a
/// slice at a time its buffer stays small (the other files are mapped, their slices copied
/// from nowhere).
const CHECKED_AT_ONCE: usize = 4 << 20;

/// Whether a file ends with a footer tantivy can read (a file cut short does not).
fn footer_is_there(file: tantivy::directory::FileSlice) -> std::io::Result<bool> {
    Ok(tantivy::directory::footer::Footer::extract_footer(file).is_ok())
}

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
