//! The languages people can read Rightful in. Only the codes live here; the words are in the
//! app's locale files.

use crate::string_enum::string_enum;

string_enum! {
    /// A language of the portal and its mails, by its ISO 639-1 code.
    #[derive(Default)]
    Language, "language" {
        /// English, the default.
        #[default]
        En => "en",
        /// German.
        De => "de",
        /// French.
        Fr => "fr",
        /// Spanish.
        Es => "es",
    }
}

impl Language {
    /// The best of our languages for an `Accept-Language` header, by its weights; `None` when
    /// it names none of them.
    pub fn from_accept_language(header: &str) -> Option<Self> {
        let mut best: Option<(f32, usize, Self)> = None;
        for (at, item) in header.split(',').enumerate() {
            let mut parts = item.split(';');
            let tag = parts.next().unwrap_or_default().trim();
            let weight = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())
                .unwrap_or(0.0);
            let primary = tag
                .split('-')
                .next()
                .unwrap_or_default()
                .to_ascii_lowercase();
            let Ok(language) = primary.parse::<Self>() else {
                continue;
            };
            // Earlier tags win ties, as the header lists them in preference order.
            if weight > 0.0 && best.is_none_or(|(w, _, _)| weight > w) {
                best = Some((weight, at, language));
            }
        }
        best.map(|(_, _, language)| language)
    }
}

#[cfg(test)]
mod tests {
    use super::Language;

    #[test]
    fn accept_language_picks_the_heaviest_of_ours() {
        let pick = Language::from_accept_language;
        assert_eq!(pick("de-DE,de;q=0.9,en;q=0.8"), Some(Language::De));
        assert_eq!(pick("ja, fr-CA;q=0.5, en;q=0.4"), Some(Language::Fr));
        assert_eq!(pick("en;q=0.2, es;q=0.9"), Some(Language::Es));
        assert_eq!(pick("es, de"), Some(Language::Es));
        assert_eq!(pick("ja, zh;q=0.9"), None);
        assert_eq!(pick("fr;q=0, de;q=0.1"), Some(Language::De));
        assert_eq!(pick(""), None);
        assert_eq!(pick("*"), None);
        assert_eq!(pick("DE-at;q=oops"), None);
    }
}
