//! Server-side glue for server functions: the backend handle, the session cookie, error
//! mapping and per-page security headers. Compiled only with the `ssr` feature.

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use backend::{Backend, Error, auth::SessionToken};
use domain::SubjectId;
use leptos::prelude::*;
use leptos_axum::ResponseOptions;

use crate::error::PublicError;

/// The session cookie's name where Rightful is served over HTTP (development, loopback).
pub const SESSION_COOKIE: &str = "rightful_session";
/// The session cookie's name where Rightful is served over HTTPS: the `__Host-` prefix makes
/// browsers require `Secure`, `Path=/` and no `Domain`, so a sibling subdomain cannot set or
/// shadow it.
pub const SECURE_SESSION_COOKIE: &str = "__Host-rightful_session";

/// The cookie that remembers, for the ten minutes a code lives, which address a sign-in code
/// went to, so that the code step survives a page load (and works without JavaScript).
pub const PENDING_COOKIE: &str = "rightful_sign_in";
/// [`PENDING_COOKIE`]'s name over HTTPS.
pub const SECURE_PENDING_COOKIE: &str = "__Host-rightful_sign_in";

/// The cookie that records, for a year, that this browser opted out of sale and sharing by
/// Global Privacy Control.
pub const GPC_COOKIE: &str = "rightful_gpc";
/// [`GPC_COOKIE`]'s name over HTTPS.
pub const SECURE_GPC_COOKIE: &str = "__Host-rightful_gpc";

/// The cookie that remembers, for a year, the language a person chose. Not a secret, and
/// the same name over HTTP and HTTPS.
pub const LANGUAGE_COOKIE: &str = "rightful_lang";

/// The session cookie's name and whether it is `Secure`, both decided by the public URL.
pub fn session_cookie(backend: &Backend) -> (&'static str, bool) {
    cookie_name(backend, SESSION_COOKIE, SECURE_SESSION_COOKIE)
}

/// `plain` or, where the public URL is HTTPS, `secure` (a `__Host-` name), and which it is.
fn cookie_name(
    backend: &Backend,
    plain: &'static str,
    secure: &'static str,
) -> (&'static str, bool) {
    if backend.public_url().starts_with("https://") {
        (secure, true)
    } else {
        (plain, false)
    }
}

/// The backend, provided as context by the server.
pub fn backend() -> Result<Backend, PublicError> {
    use_context::<Backend>().ok_or_else(|| {
        tracing::error!("no Backend in the server-function context");
        PublicError::Internal
    })
}

/// The HTTP status of a backend error: the one mapping, for server functions and the API.
/// Logs what the public answer leaves out (a dependency that is down, an internal cause).
pub fn status_of(err: &Error) -> StatusCode {
    match err {
        Error::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
        Error::Unauthenticated | Error::BadSignature(_) => StatusCode::UNAUTHORIZED,
        Error::Forbidden => StatusCode::FORBIDDEN,
        Error::NotFound(_) => StatusCode::NOT_FOUND,
        Error::Conflict(_) => StatusCode::CONFLICT,
        Error::RateLimited => StatusCode::TOO_MANY_REQUESTS,
        Error::Unavailable(what) => {
            tracing::warn!(dependency = what, "request failed: dependency unavailable");
            StatusCode::SERVICE_UNAVAILABLE
        }
        Error::Internal(cause) => {
            tracing::error!(error = ?cause, "request failed");
            StatusCode::INTERNAL_SERVER_ERROR
        }
    }
}

/// Maps a backend error to its public form, setting the response's status.
pub fn public(err: Error) -> PublicError {
    set_error_status(status_of(&err));
    match err {
        Error::Validation(v) => v.into(),
        Error::Unauthenticated | Error::BadSignature(_) => PublicError::Unauthenticated,
        Error::Forbidden => PublicError::Forbidden,
        Error::NotFound(_) => PublicError::NotFound,
        Error::Conflict(message) => PublicError::Conflict(message),
        Error::RateLimited => PublicError::RateLimited,
        Error::Unavailable(_) => PublicError::Unavailable,
        Error::Internal(_) => PublicError::Internal,
    }
}

/// Refuses bad input with a 422 and the field's message.
pub fn invalid(err: domain::ValidationError) -> PublicError {
    set_error_status(StatusCode::UNPROCESSABLE_ENTITY);
    err.into()
}

/// Sets the answer's error status, except on a plain form post (see below).
pub(crate) fn set_error_status(status: StatusCode) {
    // A plain form post (no JavaScript) is answered with a redirect back to its page, the
    // error in the URL for the page to show; a status set here would replace that redirect.
    if is_plain_form_post() {
        return;
    }
    if let Some(options) = use_context::<ResponseOptions>() {
        options.set_status(status);
    }
}

/// Whether this server-function call is a browser's own form post, which asks for HTML.
fn is_plain_form_post() -> bool {
    // A page's own render asks for HTML too, but with GET: its errors keep their status.
    use_context::<axum::http::request::Parts>().is_some_and(|parts| {
        parts.method == axum::http::Method::POST
            && parts
                .headers
                .get(header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|accept| accept.contains("text/html"))
    })
}

/// A request id from a URL or form: one that does not parse is answered like one that is
/// not the person's, `NotFound`.
pub fn request_id(text: &str) -> Result<uuid::Uuid, PublicError> {
    uuid::Uuid::parse_str(text).map_err(|_| public(Error::NotFound("request")))
}

/// The client the request came from, as the HTTP edge resolved it, reading the language
/// its pages are in.
pub async fn client() -> Result<backend::auth::Client, PublicError> {
    let language = crate::locale::language_of(crate::locale::request_locale());
    leptos_axum::extract::<axum::Extension<backend::auth::Client>>()
        .await
        .map(|axum::Extension(client)| client.speaking(language))
        .map_err(|_| {
            tracing::error!("no client address in the request");
            PublicError::Internal
        })
}

/// The session token from the request's cookie, if any.
pub async fn session_token() -> Option<SessionToken> {
    let backend = use_context::<Backend>()?;
    let headers = leptos_axum::extract::<HeaderMap>().await.ok()?;
    session_token_in(&backend, &headers)
}

/// The session token in `headers`' cookies, if any (for plain axum handlers). Only the
/// cookie of the name the public URL calls for is read.
pub fn session_token_in(backend: &Backend, headers: &HeaderMap) -> Option<SessionToken> {
    let (name, _) = session_cookie(backend);
    cookies(headers)
        .find(|(cookie, _)| *cookie == name)
        .map(|(_, value)| SessionToken(value.to_owned()))
}

/// The language `headers` ask for: the language cookie's, else the best of
/// `Accept-Language`; `None` when neither names one of ours.
pub fn language_in(headers: &HeaderMap) -> Option<domain::Language> {
    let chosen = cookies(headers)
        .find(|(name, _)| *name == LANGUAGE_COOKIE)
        .and_then(|(_, value)| value.parse().ok());
    chosen.or_else(|| {
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(domain::Language::from_accept_language)
    })
}

/// Remembers `language` for this browser, for a year.
pub fn set_language_cookie(backend: &Backend, language: domain::Language) {
    let (_, secure) = session_cookie(backend);
    set_cookie(
        (LANGUAGE_COOKIE, secure),
        language.as_str(),
        365 * 24 * 3600,
    );
}

/// Whether the request carries a session cookie of either name, valid or not.
pub fn has_session_cookie(headers: &HeaderMap) -> bool {
    cookies(headers).any(|(name, _)| name == SESSION_COOKIE || name == SECURE_SESSION_COOKIE)
}

/// The request's cookies as (name, value) pairs: the one parser of `Cookie` headers.
pub(crate) fn cookies(headers: &HeaderMap) -> impl Iterator<Item = (&str, &str)> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
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

/// Sets the session cookie: HttpOnly, SameSite=Lax, and, where the public URL is HTTPS,
/// `Secure` under its `__Host-` name.
pub fn set_session_cookie(backend: &Backend, token: &SessionToken, max_age_secs: i64) {
    set_cookie(session_cookie(backend), &token.0, max_age_secs);
}

/// Clears the session cookie.
pub fn clear_session_cookie(backend: &Backend) {
    set_cookie(session_cookie(backend), "", 0);
}

/// Remembers that a sign-in code went to `email`, for as long as the code lives. The address
/// is hex-encoded, so any address is a valid cookie value.
pub fn set_pending_sign_in(backend: &Backend, email: &domain::Email) {
    let name = cookie_name(backend, PENDING_COOKIE, SECURE_PENDING_COOKIE);
    let ttl = backend::auth::CODE_TTL.num_seconds();
    set_cookie(name, &hex::encode(email.as_str()), ttl);
}

/// Forgets the address a code went to.
pub fn clear_pending_sign_in(backend: &Backend) {
    set_cookie(
        cookie_name(backend, PENDING_COOKIE, SECURE_PENDING_COOKIE),
        "",
        0,
    );
}

/// The address a sign-in code went to, if the request remembers one.
pub async fn pending_sign_in(backend: &Backend) -> Option<domain::Email> {
    let (name, _) = cookie_name(backend, PENDING_COOKIE, SECURE_PENDING_COOKIE);
    let headers = leptos_axum::extract::<HeaderMap>().await.ok()?;
    let (_, value) = cookies(&headers).find(|(cookie, _)| *cookie == name)?;
    let text = String::from_utf8(hex::decode(value).ok()?).ok()?;
    domain::Email::parse(&text).ok()
}

/// Whether the request carries the Global Privacy Control signal, `Sec-GPC: 1`.
pub async fn sends_gpc() -> bool {
    leptos_axum::extract::<HeaderMap>()
        .await
        .ok()
        .and_then(|headers| headers.get("sec-gpc").map(|v| v.as_bytes() == b"1"))
        .unwrap_or(false)
}

/// Records this browser's opt-out of sale and sharing, for a year.
pub fn set_gpc_cookie(backend: &Backend) {
    let name = cookie_name(backend, GPC_COOKIE, SECURE_GPC_COOKIE);
    set_cookie(name, "1", 365 * 24 * 3600);
}

/// Appends a `name=value` cookie: HttpOnly, SameSite=Lax, path `/`, and `Secure` when `secure`.
fn set_cookie((name, secure): (&str, bool), value: &str, max_age_secs: i64) {
    let secure = if secure { "; Secure" } else { "" };
    append_cookie(&format!(
        "{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{secure}"
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
