//! What a person files from the portal: a request kind with the particulars that kind needs,
//! parsed once at the edge. Particulars are personal data: redacted in `Debug`, never logged.

use std::fmt;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{RequestKind, ValidationError};

/// The longest statement accepted in one field, in characters.
pub const MAX_STATEMENT: usize = 4000;

/// Free text a person wrote: trimmed, not empty, at most [`MAX_STATEMENT`] characters.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Statement(String);

impl Statement {
    /// Parses the text typed into `field`.
    pub fn parse(field: &'static str, input: &str) -> Result<Self, ValidationError> {
        let text = input.trim();
        if text.is_empty() {
            return Err(ValidationError::new(
                field,
                "statement.missing",
                "Please fill in this field.",
            ));
        }
        if text.chars().count() > MAX_STATEMENT {
            return Err(ValidationError::new(
                field,
                "statement.too_long",
                format!("Please keep this to {MAX_STATEMENT} characters."),
            ));
        }
        Ok(Self(text.to_owned()))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Statement {
    type Error = ValidationError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse("statement", &value)
    }
}

impl From<Statement> for String {
    fn from(value: Statement) -> Self {
        value.0
    }
}

impl fmt::Debug for Statement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Statement(<{} chars>)", self.0.chars().count())
    }
}

/// What some kinds need beyond the kind itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Particulars {
    /// A correction: what is wrong, and what it should say.
    Correction {
        /// What is wrong.
        wrong: Statement,
        /// What it should say.
        right: Statement,
    },
    /// Removal from model outputs: the prompts, what the model produced, and why the data
    /// is the person's.
    OutputRemoval {
        /// The prompts that produced the outputs.
        prompts: Statement,
        /// What the model produced.
        outputs: Statement,
        /// Why the data is about the person.
        reason: Statement,
    },
    /// An appeal against the denial of request `of`.
    Appeal {
        /// The denied request.
        of: Uuid,
    },
}

/// A request as filed: its kind and, for the kinds that need them, its particulars. The pair
/// always agrees: a correction has its correction, a plain kind has nothing more.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filing {
    kind: RequestKind,
    particulars: Option<Particulars>,
}

impl Filing {
    /// A request of a kind that needs nothing more than a confirmation.
    pub fn plain(kind: RequestKind) -> Result<Self, ValidationError> {
        if matches!(
            kind,
            RequestKind::Correct | RequestKind::RemoveFromOutputs | RequestKind::Appeal
        ) {
            return Err(ValidationError::new(
                "kind",
                "filing.particulars_missing",
                "This request needs more details.",
            ));
        }
        Ok(Self {
            kind,
            particulars: None,
        })
    }

    /// A correction.
    pub fn correction(wrong: &str, right: &str) -> Result<Self, ValidationError> {
        Ok(Self {
            kind: RequestKind::Correct,
            particulars: Some(Particulars::Correction {
                wrong: Statement::parse("wrong", wrong)?,
                right: Statement::parse("right", right)?,
            }),
        })
    }

    /// A removal from model outputs.
    pub fn output_removal(
        prompts: &str,
        outputs: &str,
        reason: &str,
    ) -> Result<Self, ValidationError> {
        Ok(Self {
            kind: RequestKind::RemoveFromOutputs,
            particulars: Some(Particulars::OutputRemoval {
                prompts: Statement::parse("prompts", prompts)?,
                outputs: Statement::parse("outputs", outputs)?,
                reason: Statement::parse("reason", reason)?,
            }),
        })
    }

    /// An appeal against the denial of request `of`.
    pub fn appeal(of: Uuid) -> Self {
        Self {
            kind: RequestKind::Appeal,
            particulars: Some(Particulars::Appeal { of }),
        }
    }

    /// Parses the portal's form for `kind`, reading each field by name through `field`: a
    /// deletion needs its `confirm` box ticked, a correction `wrong` and `right`, a removal
    /// from model outputs `prompts`, `outputs` and `reason`, an appeal `appeal_of`.
    pub fn from_form<'a>(
        kind: RequestKind,
        field: impl Fn(&str) -> Option<&'a str>,
    ) -> Result<Self, ValidationError> {
        let text = |name| field(name).unwrap_or_default();
        match kind {
            RequestKind::Correct => Self::correction(text("wrong"), text("right")),
            RequestKind::RemoveFromOutputs => {
                Self::output_removal(text("prompts"), text("outputs"), text("reason"))
            }
            RequestKind::Appeal => Uuid::parse_str(text("appeal_of").trim())
                .map(Self::appeal)
                .map_err(|_| {
                    ValidationError::new(
                        "appeal_of",
                        "filing.appeal_of",
                        "Choose the decision you want to appeal from its request's page.",
                    )
                }),
            RequestKind::Delete if field("confirm") != Some("yes") => Err(ValidationError::new(
                "confirm",
                "filing.unconfirmed",
                "Tick the box to confirm that you want your data and account deleted.",
            )),
            _ => Self::plain(kind),
        }
    }

    /// What is asked for.
    pub fn kind(&self) -> RequestKind {
        self.kind
    }

    /// The particulars, for the kinds that have them.
    pub fn particulars(&self) -> Option<&Particulars> {
        self.particulars.as_ref()
    }

    /// The denied request this appeals, for an appeal.
    pub fn appeal_of(&self) -> Option<Uuid> {
        match self.particulars {
            Some(Particulars::Appeal { of }) => Some(of),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_that_need_particulars_are_refused_plain() {
        for kind in RequestKind::ALL {
            let needs = matches!(
                kind,
                RequestKind::Correct | RequestKind::RemoveFromOutputs | RequestKind::Appeal
            );
            assert_eq!(Filing::plain(*kind).is_err(), needs, "{kind}");
        }
    }

    #[test]
    fn statements_are_trimmed_bounded_and_redacted() {
        assert_eq!(
            Statement::parse("wrong", "  my name  ").unwrap().as_str(),
            "my name"
        );
        let err = Statement::parse("right", "   ").unwrap_err();
        assert_eq!((err.field, err.code), ("right", "statement.missing"));
        let long = "é".repeat(MAX_STATEMENT + 1);
        assert_eq!(
            Statement::parse("reason", &long).unwrap_err().code,
            "statement.too_long"
        );
        assert!(Statement::parse("reason", &"é".repeat(MAX_STATEMENT)).is_ok());
        let filing = Filing::correction("Ada Lovelace", "Ada King").unwrap();
        assert!(!format!("{filing:?}").contains("Ada"));
    }

    #[test]
    fn particulars_round_trip_as_json() {
        let filing = Filing::output_removal("who is ada", "ada lives at…", "it is me").unwrap();
        let json = serde_json::to_string(filing.particulars().unwrap()).unwrap();
        let back: Particulars = serde_json::from_str(&json).unwrap();
        assert_eq!(Some(&back), filing.particulars());
        let empty = r#"{"type":"correction","wrong":" ","right":"x"}"#;
        assert!(serde_json::from_str::<Particulars>(empty).is_err());
    }

    #[test]
    fn forms_are_read_by_kind() {
        let form = |pairs: &'static [(&str, &str)]| {
            move |name: &str| pairs.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
        };
        let delete = Filing::from_form(RequestKind::Delete, form(&[]));
        assert_eq!(delete.unwrap_err().code, "filing.unconfirmed");
        let delete = Filing::from_form(RequestKind::Delete, form(&[("confirm", "yes")]));
        assert_eq!(delete.unwrap().kind(), RequestKind::Delete);
        let fix = Filing::from_form(RequestKind::Correct, form(&[("wrong", "x")]));
        assert_eq!(fix.unwrap_err().field, "right");
        let appeal = Filing::from_form(RequestKind::Appeal, form(&[("appeal_of", "nope")]));
        assert_eq!(appeal.unwrap_err().field, "appeal_of");
        let export = Filing::from_form(RequestKind::Export, form(&[("wrong", "ignored")]));
        assert_eq!(export.unwrap().particulars(), None);
    }

    #[test]
    fn an_appeal_names_what_it_appeals() {
        let of = Uuid::new_v4();
        let filing = Filing::appeal(of);
        assert_eq!(filing.kind(), RequestKind::Appeal);
        assert_eq!(filing.appeal_of(), Some(of));
        assert_eq!(
            Filing::plain(RequestKind::Export).unwrap().appeal_of(),
            None
        );
    }
}
