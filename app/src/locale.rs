//! The reader's language: which locale a page is rendered in, and dates and numbers
//! written in it.
//!
//! The server picks the locale for each request (the language cookie, else the browser's
//! `Accept-Language`, else English) and provides it as context; islands, which run in the
//! browser without that context, take it as a prop and provide it themselves.

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use domain::Language;
use leptos::prelude::*;

use crate::i18n::{Locale, td_string};

/// The locale of the page being rendered (English where none was provided).
pub fn use_locale() -> Locale {
    use_context::<Locale>().unwrap_or_default()
}

/// The locale that writes `language`.
pub fn locale_of(language: Language) -> Locale {
    match language {
        Language::En => Locale::en,
        Language::De => Locale::de,
        Language::Fr => Locale::fr,
        Language::Es => Locale::es,
    }
}

/// The language `locale` writes.
pub fn language_of(locale: Locale) -> Language {
    match locale {
        Locale::en => Language::En,
        Locale::de => Language::De,
        Locale::fr => Language::Fr,
        Locale::es => Language::Es,
    }
}

/// A date as people in `locale` write it, such as "4 January 2027" or "4. Januar 2027".
pub fn date(locale: Locale, day: NaiveDate) -> String {
    td_string!(
        locale,
        dates.date,
        day = day.day(),
        month = month_name(locale, day.month()),
        year = day.year()
    )
    .to_string()
}

/// An instant as a date and a 24-hour UTC time in `locale`.
pub fn date_time(locale: Locale, at: DateTime<Utc>) -> String {
    let time = format!("{:02}:{:02}", at.hour(), at.minute());
    td_string!(
        locale,
        dates.date_time,
        date = date(locale, at.date_naive()),
        time = time
    )
    .to_string()
}

/// A whole number as people in `locale` group its digits: "10,240", "10.240", "10 240"
/// (with a narrow no-break space), and in Spanish "1024" but "10.240" (CLDR groups only
/// five digits and more there).
pub fn number(locale: Locale, n: u64) -> String {
    let (separator, from) = match locale {
        Locale::en => (',', 1_000),
        Locale::de => ('.', 1_000),
        Locale::fr => ('\u{202f}', 1_000),
        Locale::es => ('.', 10_000),
    };
    let digits = n.to_string();
    if n < from {
        return digits;
    }
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(digit);
    }
    out
}

fn month_name(locale: Locale, month: u32) -> &'static str {
    match month {
        1 => td_string!(locale, dates.m1),
        2 => td_string!(locale, dates.m2),
        3 => td_string!(locale, dates.m3),
        4 => td_string!(locale, dates.m4),
        5 => td_string!(locale, dates.m5),
        6 => td_string!(locale, dates.m6),
        7 => td_string!(locale, dates.m7),
        8 => td_string!(locale, dates.m8),
        9 => td_string!(locale, dates.m9),
        10 => td_string!(locale, dates.m10),
        11 => td_string!(locale, dates.m11),
        _ => td_string!(locale, dates.m12),
    }
}

/// The locale this request is answered in: the language cookie's, else the best of
/// `Accept-Language`, else English.
#[cfg(feature = "ssr")]
pub fn request_locale() -> Locale {
    use_context::<axum::http::request::Parts>()
        .and_then(|parts| crate::ssr::language_in(&parts.headers))
        .map_or_else(Locale::default, locale_of)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_the_way_each_language_writes_them() {
        let day = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap();
        assert_eq!(date(Locale::en, day), "4 January 2027");
        assert_eq!(date(Locale::de, day), "4. Januar 2027");
        assert_eq!(date(Locale::fr, day), "4 janvier 2027");
        assert_eq!(date(Locale::es, day), "4 de enero de 2027");
        let at = day.and_hms_opt(9, 5, 0).unwrap().and_utc();
        assert_eq!(date_time(Locale::en, at), "4 January 2027, 09:05 UTC");
    }

    #[test]
    fn numbers_are_grouped_the_way_each_language_groups_them() {
        assert_eq!(number(Locale::en, 10_240), "10,240");
        assert_eq!(number(Locale::de, 1_234_567), "1.234.567");
        assert_eq!(number(Locale::fr, 10_240), "10\u{202f}240");
        assert_eq!(number(Locale::es, 1_024), "1024");
        assert_eq!(number(Locale::es, 10_240), "10.240");
        assert_eq!(number(Locale::en, 999), "999");
        assert_eq!(number(Locale::de, 0), "0");
    }

    #[test]
    fn every_language_has_its_locale_and_back() {
        for &language in Language::ALL {
            assert_eq!(language_of(locale_of(language)), language);
            assert_eq!(format!("{:?}", locale_of(language)), language.as_str());
        }
    }

    /// Every language has every key English has, no other, and the same placeholders and
    /// tags in each text: the build only warns about a missing key, and falls back to English.
    #[test]
    fn every_language_says_everything_english_says() {
        fn flat(value: &serde_json::Value, at: String, out: &mut Vec<(String, String)>) {
            match value {
                serde_json::Value::Object(map) => {
                    for (key, value) in map {
                        flat(value, format!("{at}{key}."), out);
                    }
                }
                other => out.push((at, other.as_str().unwrap_or_default().to_owned())),
            }
        }
        fn marks(text: &str) -> Vec<String> {
            let mut marks: Vec<String> = text
                .split("{{")
                .skip(1)
                .filter_map(|rest| rest.split("}}").next())
                .map(|name| name.trim().to_owned())
                .chain(text.split('<').skip(1).filter_map(|rest| {
                    rest.split('>')
                        .next()
                        .map(|tag| tag.trim_end_matches('/').trim().to_owned())
                }))
                .collect();
            marks.sort();
            marks
        }
        let load = |text: &str| {
            let mut keys = Vec::new();
            flat(
                &serde_json::from_str(text).unwrap(),
                String::new(),
                &mut keys,
            );
            keys.sort();
            keys
        };
        let english = load(include_str!("../locales/en.json"));
        for (name, text) in [
            ("de", include_str!("../locales/de.json")),
            ("fr", include_str!("../locales/fr.json")),
            ("es", include_str!("../locales/es.json")),
        ] {
            let other = load(text);
            let keys =
                |l: &[(String, String)]| l.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>();
            assert_eq!(
                keys(&other),
                keys(&english),
                "{name} has other keys than en"
            );
            for ((key, en), (_, theirs)) in english.iter().zip(&other) {
                assert_eq!(marks(theirs), marks(en), "{name}: {key}");
            }
        }
    }
}
