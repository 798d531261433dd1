//! Plain-text articles and the conventions seen in scraped news: a ` date YYYY-MM-DD` prefix,
//! a short title line, a Headlines/Details digest, and boilerplate tails.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::Draft;

static DATE_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(r"(?i)\A[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})(?:[ \t]+|[ \t]*(?:\r?\n|\z))")
});
static SOURCE_LINE: LazyLock<Regex> =
    LazyLock::new(|| crate::static_regex(r"(?i)\A(?:source|via):?[ \t]+(\S.{0,60}?)\s*\z"));
static NEWSLETTER_FOOTER: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(
        r#"(?i)\A["“]([^"”]{3,80})["”]\s+is\s+an?\s+.{0,60}?\b(?:summary|newsletter|digest|briefing|round-?up|bulletin)\b"#,
    )
});
static SUBSCRIBE_FOOTER: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(r"(?i)\b(?:subscribe|unsubscribe|to receive|sign up)\b.*(?:e-?mail|newsletter|@)")
});
static LINK_TAIL: LazyLock<Regex> =
    LazyLock::new(|| crate::static_regex(r"(?i)\A(?:more|read more|related|see also):\s"));

/// The longest first line still taken for a title.
const MAX_TITLE_LINE: usize = 160;

pub fn parse(text: &str, shown: &str) -> Result<Draft, String> {
    let mut draft = Draft { path: shown.to_string(), ..Draft::default() };
    let mut start = 0;
    if let Some(m) = DATE_PREFIX.captures(text) {
        draft.date = parse_date(&m[1], &mut draft.warnings);
        start = m.get(0).map_or(0, |m| m.end());
    } else if let Some((title, after)) = title_line(text) {
        draft.title = Some(title.to_string());
        start = after;
        if let Some(m) = DATE_PREFIX.captures(&text[start..]) {
            draft.date = parse_date(&m[1], &mut draft.warnings);
            start += m.get(0).map_or(0, |m| m.end());
        }
    }
    let tail = read_tail(&text[start..]);
    let end = start + tail.body_end;
    draft.source = tail.source;
    if is_digest(&text[start..end]) {
        draft.title = tail.newsletter.or_else(|| first_bullet(&text[start..end]));
    }
    let body = &text[start..end];
    let first = start + body.len() - body.trim_start().len();
    let last = first + body.trim().len();
    draft.set_text(text, without_boilerplate(text, first..last));
    Ok(draft)
}

/// Paragraphs inside a story that belong to the page around it: job ads, newsletter and
/// subscription prompts, "advertisement" markers. Each must be short, so that no article
/// paragraph that merely mentions jobs goes.
static BOILERPLATE: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(
        r"(?ix)\A(?:
            (?:top|latest|more|find\ the\ best)\ jobs\b.*
          | .*\bbe\ notified\ by\ e-?mail\b.*
          | advertisement | advertising | sponsored(?:\ content)?
          | (?:sign\ up|subscribe)\b.*\b(?:newsletter|e-?mail|inbox)\b.*
        )\z",
    )
});
/// A paragraph longer than this is article text, whatever it says.
const MAX_BOILERPLATE_CHARS: usize = 160;

/// The pieces of `range` of `text` that remain once boilerplate paragraphs after the first
/// are cut out, with the blank lines before them.
fn without_boilerplate(text: &str, range: std::ops::Range<usize>) -> Vec<std::ops::Range<usize>> {
    let mut pieces = Vec::new();
    let mut kept_from = range.start;
    let mut at = range.start;
    let mut first = true;
    while at < range.end {
        let rest = &text[at..range.end];
        let len = rest.find("\n\n").unwrap_or(rest.len());
        let paragraph = rest[..len].trim();
        if !first && could_be_boilerplate(paragraph) {
            let folded = paragraph.split_whitespace().collect::<Vec<_>>().join(" ");
            if folded.len() <= MAX_BOILERPLATE_CHARS && BOILERPLATE.is_match(&folded) {
                let cut_from = text[kept_from..at].trim_end().len() + kept_from;
                pieces.push(kept_from..cut_from);
                kept_from = at + len;
            }
        }
        first = false;
        let gap = text[at + len..range.end].len() - text[at + len..range.end].trim_start().len();
        at += len + gap;
    }
    pieces.push(kept_from..range.end);
    pieces.retain(|p| !p.is_empty());
    pieces
}

/// Whether a paragraph is short enough, once its white space is folded, to be boilerplate:
/// most are not, and are let through without being folded.
fn could_be_boilerplate(paragraph: &str) -> bool {
    // Folding keeps every byte of what is not white space.
    let mut kept = 0;
    paragraph.chars().filter(|c| !c.is_whitespace()).all(|c| {
        kept += c.len_utf8();
        kept <= MAX_BOILERPLATE_CHARS
    })
}

fn parse_date(s: &str, warnings: &mut Vec<String>) -> Option<NaiveDate> {
    let d = NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    if d.is_none() {
        warnings.push(format!("impossible date {s:?} ignored"));
    }
    d
}

/// A short first line followed by a blank line (or a date line) is a title; returns it and
/// the offset just after it.
fn title_line(text: &str) -> Option<(&str, usize)> {
    let first_end = text.find('\n')?;
    let first = text[..first_end].trim();
    let rest = &text[first_end + 1..];
    let next = rest.split('\n').next().unwrap_or("");
    let followed_by_break = next.trim().is_empty() || DATE_PREFIX.is_match(rest);
    let looks_like_title = !first.is_empty()
        && first.chars().count() <= MAX_TITLE_LINE
        && !first.eq_ignore_ascii_case("headlines")
        && !rest.trim().is_empty();
    (looks_like_title && followed_by_break).then_some((first, first_end + 1))
}

struct Tail {
    /// Where the body ends, relative to the text given.
    body_end: usize,
    source: Option<String>,
    newsletter: Option<String>,
}

/// Walks back over the last lines, dropping blank lines and boilerplate.
fn read_tail(body: &str) -> Tail {
    let mut tail = Tail { body_end: body.len(), source: None, newsletter: None };
    loop {
        let kept = body[..tail.body_end].trim_end();
        let line_start = kept.rfind('\n').map_or(0, |i| i + 1);
        if line_start == 0 {
            tail.body_end = kept.len();
            return tail;
        }
        let line = kept[line_start..].trim();
        if let Some(m) = SOURCE_LINE.captures(line) {
            tail.source.get_or_insert_with(|| m[1].to_string());
        } else if let Some(m) = NEWSLETTER_FOOTER.captures(line) {
            tail.newsletter.get_or_insert_with(|| m[1].trim().to_string());
        } else if !(SUBSCRIBE_FOOTER.is_match(line) || LINK_TAIL.is_match(line) || is_punctuation(line)) {
            tail.body_end = kept.len();
            return tail;
        }
        tail.body_end = line_start;
    }
}

fn is_punctuation(line: &str) -> bool {
    line.chars().all(|c| c.is_ascii_punctuation() || c.is_whitespace())
}

/// A newsletter digest starts with a `Headlines` line followed by bullets.
fn is_digest(body: &str) -> bool {
    body.lines().find(|l| !l.trim().is_empty()).is_some_and(|l| l.trim().eq_ignore_ascii_case("headlines"))
}

fn first_bullet(body: &str) -> Option<String> {
    body.lines()
        .map(str::trim)
        .find_map(|l| l.strip_prefix("- ").or_else(|| l.strip_prefix("• ")).or_else(|| l.strip_prefix("* ")))
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_prefix_gives_the_date_and_no_title() {
        let d = parse(" date 2022-07-30 In response to threats, they met.\n\nMore text.", "a.txt").unwrap();
        assert_eq!(d.date, NaiveDate::from_ymd_opt(2022, 7, 30));
        assert_eq!(d.title, None);
        assert!(d.text.starts_with("In response"));
        assert_eq!(d.pieces[0].start, 17);
    }

    #[test]
    fn title_line_then_date_line_then_body() {
        let src = "Malaysian shares fall\ndate 1997-04-01\n\nShares fell.\n";
        let d = parse(src, "a.txt").unwrap();
        assert_eq!(d.title.as_deref(), Some("Malaysian shares fall"));
        assert_eq!(d.date, NaiveDate::from_ymd_opt(1997, 4, 1));
        assert_eq!(d.text, "Shares fell.");
        assert_eq!(&src[d.pieces[0].clone()], d.text);
    }

    #[test]
    fn a_long_first_line_is_body_not_title() {
        let line = "word ".repeat(50);
        let d = parse(&format!("{line}\n\nsecond paragraph"), "a.txt").unwrap();
        assert_eq!(d.title, None);
        assert_eq!(d.pieces[0].start, 0);
    }

    #[test]
    fn boilerplate_tails_are_cut_and_the_source_kept() {
        let d = parse("Title\n\nBody text.\n\nMore: another story\n\n.\nsource site-12", "a.txt").unwrap();
        assert_eq!(d.text, "Body text.");
        assert_eq!(d.source.as_deref(), Some("site-12"));
    }

    #[test]
    fn only_short_paragraphs_are_folded_and_white_space_does_not_count() {
        assert!(could_be_boilerplate("Advertisement"));
        assert!(could_be_boilerplate(&format!("Sign{}up for our newsletter", " \u{a0}".repeat(200))));
        assert!(!could_be_boilerplate(&"word ".repeat(41)));
        let spaced = format!("Body text.\n\nSign{}up for our newsletter\n\nMore text.", "  ".repeat(100));
        assert_eq!(parse(&format!("Title\n\n{spaced}"), "a.txt").unwrap().text, "Body text.\n\nMore text.");
    }

    #[test]
    fn digest_takes_the_newsletter_name_and_drops_the_footer() {
        let src = "Headlines\n- First headline\nDetails\n- Detail one.\n\u{201c}Alliance Digest\u{201d} is a bi-weekly summary of news. To receive it via email, contact a@b.org.";
        let d = parse(src, "a.txt").unwrap();
        assert_eq!(d.title.as_deref(), Some("Alliance Digest"));
        assert!(d.text.ends_with("- Detail one."));
    }

    #[test]
    fn digest_without_footer_takes_its_first_headline() {
        let d = parse("Headlines\n- First headline\nDetails\n- Detail one.", "a.txt").unwrap();
        assert_eq!(d.title.as_deref(), Some("First headline"));
    }

    /// Issue 10.9: a job ad in the middle of a story is not part of it.
    #[test]
    fn boilerplate_paragraphs_inside_a_story_are_cut_out() {
        let src = "Title\n\nFirst paragraph about Kishida.\n\nTop jobs of the day\n\nFind the best jobs now and\nbe notified by email.\n\nSecond paragraph about jobs in Japan.\n";
        let d = parse(src, "a.txt").unwrap();
        assert_eq!(d.text, "First paragraph about Kishida.\n\nSecond paragraph about jobs in Japan.");
        assert_eq!(d.pieces.len(), 2);
        let rebuilt: String = d.pieces.iter().map(|p| &src[p.clone()]).collect();
        assert_eq!(rebuilt, d.text, "the text is made of pieces of the file");
        let long = format!(
            "Title\n\nIntro.\n\nTop jobs of the day are in {}.",
            "manufacturing and services ".repeat(8)
        );
        assert!(parse(&long, "a.txt").unwrap().text.contains("Top jobs"), "a long paragraph stays");
    }

    #[test]
    fn an_impossible_date_is_a_warning() {
        let d = parse(" date 2022-13-45 Text here.", "a.txt").unwrap();
        assert_eq!(d.date, None);
        assert_eq!(d.warnings.len(), 1);
    }
}
