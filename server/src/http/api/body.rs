//! Reading a JSON body only after the API key is checked, within a size limit: an
//! unauthenticated client cannot make the server read megabytes, and an oversized body is a
//! 413, never a 500.

use axum::body::Body;
use serde::de::DeserializeOwned;

use super::ApiError;

/// The body limit of every route but the few that take bulk data.
pub const SMALL: usize = 64 * 1024;
/// The limit of the portal's filing form, whose statements may be long and non-ASCII.
pub const FORM: usize = 256 * 1024;
/// The limit of the suppression check (100,000 identities) and of callbacks, which carry a
/// system's data.
pub const LARGE: usize = 16 * 1024 * 1024;

/// Reads `body` as JSON of type `T`: a 413 past `limit`, a 422 naming the problem otherwise.
pub async fn read_json<T: DeserializeOwned>(body: Body, limit: usize) -> Result<T, ApiError> {
    let bytes = axum::body::to_bytes(body, limit).await.map_err(|err| {
        let too_large = err
            .into_inner()
            .downcast_ref::<http_body_util::LengthLimitError>()
            .is_some();
        if too_large {
            ApiError::too_large(limit)
        } else {
            ApiError::invalid("body: could not be read")
        }
    })?;
    serde_json::from_slice(&bytes).map_err(|e| ApiError::invalid(format!("body: {e}")))
}
