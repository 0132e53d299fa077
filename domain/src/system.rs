//! Data systems: the company's systems that hold personal data, and what they can do.

use std::{fmt, str::FromStr};

use serde::{Deserialize, Serialize};

use crate::{RequestKind, ValidationError};

/// What a data system can do for a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Capability {
    /// Return the person's data (access reports and exports).
    AccessExport,
    /// Delete the person's data.
    Delete,
    /// Correct the person's data.
    Correct,
    /// Stop using the person's content for AI training.
    OptOutTraining,
    /// Stop selling or sharing the person's data.
    OptOutSale,
}

impl Capability {
    /// Every capability.
    pub const ALL: &'static [Capability] = &[
        Self::AccessExport,
        Self::Delete,
        Self::Correct,
        Self::OptOutTraining,
        Self::OptOutSale,
    ];

    /// The stable snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::AccessExport => "access_export",
            Self::Delete => "delete",
            Self::Correct => "correct",
            Self::OptOutTraining => "opt_out_training",
            Self::OptOutSale => "opt_out_sale",
        }
    }

    /// The capability a request of `kind` needs from a system, if any.
    pub fn needed_for(kind: RequestKind) -> Option<Self> {
        match kind {
            RequestKind::Access | RequestKind::Export => Some(Self::AccessExport),
            RequestKind::Delete | RequestKind::RemoveFromOutputs => Some(Self::Delete),
            RequestKind::Correct => Some(Self::Correct),
            RequestKind::OptOutTraining => Some(Self::OptOutTraining),
            RequestKind::OptOutSale | RequestKind::LimitSensitive => Some(Self::OptOutSale),
            RequestKind::Appeal => None,
        }
    }
}

impl FromStr for Capability {
    type Err = ValidationError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .iter()
            .copied()
            .find(|c| c.as_str() == s.trim())
            .ok_or_else(|| {
                let names: Vec<_> = Self::ALL.iter().map(|c| c.as_str()).collect();
                ValidationError::new(
                    "capability",
                    "capability.invalid",
                    format!(
                        "unknown capability {s:?}; expected one of: {}",
                        names.join(", ")
                    ),
                )
            })
    }
}

impl fmt::Display for Capability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a data system receives its work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SystemKind {
    /// Signed webhooks to its endpoint.
    Webhook,
    /// Tasks a person completes by hand.
    Manual,
}

impl SystemKind {
    /// The stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Webhook => "webhook",
            Self::Manual => "manual",
        }
    }
}

impl FromStr for SystemKind {
    type Err = ValidationError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "webhook" => Ok(Self::Webhook),
            "manual" => Ok(Self::Manual),
            other => Err(ValidationError::new(
                "kind",
                "system_kind.invalid",
                format!("unknown system kind {other:?}; expected webhook or manual"),
            )),
        }
    }
}

/// A webhook endpoint: an absolute `http://` or `https://` URL with a host.
pub fn parse_endpoint(input: &str) -> Result<String, ValidationError> {
    let url = input.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    let host = rest
        .and_then(|r| r.split(['/', '?', '#']).next())
        .unwrap_or_default();
    if host.is_empty() || url.chars().any(char::is_whitespace) {
        return Err(ValidationError::new(
            "endpoint",
            "endpoint.invalid",
            format!("{url:?} is not an http:// or https:// URL"),
        ));
    }
    Ok(url.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_unknown_ones_are_refused() {
        for c in Capability::ALL {
            assert_eq!(c.as_str().parse::<Capability>().unwrap(), *c);
        }
        assert!("erase".parse::<Capability>().is_err());
        assert_eq!("manual".parse::<SystemKind>().unwrap(), SystemKind::Manual);
        assert!("ftp".parse::<SystemKind>().is_err());
    }

    #[test]
    fn every_kind_but_appeal_needs_a_capability() {
        for kind in RequestKind::ALL {
            assert_eq!(
                Capability::needed_for(*kind).is_none(),
                *kind == RequestKind::Appeal
            );
        }
    }

    #[test]
    fn endpoints_must_be_http_urls() {
        assert!(parse_endpoint("https://crm.internal/rightful").is_ok());
        assert!(parse_endpoint("http://127.0.0.1:8080/hook").is_ok());
        for bad in ["", "crm.internal", "ftp://x", "https://", "https://a b"] {
            assert!(parse_endpoint(bad).is_err(), "{bad:?}");
        }
    }
}
