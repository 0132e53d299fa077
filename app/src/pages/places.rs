//! The places a person can say they live in, with the law each one brings, and the select
//! that offers them. Every code here has statutory deadline rules in `domain::deadline`.

use leptos::prelude::*;

/// The labelled select of [`PLACES`], named `jurisdiction`, with `current` chosen. With no
/// current place it asks for a choice: where someone lives is never guessed.
#[component]
pub fn PlaceSelect(current: Option<String>) -> impl IntoView {
    let groups = PLACES
        .iter()
        .map(|(group, places)| {
            let options = places
                .iter()
                .map(|(code, name)| {
                    let selected = current.as_deref() == Some(*code);
                    view! {
                        <option value=*code selected=selected>
                            {*name}
                        </option>
                    }
                })
                .collect::<Vec<_>>();
            view! { <optgroup label=*group>{options}</optgroup> }
        })
        .collect::<Vec<_>>();
    view! {
        <label for="jurisdiction">"Country or state"</label>
        <select id="jurisdiction" name="jurisdiction" required>
            <option value="" disabled selected=current.is_none()>
                "Choose…"
            </option>
            {groups}
        </select>
    }
}

/// The name of the place with ISO 3166 `code`, if it is one of [`PLACES`].
pub fn place_name(code: &str) -> Option<&'static str> {
    PLACES
        .iter()
        .flat_map(|(_, places)| places.iter())
        .find(|(c, _)| *c == code)
        .map(|(_, name)| *name)
}

/// `(ISO 3166 code, name)`, grouped as shown.
pub const PLACES: &[(&str, &[(&str, &str)])] = &[
    (
        "United Kingdom",
        &[
            ("GB-ENG", "England"),
            ("GB-NIR", "Northern Ireland"),
            ("GB-SCT", "Scotland"),
            ("GB-WLS", "Wales"),
        ],
    ),
    (
        "European Union and EEA",
        &[
            ("AT", "Austria"),
            ("BE", "Belgium"),
            ("BG", "Bulgaria"),
            ("HR", "Croatia"),
            ("CY", "Cyprus"),
            ("CZ", "Czechia"),
            ("DK", "Denmark"),
            ("EE", "Estonia"),
            ("FI", "Finland"),
            ("FR", "France"),
            ("DE", "Germany"),
            ("GR", "Greece"),
            ("HU", "Hungary"),
            ("IS", "Iceland"),
            ("IE", "Ireland"),
            ("IT", "Italy"),
            ("LV", "Latvia"),
            ("LI", "Liechtenstein"),
            ("LT", "Lithuania"),
            ("LU", "Luxembourg"),
            ("MT", "Malta"),
            ("NL", "Netherlands"),
            ("NO", "Norway"),
            ("PL", "Poland"),
            ("PT", "Portugal"),
            ("RO", "Romania"),
            ("SK", "Slovakia"),
            ("SI", "Slovenia"),
            ("ES", "Spain"),
            ("SE", "Sweden"),
        ],
    ),
    (
        "United States",
        &[
            ("US-CA", "California"),
            ("US-CO", "Colorado"),
            ("US-CT", "Connecticut"),
            ("US-DE", "Delaware"),
            ("US-IN", "Indiana"),
            ("US-IA", "Iowa"),
            ("US-KY", "Kentucky"),
            ("US-MD", "Maryland"),
            ("US-MN", "Minnesota"),
            ("US-MT", "Montana"),
            ("US-NE", "Nebraska"),
            ("US-NH", "New Hampshire"),
            ("US-NJ", "New Jersey"),
            ("US-OR", "Oregon"),
            ("US-RI", "Rhode Island"),
            ("US-TN", "Tennessee"),
            ("US-TX", "Texas"),
            ("US-UT", "Utah"),
            ("US-VA", "Virginia"),
        ],
    ),
    (
        "Americas",
        &[("BR", "Brazil"), ("CA", "Canada"), ("CA-QC", "Québec")],
    ),
];

#[cfg(test)]
mod tests {
    use super::PLACES;

    #[test]
    fn every_place_is_a_valid_code_with_statutory_rules() {
        for (_, places) in PLACES {
            for (code, name) in *places {
                let code = domain::JurisdictionCode::parse(code).unwrap();
                let kind = domain::RequestKind::Access;
                let received = chrono::Utc::now();
                let m = domain::deadline::compute(&code, kind, received, &[], &Default::default());
                assert_ne!(
                    m.unwrap().regime,
                    "default",
                    "{name} has no statutory rules"
                );
            }
        }
    }
}
