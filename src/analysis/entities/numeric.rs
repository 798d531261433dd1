//! Money, percentages and measured quantities, found with one compiled regex.

use regex::Regex;

use super::EntityKind;

pub struct NumericMatcher {
    pattern: Option<Regex>,
}

const NUMBER: &str = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?";
const SCALE: &str = r"(?:\s?(?:million|billion|trillion|thousand|bn|mn|m|b|k)\b)";
const CURRENCY_WORDS: &str = r"dollars?|euros?|pounds(?: sterling)?|yen|yuan|renminbi|won|rupees?|francs?|marks?|pesos?|roubles?|rubles?";
const UNITS: &str = r"km|kilometers?|kilometres?|miles?|nautical miles|kg|kilograms?|tons?|tonnes?|lbs?|feet|foot|ft|meters?|metres?|mph|km/h|knots|barrels|acres|hectares|square (?:miles|kilometers|kilometres|feet|meters|metres)|liters?|litres?|gallons?|GW|MW|kW|megawatts?|gigawatts?|degrees|passengers|seats";

fn build_pattern() -> Option<Regex> {
    let money_symbol = format!(
        r"(?P<money>~?(?:(?:US|USD|A|C|NZ|HK|S|AU|CA)\s?)?[$€£¥]\s?(?:{NUMBER}){SCALE}?(?:\s?\(?USD\)?)?)"
    );
    let money_code = format!(r"(?P<money2>\b(?:USD|EUR|GBP|JPY|CNY|RMB)\s?\$?\s?(?:{NUMBER}){SCALE}?)");
    let money_word =
        format!(r"(?P<money3>\b(?:{NUMBER})(?:\s(?:million|billion|trillion))?\s(?:{CURRENCY_WORDS})\b)");
    let percent = format!(r"(?P<percent>\b(?:{NUMBER})\s?(?:%|per\s?cent\b|percent\b|percentage points?\b))");
    let quantity = format!(r"(?P<quantity>\b(?:{NUMBER})(?:\s|-)?(?:{UNITS})\b)");
    let all = format!("{money_symbol}|{money_code}|{money_word}|{percent}|{quantity}");
    Regex::new(&all).ok()
}

pub struct NumericMention {
    pub start: usize,
    pub end: usize,
    pub kind: EntityKind,
    pub canonical: String,
}

impl NumericMatcher {
    pub fn new() -> NumericMatcher {
        NumericMatcher { pattern: build_pattern() }
    }

    pub fn find(&self, text: &str) -> Vec<NumericMention> {
        let Some(pattern) = &self.pattern else {
            return Vec::new();
        };
        if !text.bytes().any(|b| b.is_ascii_digit()) {
            return Vec::new();
        }
        let mut out = Vec::new();
        for caps in pattern.captures_iter(text) {
            let Some(whole) = caps.get(0) else { continue };
            let kind = if caps.name("percent").is_some() {
                EntityKind::Percent
            } else if caps.name("quantity").is_some() {
                EntityKind::Quantity
            } else {
                EntityKind::Money
            };
            out.push(NumericMention {
                start: whole.start(),
                end: whole.end(),
                kind,
                canonical: normalize(whole.as_str(), kind),
            });
        }
        out
    }
}

/// One spelling per amount: "~$700m" -> "$700 million", "20 per cent" -> "20%".
pub fn normalize(s: &str, kind: EntityKind) -> String {
    let collapsed: String = s.trim_start_matches('~').split_whitespace().collect::<Vec<_>>().join(" ");
    match kind {
        EntityKind::Percent => {
            let number: String =
                collapsed.chars().take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',').collect();
            if collapsed.contains("point") {
                format!("{number} percentage points")
            } else {
                format!("{number}%")
            }
        }
        EntityKind::Money => expand_scale(&collapsed),
        _ => collapsed,
    }
}

fn expand_scale(s: &str) -> String {
    let trimmed = s.trim_end();
    for (short, long) in
        [("bn", "billion"), ("mn", "million"), ("m", "million"), ("b", "billion"), ("k", "thousand")]
    {
        if let Some(head) = trimmed.strip_suffix(short)
            && head.ends_with(|c: char| c.is_ascii_digit() || c == ' ')
        {
            return format!("{} {long}", head.trim_end());
        }
    }
    trimmed.to_string()
}
