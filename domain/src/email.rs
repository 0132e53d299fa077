//! E-mail addresses, parsed once at the edge and redacted in `Debug`.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::ValidationError;

/// The longest address SMTP allows (RFC 5321 §4.5.3.1.3, a path less its angle brackets).
const MAX_LEN: usize = 254;
const MAX_LOCAL_LEN: usize = 64;

/// A syntactically valid e-mail address, trimmed, with its domain lower-cased.
///
/// The local part is lower-cased too: every provider people use treats it case-blind, and one
/// person must not get two identities by typing a capital letter.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    /// Parses and normalizes an address typed by a person.
    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        let invalid = |message: &str| ValidationError::new("email", "email.invalid", message);
        let normalized = input.trim().to_lowercase();
        if normalized.is_empty() {
            return Err(ValidationError::new(
                "email",
                "email.missing",
                "Enter your e-mail address.",
            ));
        }
        if normalized.len() > MAX_LEN {
            return Err(invalid("That e-mail address is too long."));
        }
        let Some((local, domain)) = normalized.rsplit_once('@') else {
            return Err(invalid(
                "An e-mail address needs an @, like name@example.com.",
            ));
        };
        if local.is_empty() || local.len() > MAX_LOCAL_LEN || !valid_local(local) {
            return Err(invalid("The part before the @ is not valid."));
        }
        if !valid_domain(domain) {
            return Err(invalid("The part after the @ is not a valid domain."));
        }
        Ok(Self(normalized))
    }

    /// The normalized address, for sending mail and for hashing. Never log it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn valid_local(local: &str) -> bool {
    const SPECIALS: &str = "!#$%&'*+-/=?^_`{|}~.";
    !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || SPECIALS.contains(c))
}

fn valid_domain(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    labels.len() >= 2
        && domain.len() <= 253
        && labels.iter().all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.chars().all(char::is_alphabetic) && tld.len() >= 2)
}

impl fmt::Debug for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Email(<redacted>)")
    }
}

impl TryFrom<String> for Email {
    type Error = ValidationError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Email> for String {
    fn from(value: Email) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_case_and_whitespace() {
        let email = Email::parse("  Ada.Lovelace@Example.COM ").unwrap();
        assert_eq!(email.as_str(), "ada.lovelace@example.com");
    }

    #[test]
    fn refuses_malformed_addresses() {
        for bad in [
            "",
            "ada",
            "@example.com",
            "ada@",
            "ada@example",
            "a..b@example.com",
            "ada@-example.com",
            "ada@example.c0m",
            "ada @example.com",
            "ada@exa mple.com",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn accepts_plus_addressing_and_subdomains() {
        assert!(Email::parse("ada+rights@mail.example.co.uk").is_ok());
    }

    #[test]
    fn debug_never_shows_the_address() {
        let email = Email::parse("secret.person@example.com").unwrap();
        let shown = format!("{email:?}");
        assert!(!shown.contains("secret"), "{shown}");
    }

    #[test]
    fn deserializing_validates() {
        assert!(serde_json::from_str::<Email>("\"nope\"").is_err());
        let email: Email = serde_json::from_str("\"A@Example.com\"").unwrap();
        assert_eq!(email.as_str(), "a@example.com");
    }
}
