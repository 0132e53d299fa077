//! Requests an authorized agent files for a consumer (CCPA §7063): the kinds an agent may
//! file, the filing parsed from the agent's form, and the signed permission it must carry.
//! Nothing is processed until the consumer confirms by mail.

use crate::{
    Email, JurisdictionCode, RequestKind, ValidationError,
    evidence::{self, EvidenceFile, EvidenceType},
};

/// What an agent may ask for: the rights that need no words from the consumer.
pub const AGENT_KINDS: &[RequestKind] = &[
    RequestKind::Access,
    RequestKind::Export,
    RequestKind::Delete,
    RequestKind::OptOutSale,
    RequestKind::LimitSensitive,
];

/// How long the consumer has to confirm, in days, before the request expires.
pub const CONFIRM_DAYS: i64 = 14;

/// An agent's filing: for whom, what, and under which law.
#[derive(Clone, PartialEq, Eq)]
pub struct AgentFiling {
    consumer: Email,
    kind: RequestKind,
    jurisdiction: JurisdictionCode,
}

impl AgentFiling {
    /// Parses the agent's form: `consumer` (their address), `kind` (one of [`AGENT_KINDS`]),
    /// `jurisdiction` (where the consumer lives) and `authorized` (ticked).
    pub fn from_form<'a>(field: impl Fn(&str) -> Option<&'a str>) -> Result<Self, ValidationError> {
        let consumer = Email::parse(field("consumer").unwrap_or_default())
            .map_err(|e| ValidationError::new("consumer", e.code, e.message))?;
        let kind = field("kind")
            .and_then(|k| k.parse::<RequestKind>().ok())
            .filter(|k| AGENT_KINDS.contains(k))
            .ok_or_else(|| {
                ValidationError::new("kind", "agent.kind", "choose what the person asks for")
            })?;
        let jurisdiction = JurisdictionCode::parse(field("jurisdiction").unwrap_or_default())?;
        if field("authorized") != Some("yes") {
            return Err(ValidationError::new(
                "authorized",
                "agent.unconfirmed",
                "tick the box to confirm that the person authorized you",
            ));
        }
        Ok(Self {
            consumer,
            kind,
            jurisdiction,
        })
    }

    /// The consumer's address.
    pub fn consumer(&self) -> &Email {
        &self.consumer
    }

    /// What they ask for.
    pub fn kind(&self) -> RequestKind {
        self.kind
    }

    /// Where the consumer lives.
    pub fn jurisdiction(&self) -> &JurisdictionCode {
        &self.jurisdiction
    }
}

// The consumer's address is personal data; `Email` redacts it too.
impl std::fmt::Debug for AgentFiling {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AgentFiling")
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}

/// Checks the signed permission the form sent, as (name, content) pairs: exactly one PDF,
/// PNG or JPEG file (a signature is not plain text), at most 10 MiB.
pub fn check_permission(files: Vec<(String, Vec<u8>)>) -> Result<EvidenceFile, ValidationError> {
    let missing = || {
        ValidationError::new(
            "permission",
            "permission.missing",
            "attach the person's signed permission",
        )
    };
    let mut files = evidence::check(files).map_err(|e| ValidationError {
        field: "permission",
        ..e
    })?;
    if files.len() > 1 {
        return Err(ValidationError::new(
            "permission",
            "permission.one",
            "attach the signed permission as one file",
        ));
    }
    let file = files.pop().ok_or_else(missing)?;
    if file.kind() == EvidenceType::Text {
        return Err(ValidationError::new(
            "permission",
            "permission.type",
            "the signed permission must be a PDF, PNG or JPEG file",
        ));
    }
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_agents_form_names_the_person_a_kind_a_place_and_the_authority() {
        let good = [
            ("consumer", "ada@example.com"),
            ("kind", "delete"),
            ("jurisdiction", "US-CA"),
            ("authorized", "yes"),
        ];
        let field = |n: &str| good.iter().find(|(p, _)| *p == n).map(|(_, v)| *v);
        let filing = AgentFiling::from_form(field).unwrap();
        assert_eq!(filing.kind(), RequestKind::Delete);
        assert_eq!(filing.jurisdiction().as_str(), "US-CA");
        assert_eq!(format!("{filing:?}"), "AgentFiling { kind: Delete, .. }");

        let with = |name: &str, value: &str| {
            let pairs: Vec<(&str, &str)> = good
                .iter()
                .map(|&(n, v)| if n == name { (n, value) } else { (n, v) })
                .collect();
            let field = |n: &str| pairs.iter().find(|(p, _)| *p == n).map(|(_, v)| *v);
            AgentFiling::from_form(field).unwrap_err().code
        };
        assert_eq!(with("consumer", "not an address"), "email.invalid");
        assert_eq!(with("kind", "correct"), "agent.kind");
        assert_eq!(with("kind", "opt_out_training"), "agent.kind");
        assert_eq!(with("jurisdiction", "XX-??"), "jurisdiction.invalid");
        assert_eq!(with("authorized", "no"), "agent.unconfirmed");
    }

    #[test]
    fn the_permission_is_one_signed_document() {
        let pdf = || ("permission.pdf".to_owned(), b"%PDF-1.7\n".to_vec());
        assert_eq!(
            check_permission(vec![pdf()]).unwrap().kind(),
            EvidenceType::Pdf
        );
        let code = |files| check_permission(files).unwrap_err();
        assert_eq!(code(vec![]).code, "permission.missing");
        assert_eq!(code(vec![pdf(), pdf()]).code, "permission.one");
        let text = ("note.txt".to_owned(), b"I agree".to_vec());
        assert_eq!(code(vec![text]).code, "permission.type");
        let exe = ("permission.pdf".to_owned(), b"MZ\x90\0".to_vec());
        let refused = code(vec![exe]);
        assert_eq!(
            (refused.field, refused.code),
            ("permission", "evidence.type")
        );
    }
}
