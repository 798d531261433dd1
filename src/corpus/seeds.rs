//! The five seed articles, compiled into the binary so `dossier` works from any directory.

use super::{FileKind, FileLoad, load_bytes, number};

pub const SEEDS: [(&str, &str); 5] = [
    ("seeds/000_bb3ba981824539c7.txt", include_str!("../../seeds/000_bb3ba981824539c7.txt")),
    ("seeds/001_f8c4d8aa6803e1c6.txt", include_str!("../../seeds/001_f8c4d8aa6803e1c6.txt")),
    ("seeds/002_c3bdd7e8b84b9e8b.txt", include_str!("../../seeds/002_c3bdd7e8b84b9e8b.txt")),
    ("seeds/003_7230c5ee43c1d313.txt", include_str!("../../seeds/003_7230c5ee43c1d313.txt")),
    ("seeds/004_3105c058739d8676.txt", include_str!("../../seeds/004_3105c058739d8676.txt")),
];

pub fn load() -> Vec<FileLoad> {
    SEEDS.iter().map(|(name, text)| load_bytes(text.as_bytes(), FileKind::Text, name)).collect()
}

/// The seeds as articles, numbered from 0 (handy for tests and examples).
pub fn articles() -> Vec<super::Article> {
    let mut all: Vec<_> = load().into_iter().flat_map(|l| l.articles).collect();
    number(&mut all, 0);
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::DateSource;
    use chrono::NaiveDate;

    #[test]
    fn seed_titles_follow_each_convention() {
        let a = articles();
        assert_eq!(a.len(), 5);
        assert!(a[0].title.starts_with("In response to threats from China and Russia"), "{}", a[0].title);
        assert_eq!(
            &*a[1].title,
            "Japan-U.S. Economic 2+2 dialogue to boost cooperation in protecting advanced technologies"
        );
        assert_eq!(&*a[2].title, "USA and Japan strengthen industrial policy cooperation");
        assert!(a[3].title.starts_with("Top foreign and economy officials"), "{}", a[3].title);
        assert_eq!(&*a[4].title, "US-Japan Alliance Digest");
    }

    #[test]
    fn seed_dates_come_from_the_date_prefix() {
        let a = articles();
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        assert_eq!(a[0].date.map(|x| x.date), d(2022, 7, 30));
        assert_eq!(a[0].date.map(|x| x.from), Some(DateSource::Metadata));
        assert_eq!(a[3].date.map(|x| x.date), d(2022, 7, 29));
        assert!(a[1].date.is_none() && a[2].date.is_none() && a[4].date.is_none());
    }

    #[test]
    fn seed_bodies_drop_prefixes_and_tails() {
        let a = articles();
        assert!(a[0].text.starts_with("In response"));
        assert!(a[1].text.starts_with("AP, Yomiuri Shimbun photos"));
        assert!(a[2].text.ends_with("between the two countries."));
        assert!(!a[2].text.contains("Top jobs of the day"), "the job ad inside 002 is cut out");
        assert_eq!(a[2].source.as_deref(), Some("site-12"));
        assert!(a[4].text.starts_with("Headlines"));
        assert!(!a[4].text.contains("egulum@spfusa.org"));
        for (article, (_, raw)) in a.iter().zip(SEEDS) {
            // Every word of the text is at the place in the file its offset maps to.
            let text = &article.text;
            let starts = text
                .char_indices()
                .filter(|&(i, c)| !c.is_whitespace() && (i == 0 || text[..i].ends_with(char::is_whitespace)));
            for (at, _) in starts {
                let word = text[at..].split_whitespace().next().unwrap_or("");
                let start = article.file_offset(at);
                assert_eq!(&raw[start..start + word.len()], word, "{}", article.path);
            }
        }
    }
}
