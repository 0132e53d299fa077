//! The public error: what a person or client is told when a server function fails.
//!
//! It never carries a cause or a database message; those are logged on the server by
//! [`crate::ssr::public`] before the mapping.

use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

/// A failure that is safe to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum PublicError {
    /// Bad input, with the field it is about.
    #[error("{message}")]
    Invalid {
        /// The field name.
        field: String,
        /// What is wrong, in plain words.
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
            message: err.message,
        }
    }
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
                message: "Some of the form was missing or not understood.".to_owned(),
            },
            ServerFnErrorErr::Request(_)
            | ServerFnErrorErr::Response(_)
            | ServerFnErrorErr::Deserialization(_) => Self::Transport,
            _ => Self::Internal,
        }
    }
}
