//! Tokenizer and word classes. Only ASCII bytes start or end tokens, so every
//! offset lands on a char boundary even in text full of multi-byte characters.

use std::sync::LazyLock;

use crate::analysis::word_list::WordList;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    Morning,
    Afternoon,
    Evening,
    Night,
}

impl Part {
    pub(crate) fn code(self) -> &'static str {
        match self {
            Part::Morning => "MO",
            Part::Afternoon => "AF",
            Part::Evening => "EV",
            Part::Night => "NI",
        }
    }
}

/// Keywords the rules look for; everything else is `Lex::Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kw {
    The,
    A,
    Of,
    In,
    On,
    By,
    Last,
    Past,
    Next,
    This,
    That,
    Coming,
    Previous,
    Following,
    Ago,
    Earlier,
    Later,
    Early,
    Late,
    Mid,
    Middle,
    End,
    Beginning,
    Start,
    Fiscal,
    Every,
    Each,
    Per,
    Couple,
    Few,
    Several,
    Many,
    Some,
    Approx,
    More,
    Less,
    Than,
    At,
    Least,
    Up,
    To,
    Half,
    Weekend,
    Now,
    Today,
    Tonight,
    Yesterday,
    Tomorrow,
    Currently,
    Current,
    Recently,
    Recent,
    Future,
    Soon,
    Previously,
    Nowadays,
    Present,
    Latest,
    Noon,
    Midnight,
    And,
    Or,
    From,
    Hence,
    Before,
    Same,
    Overnight,
    Hundred,
    Thousand,
    Near,
    These,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lex {
    Other,
    Month(u32),
    /// Abbreviated month name ("Aug"), trusted only with a period or a number.
    MonthAbbr(u32),
    /// 1 = Monday .. 7 = Sunday.
    Weekday(u32, bool),
    NumWord(u32),
    Ordinal(u32),
    Unit(Unit, bool),
    Season(&'static str),
    Part(Part, bool),
    /// "daily", "biweekly": a set recurring every n units.
    Adverb(Unit, u32),
    Holiday(u32, u32),
    Kw(Kw),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokKind {
    Word,
    Num,
    Punct(u8),
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
    pub lex: Lex,
    /// Value of a digit run (saturating), 0 for words.
    pub num: u32,
    pub cap: bool,
    /// Whitespace (or a non-ASCII char) separates this token from the previous one.
    pub gap: bool,
}

impl Tok {
    pub(crate) fn digits(&self) -> usize {
        if self.kind == TokKind::Num { self.end - self.start } else { 0 }
    }
}

pub(crate) fn tokenize(text: &str) -> Vec<Tok> {
    let b = text.as_bytes();
    let mut toks = Vec::with_capacity(b.len() / 5);
    let mut i = 0;
    let mut gap = true;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_alphabetic() {
            let s = i;
            while i < b.len() && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            toks.push(word_tok(&b[s..i], s, i, gap));
            gap = false;
        } else if c.is_ascii_digit() {
            let s = i;
            let mut v: u32 = 0;
            while i < b.len() && b[i].is_ascii_digit() {
                v = v.saturating_mul(10).saturating_add(u32::from(b[i] - b'0'));
                i += 1;
            }
            toks.push(Tok { start: s, end: i, kind: TokKind::Num, lex: Lex::Other, num: v, cap: false, gap });
            gap = false;
        } else if c.is_ascii_punctuation() {
            toks.push(Tok {
                start: i,
                end: i + 1,
                kind: TokKind::Punct(c),
                lex: Lex::Other,
                num: 0,
                cap: false,
                gap,
            });
            i += 1;
            gap = false;
        } else {
            // Whitespace, control bytes and every byte of a multi-byte char.
            i += 1;
            gap = true;
        }
    }
    toks
}

fn word_tok(w: &[u8], s: usize, e: usize, gap: bool) -> Tok {
    Tok {
        start: s,
        end: e,
        kind: TokKind::Word,
        lex: classify(w),
        num: 0,
        cap: w[0].is_ascii_uppercase(),
        gap,
    }
}

fn classify(w: &[u8]) -> Lex {
    LEXICON.get(w).unwrap_or(Lex::Other)
}

static LEXICON: LazyLock<WordList<Lex>> = LazyLock::new(|| WordList::new(build_lexicon()));

fn build_lexicon() -> rustc_hash::FxHashMap<&'static [u8], Lex> {
    let mut m: rustc_hash::FxHashMap<&'static [u8], Lex> = rustc_hash::FxHashMap::default();
    let months = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    for (n, w) in (1..).zip(months) {
        m.insert(w.as_bytes(), Lex::Month(n));
    }
    let abbr = [
        ("jan", 1),
        ("feb", 2),
        ("mar", 3),
        ("apr", 4),
        ("jun", 6),
        ("jul", 7),
        ("aug", 8),
        ("sep", 9),
        ("sept", 9),
        ("oct", 10),
        ("nov", 11),
        ("dec", 12),
    ];
    for (w, n) in abbr {
        m.insert(w.as_bytes(), Lex::MonthAbbr(n));
    }
    let days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    for (n, w) in (1..).zip(days) {
        m.insert(w.as_bytes(), Lex::Weekday(n, false));
    }
    let plural_days = ["mondays", "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays", "sundays"];
    for (n, w) in (1..).zip(plural_days) {
        m.insert(w.as_bytes(), Lex::Weekday(n, true));
    }
    let nums = [
        ("one", 1),
        ("two", 2),
        ("three", 3),
        ("four", 4),
        ("five", 5),
        ("six", 6),
        ("seven", 7),
        ("eight", 8),
        ("nine", 9),
        ("ten", 10),
        ("eleven", 11),
        ("twelve", 12),
        ("thirteen", 13),
        ("fourteen", 14),
        ("fifteen", 15),
        ("sixteen", 16),
        ("seventeen", 17),
        ("eighteen", 18),
        ("nineteen", 19),
        ("twenty", 20),
        ("thirty", 30),
        ("forty", 40),
        ("fifty", 50),
        ("sixty", 60),
        ("seventy", 70),
        ("eighty", 80),
        ("ninety", 90),
    ];
    for (w, n) in nums {
        m.insert(w.as_bytes(), Lex::NumWord(n));
    }
    let ords = [
        ("first", 1),
        ("second", 2),
        ("third", 3),
        ("fourth", 4),
        ("fifth", 5),
        ("sixth", 6),
        ("seventh", 7),
        ("eighth", 8),
        ("ninth", 9),
        ("tenth", 10),
        ("eleventh", 11),
        ("twelfth", 12),
        ("twentieth", 20),
        ("st", 0),
        ("nd", 0),
        ("rd", 0),
        ("th", 0),
    ];
    for (w, n) in ords {
        m.insert(w.as_bytes(), Lex::Ordinal(n));
    }
    let units = [
        ("second", Unit::Second, false),
        ("seconds", Unit::Second, true),
        ("minute", Unit::Minute, false),
        ("minutes", Unit::Minute, true),
        ("hour", Unit::Hour, false),
        ("hours", Unit::Hour, true),
        ("day", Unit::Day, false),
        ("days", Unit::Day, true),
        ("week", Unit::Week, false),
        ("weeks", Unit::Week, true),
        ("month", Unit::Month, false),
        ("months", Unit::Month, true),
        ("quarter", Unit::Quarter, false),
        ("quarters", Unit::Quarter, true),
        ("year", Unit::Year, false),
        ("years", Unit::Year, true),
        ("decade", Unit::Decade, false),
        ("decades", Unit::Decade, true),
        ("century", Unit::Century, false),
        ("centuries", Unit::Century, true),
    ];
    for (w, u, p) in units {
        // "second" is both an ordinal and a unit; the unit reading is decided by the rules.
        if w != "second" {
            m.insert(w.as_bytes(), Lex::Unit(u, p));
        }
    }
    let seasons = [("spring", "SP"), ("summer", "SU"), ("fall", "FA"), ("autumn", "FA"), ("winter", "WI")];
    for (w, s) in seasons {
        m.insert(w.as_bytes(), Lex::Season(s));
    }
    let parts = [
        ("morning", Part::Morning, false),
        ("mornings", Part::Morning, true),
        ("afternoon", Part::Afternoon, false),
        ("afternoons", Part::Afternoon, true),
        ("evening", Part::Evening, false),
        ("evenings", Part::Evening, true),
        ("night", Part::Night, false),
        ("nights", Part::Night, true),
    ];
    for (w, p, pl) in parts {
        m.insert(w.as_bytes(), Lex::Part(p, pl));
    }
    let adverbs = [
        ("hourly", Unit::Hour, 1),
        ("daily", Unit::Day, 1),
        ("nightly", Unit::Day, 1),
        ("weekly", Unit::Week, 1),
        ("biweekly", Unit::Week, 2),
        ("monthly", Unit::Month, 1),
        ("bimonthly", Unit::Month, 2),
        ("annually", Unit::Year, 1),
        ("yearly", Unit::Year, 1),
        ("biannually", Unit::Year, 2),
        ("biennially", Unit::Year, 2),
    ];
    for (w, u, n) in adverbs {
        m.insert(w.as_bytes(), Lex::Adverb(u, n));
    }
    let holidays = [("christmas", 12, 25), ("halloween", 10, 31), ("thanksgiving", 11, 0)];
    for (w, mo, d) in holidays {
        m.insert(w.as_bytes(), Lex::Holiday(mo, d));
    }
    let kws = [
        ("the", Kw::The),
        ("a", Kw::A),
        ("an", Kw::A),
        ("of", Kw::Of),
        ("in", Kw::In),
        ("on", Kw::On),
        ("by", Kw::By),
        ("last", Kw::Last),
        ("past", Kw::Past),
        ("next", Kw::Next),
        ("this", Kw::This),
        ("that", Kw::That),
        ("coming", Kw::Coming),
        ("previous", Kw::Previous),
        ("prior", Kw::Previous),
        ("following", Kw::Following),
        ("ago", Kw::Ago),
        ("earlier", Kw::Earlier),
        ("later", Kw::Later),
        ("early", Kw::Early),
        ("late", Kw::Late),
        ("mid", Kw::Mid),
        ("middle", Kw::Middle),
        ("end", Kw::End),
        ("beginning", Kw::Beginning),
        ("start", Kw::Start),
        ("fiscal", Kw::Fiscal),
        ("financial", Kw::Fiscal),
        ("every", Kw::Every),
        ("each", Kw::Each),
        ("per", Kw::Per),
        ("couple", Kw::Couple),
        ("few", Kw::Few),
        ("several", Kw::Several),
        ("many", Kw::Many),
        ("some", Kw::Some),
        ("nearly", Kw::Approx),
        ("almost", Kw::Approx),
        ("more", Kw::More),
        ("less", Kw::Less),
        ("fewer", Kw::Less),
        ("than", Kw::Than),
        ("at", Kw::At),
        ("least", Kw::Least),
        ("up", Kw::Up),
        ("to", Kw::To),
        ("half", Kw::Half),
        ("weekend", Kw::Weekend),
        ("now", Kw::Now),
        ("today", Kw::Today),
        ("tonight", Kw::Tonight),
        ("yesterday", Kw::Yesterday),
        ("tomorrow", Kw::Tomorrow),
        ("currently", Kw::Currently),
        ("current", Kw::Current),
        ("recently", Kw::Recently),
        ("recent", Kw::Recent),
        ("future", Kw::Future),
        ("soon", Kw::Soon),
        ("previously", Kw::Previously),
        ("formerly", Kw::Previously),
        ("lately", Kw::Recently),
        ("nowadays", Kw::Nowadays),
        ("present", Kw::Present),
        ("latest", Kw::Latest),
        ("noon", Kw::Noon),
        ("midday", Kw::Noon),
        ("midnight", Kw::Midnight),
        ("and", Kw::And),
        ("or", Kw::Or),
        ("from", Kw::From),
        ("hence", Kw::Hence),
        ("before", Kw::Before),
        ("same", Kw::Same),
        ("overnight", Kw::Overnight),
        ("hundred", Kw::Hundred),
        ("thousand", Kw::Thousand),
        ("near", Kw::Near),
        ("these", Kw::These),
    ];
    for (w, k) in kws {
        m.entry(w.as_bytes()).or_insert(Lex::Kw(k));
    }
    m
}
