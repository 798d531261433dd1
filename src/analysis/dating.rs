//! Dating articles that carry no date of their own: from a dateline in their first lines, or
//! else from the corpus (a "July 29" takes the year other articles give to the same day).

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Datelike, NaiveDate};

use super::{Analysis, EntityKind, Summary, time};
use crate::corpus::{Article, ArticleDate, DateSource};

/// How far into the text a dateline may sit.
const DATELINE_BYTES: usize = 200;

/// For every month-day that dated articles mention, the years they give it, with counts.
/// Gathered article by article as the corpus is analyzed, so no analysis has to be kept.
#[derive(Debug, Clone, Default)]
pub struct MonthDays(HashMap<(u32, u32), BTreeMap<i32, usize>>);

impl MonthDays {
    /// Counts the full dates a dated article mentions (see [`full_dates`]).
    pub fn add(&mut self, dates: &[NaiveDate]) {
        for d in dates {
            *self.0.entry((d.month(), d.day())).or_default().entry(d.year()).or_default() += 1;
        }
    }
}

/// The full calendar dates an article's time expressions name, which is all that a dated
/// article adds to [`MonthDays`]: kept per article, they let the corpus pass be redone without
/// analyzing the article again.
pub fn full_dates(analysis: &Analysis) -> Vec<NaiveDate> {
    analysis
        .timexes
        .iter()
        .filter_map(|t| t.value.get(..10).and_then(|v| NaiveDate::parse_from_str(v, "%Y-%m-%d").ok()))
        .collect()
}

/// Dates the undated articles (`undated` gives each one's id, text and analysis; `articles[i]`
/// goes with `summaries[i]`).
pub fn date_articles(
    articles: &[&Article],
    summaries: &[&Summary],
    month_days: &MonthDays,
    undated: &[(u32, &str, &Analysis)],
) -> Vec<(u32, ArticleDate)> {
    if undated.is_empty() {
        return Vec::new();
    }
    let similar = SimilarDated::new(articles, summaries);
    undated
        .iter()
        .filter_map(|&(id, text, analysis)| {
            let date = dateline(text, analysis)
                .or_else(|| from_month_days(analysis, month_days))
                .or_else(|| {
                    let near = from_similar_articles(analysis, &similar)?;
                    Some(
                        own_month(text, analysis)
                            .and_then(|m| within_month(near.date, m))
                            .map_or(near, |date| ArticleDate { date, from: DateSource::Inferred }),
                    )
                })
                .or_else(|| from_latest_mention(analysis))?;
            Some((id, date))
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

/// The latest day the article mentions, its year taken from the corpus; failing that, the
/// latest year it names.
fn from_month_days(analysis: &Analysis, year_of_day: &MonthDays) -> Option<ArticleDate> {
    let date = analysis
        .timexes
        .iter()
        .filter_map(|t| {
            let rest = t.value.strip_prefix("XXXX-")?;
            let d = NaiveDate::parse_from_str(&format!("2000-{}", rest.get(..5)?), "%Y-%m-%d").ok()?;
            let years = year_of_day.0.get(&(d.month(), d.day()))?;
            let (&year, _) = years.iter().max_by_key(|(y, n)| (**n, **y))?;
            NaiveDate::from_ymd_opt(year, d.month(), d.day())
        })
        .max()?;
    Some(ArticleDate { date, from: DateSource::Inferred })
}

/// The month an article says it was written in: it speaks of "this month" and names one month
/// without a year ("in mid-January"), which can only be this month or an earlier one.
fn own_month(text: &str, analysis: &Analysis) -> Option<u32> {
    let says_this_month = analysis
        .timexes
        .iter()
        .any(|t| text.get(t.start..t.end).is_some_and(|s| s.eq_ignore_ascii_case("this month")));
    if !says_this_month {
        return None;
    }
    let months: std::collections::BTreeSet<u32> = analysis
        .timexes
        .iter()
        .filter_map(|t| t.value.strip_prefix("XXXX-"))
        .filter(|rest| rest.len() == 2)
        .filter_map(|m| m.parse().ok())
        .filter(|m| (1..=12).contains(m))
        .collect();
    (months.len() == 1).then(|| months.first().copied()).flatten()
}

/// The last day of the latest month `month` that is not after `near`.
fn within_month(near: NaiveDate, month: u32) -> Option<NaiveDate> {
    let year = if month <= near.month() { near.year() } else { near.year() - 1 };
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let last = first.checked_add_months(chrono::Months::new(1))?.pred_opt()?;
    Some(last.min(near))
}

/// Whether a name is one that tells a story apart (people, organizations, places).
fn telling(kind: EntityKind) -> bool {
    matches!(kind, EntityKind::Person | EntityKind::Organization | EntityKind::Place)
}

/// The dated articles by the names they mention, for finding articles about the same story.
struct SimilarDated<'a> {
    dates: Vec<Option<NaiveDate>>,
    by_name: HashMap<&'a str, Vec<u32>>,
}

impl<'a> SimilarDated<'a> {
    fn new(articles: &[&Article], summaries: &[&'a Summary]) -> SimilarDated<'a> {
        let mut by_name: HashMap<&str, Vec<u32>> = HashMap::new();
        let mut dates = Vec::with_capacity(articles.len());
        for (i, (article, summary)) in articles.iter().zip(summaries).enumerate() {
            dates.push(article.date.map(|d| d.date));
            if article.date.is_some() {
                for e in summary.entities.iter().filter(|e| telling(e.kind)) {
                    by_name.entry(&e.name).or_default().push(i as u32);
                }
            }
        }
        SimilarDated { dates, by_name }
    }

    /// The dates of dated articles with how many of `names` each shares.
    fn sharing(&self, names: &HashSet<&str>) -> Vec<(usize, NaiveDate)> {
        let mut shared: HashMap<u32, usize> = HashMap::new();
        for name in names {
            for &i in self.by_name.get(name).into_iter().flatten() {
                *shared.entry(i).or_default() += 1;
            }
        }
        shared
            .into_iter()
            .filter_map(|(i, n)| Some((n, self.dates.get(i as usize).copied().flatten()?)))
            .collect()
    }
}

/// Articles that share the most names tell the same story at about the same time: the median
/// date of the (up to three) closest dated articles, if they share at least two names. It is
/// never earlier than the latest year the article itself names.
fn from_similar_articles(analysis: &Analysis, dated: &SimilarDated) -> Option<ArticleDate> {
    let own: HashSet<&str> =
        analysis.entities.iter().filter(|e| telling(e.kind)).map(|e| &*e.canonical).collect();
    let mut scored: Vec<(usize, NaiveDate)> =
        dated.sharing(&own).into_iter().filter(|(s, _)| *s >= 2).collect();
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
    fn an_article_that_names_its_month_is_dated_in_it() {
        let near = NaiveDate::from_ymd_opt(2022, 7, 30).unwrap();
        assert_eq!(within_month(near, 1), NaiveDate::from_ymd_opt(2022, 1, 31));
        assert_eq!(within_month(near, 7), Some(near), "not after what the neighbours say");
        assert_eq!(within_month(near, 11), NaiveDate::from_ymd_opt(2021, 11, 30));
        let text = "Blinken spoke in mid-January. Japan held talks this month.";
        let analysis = Analysis { timexes: time::tag(text, None), ..Analysis::default() };
        assert_eq!(own_month(text, &analysis), Some(1));
        let no_now = "Blinken spoke in mid-January.";
        assert_eq!(
            own_month(no_now, &Analysis { timexes: time::tag(no_now, None), ..Analysis::default() }),
            None
        );
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
