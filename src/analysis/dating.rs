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
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MonthDays(HashMap<(u32, u32), BTreeMap<i32, usize>>);

impl MonthDays {
    /// Counts the full dates a dated article mentions (see [`full_dates`]).
    pub fn add(&mut self, dates: &[NaiveDate]) {
        for d in dates {
            *self.0.entry((d.month(), d.day())).or_default().entry(d.year()).or_default() += 1;
        }
    }

    /// Takes back what [`MonthDays::add`] counted of `dates` (an article removed or changed):
    /// a year no article gives a month-day any more is gone, as if never counted.
    pub fn remove(&mut self, dates: &[NaiveDate]) {
        for d in dates {
            let day = (d.month(), d.day());
            let Some(years) = self.0.get_mut(&day) else { continue };
            if let Some(n) = years.get_mut(&d.year()) {
                *n = n.saturating_sub(1);
                if *n == 0 {
                    years.remove(&d.year());
                }
            }
            if years.is_empty() {
                self.0.remove(&day);
            }
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

/// What an undated article's date is worked out from, besides the rest of the corpus: kept
/// with the cached state, so that an update dates the article again without reading it.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Evidence {
    /// A full date in a dateline.
    #[serde(with = "crate::corpus::day_number::option")]
    dateline: Option<NaiveDate>,
    /// The days it names without a year (month, day).
    month_days: Box<[(u8, u8)]>,
    /// The one month it names without a year, when it also says "this month".
    own_month: Option<u8>,
    /// The latest calendar date it names.
    #[serde(with = "crate::corpus::day_number::option")]
    latest: Option<NaiveDate>,
}

impl Evidence {
    /// The evidence in an article analyzed without a date of its own.
    pub fn of(text: &str, analysis: &Analysis) -> Evidence {
        let month_days = analysis
            .timexes
            .iter()
            .filter_map(|t| {
                let rest = t.value.strip_prefix("XXXX-")?;
                let d = NaiveDate::parse_from_str(&format!("2000-{}", rest.get(..5)?), "%Y-%m-%d").ok()?;
                Some((d.month() as u8, d.day() as u8))
            })
            .collect();
        Evidence {
            dateline: dateline(text, analysis),
            month_days,
            own_month: own_month(text, analysis).map(|m| m as u8),
            latest: analysis
                .timexes
                .iter()
                .filter_map(|t| time::calendar_point(&t.value))
                .map(|p| p.date)
                .max(),
        }
    }
}

/// Dates the undated articles (`undated` gives each one's id and evidence; `articles[i]` goes
/// with `summaries[i]`, and an undated article's summary gives the names it mentions). Only
/// the dates articles came with count as the corpus's evidence, not those this pass gave.
pub fn date_articles(
    articles: &[&Article],
    summaries: &[&Summary],
    month_days: &MonthDays,
    undated: &[(u32, &Evidence)],
) -> Vec<(u32, ArticleDate)> {
    if undated.is_empty() {
        return Vec::new();
    }
    // Indexing every dated article's names takes a while at a million articles: only done
    // if an article's own text and the month-days leave it undated.
    let similar = std::cell::OnceCell::new();
    undated
        .iter()
        .filter_map(|&(id, evidence)| {
            let date = evidence
                .dateline
                .map(|date| ArticleDate { date, from: DateSource::Dateline })
                .or_else(|| from_month_days(evidence, month_days))
                .or_else(|| {
                    let similar = similar.get_or_init(|| SimilarDated::new(articles, summaries));
                    let names = summaries.get(id as usize).map(|s| telling_names(s)).unwrap_or_default();
                    let near = from_similar_articles(evidence, &names, similar)?;
                    Some(
                        evidence
                            .own_month
                            .and_then(|m| within_month(near.date, u32::from(m)))
                            .map_or(near, |date| ArticleDate { date, from: DateSource::Inferred }),
                    )
                })
                .or_else(|| from_latest_mention(evidence))?;
            Some((id, date))
        })
        .collect()
}

/// The names of a summary that tell a story apart.
fn telling_names(summary: &Summary) -> HashSet<&str> {
    summary.entities.iter().filter(|e| telling(e.kind)).map(|e| &*e.name).collect()
}

/// A full calendar date in a dateline: near the start, and either on a short line of its own
/// ("July 30, 2022") or followed by a dash or colon ("TOKYO, July 30, 2022 (Kyodo) - ...").
/// A date inside the first sentence is not a dateline.
fn dateline(text: &str, analysis: &Analysis) -> Option<NaiveDate> {
    analysis
        .timexes
        .iter()
        .take_while(|t| t.start < DATELINE_BYTES)
        .filter(|t| in_dateline_position(text, t.start, t.end))
        .find_map(|t| NaiveDate::parse_from_str(t.value.get(..10)?, "%Y-%m-%d").ok())
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

/// The latest day the article mentions, its year taken from the corpus.
fn from_month_days(evidence: &Evidence, year_of_day: &MonthDays) -> Option<ArticleDate> {
    let date = evidence
        .month_days
        .iter()
        .filter_map(|&(month, day)| {
            let (month, day) = (u32::from(month), u32::from(day));
            let years = year_of_day.0.get(&(month, day))?;
            let (&year, _) = years.iter().max_by_key(|(y, n)| (**n, **y))?;
            NaiveDate::from_ymd_opt(year, month, day)
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
            // A date this pass gave (an update finds them on the articles) is not evidence.
            let own = article.date.filter(|d| d.from == DateSource::Metadata);
            dates.push(own.map(|d| d.date));
            if own.is_some() {
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
fn from_similar_articles(
    evidence: &Evidence,
    own: &HashSet<&str>,
    dated: &SimilarDated,
) -> Option<ArticleDate> {
    let mut scored: Vec<(usize, NaiveDate)> =
        dated.sharing(own).into_iter().filter(|(s, _)| *s >= 2).collect();
    scored.sort_by(|a, b| b.cmp(a));
    let mut closest: Vec<NaiveDate> = scored.iter().take(3).map(|(_, d)| *d).collect();
    closest.sort();
    let median = *closest.get(closest.len() / 2)?;
    let date = evidence.latest.map_or(median, |f| median.max(f));
    Some(ArticleDate { date, from: DateSource::Inferred })
}

/// The latest calendar date the article mentions.
fn from_latest_mention(evidence: &Evidence) -> Option<ArticleDate> {
    evidence.latest.map(|date| ArticleDate { date, from: DateSource::Inferred })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An article taken back leaves the month-days as if it had never been counted.
    #[test]
    fn month_days_taken_back_are_as_if_never_counted() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let (a, b) = ([day(2022, 7, 29), day(2021, 7, 29)], [day(2022, 7, 29), day(2020, 3, 1)]);
        let mut only_a = MonthDays::default();
        only_a.add(&a);
        let mut both = only_a.clone();
        both.add(&b);
        assert_ne!(both, only_a);
        both.remove(&b);
        assert_eq!(both, only_a, "March 1 gone, July 29 of 2022 counted once");
        both.remove(&a);
        assert_eq!(both, MonthDays::default());
        both.remove(&a);
        assert_eq!(both, MonthDays::default(), "what was not counted is not taken back");
    }

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
