//! Tagger tests, compiled only under #[cfg(test)] (see `time/mod.rs`).

use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The single timex covering `needle` in `text`, as (type, value).
fn find(text: &str, dct: Option<&str>, needle: &str) -> (TimexType, String) {
    let at = text.find(needle).unwrap();
    let got = tag(text, dct.map(d));
    let t = got
        .iter()
        .find(|t| t.start <= at && at < t.end)
        .unwrap_or_else(|| panic!("no timex at {needle:?} in {text:?}: {got:?}"));
    (t.kind, t.value.clone())
}

fn date(text: &str, dct: &str, needle: &str) -> String {
    let (k, v) = find(text, Some(dct), needle);
    assert_eq!(k, TimexType::Date, "{text}");
    v
}

#[test]
fn absolute_and_month_dates() {
    let dct = "2022-07-30";
    assert_eq!(date("Japan pledged on July 29 to act.", dct, "July"), "2022-07-29");
    assert_eq!(date("The plant should begin producing semiconductors by 2025.", dct, "2025"), "2025");
    assert_eq!(date("It cited a June 2021 report.", dct, "June"), "2021-06");
    assert_eq!(date("Talks started in April 2021.", dct, "April"), "2021-04");
    assert_eq!(date("The ministers met in January.", dct, "January"), "2022-01");
    assert_eq!(date("Prices rose sharply in mid-January.", dct, "January"), "2022-01");
    assert_eq!(date("They met on July 25.", dct, "July"), "2022-07-25");
    assert_eq!(date("It happened on 29 July 2022.", dct, "29"), "2022-07-29");
    assert_eq!(date("Filed 2022-07-30 at noon.", dct, "2022"), "2022-07-30");
}

/// (text, type, value) of every timex in `text`.
fn all(text: &str, dct: &str) -> Vec<(String, TimexType, String)> {
    tag(text, Some(d(dct))).into_iter().map(|t| (text[t.start..t.end].to_string(), t.kind, t.value)).collect()
}

fn dated(text: &str, kind: TimexType, value: &str) -> (String, TimexType, String) {
    (text.to_string(), kind, value.to_string())
}

#[test]
fn a_range_of_days_gives_both_ends() {
    let got = all("The ministers met on July 20-21 in Washington.", "2022-07-30");
    assert_eq!(
        got,
        [dated("July 20", TimexType::Date, "2022-07-20"), dated("21", TimexType::Date, "2022-07-21")]
    );
    // The year after the far end holds for both; an en dash works as a hyphen.
    let got = all("Talks were held on Jan. 3\u{2013}5, 1998 in Bonn.", "2022-07-30");
    assert_eq!(
        got,
        [dated("Jan. 3", TimexType::Date, "1998-01-03"), dated("5, 1998", TimexType::Date, "1998-01-05")]
    );
    // Not a range: the second number is smaller.
    let got = all("It fell on July 20-3 votes.", "2022-07-30");
    assert_eq!(got.len(), 1, "{got:?}");
}

#[test]
fn clock_times_written_as_four_digits_are_not_years() {
    let dct = "1997-03-07";
    let got = all("Kick-off is at 12:30 pm (2030 GMT) Friday.", dct);
    assert_eq!(
        got,
        [
            dated("12:30 pm", TimexType::Time, "1997-03-07T12:30"),
            dated("Friday", TimexType::Date, "1997-03-07")
        ]
    );
    let got = all("Kick-off is at 2030 GMT.", dct);
    assert_eq!(got, [dated("2030 GMT", TimexType::Time, "1997-03-07T20:30Z")]);
    let got = all("Barcelona v Atletico Madrid (2100), Real Madrid v Betis (1900)", dct);
    assert_eq!(
        got,
        [
            dated("2100", TimexType::Time, "XXXX-XX-XXT21:00"),
            dated("1900", TimexType::Time, "XXXX-XX-XXT19:00")
        ]
    );
    let got = all("The plane landed at 1900 local time.", dct);
    assert_eq!(got, [dated("1900 local time", TimexType::Time, "1997-03-07T19:00")]);
    // A time given again in another zone is not a second expression.
    let got = all("It struck at 10:35 a.m. (0735 GMT) Friday.", dct);
    assert!(got.iter().all(|(t, _, _)| !t.contains("0735")), "{got:?}");
    // Years in parentheses stay years when nothing says clock.
    assert_eq!(date("The war (1914) began in Europe.", dct, "1914"), "1914");
    assert_eq!(date("He was born in Paris (1950).", dct, "1950"), "1950");
}

#[test]
fn thousands_separators_keep_their_thousands() {
    assert_eq!(date("The temple was built about 1,500 years ago.", "2005-06-01", "1,500"), "0505");
    assert_eq!(date("Farming began 10,000 years ago.", "2005-06-01", "10,000"), "PAST_REF");
    // The tail of a grouped number starts nothing.
    let got = all("They counted 1,500 days of it.", "2005-06-01");
    assert_eq!(got, [dated("1,500 days", TimexType::Duration, "P1500D")]);
    let p = calendar_point("0505").unwrap();
    assert_eq!((p.date.year(), p.granularity), (505, Granularity::Year));
}

#[test]
fn later_and_earlier_count_from_the_last_date_given() {
    let dct = "2009-06-01";
    let t = "In 1986, he was elected to Congress, and three years later he launched a bid.";
    assert_eq!(date(t, dct, "three"), "1989");
    let t = "Jobs was ousted from Apple in 1985. One year later he was fired and founded NeXT.";
    assert_eq!(date(t, dct, "One"), "1986");
    // The explicit date in the same phrase says when.
    assert_eq!(date("In 1990 he moved. Four years later, in April 1998, he left.", dct, "Four"), "1998");
    let t = "On June 3, 1989 he left. The next day he came back. The following month he quit.";
    assert_eq!(date(t, dct, "next"), "1989-06-04");
    assert_eq!(date(t, dct, "following"), "1989-07");
    assert_eq!(date("Talks failed on March 2, 1998. A week earlier they had met.", dct, "week"), "1998-W09");
    // "ago" and "from now" count from the DCT whatever came before.
    assert_eq!(date("In 1986 he left. Two years ago he came back.", dct, "Two"), "2007");
    assert_eq!(date("In 1986 he left. Eight years from now it ends.", dct, "Eight"), "2017");
}

#[test]
fn later_and_earlier_without_a_date_to_count_from_are_amounts_of_time() {
    let dct = "2009-06-01";
    assert_eq!(
        find("A month earlier, prices fell.", Some(dct), "month"),
        (TimexType::Duration, "P1M".into())
    );
    // A year says nothing about "two months later".
    let got = all("In 1986 he left. Two months later he returned.", dct);
    assert_eq!(got[1], dated("Two months", TimexType::Duration, "P2M"));
    assert_eq!(find("A few days later he quit.", Some(dct), "few"), (TimexType::Duration, "PXD".into()));
    // The day after a month is unknown.
    assert_eq!(date("In May 1990 he left. The next day he came back.", dct, "next"), "XXXX-XX-XX");
    // TimeBank reads "the past year" as the year before the DCT.
    assert_eq!(date("Sales fell over the past year.", dct, "past"), "2008");
    // Financial "a year earlier" is still the quarter a year back.
    let t = "Profit rose in the third quarter of 1989 from $5 million a year earlier.";
    assert_eq!(date(t, "1989-11-02", "year earlier"), "1988-Q3");
}

#[test]
fn relative_dates() {
    let dct = "2022-07-30";
    assert_eq!(date("The ministers met on Friday.", dct, "Friday"), "2022-07-29");
    assert_eq!(date("Output will rise by the end of this year.", dct, "end"), "2022");
    assert_eq!(date("Sales fell earlier this month.", dct, "month"), "2022-07");
    assert_eq!(date("The plant opened two years ago.", dct, "two"), "2020");
    assert_eq!(date("They will meet on Friday.", "2022-07-29", "Friday"), "2022-07-29");
    assert_eq!(date("They will meet on Monday.", "2022-07-29", "Monday"), "2022-08-01");
    let fri = "2022-07-29";
    assert_eq!(date("Talks resume Monday in Tokyo.", fri, "Monday"), "2022-08-01");
    assert_eq!(date("Talks ended Monday in Tokyo.", fri, "Monday"), "2022-07-25");
    assert_eq!(date("We spoke yesterday.", dct, "yesterday"), "2022-07-29");
    assert_eq!(date("Prices are rising now.", dct, "now"), "PRESENT_REF");
    assert_eq!(date("Sales rose last year.", dct, "last"), "2021");
}

#[test]
fn years_of_dates_without_one() {
    // A deadline a week ahead stays in the DCT's year even after a past-tense verb.
    assert_eq!(date("The INS ruled that he must be returned by Jan. 14.", "2000-01-05", "Jan"), "2000-01-14");
    assert_eq!(date("Exports fell in December.", "2022-03-04", "December"), "2021-12");
    assert_eq!(date("He will fly in December.", "2022-03-04", "December"), "2022-12");
    assert_eq!(date("Sales rose last February.", "2022-03-01", "last"), "2021-02");
    assert_eq!(date("Sales rose last April.", "2022-10-27", "last"), "2022-04");
    assert_eq!(date("It opens this September.", "2022-06-26", "this"), "2022-09");
    assert_eq!(date("It happened January last year.", "2022-06-26", "January"), "2021-01");
}

#[test]
fn quarters_and_financial_periods() {
    let dct = "1989-10-26";
    assert_eq!(date("Profit rose in the third quarter.", dct, "third"), "1989-Q3");
    assert_eq!(date("Its fourth-quarter loss widened.", "1998-01-26", "fourth"), "1997-Q4");
    let text = "Net rose in the third quarter from $5 million a year earlier.";
    let got = tag(text, Some(d(dct)));
    assert_eq!(got.last().map(|t| t.value.as_str()), Some("1988-Q3"));
    assert_eq!(date("Sales for the full year rose.", dct, "full"), "1989");
    assert_eq!(date("Results for fiscal 1990 improved.", dct, "fiscal"), "1990");
    assert_eq!(date("Margins fell in the 1990s.", dct, "1990s"), "199");
    assert_eq!(date("Art of the 20th century.", dct, "20th"), "19");
}

#[test]
fn durations_and_sets() {
    let dct = Some("2022-07-30");
    assert_eq!(
        find("Prices rose in the past three months.", dct, "past"),
        (TimexType::Duration, "P3M".into())
    );
    assert_eq!(find("It took a couple of years.", dct, "couple"), (TimexType::Duration, "P2Y".into()));
    assert_eq!(find("They meet bi-weekly.", dct, "weekly").0, TimexType::Set);
    assert_eq!(find("Reports come out annually.", dct, "annually"), (TimexType::Set, "P1Y".into()));
}

#[test]
fn times_of_day() {
    let dct = Some("2022-07-29");
    assert_eq!(
        find("The talks began at 10:30 a.m. in Tokyo.", dct, "10:30"),
        (TimexType::Time, "2022-07-29T10:30".into())
    );
    // TimeBank gives "Tuesday morning" the day's value; "this morning" keeps the part.
    assert_eq!(find("They met Tuesday morning.", dct, "Tuesday"), (TimexType::Date, "2022-07-26".into()));
    assert_eq!(find("Shares fell this morning.", dct, "this"), (TimexType::Time, "2022-07-29TMO".into()));
}

#[test]
fn without_dct_uses_placeholders() {
    let got = tag("They met on July 29.", None);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].value, "XXXX-07-29");
    assert_eq!(with_year("XXXX-07-29", 2022).as_deref(), Some("2022-07-29"));
    assert_eq!(with_year("XXXX-07", 2022).as_deref(), Some("2022-07"));
    assert_eq!(with_year("2021-07-29", 2022), None);
    assert_eq!(with_year("XXXX-02-30", 2022), None);
}

#[test]
fn calendar_points() {
    let cp = |v: &str| calendar_point(v).map(|c| (c.date, c.granularity));
    assert_eq!(cp("2022-07-29"), Some((d("2022-07-29"), Granularity::Day)));
    assert_eq!(cp("2022-07-29T10:30"), Some((d("2022-07-29"), Granularity::Day)));
    assert_eq!(cp("2022-07-29TMO"), Some((d("2022-07-29"), Granularity::Day)));
    assert_eq!(cp("2022-07"), Some((d("2022-07-01"), Granularity::Month)));
    assert_eq!(cp("2022"), Some((d("2022-01-01"), Granularity::Year)));
    assert_eq!(cp("2022-Q3"), Some((d("2022-07-01"), Granularity::Quarter)));
    assert_eq!(cp("2022-W30"), Some((d("2022-07-25"), Granularity::Week)));
    assert_eq!(cp("2022-SU"), Some((d("2022-06-01"), Granularity::Quarter)));
    for v in ["PRESENT_REF", "P3M", "XXXX-07-29", "199", "19", "", "2022-13", "2022-02-30"] {
        assert_eq!(calendar_point(v), None, "{v}");
    }
}

#[test]
fn never_panics() {
    let dct = Some(d("2022-07-30"));
    for text in [
        "",
        "😀😀 July 29 😀",
        "七月二十九日 Friday 2022年",
        "a.m. p. 12: :30 - -- 1/ /2 $ 1999 '",
        "May",
        "the",
        "10:",
        "Friday,",
        "fiscal",
        "July 20-",
    ] {
        for t in tag(text, dct) {
            assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
            assert!(t.start < t.end);
        }
        let _ = tag(text, None);
    }
    for unit in ["Friday, ", "fiscal ", "the ", "July 20-", "10:30 a.m. ", "last ", "a "] {
        let long = unit.repeat(50_000);
        let got = tag(&long, dct);
        assert!(got.windows(2).all(|w| w[0].end <= w[1].start));
    }
    let big = "Prices rose 3% on Friday, July 29, 2022 — 東京 😀 ".repeat(40_000);
    assert!(big.len() > 2_000_000);
    let got = tag(&big, dct);
    assert!(got.windows(2).all(|w| w[0].end <= w[1].start));
    assert!(got.iter().all(|t| big.is_char_boundary(t.start) && big.is_char_boundary(t.end)));
}

/// Random sentences from tricky pieces, checked in debug builds for overflow panics.
#[test]
fn fuzz_pieces() {
    let pieces = [
        "Friday",
        "May",
        "March",
        "Jan.",
        "Sept",
        "29",
        "2022",
        "1999",
        "20-21",
        "-",
        ",",
        ".",
        "'",
        "s",
        "a",
        "an",
        "the",
        "last",
        "next",
        "this",
        "past",
        "year",
        "years",
        "quarter",
        "third",
        "second",
        "fiscal",
        "ago",
        "earlier",
        "later",
        "10:30",
        "a.m.",
        "p",
        "m",
        "12",
        "noon",
        "night",
        "morning",
        "every",
        "bi",
        "weekly",
        "twenty",
        "four",
        "hours",
        "and",
        "half",
        "of",
        "mid",
        "early",
        "end",
        "😀",
        "東京",
        "$",
        "%",
        "/",
        "7/8/07",
        "1/2",
        "at",
        "least",
        "more",
        "than",
        "UTC",
        "Christmas",
        "Eve",
        "Thanksgiving",
        "Day",
        "Halloween",
        "spring",
        "the",
        "1990s",
        "20th",
        "century",
        "nineties",
        "year-earlier",
        "weekend",
        "today",
        "now",
        "will",
        "said",
        "0",
        "00",
        "4294967296",
        "99999999999999999999",
        "\n",
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..3000 {
        let mut text = String::new();
        for _ in 0..(seed % 23) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            if seed & 4 == 0 {
                text.push(' ');
            }
        }
        seed = seed.wrapping_add(1);
        for dct in [Some(d("2022-07-30")), Some(d("2000-01-01")), None] {
            let got = tag(&text, dct);
            assert!(got.windows(2).all(|w| w[0].end <= w[1].start), "{text:?}");
            for t in &got {
                assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
                assert!(t.start < t.end && !t.value.is_empty(), "{text:?}");
            }
        }
    }
}

#[test]
fn a_noun_after_a_determiner_is_no_tense_cue() {
    let text = "During a visit to the United States in May, the minister confirmed the plan.";
    assert_eq!(date(text, "2022-07-29", "May"), "2022-05");
}

#[test]
fn each_rule_is_named_once_and_the_longest_reading_wins() {
    let mut names: Vec<&str> = rules::RULES.iter().map(|r| r.name).collect();
    names.sort_unstable();
    let n = names.len();
    names.dedup();
    assert_eq!(names.len(), n, "duplicate rule names");
    let dct = Some(d("2022-07-30"));
    let rule = |text: &str, needle: &str| rules::rule_at(text, dct, text.find(needle).unwrap());
    assert_eq!(rule("Talks began on July 29, 2022 here.", "July"), Some("month date"));
    assert_eq!(rule("It lasted three years.", "three"), Some("amount of time"));
    // "the past three years": the modifier rule and the duration rule read the same
    // span; the earlier in the table wins.
    assert_eq!(rule("Sales grew in the past three years.", "the"), Some("prefixed"));
    assert_eq!(rule("It was early 1990 then.", "early"), Some("prefixed"));
}

#[test]
fn tense_cues_of_plans_made_in_the_past_and_of_passives() {
    // A plan that "had been due" lay behind the DCT (Monday 1989-10-30).
    let t = "The offer had been due to expire Friday evening.";
    assert_eq!(find(t, Some("1989-10-30"), "Friday"), (TimexType::Time, "1989-10-27TEV".into()));
    // "be held" is no past tense: "would" rules the clause.
    let t = "He added that a ceremony would still be held at the summit on April 24.";
    assert_eq!(date(t, "1999-02-10", "April"), "1999-04-24");
    // "is ... since" stays past.
    assert_eq!(date("The percentage change is since year-end.", "1989-10-30", "year"), "1988-12-31");
    // A day named by what happened on it is the nearest one, whatever verb is near.
    let t = "They would look for ways to get around Wednesday's ruling.";
    assert_eq!(date(t, "2000-01-07", "Wednesday"), "2000-01-05");
}

#[test]
fn a_clock_time_takes_the_day_given_before_it_in_the_sentence_or_after_a_restatement() {
    let t = "It made its first test flight Tuesday in Everett at 18:00 UTC.";
    assert_eq!(find(t, Some("2009-12-16"), "18:00"), (TimexType::Time, "2009-12-15T18:00Z".into()));
    let t = "It struck at 10:35 a.m. (0735 GMT) Friday.";
    let got = all(t, "1998-08-08");
    assert_eq!(
        got,
        [
            dated("10:35 a.m.", TimexType::Time, "1998-08-07T10:35"),
            dated("Friday", TimexType::Date, "1998-08-07")
        ]
    );
    // A day in the sentence before does not date a time in the next one.
    let t = "It flew Tuesday. The test ends at 18:00 UTC.";
    assert_eq!(find(t, Some("2009-12-16"), "18:00"), (TimexType::Time, "2009-12-16T18:00Z".into()));
}

#[test]
fn a_year_before_quarter_is_not_an_amount_of_quarters() {
    assert_eq!(date("Profit fell from $5 million in the 1988 quarter.", "1989-10-30", "1988"), "1988");
}

#[test]
fn anaphoric_days_weeks_and_quarters() {
    let dct = "2000-02-24";
    let t = "On Feb. 22 he fell. He appeared in court the next morning. Earlier that day he slept.";
    assert_eq!(date(t, dct, "next morning"), "2000-02-23");
    assert_eq!(date(t, dct, "Earlier that"), "2000-02-23");
    assert_eq!(date("It rained on Feb. 22 and flooded on that same day.", dct, "that same"), "2000-02-22");
    let t = "Stocks fell on Friday, down 4% from the previous Friday. The following Monday they rose.";
    assert_eq!(date(t, "1989-10-30", "previous"), "1989-10-20");
    assert_eq!(date(t, "1989-10-30", "following"), "1989-10-23");
    // Times of day are not what "the previous Friday" counts from.
    let t = "Stocks fell Friday after losses overnight, down from the previous Friday.";
    assert_eq!(date(t, "1989-10-30", "previous"), "1989-10-20");
    let t = "Net rose in the second quarter of 1988; in that quarter sales fell.";
    assert_eq!(date(t, "1989-10-30", "that quarter"), "1988-Q2");
    assert_eq!(date("The talks were put off to a later date.", dct, "later"), "FUTURE_REF");
    // An hour after a date is not a date.
    assert_eq!(
        find("On Feb. 22 he fell. An hour later he died.", Some(dct), "An hour"),
        (TimexType::Duration, "PT1H".into())
    );
}

#[test]
fn ranges_joined_by_words_and_months_after_more_prepositions() {
    let got = all("A ceremony will be held on April 24 and 25.", "1999-02-10");
    assert_eq!(
        got,
        [dated("April 24", TimexType::Date, "1999-04-24"), dated("25", TimexType::Date, "1999-04-25")]
    );
    let got = all("On July 20 and 21 people died.", "1999-02-10");
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(date("Talks are planned for March.", "1999-02-10", "March"), "1999-03");
}

#[test]
fn sentence_ends_tense_cues_and_reported_quarters() {
    // "P." is an initial: "will" still rules the clause.
    let t = "Mr. Schwarz will succeed Daniel P. Davison Feb. 1, the bank said.";
    assert_eq!(date(t, "1989-10-26", "Feb"), "1990-02-01");
    assert_eq!(date("The pact was signed, effective June 1.", "1989-10-26", "June"), "1990-06-01");
    let t = "It would be paid on a still unspecified date in January.";
    assert_eq!(date(t, "1989-10-26", "January"), "1990-01");
    // "next to" is a place, not a cue for the future.
    let t = "A bomb ripped through a building next to the embassy Friday morning.";
    assert_eq!(date(t, "1998-08-08", "Friday"), "1998-08-07");
    // A quarter still running is a forecast, not what "a year ago" compares with.
    let t = "Profit rose in the third quarter. It sees a fourth-quarter gain. Sales were flat a year ago.";
    assert_eq!(date(t, "1989-10-26", "a year ago"), "1988-Q3");
}

#[test]
fn seasons_after_modifiers_attributive_months_and_year_earlier_spans() {
    let dct = "1989-10-26";
    assert_eq!(date("Sales rose in the early summer.", dct, "the"), "1989-SU");
    assert_eq!(date("The March accession will help them.", "1999-02-10", "March"), "1999-03");
    assert!(all("The March of Dimes met.", dct).is_empty());
    let t = "Net rose from $5 million in the year-earlier nine months.";
    assert_eq!(find(t, Some(dct), "year-earlier"), (TimexType::Duration, "P9M".into()));
}

#[test]
fn later_than_restates_the_date_before_it_or_is_a_delay() {
    let t = "It will arrive on November 11, three days later than originally planned.";
    assert_eq!(date(t, "2005-11-05", "three"), "2005-11-11");
    let t = "On November 1 it left. He came two days later than expected.";
    assert_eq!(find(t, Some("2005-11-05"), "two days"), (TimexType::Duration, "P2D".into()));
}

#[test]
fn parts_of_day_with_modifiers_the_week_of_a_date_and_a_m_inside_a_sentence() {
    let dct = "1989-11-02";
    let t = "Trading halted in mid-afternoon yesterday.";
    assert_eq!(find(t, Some(dct), "afternoon"), (TimexType::Time, "1989-11-01TAF".into()));
    assert_eq!(
        find("It rose in the late morning.", Some(dct), "morning"),
        (TimexType::Time, "1989-11-02TMO".into())
    );
    let got = all("Talks in the week of March 6 failed.", "2000-02-24");
    assert_eq!(got, [dated("the week of March 6", TimexType::Date, "2000-W10")]);
    // "a.m." ends no sentence: "will" still rules the weekday after it.
    let t = "He will leave at 4 in the morning (4 a.m. EDT Thursday).";
    assert_eq!(find(t, Some("2000-04-05"), "4 a.m."), (TimexType::Time, "2000-04-06T04:00".into()));
}

#[test]
fn a_day_after_on_dates_the_clock_time_before_it() {
    let t =
        "Late on Wednesday the military said two soldiers were killed at 11:30 p.m. (0830 GMT) on Tuesday.";
    let got = all(t, "2006-11-16");
    assert!(got.contains(&dated("11:30 p.m.", TimexType::Time, "2006-11-14T23:30")), "{got:?}");
    assert!(got.contains(&dated("Tuesday", TimexType::Date, "2006-11-14")), "{got:?}");
}
