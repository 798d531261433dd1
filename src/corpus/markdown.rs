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
            match serde_yaml_ng::from_str::<serde_yaml_ng::Value>(yaml) {
                Ok(value) => read_fields(&value, &mut draft),
                Err(e) => draft.warnings.push(format!("front matter is not valid YAML: {e}")),
            }
        }
    }
    let body = &text[body_start..];
    let leading = body.len() - body.trim_start().len();
    draft.text = body.trim().to_string();
    draft.text_offset = body_start + leading;
    if draft.title.is_none() {
        draft.title = first_heading(&draft.text);
    }
    Ok(draft)
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
        assert_eq!(&src[d.text_offset..d.text_offset + d.text.len()], d.text);
    }

    #[test]
    fn malformed_yaml_loads_the_body_with_a_warning() {
        let d = parse("---\ntitle: [unclosed\ndate: not-a-date\n---\n\nBody.\n", "a.md").unwrap();
        assert_eq!(d.text, "Body.");
        assert!(d.warnings[0].contains("not valid YAML"));
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
