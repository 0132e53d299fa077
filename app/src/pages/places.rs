//! The places a person can say they live in, with the law each one brings, and the select
//! that offers them, named in the page's language. Every code here has statutory deadline
//! rules in `domain::deadline`.

use leptos::prelude::*;

use crate::{
    i18n::{Locale, td, td_string},
    locale::use_locale,
};

/// The groups of the select, each a key of its name and the ISO 3166 codes in it, in the
/// order shown.
pub const PLACES: &[(Group, &[&str])] = &[
    (
        Group::UnitedKingdom,
        &["GB-ENG", "GB-NIR", "GB-SCT", "GB-WLS"],
    ),
    (
        Group::Europe,
        &[
            "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IS",
            "IE", "IT", "LV", "LI", "LT", "LU", "MT", "NL", "NO", "PL", "PT", "RO", "SK", "SI",
            "ES", "SE",
        ],
    ),
    (
        Group::UnitedStates,
        &[
            "US-CA", "US-CO", "US-CT", "US-DE", "US-IN", "US-IA", "US-KY", "US-MD", "US-MN",
            "US-MT", "US-NE", "US-NH", "US-NJ", "US-OR", "US-RI", "US-TN", "US-TX", "US-UT",
            "US-VA",
        ],
    ),
    (Group::Americas, &["BR", "CA", "CA-QC"]),
];

/// A group of places in the select.
#[derive(Clone, Copy)]
pub enum Group {
    /// The four nations of the United Kingdom.
    UnitedKingdom,
    /// The European Union and the EEA.
    Europe,
    /// The US states with a privacy law.
    UnitedStates,
    /// Other countries of the Americas.
    Americas,
}

/// The labelled select of [`PLACES`], named `jurisdiction`, with `current` chosen. With no
/// current place it asks for a choice: where someone lives is never guessed. `label`
/// replaces "Country or state" where the place is somebody else's.
#[component]
pub fn PlaceSelect(
    current: Option<String>,
    #[prop(optional)] label: Option<&'static str>,
) -> impl IntoView {
    let locale = use_locale();
    let groups = PLACES
        .iter()
        .map(|(group, codes)| {
            let options = codes
                .iter()
                .map(|&code| {
                    let selected = current.as_deref() == Some(code);
                    view! {
                        <option value=code selected=selected>
                            {place_name(locale, code).unwrap_or(code)}
                        </option>
                    }
                })
                .collect::<Vec<_>>();
            view! { <optgroup label=group_name(locale, *group)>{options}</optgroup> }
        })
        .collect::<Vec<_>>();
    view! {
        <label for="jurisdiction">{label.unwrap_or(td_string!(locale, places.label))}</label>
        <select id="jurisdiction" name="jurisdiction" required>
            <option value="" disabled selected=current.is_none()>
                {td!(locale, places.choose)}
            </option>
            {groups}
        </select>
    }
}

fn group_name(locale: Locale, group: Group) -> &'static str {
    match group {
        Group::UnitedKingdom => td_string!(locale, places.group_gb),
        Group::Europe => td_string!(locale, places.group_eu),
        Group::UnitedStates => td_string!(locale, places.group_us),
        Group::Americas => td_string!(locale, places.group_americas),
    }
}

/// The name in `locale` of the place with ISO 3166 `code`, if it is one of [`PLACES`].
pub fn place_name(locale: Locale, code: &str) -> Option<&'static str> {
    Some(match code {
        "GB-ENG" => td_string!(locale, places.gb_eng),
        "GB-NIR" => td_string!(locale, places.gb_nir),
        "GB-SCT" => td_string!(locale, places.gb_sct),
        "GB-WLS" => td_string!(locale, places.gb_wls),
        "AT" => td_string!(locale, places.at),
        "BE" => td_string!(locale, places.be),
        "BG" => td_string!(locale, places.bg),
        "HR" => td_string!(locale, places.hr),
        "CY" => td_string!(locale, places.cy),
        "CZ" => td_string!(locale, places.cz),
        "DK" => td_string!(locale, places.dk),
        "EE" => td_string!(locale, places.ee),
        "FI" => td_string!(locale, places.fi),
        "FR" => td_string!(locale, places.fr),
        "DE" => td_string!(locale, places.de),
        "GR" => td_string!(locale, places.gr),
        "HU" => td_string!(locale, places.hu),
        "IS" => td_string!(locale, places.is),
        "IE" => td_string!(locale, places.ie),
        "IT" => td_string!(locale, places.it),
        "LV" => td_string!(locale, places.lv),
        "LI" => td_string!(locale, places.li),
        "LT" => td_string!(locale, places.lt),
        "LU" => td_string!(locale, places.lu),
        "MT" => td_string!(locale, places.mt),
        "NL" => td_string!(locale, places.nl),
        "NO" => td_string!(locale, places.no),
        "PL" => td_string!(locale, places.pl),
        "PT" => td_string!(locale, places.pt),
        "RO" => td_string!(locale, places.ro),
        "SK" => td_string!(locale, places.sk),
        "SI" => td_string!(locale, places.si),
        "ES" => td_string!(locale, places.es),
        "SE" => td_string!(locale, places.se),
        "US-CA" => td_string!(locale, places.us_ca),
        "US-CO" => td_string!(locale, places.us_co),
        "US-CT" => td_string!(locale, places.us_ct),
        "US-DE" => td_string!(locale, places.us_de),
        "US-IN" => td_string!(locale, places.us_in),
        "US-IA" => td_string!(locale, places.us_ia),
        "US-KY" => td_string!(locale, places.us_ky),
        "US-MD" => td_string!(locale, places.us_md),
        "US-MN" => td_string!(locale, places.us_mn),
        "US-MT" => td_string!(locale, places.us_mt),
        "US-NE" => td_string!(locale, places.us_ne),
        "US-NH" => td_string!(locale, places.us_nh),
        "US-NJ" => td_string!(locale, places.us_nj),
        "US-OR" => td_string!(locale, places.us_or),
        "US-RI" => td_string!(locale, places.us_ri),
        "US-TN" => td_string!(locale, places.us_tn),
        "US-TX" => td_string!(locale, places.us_tx),
        "US-UT" => td_string!(locale, places.us_ut),
        "US-VA" => td_string!(locale, places.us_va),
        "BR" => td_string!(locale, places.br),
        "CA" => td_string!(locale, places.ca),
        "CA-QC" => td_string!(locale, places.ca_qc),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::{PLACES, place_name};
    use crate::i18n::Locale;

    #[test]
    fn every_place_is_a_valid_code_with_statutory_rules_and_a_name() {
        for (_, codes) in PLACES {
            for code in *codes {
                for locale in [Locale::en, Locale::de, Locale::fr, Locale::es] {
                    assert!(place_name(locale, code).is_some(), "{code} has no name");
                }
                let code = domain::JurisdictionCode::parse(code).unwrap();
                let kind = domain::RequestKind::Access;
                let received = chrono::Utc::now();
                let m = domain::deadline::compute(&code, kind, received, &[], &Default::default());
                assert_ne!(
                    m.unwrap().regime,
                    "default",
                    "{code:?} has no statutory rules"
                );
            }
        }
    }
}
