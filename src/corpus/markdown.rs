//! Markdown articles with YAML front matter.

use super::{Draft, meta};

pub fn parse(text: &str, shown: &str) -> Result<Draft, String> {
    let mut draft = Draft { path: shown.to_string(), ..Draft::default() };
    let mut body_start = 0;
    match split_front_matter(text) {
        FrontMatter::None => {}
        FrontMatter::Unterminated => {
            draft.warnings.push("front matter has no closing ---; read as text".to_string())
        }
        FrontMatter::Found { yaml, body_start: start } => {
            body_start = start;
            match front_matter_shape(yaml) {
                Err(problem) => draft.warnings.push(problem),
                Ok(()) => match serde_yaml_ng::from_str::<serde_yaml_ng::Value>(yaml) {
                    Ok(value) => read_fields(&value, &mut draft),
                    Err(e) => draft.warnings.push(format!("front matter is not valid YAML: {e}")),
                },
            }
        }
    }
    let body = &text[body_start..];
    let start = body_start + body.len() - body.trim_start().len();
    let end = start + body.trim().len();
    draft.set_text(text, std::iter::once(start..end).collect());
    if draft.title.is_none() {
        draft.title = first_heading(&draft.text);
    }
    Ok(draft)
}

/// Front matter holds a title and a few fields; past these it is not front matter, and the
/// YAML parser's time would grow with the nesting.
const MAX_FRONT_MATTER_BYTES: usize = 64 * 1024;
const MAX_FRONT_MATTER_NESTING: usize = 32;

/// Refuses front matter too large or too deeply nested to be worth parsing.
fn front_matter_shape(yaml: &str) -> Result<(), String> {
    if yaml.len() > MAX_FRONT_MATTER_BYTES {
        return Err(format!(
            "front matter ignored: {} KB, the limit is {} KB",
            yaml.len() / 1024,
            MAX_FRONT_MATTER_BYTES / 1024
        ));
    }
    let (mut depth, mut deepest) = (0usize, 0usize);
    for line in yaml.lines() {
        let indent = line.len() - line.trim_start_matches([' ', '-']).len();
        deepest = deepest.max(indent / 2);
        for c in line.chars() {
            match c {
                '[' | '{' => {
                    depth += 1;
                    deepest = deepest.max(depth);
                }
                ']' | '}' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
    }
    if deepest > MAX_FRONT_MATTER_NESTING {
        return Err(format!("front matter ignored: nested more than {MAX_FRONT_MATTER_NESTING} levels deep"));
    }
    Ok(())
}

enum FrontMatter<'a> {
    None,
    Unterminated,
    Found { yaml: &'a str, body_start: usize },
}

fn split_front_matter(text: &str) -> FrontMatter<'_> {
    let Some(after_open) = text.strip_prefix("---\n").or_else(|| text.strip_prefix("---\r\n")) else {
        return FrontMatter::None;
    };
    let open_len = text.len() - after_open.len();
    let mut pos = 0;
    for line in after_open.split_inclusive('\n') {
        if line.trim_end() == "---" || line.trim_end() == "..." {
            return FrontMatter::Found { yaml: &after_open[..pos], body_start: open_len + pos + line.len() };
        }
        pos += line.len();
    }
    FrontMatter::Unterminated
}

fn read_fields(value: &serde_yaml_ng::Value, draft: &mut Draft) {
    let field = |names: &[&str]| {
        names.iter().find_map(|n| value.get(*n)).and_then(|v| match v {
            serde_yaml_ng::Value::String(s) => Some(s.clone()),
            serde_yaml_ng::Value::Number(n) => Some(n.to_string()),
            _ => None,
        })
    };
    draft.title = field(&["title", "headline"]);
    draft.source = field(&meta::SOURCE_FIELDS);
    draft.url = field(&["url", "link"]);
    if let Some(raw) = field(&meta::DATE_FIELDS) {
        draft.date = meta::parse_date(&raw);
        if draft.date.is_none() {
            draft.warnings.push(format!("date {raw:?} not understood"));
        }
    }
}

fn first_heading(body: &str) -> Option<String> {
    body.lines().find_map(|l| l.strip_prefix("# ")).map(|t| t.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn front_matter_fields_are_read() {
        let src = "---\ntitle: \"Apple releases SDK\"\ndate: 2008-03-06\nsource: Wikinews\nurl: http://x\n---\n\nDuring a media event.\n";
        let d = parse(src, "a.md").unwrap();
        assert_eq!(d.title.as_deref(), Some("Apple releases SDK"));
        assert_eq!(d.date, NaiveDate::from_ymd_opt(2008, 3, 6));
        assert_eq!(d.source.as_deref(), Some("Wikinews"));
        assert_eq!(d.text, "During a media event.");
        assert_eq!(&src[d.pieces[0].clone()], d.text);
    }

    #[test]
    fn malformed_yaml_loads_the_body_with_a_warning() {
        let d = parse("---\ntitle: [unclosed\ndate: not-a-date\n---\n\nBody.\n", "a.md").unwrap();
        assert_eq!(d.text, "Body.");
        assert!(d.warnings[0].contains("not valid YAML"));
    }

    /// Issue 9.6: front matter nested 100,000 deep took 17 s to parse.
    #[test]
    fn deep_or_huge_front_matter_is_ignored_quickly_with_a_warning() {
        let deep =
            format!("---\ntitle: x\nmore: {}{}\n---\nBody.\n", "[".repeat(100_000), "]".repeat(100_000));
        let started = std::time::Instant::now();
        let d = parse(&deep, "a.md").unwrap();
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
        assert_eq!(d.text, "Body.");
        assert!(d.warnings[0].contains("front matter ignored"), "{:?}", d.warnings);
        let nested: String = (0..40).map(|i| format!("{}k{i}:\n", " ".repeat(i * 2))).collect();
        let d = parse(&format!("---\n{nested}---\nBody.\n"), "a.md").unwrap();
        assert!(d.warnings[0].contains("nested"), "{:?}", d.warnings);
    }

    #[test]
    fn unterminated_front_matter_is_text() {
        let d = parse("---\ntitle: never closed\n\nBody.\n", "a.md").unwrap();
        assert!(d.text.contains("never closed"));
        assert_eq!(d.warnings.len(), 1);
    }

    #[test]
    fn impossible_date_is_a_warning_and_no_date() {
        let d = parse("---\ntitle: Bad\ndate: 2022-13-45\n---\nBody.", "a.md").unwrap();
        assert_eq!(d.date, None);
        assert!(d.warnings[0].contains("2022-13-45"));
    }

    #[test]
    fn heading_is_the_title_without_front_matter() {
        let d = parse("# A heading\n\nBody.", "a.md").unwrap();
        assert_eq!(d.title.as_deref(), Some("A heading"));
    }
}
