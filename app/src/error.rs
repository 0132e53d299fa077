//! The public error: what a person or client is told when a server function fails.
//!
//! It never carries a cause or a database message; those are logged on the server by
//! [`crate::ssr::public`] before the mapping.

use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

use crate::i18n::{Locale, td_string};

/// What an unreadable form is told where its code has no wording of its own.
const UNREADABLE: &str = "Some of the form was missing or not understood.";

/// A failure that is safe to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum PublicError {
    /// Bad input, with the field it is about.
    #[error("{message}")]
    Invalid {
        /// The field name.
        field: String,
        /// The stable code of what is wrong, such as `email.invalid`, for its wording.
        code: String,
        /// What is wrong, in plain English, where the code has no wording of its own.
        message: String,
    },
    /// No valid session.
    #[error("Please sign in first.")]
    Unauthenticated,
    /// Not allowed.
    #[error("You are not allowed to do that.")]
    Forbidden,
    /// Not found.
    #[error("We could not find that.")]
    NotFound,
    /// It clashed with a change made meanwhile.
    #[error("{0}")]
    Conflict(String),
    /// Too many attempts.
    #[error("Too many attempts. Wait a few minutes, then try again.")]
    RateLimited,
    /// A dependency is down for now.
    #[error("The service is busy or briefly unavailable. Please try again shortly.")]
    Unavailable,
    /// A fault on our side.
    #[error("Something went wrong on our side. Please try again.")]
    Internal,
    /// The browser could not reach the server, or the reply was garbled.
    #[error("We could not reach Rightful. Check your connection and try again.")]
    Transport,
}

impl From<domain::ValidationError> for PublicError {
    fn from(err: domain::ValidationError) -> Self {
        Self::Invalid {
            field: err.field.to_owned(),
            code: err.code.to_owned(),
            message: err.message,
        }
    }
}

impl PublicError {
    /// The form field an invalid input is about.
    pub fn field(&self) -> Option<&str> {
        match self {
            Self::Invalid { field, .. } => Some(field),
            _ => None,
        }
    }

    /// What to tell the reader, in `locale`. An invalid input whose code has no wording of
    /// its own keeps its English message; a conflict's specific English message is shown
    /// only in English.
    pub fn text(&self, locale: Locale) -> String {
        let text = match self {
            Self::Invalid { code, message, .. } => {
                return invalid_text(locale, code).map_or_else(|| message.clone(), str::to_owned);
            }
            Self::Conflict(message) if locale == Locale::en && !message.is_empty() => {
                return message.clone();
            }
            Self::Conflict(_) => td_string!(locale, errors.conflict),
            Self::Unauthenticated => td_string!(locale, errors.unauthenticated),
            Self::Forbidden => td_string!(locale, errors.forbidden),
            Self::NotFound => td_string!(locale, errors.not_found),
            Self::RateLimited => td_string!(locale, errors.rate_limited),
            Self::Unavailable => td_string!(locale, errors.unavailable),
            Self::Internal => td_string!(locale, errors.internal),
            Self::Transport => td_string!(locale, errors.transport),
        };
        text.to_owned()
    }
}

impl PublicError {
    /// The error as query pairs, for a form post that is answered by going back to its page
    /// (see [`PublicError::from_query`]). Messages are left out: a page shows only its own
    /// wording, never text from a link.
    pub fn to_query(&self) -> Vec<(&'static str, String)> {
        let name = match self {
            Self::Invalid { field, code, .. } => {
                return vec![
                    ("problem", "invalid".to_owned()),
                    ("field", field.clone()),
                    ("code", code.clone()),
                ];
            }
            Self::Unauthenticated => "unauthenticated",
            Self::Forbidden => "forbidden",
            Self::NotFound => "not_found",
            Self::Conflict(_) => "conflict",
            Self::RateLimited => "rate_limited",
            Self::Unavailable => "unavailable",
            Self::Internal => "internal",
            Self::Transport => "transport",
        };
        vec![("problem", name.to_owned())]
    }

    /// The error a page's URL names, read by `get` from its query (see
    /// [`PublicError::to_query`]); `None` when it names none.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Option<Self> {
        Some(match get("problem")?.as_str() {
            "invalid" => Self::Invalid {
                field: get("field").unwrap_or_default(),
                code: get("code").unwrap_or_default(),
                message: UNREADABLE.to_owned(),
            },
            "unauthenticated" => Self::Unauthenticated,
            "forbidden" => Self::Forbidden,
            "not_found" => Self::NotFound,
            "conflict" => Self::Conflict(String::new()),
            "rate_limited" => Self::RateLimited,
            "unavailable" => Self::Unavailable,
            "transport" => Self::Transport,
            _ => Self::Internal,
        })
    }
}

/// The wording of a validation code people can meet in the portal.
fn invalid_text(locale: Locale, code: &str) -> Option<&'static str> {
    Some(match code {
        "form.unreadable" => td_string!(locale, errors.form),
        "email.invalid" => td_string!(locale, errors.email_invalid),
        "email.missing" => td_string!(locale, errors.email_missing),
        "email.undeliverable" => td_string!(locale, errors.email_undeliverable),
        "code.malformed" => td_string!(locale, errors.code_malformed),
        "code.invalid" => td_string!(locale, errors.code_wrong),
        "jurisdiction.invalid" | "jurisdiction.unknown" => td_string!(locale, errors.jurisdiction),
        "statement.missing" | "filing.particulars_missing" => {
            td_string!(locale, errors.statement_missing)
        }
        "statement.too_long" => td_string!(locale, errors.statement_too_long),
        "filing.unconfirmed" => td_string!(locale, errors.filing_unconfirmed),
        "filing.appeal_of" => td_string!(locale, errors.filing_appeal_of),
        "deadline.kind_unavailable" => td_string!(locale, errors.kind_unavailable),
        "evidence.too_many" => td_string!(locale, errors.evidence_too_many),
        "evidence.too_large" => td_string!(locale, errors.evidence_too_large),
        "evidence.type" => td_string!(locale, errors.evidence_type),
        "agent.kind" => td_string!(locale, errors.agent_kind),
        "agent.unconfirmed" => td_string!(locale, errors.agent_unconfirmed),
        "agent.self" => td_string!(locale, errors.agent_self),
        "permission.missing" => td_string!(locale, errors.permission_missing),
        "permission.one" => td_string!(locale, errors.permission_one),
        "permission.type" => td_string!(locale, errors.permission_type),
        _ => return None,
    })
}

impl FromServerFnError for PublicError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        // On the server this runs when a call's arguments do not parse: answer 400, not 500.
        #[cfg(feature = "ssr")]
        if matches!(
            value,
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_)
        ) {
            crate::ssr::set_error_status(axum::http::StatusCode::BAD_REQUEST);
        }
        match value {
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => Self::Invalid {
                field: "form".to_owned(),
                code: "form.unreadable".to_owned(),
                message: UNREADABLE.to_owned(),
            },
            ServerFnErrorErr::Request(_)
            | ServerFnErrorErr::Response(_)
            | ServerFnErrorErr::Deserialization(_) => Self::Transport,
            _ => Self::Internal,
        }
    }
}
