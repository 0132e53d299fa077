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
            Self::Conflict(message) if locale == Locale::en => return message.clone(),
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
                message: "Some of the form was missing or not understood.".to_owned(),
            },
            ServerFnErrorErr::Request(_)
            | ServerFnErrorErr::Response(_)
            | ServerFnErrorErr::Deserialization(_) => Self::Transport,
            _ => Self::Internal,
        }
    }
}
