//! The API's public error: a status and a safe message in the shared envelope.

use axum::{
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
};
use domain::scope::ApiScope;

use crate::{http::security::refuse, http::state::AppState};

/// An API failure, ready to be sent.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
}

impl ApiError {
    /// Bad input, naming the field in `message`.
    pub fn invalid(message: impl Into<String>) -> Self {
        Self {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            code: "invalid",
            message: message.into(),
        }
    }

    /// A body over `limit` bytes.
    pub fn too_large(limit: usize) -> Self {
        Self {
            status: StatusCode::PAYLOAD_TOO_LARGE,
            code: "too_large",
            message: format!("body: larger than {} KiB", limit / 1024),
        }
    }

    /// Parses the path segment `field` as an id, or a 422 naming it.
    pub fn id(raw: &str, field: &'static str) -> Result<uuid::Uuid, Self> {
        uuid::Uuid::parse_str(raw).map_err(|_| Self::invalid(format!("{field}: not an id")))
    }

    /// Maps a parse failure of the input field `name` to a 422 naming it.
    pub fn field(name: &'static str) -> impl Fn(domain::ValidationError) -> Self {
        move |e| Self::invalid(format!("{name}: {}", e.message))
    }
}

impl From<backend::Error> for ApiError {
    fn from(err: backend::Error) -> Self {
        use backend::Error as E;
        let status = app::ssr::status_of(&err);
        let (code, message) = match err {
            E::Validation(v) => ("invalid", format!("{}: {}", v.field, v.message)),
            E::Unauthenticated => ("unauthenticated", "a valid API key is required".into()),
            E::BadSignature(why) => ("bad_signature", format!("Rightful-Signature: {why}")),
            E::Forbidden => ("forbidden", "this API key lacks the scope for that".into()),
            E::NotFound(what) => ("not_found", format!("no such {what}")),
            E::Conflict(m) => ("conflict", m),
            E::RateLimited => ("rate_limited", "too many requests".into()),
            E::Unavailable(_) => ("unavailable", "try again shortly".into()),
            E::Internal(_) => ("internal", "something went wrong on our side".into()),
        };
        Self {
            status,
            code,
            message,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        refuse(self.status, self.code, &self.message)
    }
}

/// Checks the request's `Authorization: Bearer <key>` for `scope`.
pub async fn authorize(
    state: &AppState,
    headers: &HeaderMap,
    scope: ApiScope,
) -> Result<(), ApiError> {
    let key = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or(backend::Error::Unauthenticated)?;
    Ok(state.backend.authorize_api_key(key.trim(), scope).await?)
}
