//! Dating articles that carry no date of their own: from a dateline in their first lines, or
//! else from the corpus (a "July 29" takes the year other articles give to the same day).

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Datelike, NaiveDate};

use super::{Analysis, EntityKind, time};
use crate::corpus::{Article, ArticleDate, DateSource};

/// How far into the text a dateline may sit.
const DATELINE_BYTES: usize = 200;

/// A date found for an undated article, with its time expressions re-read against it.
#[derive(Debug, Clone)]
pub struct Redating {
    pub article: u32,
    pub date: ArticleDate,
    pub timexes: Vec<time::Timex>,
    pub events: Vec<super::Event>,
}

/// Dates the undated articles (`articles[i]` goes with `analyses[i]`).
pub fn date_articles(articles: &[&Article], analyses: &[&Analysis]) -> Vec<Redating> {
    let year_of_day = years_by_month_day(articles, analyses);
    let dated: Vec<(NaiveDate, HashSet<&str>)> =
        articles.iter().zip(analyses).filter_map(|(a, an)| Some((a.date?.date, names(an)))).collect();
    articles
        .iter()
        .zip(analyses)
        .filter(|(a, _)| a.date.is_none())
        .filter_map(|(article, analysis)| {
            let date = dateline(&article.text, analysis)
                .or_else(|| from_month_days(analysis, &year_of_day))
                .or_else(|| from_similar_articles(analysis, &dated))
                .or_else(|| from_latest_mention(analysis))?;
            let timexes = time::tag(&article.text, Some(date.date));
            let events = super::events(&article.text, &timexes);
            Some(Redating { article: article.id, date, timexes, events })
        })
        .collect()
}

/// A full calendar date in a dateline: near the start, and either on a short line of its own
/// ("July 30, 2022") or followed by a dash or colon ("TOKYO, July 30, 2022 (Kyodo) - ...").
/// A date inside the first sentence is not a dateline.
fn dateline(text: &str, analysis: &Analysis) -> Option<ArticleDate> {
    analysis
        .timexes
        .iter()
        .take_while(|t| t.start < DATELINE_BYTES)
        .filter(|t| in_dateline_position(text, t.start, t.end))
        .find_map(|t| NaiveDate::parse_from_str(t.value.get(..10)?, "%Y-%m-%d").ok())
        .map(|date| ArticleDate { date, from: DateSource::Dateline })
}

fn in_dateline_position(text: &str, start: usize, end: usize) -> bool {
    let (Some(before), Some(rest)) = (text.get(..start), text.get(end..)) else { return false };
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line_end = rest.find('\n').map_or(text.len(), |i| end + i);
    let mut after = rest[..line_end - end].trim_start();
    if let Some(agency) = after.strip_prefix('(') {
        after = agency.split_once(')').map_or("", |(_, r)| r).trim_start();
    }
    let short_line = line_end - line_start <= 60;
    let first_lines = before.matches('\n').count() < 3;
    first_lines && (short_line || after.starts_with(['-', '\u{2014}', '\u{2013}', ':']))
}

/// For every month-day that dated articles mention, the years they give it, with counts.
fn years_by_month_day(
    articles: &[&Article],
    analyses: &[&Analysis],
) -> HashMap<(u32, u32), BTreeMap<i32, usize>> {
    let mut map: HashMap<(u32, u32), BTreeMap<i32, usize>> = HashMap::new();
    for (_, analysis) in articles.iter().zip(analyses).filter(|(a, _)| a.date.is_some()) {
        for t in &analysis.timexes {
            if let Some(d) = t.value.get(..10).and_then(|v| NaiveDate::parse_from_str(v, "%Y-%m-%d").ok()) {
                *map.entry((d.month(), d.day())).or_default().entry(d.year()).or_default() += 1;
            }
        }
    }
    map
}

/// The latest day the article mentions, its year taken from the corpus; failing that, the
/// latest year it names.
fn from_month_days(
    analysis: &Analysis,
    year_of_day: &HashMap<(u32, u32), BTreeMap<i32, usize>>,
) -> Option<ArticleDate> {
    let date = analysis
        .timexes
        .iter()
        .filter_map(|t| {
            let rest = t.value.strip_prefix("XXXX-")?;
            let d = NaiveDate::parse_from_str(&format!("2000-{}", rest.get(..5)?), "%Y-%m-%d").ok()?;
            let years = year_of_day.get(&(d.month(), d.day()))?;
            let (&year, _) = years.iter().max_by_key(|(y, n)| (**n, **y))?;
            NaiveDate::from_ymd_opt(year, d.month(), d.day())
        })
        .max()?;
    Some(ArticleDate { date, from: DateSource::Inferred })
}

/// The names an article mentions, for finding articles about the same story.
fn names(analysis: &Analysis) -> HashSet<&str> {
    analysis
        .entities
        .iter()
        .filter(|e| matches!(e.kind, EntityKind::Person | EntityKind::Organization | EntityKind::Place))
        .map(|e| &*e.canonical)
        .collect()
}

/// Articles that share the most names tell the same story at about the same time: the median
/// date of the (up to three) closest dated articles, if they share at least two names. It is
/// never earlier than the latest year the article itself names.
fn from_similar_articles(analysis: &Analysis, dated: &[(NaiveDate, HashSet<&str>)]) -> Option<ArticleDate> {
    let own = names(analysis);
    let mut scored: Vec<(usize, NaiveDate)> =
        dated.iter().map(|(d, n)| (n.intersection(&own).count(), *d)).filter(|(s, _)| *s >= 2).collect();
    scored.sort_by(|a, b| b.cmp(a));
    let mut closest: Vec<NaiveDate> = scored.iter().take(3).map(|(_, d)| *d).collect();
    closest.sort();
    let median = *closest.get(closest.len() / 2)?;
    let floor = from_latest_mention(analysis).map(|d| d.date);
    let date = floor.map_or(median, |f| median.max(f));
    Some(ArticleDate { date, from: DateSource::Inferred })
}

/// The latest calendar date the article mentions.
fn from_latest_mention(analysis: &Analysis) -> Option<ArticleDate> {
    let date =
        analysis.timexes.iter().filter_map(|t| time::calendar_point(&t.value)).map(|p| p.date).max()?;
    Some(ArticleDate { date, from: DateSource::Inferred })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn position(text: &str, needle: &str) -> bool {
        let start = text.find(needle).unwrap();
        in_dateline_position(text, start, start + needle.len())
    }

    #[test]
    fn datelines_are_told_from_dates_in_sentences() {
        assert!(position("TOKYO, July 30, 2022 (Kyodo) - Officials met.", "July 30, 2022"));
        assert!(position("WASHINGTON, July 30, 2022 \u{2014} Officials met.", "July 30, 2022"));
        assert!(position("Some headline\nJuly 30, 2022\n\nBody text goes on here.", "July 30, 2022"));
        assert!(!position(
            "Tokyo officials met in Washington on July 29, 2022 to discuss chips at length today.",
            "July 29, 2022"
        ));
    }
}
