//! Calendar arithmetic and TIMEX3 value formatting on top of chrono.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use super::lex::Unit;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tense {
    Past,
    Future,
    Unknown,
}

pub(crate) fn ymd(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

pub(crate) fn ym(y: i32, m: u32) -> String {
    format!("{y:04}-{m:02}")
}

pub(crate) fn week(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{:04}-W{:02}", w.year(), w.week())
}

pub(crate) fn quarter_of(d: NaiveDate) -> u32 {
    d.month0() / 3 + 1
}

pub(crate) fn shift_quarter(y: i32, q: u32, delta: i32) -> (i32, u32) {
    let idx = y * 4 + q as i32 - 1 + delta;
    (idx.div_euclid(4), idx.rem_euclid(4) as u32 + 1)
}

pub(crate) fn shift_month(d: NaiveDate, delta: i64) -> NaiveDate {
    let m = Months::new(delta.unsigned_abs().min(12_000) as u32);
    let r = if delta >= 0 { d.checked_add_months(m) } else { d.checked_sub_months(m) };
    r.unwrap_or(d)
}

pub(crate) fn shift_days(d: NaiveDate, delta: i64) -> NaiveDate {
    let n = Days::new(delta.unsigned_abs().min(3_000_000));
    let r = if delta >= 0 { d.checked_add_days(n) } else { d.checked_sub_days(n) };
    r.unwrap_or(d)
}

/// The weekday `wd` nearest the DCT in the direction the tense points to; the DCT
/// itself when it falls on that weekday (news says "Friday" on the Friday).
pub(crate) fn resolve_weekday(dct: NaiveDate, wd: u32, tense: Tense) -> NaiveDate {
    let cur = dct.weekday().number_from_monday() as i64;
    let want = i64::from(wd);
    if cur == want {
        return dct;
    }
    let fwd = (want - cur).rem_euclid(7);
    let back = (cur - want).rem_euclid(7);
    match tense {
        Tense::Future => shift_days(dct, fwd),
        Tense::Past => shift_days(dct, -back),
        // No cue: the nearest, ties and near-ties to the past (news reports more
        // than it announces).
        Tense::Unknown if fwd + 2 < back => shift_days(dct, fwd),
        Tense::Unknown => shift_days(dct, -back),
    }
}

/// Year of a month (and optional day) mentioned without one. The occurrence the
/// tense points to wins when it lies within ~10 months of the DCT (deadlines and
/// schedules are stated in any tense, so a farther one suggests a misread cue);
/// otherwise, and without a cue, the nearest one, with a slight lean to the past.
pub(crate) fn resolve_year(dct: NaiveDate, month: u32, day: Option<u32>, tense: Tense) -> i32 {
    const REACH: i64 = 300;
    let y = dct.year();
    // Days from the DCT back to the previous occurrence and on to the next one.
    let (back, fwd) = match day {
        None => {
            let cm = i64::from(dct.month());
            let m = i64::from(month);
            ((cm - m).rem_euclid(12) * 30, (m - cm).rem_euclid(12) * 30)
        }
        Some(d) => {
            let Some(this) = NaiveDate::from_ymd_opt(y, month, d.clamp(1, 28)) else {
                return y;
            };
            let diff = (this - dct).num_days();
            if diff >= 0 { (365 - diff, diff) } else { (-diff, 365 + diff) }
        }
    };
    if back == 0 || fwd == 0 {
        return y;
    }
    let go_back = match tense {
        Tense::Past if back <= REACH => true,
        Tense::Future if fwd <= REACH => false,
        _ => back <= fwd + 30,
    };
    let later_in_year = (month, day.unwrap_or(1)) > (dct.month(), dct.day());
    match (go_back, later_in_year) {
        (true, true) => y - 1,
        (false, false) if day.is_some() || month < dct.month() => y + 1,
        _ => y,
    }
}

/// Value of "N units" before (negative) or after the DCT, at the unit's granularity.
pub(crate) fn offset_value(dct: NaiveDate, unit: Unit, n: i64) -> String {
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour => ymd(dct),
        Unit::Day => ymd(shift_days(dct, n)),
        Unit::Week => week(shift_days(dct, n * 7)),
        Unit::Month => {
            let d = shift_month(dct, n);
            ym(d.year(), d.month())
        }
        Unit::Quarter => {
            let (y, q) = shift_quarter(dct.year(), quarter_of(dct), n as i32);
            format!("{y:04}-Q{q}")
        }
        Unit::Year => year_value(i64::from(dct.year()) + n),
        Unit::Decade => year_value(i64::from(dct.year()) + n * 10),
        Unit::Century => year_value(i64::from(dct.year()) + n * 100),
    }
}

/// A year as TIMEX3 writes it, four digits ("0505"); outside 1..=9999 only the
/// direction is left ("10,000 years ago").
fn year_value(y: i64) -> String {
    match y {
        ..=0 => "PAST_REF".to_string(),
        1..=9999 => format!("{y:04}"),
        _ => "FUTURE_REF".to_string(),
    }
}

/// "this/last/next <unit>": the period containing the DCT, shifted by `n` periods.
pub(crate) fn period_value(dct: NaiveDate, unit: Unit, n: i64) -> String {
    match unit {
        Unit::Decade => {
            let d = i64::from(dct.year()).div_euclid(10) + n;
            format!("{d:03}")
        }
        Unit::Century => {
            let c = i64::from(dct.year()).div_euclid(100) + n;
            format!("{c:02}")
        }
        _ => offset_value(dct, unit, n),
    }
}

pub(crate) fn placeholder(unit: Unit) -> &'static str {
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => "XXXX-XX-XX",
        Unit::Week => "XXXX-WXX",
        Unit::Month => "XXXX-XX",
        Unit::Quarter => "XXXX-QX",
        Unit::Year | Unit::Decade | Unit::Century => "XXXX",
    }
}

/// "P3M", "PT2H", "PXY"; `n` None means an unspecified amount.
pub(crate) fn duration(unit: Unit, n: Option<f64>) -> String {
    let (amount, code, time) = match unit {
        Unit::Second => (n, "S", true),
        Unit::Minute => (n, "M", true),
        Unit::Hour => (n, "H", true),
        Unit::Day => (n, "D", false),
        Unit::Week => (n, "W", false),
        Unit::Month => (n, "M", false),
        Unit::Quarter => (n.map(|v| v * 3.0), "M", false),
        Unit::Year => (n, "Y", false),
        Unit::Decade => (n.map(|v| v * 10.0), "Y", false),
        Unit::Century => (n.map(|v| v * 100.0), "Y", false),
    };
    let t = if time { "T" } else { "" };
    match amount {
        None => format!("P{t}X{code}"),
        Some(v) if v.fract() == 0.5 && matches!(unit, Unit::Year | Unit::Hour | Unit::Minute) => {
            let whole = v.trunc() as i64;
            let (sub, subcode) = match unit {
                Unit::Year => ("", "6M"),
                Unit::Hour => ("", "30M"),
                _ => ("", "30S"),
            };
            let lead = if whole > 0 { format!("{whole}{code}") } else { String::new() };
            format!("P{t}{lead}{sub}{subcode}")
        }
        Some(v) if v.fract() == 0.0 => format!("P{t}{}{code}", v as i64),
        Some(v) => format!("P{t}{v}{code}"),
    }
}

pub(crate) fn valid_ymd(y: i32, m: u32, d: u32) -> bool {
    NaiveDate::from_ymd_opt(y, m, d).is_some()
}

/// Nth weekday of a month, for holidays like Thanksgiving.
pub(crate) fn nth_weekday(y: i32, m: u32, wd: Weekday, n: u8) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(y, m, wd, n)
}
