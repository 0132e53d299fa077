//! Plain multipart form posts that carry files (the evidence and the agent's forms), which
//! server functions here do not read: the signed-in person, the form's fields and files read
//! within the route's limit, and the way back to the form's page with a problem.

use app::error::PublicError;
use axum::{
    extract::multipart::{Multipart, MultipartError, MultipartRejection},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
};
use domain::{SubjectId, ValidationError};

use crate::http::state::AppState;

/// A form as it was posted: its text fields, and its files as (name, content) pairs.
pub struct Posted {
    /// Text fields by name.
    pub texts: Vec<(String, String)>,
    /// The files of the file field, in order.
    pub files: Vec<(String, Vec<u8>)>,
}

impl Posted {
    /// The text field `name`, if it was sent.
    pub fn field(&self, name: &str) -> Option<&str> {
        self.texts
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The person the session cookie names, if any; a failure to check it (the database is
/// down) is a problem to show, not a reason to sign in again.
pub async fn signed_in(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Option<SubjectId>, PublicError> {
    let Some(token) = app::ssr::session_token_in(&state.backend, headers) else {
        return Ok(None);
    };
    match state.backend.authenticate(&token).await {
        Ok(subject) => Ok(Some(subject)),
        Err(backend::Error::Unauthenticated) => Ok(None),
        Err(other) => Err(app::ssr::public(other)),
    }
}

/// Reads the whole form; the parts of `file_field` are files. A body over the route's
/// limit is `too_large` (the field it is about), anything else unreadable.
pub async fn read(
    form: Result<Multipart, MultipartRejection>,
    file_field: &'static str,
    too_large: fn() -> ValidationError,
) -> Result<Posted, PublicError> {
    let failed = |err: MultipartError| -> PublicError {
        if err.status() == StatusCode::PAYLOAD_TOO_LARGE {
            too_large().into()
        } else {
            unreadable(file_field)
        }
    };
    let mut form = form.map_err(|_| unreadable(file_field))?;
    let mut posted = Posted {
        texts: Vec::new(),
        files: Vec::new(),
    };
    while let Some(field) = form.next_field().await.map_err(failed)? {
        let name = field.name().unwrap_or_default().to_owned();
        if name == file_field {
            let file_name = field.file_name().unwrap_or_default().to_owned();
            let bytes = field.bytes().await.map_err(failed)?;
            posted.files.push((file_name, bytes.to_vec()));
        } else {
            let text = field.text().await.map_err(failed)?;
            posted.texts.push((name, text));
        }
    }
    Ok(posted)
}

fn unreadable(field: &'static str) -> PublicError {
    ValidationError::new(
        field,
        "form.unreadable",
        "the form could not be read; try again",
    )
    .into()
}

/// Back to the form at `page` with `problem` in the URL, for the page to show.
pub fn back_with(page: &str, problem: &PublicError) -> Response {
    let query = serde_urlencoded::to_string(problem.to_query()).unwrap_or_default();
    Redirect::to(&format!("{page}?{query}")).into_response()
}
