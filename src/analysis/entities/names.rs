//! The shape of personal names the US Census list does not know: romanized Japanese names
//! ("Fumio Kishida") and East Asian family names first ("Liu Jianchao", "Moon Jae-in").

use super::lexicon::Lexicon;

/// Family names common in China, Korea and Vietnam, as romanized in English news.
const EAST_ASIAN_FAMILY_NAMES: &[&str] = &[
    "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma", "Zhu",
    "Hu", "Guo", "He", "Lin", "Gao", "Luo", "Zheng", "Liang", "Xie", "Song", "Tang", "Han", "Feng", "Deng",
    "Cao", "Peng", "Zeng", "Xiao", "Tian", "Dong", "Pan", "Yuan", "Cai", "Jiang", "Yu", "Du", "Ye", "Cheng",
    "Wei", "Su", "Lu", "Ding", "Ren", "Shen", "Yao", "Cui", "Zhong", "Tan", "Fan", "Jin", "Shi", "Liao",
    "Jia", "Xia", "Fu", "Fang", "Bai", "Zou", "Meng", "Xiong", "Qin", "Qiu", "Yin", "Xue", "Yan", "Duan",
    "Lei", "Hou", "Mao", "Hao", "Gong", "Shao", "Qian", "Dai", "Kong", "Xi", "Wen", "Bo", "Kim", "Lee",
    "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Moon", "Nguyen", "Tran", "Pham", "Hoang",
    "Vo", "Chan", "Wong", "Leung", "Cheung", "Lau", "Chow", "Ng", "Ho", "Tsai", "Chiang", "Hsu",
];

/// Two or three capitalized words, each unknown to the English word list and the
/// gazetteers, shaped like a Japanese name or an East Asian family name and given name.
pub fn looks_like_personal_name(words: &[&str], lex: &Lexicon) -> bool {
    if !(2..=3).contains(&words.len()) || words.iter().any(|w| lex.place(w).is_some() || lex.org_suffix(w)) {
        return false;
    }
    let unknown = |w: &&str| !lex.common_word(w);
    let japanese = words.iter().all(|w| w.len() >= 3 && unknown(w) && japanese_word(w));
    let east_asian = EAST_ASIAN_FAMILY_NAMES.contains(&words[0])
        && words[1..].iter().all(|w| {
            (w.contains('-') || unknown(w)) && w.chars().skip(1).all(|c| c.is_lowercase() || c == '-')
        });
    japanese || east_asian
}

/// True when `w` splits into Hepburn syllables: (consonant) (y) vowel, "shi", "chi", "tsu",
/// a syllabic n, or a doubled consonant.
pub fn japanese_word(w: &str) -> bool {
    let lower: Vec<u8> = w.bytes().map(|b| b.to_ascii_lowercase()).collect();
    if lower.is_empty() || !lower.iter().all(u8::is_ascii_lowercase) {
        return false;
    }
    // reachable[i]: the first i letters split into syllables.
    let mut reachable = vec![false; lower.len() + 1];
    reachable[0] = true;
    for i in 0..lower.len() {
        if !reachable[i] {
            continue;
        }
        for len in syllables_at(&lower[i..]) {
            reachable[i + len] = true;
        }
    }
    reachable[lower.len()]
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'i' | b'u' | b'e' | b'o')
}

/// Lengths of the syllables that can start `s`.
fn syllables_at(s: &[u8]) -> Vec<usize> {
    let mut out = Vec::new();
    let at = |i: usize| s.get(i).copied().unwrap_or(0);
    if is_vowel(at(0)) {
        out.push(1);
    }
    let onset: usize = match (at(0), at(1)) {
        (b's', b'h') | (b'c', b'h') | (b't', b's') => 2,
        (b'k' | b'g' | b'n' | b'h' | b'b' | b'p' | b'm' | b'r', b'y') => 2,
        (
            b'k' | b'g' | b's' | b'z' | b't' | b'd' | b'n' | b'h' | b'b' | b'p' | b'm' | b'r' | b'w' | b'y'
            | b'j' | b'f',
            _,
        ) => 1,
        _ => 0,
    };
    if onset > 0 && is_vowel(at(onset)) && !(at(0) == b'w' && matches!(at(1), b'i' | b'u' | b'e')) {
        out.push(onset + 1);
    }
    // Syllabic n before a consonant or at the end ("Shinzo", "Ken").
    if at(0) == b'n' && (s.len() == 1 || !is_vowel(at(1)) && at(1) != b'y') {
        out.push(1);
    }
    // A doubled consonant ("Hattori", "Nikkei") opens the next syllable.
    if !is_vowel(at(0)) && at(0) != b'n' && at(0) == at(1) {
        out.push(1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japanese_names_split_into_syllables() {
        for w in ["Fumio", "Kishida", "Yoshimasa", "Hayashi", "Hagiuda", "Shinzo", "Abe", "Hattori", "Koichi"]
        {
            assert!(japanese_word(w), "{w}");
        }
        for w in ["Blinken", "Smith", "Grumman", "Boeing", "Airbus", "Prso"] {
            assert!(!japanese_word(w), "{w}");
        }
    }

    #[test]
    fn name_shapes() {
        let lex = Lexicon::load();
        assert!(looks_like_personal_name(&["Fumio", "Kishida"], &lex));
        assert!(looks_like_personal_name(&["Liu", "Jianchao"], &lex));
        assert!(looks_like_personal_name(&["Moon", "Jae-in"], &lex));
        assert!(!looks_like_personal_name(&["Long", "Beach"], &lex), "a place and a common word");
        assert!(!looks_like_personal_name(&["Northrop", "Grumman"], &lex));
        assert!(!looks_like_personal_name(&["Toyota", "Motor"], &lex));
    }
}
