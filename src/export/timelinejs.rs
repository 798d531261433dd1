//! TimelineJS 3's JSON: a title slide and one slide per event, dated as precisely as known.

use chrono::Datelike;
use serde::Serialize;

use crate::analysis::Granularity;
use crate::analysis::timeline::TimelineEvent;

#[derive(Serialize)]
pub struct Timeline {
    pub title: Slide,
    pub events: Vec<Slide>,
}

#[derive(Serialize)]
pub struct Slide {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_date: Option<Date>,
    pub text: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unique_id: Option<String>,
}

#[derive(Serialize)]
pub struct Text {
    pub headline: String,
    pub text: String,
}

/// TimelineJS takes each part as a string, and leaves out what is not known.
#[derive(Serialize)]
pub struct Date {
    pub year: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub month: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub day: Option<String>,
}

pub fn date(event: &TimelineEvent) -> Date {
    let d = event.date;
    let (month, day) = match event.granularity {
        Granularity::Year => (None, None),
        Granularity::Quarter | Granularity::Month => (Some(d.month()), None),
        Granularity::Week | Granularity::Day => (Some(d.month()), Some(d.day())),
    };
    Date { year: d.year().to_string(), month: month.map(|m| m.to_string()), day: day.map(|d| d.to_string()) }
}
