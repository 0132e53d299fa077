//! Data systems: the company's systems that hold personal data, and what they can do.

use crate::{RequestKind, ValidationError, string_enum::string_enum};

string_enum! {
    /// What a data system can do for a request.
    Capability, "capability" {
        /// Return the person's data (access reports and exports).
        AccessExport => "access_export",
        /// Delete the person's data.
        Delete => "delete",
        /// Correct the person's data.
        Correct => "correct",
        /// Stop using the person's content for AI training.
        OptOutTraining => "opt_out_training",
        /// Stop selling or sharing the person's data.
        OptOutSale => "opt_out_sale",
    }
}

impl Capability {
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

string_enum! {
    /// How a data system receives its work.
    SystemKind, "kind" {
        /// Signed webhooks to its endpoint.
        Webhook => "webhook",
        /// Tasks a person completes by hand.
        Manual => "manual",
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
