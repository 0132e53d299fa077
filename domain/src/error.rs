//! The first error tier: input that does not parse, with a stable code a user can be shown.

use serde::{Deserialize, Serialize};

/// Why a piece of user input was refused. Safe to show to the person who typed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{field}: {message}")]
pub struct ValidationError {
    /// A stable, machine-readable code such as `email.invalid`.
    pub code: &'static str,
    /// The input field the error is about.
    pub field: &'static str,
    /// A plain-English explanation.
    pub message: String,
}

impl ValidationError {
    /// Builds an error for `field` with a stable `code` and a message.
    pub fn new(field: &'static str, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            code,
            field,
            message: message.into(),
        }
    }
}
