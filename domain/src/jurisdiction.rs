//! Jurisdiction codes: ISO 3166-1 countries and ISO 3166-2 subdivisions.

use std::{fmt, str::FromStr};

use serde::{Deserialize, Serialize};

use crate::ValidationError;

/// ISO 3166-1 alpha-2 country codes (2026), sorted.
const COUNTRIES: &[&str] = &[
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
    "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
    "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
    "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE",
    "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
    "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM",
    "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
    "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC",
    "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
    "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA",
    "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG",
    "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW",
    "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
    "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
    "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
    "VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
];

/// ISO 3166-2:US subdivisions (states, DC and outlying areas), sorted.
const US_SUBDIVISIONS: &[&str] = &[
    "AK", "AL", "AR", "AS", "AZ", "CA", "CO", "CT", "DC", "DE", "FL", "GA", "GU", "HI", "IA", "ID",
    "IL", "IN", "KS", "KY", "LA", "MA", "MD", "ME", "MI", "MN", "MO", "MP", "MS", "MT", "NC", "ND",
    "NE", "NH", "NJ", "NM", "NV", "NY", "OH", "OK", "OR", "PA", "PR", "RI", "SC", "SD", "TN", "TX",
    "UM", "UT", "VA", "VI", "VT", "WA", "WI", "WV", "WY",
];

/// A jurisdiction as an ISO 3166 code: a country (`DE`) or a subdivision (`US-CA`, `GB-SCT`).
///
/// Parsing upper-cases the code and checks that the country exists (and, for the US, the
/// state); which rules apply to it is the deadline engine's business, not this type's.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct JurisdictionCode(String);

impl JurisdictionCode {
    /// Parses a code such as `de`, `US-CA` or `GB-SCT`.
    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        let code = input.trim().to_ascii_uppercase();
        let (country, subdivision) = match code.split_once('-') {
            Some((country, sub)) => (country, Some(sub)),
            None => (code.as_str(), None),
        };
        let country_ok = country.len() == 2 && country.chars().all(|c| c.is_ascii_uppercase());
        let sub_ok = subdivision.is_none_or(|s| {
            (1..=3).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphanumeric())
        });
        if !country_ok || !sub_ok {
            return Err(ValidationError::new(
                "jurisdiction",
                "jurisdiction.invalid",
                format!("{input:?} is not an ISO 3166 code such as DE, US-CA or GB-SCT."),
            ));
        }
        let known = COUNTRIES.binary_search(&country).is_ok()
            && (country != "US"
                || subdivision.is_none_or(|s| US_SUBDIVISIONS.binary_search(&s).is_ok()));
        if !known {
            return Err(ValidationError::new(
                "jurisdiction",
                "jurisdiction.unknown",
                format!("{code} is not a known ISO 3166 country or US state."),
            ));
        }
        Ok(Self(code))
    }

    /// The code, e.g. `US-CA`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The ISO 3166-1 country part, e.g. `US` for `US-CA`.
    pub fn country(&self) -> &str {
        &self.0[..2]
    }
}

impl FromStr for JurisdictionCode {
    type Err = ValidationError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for JurisdictionCode {
    type Error = ValidationError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<JurisdictionCode> for String {
    fn from(value: JurisdictionCode) -> Self {
        value.0
    }
}

impl fmt::Display for JurisdictionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for JurisdictionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "JurisdictionCode({})", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_countries_and_subdivisions() {
        assert_eq!(JurisdictionCode::parse("de").unwrap().as_str(), "DE");
        let ca = JurisdictionCode::parse(" us-ca ").unwrap();
        assert_eq!((ca.as_str(), ca.country()), ("US-CA", "US"));
        assert_eq!(
            JurisdictionCode::parse("GB-SCT").unwrap().as_str(),
            "GB-SCT"
        );
    }

    #[test]
    fn refuses_malformed_codes() {
        for bad in ["", "D", "DEU", "US-", "US-CALI", "U1", "US_CA", "US-C A"] {
            assert!(
                JurisdictionCode::parse(bad).is_err(),
                "{bad:?} should be refused"
            );
        }
    }
}
