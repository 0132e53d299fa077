//! Jurisdiction codes: ISO 3166-1 countries and ISO 3166-2 subdivisions.

use std::{fmt, str::FromStr};

use serde::{Deserialize, Serialize};

use crate::ValidationError;

/// A jurisdiction as an ISO 3166 code: a country (`DE`) or a subdivision (`US-CA`, `GB-SCT`).
///
/// Parsing checks the shape and upper-cases it; whether Rightful knows rules for the code is
/// the deadline engine's business, not this type's.
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
        if country_ok && sub_ok {
            Ok(Self(code))
        } else {
            Err(ValidationError::new(
                "jurisdiction",
                "jurisdiction.invalid",
                format!("{input:?} is not an ISO 3166 code such as DE, US-CA or GB-SCT."),
            ))
        }
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
