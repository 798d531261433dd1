//! Metadata conventions shared by the structured formats.

use chrono::{DateTime, NaiveDate};

pub const DATE_FIELDS: [&str; 6] = ["date", "published", "pubDate", "publishedAt", "published_at", "dct"];
pub const SOURCE_FIELDS: [&str; 4] = ["source", "site", "publisher", "outlet"];
pub const TEXT_FIELDS: [&str; 5] = ["text", "body", "content", "article", "description"];

/// Reads the date forms found in feeds and exports: ISO dates, RFC 3339, RFC 2822, and a few
/// spelled-out ones.
pub fn parse_date(raw: &str) -> Option<NaiveDate> {
    let s = raw.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.date_naive());
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(d.date_naive());
    }
    let head = s.get(..10).unwrap_or(s);
    for fmt in ["%Y-%m-%d", "%Y/%m/%d"] {
        if let Ok(d) = NaiveDate::parse_from_str(head, fmt) {
            return Some(d);
        }
    }
    for fmt in ["%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(s, fmt) {
            return Some(d);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feed_date_forms() {
        let d = NaiveDate::from_ymd_opt(2022, 7, 29);
        for s in [
            "2022-07-29",
            "2022-07-29T10:00:00Z",
            "Fri, 29 Jul 2022 10:00:00 GMT",
            "2022/07/29",
            "July 29, 2022",
            "29 July 2022",
            "2022-07-29 10:00",
        ] {
            assert_eq!(parse_date(s), d, "{s}");
        }
        assert_eq!(parse_date("not-a-date"), None);
        assert_eq!(parse_date("2022-13-45"), None);
        assert_eq!(parse_date("2022-07-2é"), None);
    }
}
