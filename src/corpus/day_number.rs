//! Dates in serialized data: text where people read it (JSON), a day number where only dossier
//! reads it (the cache's state file). A million-article state holds some twenty million
//! dates, and parsing each from text was a measurable part of reopening the corpus.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub fn serialize<S: Serializer>(date: &NaiveDate, out: S) -> Result<S::Ok, S::Error> {
    if out.is_human_readable() { date.serialize(out) } else { date.num_days_from_ce().serialize(out) }
}

pub fn deserialize<'de, D: Deserializer<'de>>(input: D) -> Result<NaiveDate, D::Error> {
    if input.is_human_readable() {
        NaiveDate::deserialize(input)
    } else {
        from_days(i32::deserialize(input)?)
    }
}

fn from_days<E: serde::de::Error>(days: i32) -> Result<NaiveDate, E> {
    NaiveDate::from_num_days_from_ce_opt(days).ok_or_else(|| E::custom(format!("day {days} is out of range")))
}

/// The same for a list of dates.
pub mod list {
    use super::*;

    pub fn serialize<S: Serializer>(dates: &[NaiveDate], out: S) -> Result<S::Ok, S::Error> {
        if out.is_human_readable() {
            dates.serialize(out)
        } else {
            out.collect_seq(dates.iter().map(Datelike::num_days_from_ce))
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(input: D) -> Result<Box<[NaiveDate]>, D::Error> {
        if input.is_human_readable() {
            Box::<[NaiveDate]>::deserialize(input)
        } else {
            Vec::<i32>::deserialize(input)?.into_iter().map(from_days).collect()
        }
    }
}

/// The same for a date that may be missing.
pub mod option {
    use super::*;

    pub fn serialize<S: Serializer>(date: &Option<NaiveDate>, out: S) -> Result<S::Ok, S::Error> {
        if out.is_human_readable() {
            date.serialize(out)
        } else {
            date.map(|d| d.num_days_from_ce()).serialize(out)
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(input: D) -> Result<Option<NaiveDate>, D::Error> {
        if input.is_human_readable() {
            Option::<NaiveDate>::deserialize(input)
        } else {
            Option::<i32>::deserialize(input)?.map(from_days).transpose()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Dated {
        #[serde(with = "super")]
        day: NaiveDate,
        #[serde(with = "super::list")]
        days: Box<[NaiveDate]>,
        #[serde(with = "super::option")]
        maybe: Option<NaiveDate>,
    }

    #[test]
    fn dates_are_text_in_json_and_day_numbers_in_the_state_file() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let value = Dated {
            day: d(2022, 7, 29),
            days: vec![d(1, 1, 1), d(1997, 2, 28), d(2400, 12, 31)].into(),
            maybe: Some(d(2021, 3, 2)),
        };
        let json = serde_json::to_string(&value).unwrap();
        assert_eq!(
            json,
            r#"{"day":"2022-07-29","days":["0001-01-01","1997-02-28","2400-12-31"],"maybe":"2021-03-02"}"#
        );
        assert_eq!(serde_json::from_str::<Dated>(&json).unwrap(), value);
        let bytes = postcard::to_allocvec(&value).unwrap();
        assert!(bytes.len() <= 4 * 4 + 2 + 5, "day numbers, not text: {} bytes", bytes.len());
        assert_eq!(postcard::from_bytes::<Dated>(&bytes).unwrap(), value);
        let none = Dated { maybe: None, ..value };
        assert_eq!(postcard::from_bytes::<Dated>(&postcard::to_allocvec(&none).unwrap()).unwrap(), none);
        let out_of_range = postcard::to_allocvec(&(i32::MAX, Vec::<i32>::new(), None::<i32>)).unwrap();
        assert!(postcard::from_bytes::<Dated>(&out_of_range).is_err(), "a bad day is an error, not a panic");
    }
}
