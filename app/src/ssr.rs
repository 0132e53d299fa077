//! Server-side glue for server functions: the backend handle, the session cookie, error
//! mapping and per-page security headers. Compiled only with the `ssr` feature.

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use backend::{Backend, Error, auth::SessionToken};
use domain::SubjectId;
use leptos::prelude::*;
use leptos_axum::ResponseOptions;

use crate::error::PublicError;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "rightful_session";

/// The backend, provided as context by the server.
pub fn backend() -> Result<Backend, PublicError> {
    use_context::<Backend>().ok_or_else(|| {
        tracing::error!("no Backend in the server-function context");
        PublicError::Internal
    })
}

/// Maps a backend error to its public form and HTTP status, logging what the public form
/// leaves out.
pub fn public(err: Error) -> PublicError {
    let (status, public) = match err {
        Error::Validation(v) => (StatusCode::UNPROCESSABLE_ENTITY, v.into()),
        Error::Unauthenticated | Error::BadSignature(_) => {
            (StatusCode::UNAUTHORIZED, PublicError::Unauthenticated)
        }
        Error::Forbidden => (StatusCode::FORBIDDEN, PublicError::Forbidden),
        Error::NotFound(_) => (StatusCode::NOT_FOUND, PublicError::NotFound),
        Error::Conflict(message) => (StatusCode::CONFLICT, PublicError::Conflict(message)),
        Error::RateLimited => (StatusCode::TOO_MANY_REQUESTS, PublicError::RateLimited),
        Error::Unavailable(what) => {
            tracing::warn!(dependency = what, "request failed: dependency unavailable");
            (StatusCode::SERVICE_UNAVAILABLE, PublicError::Unavailable)
        }
        Error::Internal(cause) => {
            tracing::error!(error = ?cause, "request failed");
            (StatusCode::INTERNAL_SERVER_ERROR, PublicError::Internal)
        }
    };
    set_status(status);
    public
}

/// Refuses bad input with a 422 and the field's message.
pub fn invalid(err: domain::ValidationError) -> PublicError {
    set_status(StatusCode::UNPROCESSABLE_ENTITY);
    err.into()
}

fn set_status(status: StatusCode) {
    if let Some(options) = use_context::<ResponseOptions>() {
        options.set_status(status);
    }
}

/// The session token from the request's cookie, if any.
pub async fn session_token() -> Option<SessionToken> {
    let headers = leptos_axum::extract::<HeaderMap>().await.ok()?;
    session_token_in(&headers)
}

/// The session token in `headers`' cookies, if any (for plain axum handlers).
pub fn session_token_in(headers: &HeaderMap) -> Option<SessionToken> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| SessionToken(value.to_owned()))
}

/// The signed-in person, or `Unauthenticated`.
pub async fn current_subject(backend: &Backend) -> Result<SubjectId, PublicError> {
    let token = session_token()
        .await
        .ok_or_else(|| public(Error::Unauthenticated))?;
    backend.authenticate(&token).await.map_err(public)
}

/// The signed-in person, or `None` when there is no valid session.
pub async fn signed_in_subject(backend: &Backend) -> Result<Option<SubjectId>, PublicError> {
    let Some(token) = session_token().await else {
        return Ok(None);
    };
    match backend.authenticate(&token).await {
        Ok(subject) => Ok(Some(subject)),
        Err(Error::Unauthenticated) => Ok(None),
        Err(err) => Err(public(err)),
    }
}

/// Sets the session cookie: HttpOnly, SameSite=Lax, and Secure unless served on loopback.
pub async fn set_session_cookie(token: &SessionToken, max_age_secs: i64) {
    let secure = if is_loopback().await { "" } else { "; Secure" };
    let cookie = format!(
        "{SESSION_COOKIE}={}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{secure}",
        token.0
    );
    append_cookie(&cookie);
}

/// Clears the session cookie.
pub fn clear_session_cookie() {
    append_cookie(&format!(
        "{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"
    ));
}

fn append_cookie(cookie: &str) {
    if let (Some(options), Ok(value)) = (
        use_context::<ResponseOptions>(),
        HeaderValue::from_str(cookie),
    ) {
        options.append_header(header::SET_COOKIE, value);
    }
}

/// Whether the request came for a loopback host, where browsers refuse `Secure` cookies over
/// plain HTTP.
async fn is_loopback() -> bool {
    let Ok(headers) = leptos_axum::extract::<HeaderMap>().await else {
        return false;
    };
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or_default();
    let name = host.rsplit_once(':').map_or(host, |(name, port)| {
        if port.bytes().all(|b| b.is_ascii_digit()) {
            name
        } else {
            host
        }
    });
    matches!(name, "localhost" | "127.0.0.1" | "[::1]")
}

/// Sets this page's Content-Security-Policy with the render's nonce, so only Rightful's own
/// hydration script (and what it loads) runs.
pub fn set_security_headers() {
    let Some(nonce) = leptos::nonce::use_nonce() else {
        return;
    };
    let csp = format!(
        "default-src 'self'; script-src 'nonce-{}' 'strict-dynamic' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        &*nonce
    );
    if let (Some(options), Ok(value)) = (
        use_context::<ResponseOptions>(),
        HeaderValue::from_str(&csp),
    ) {
        options.insert_header(header::CONTENT_SECURITY_POLICY, value);
    }
}
