//! Server-side glue for the staff console: its own session cookie, apart from the portal's
//! (a portal session opens nothing here), and the member of staff a request carries.
//! Compiled only with the `ssr` feature.

use axum::http::HeaderMap;
use backend::{
    Backend, Error,
    staff::{STAFF_SESSION_TTL, StaffMember, StaffToken},
};

use crate::{error::PublicError, ssr};

/// The console cookie's name over HTTP (development, loopback).
pub const STAFF_COOKIE: &str = "rightful_staff";
/// The console cookie's name over HTTPS: `__Host-`, so browsers require `Secure`, `Path=/`
/// and no `Domain`.
pub const SECURE_STAFF_COOKIE: &str = "__Host-rightful_staff";

fn cookie_name(backend: &Backend) -> (&'static str, bool) {
    if backend.public_url().starts_with("https://") {
        (SECURE_STAFF_COOKIE, true)
    } else {
        (STAFF_COOKIE, false)
    }
}

/// The console token in `headers`' cookies, if any.
pub fn staff_token_in(backend: &Backend, headers: &HeaderMap) -> Option<StaffToken> {
    let (name, _) = cookie_name(backend);
    ssr::cookies(headers)
        .find(|(cookie, _)| *cookie == name)
        .map(|(_, value)| StaffToken(value.to_owned()))
}

/// The `Set-Cookie` value that keeps `token` for a console session: HttpOnly, SameSite=Strict
/// (nothing from another site rides on it), and `Secure` over HTTPS. `None` clears it.
pub fn staff_cookie(backend: &Backend, token: Option<&StaffToken>) -> String {
    let (name, secure) = cookie_name(backend);
    let secure = if secure { "; Secure" } else { "" };
    let (value, age) = match token {
        Some(token) => (token.0.as_str(), STAFF_SESSION_TTL.num_seconds()),
        None => ("", 0),
    };
    format!("{name}={value}; Path=/; HttpOnly; SameSite=Strict; Max-Age={age}{secure}")
}

/// The member of staff `headers` carry a session of, if any; a failure to check (the
/// database is down) is an error, not a reason to sign in again.
pub async fn staff_in(
    backend: &Backend,
    headers: &HeaderMap,
) -> Result<Option<StaffMember>, PublicError> {
    let Some(token) = staff_token_in(backend, headers) else {
        return Ok(None);
    };
    match backend.staff_session(&token).await {
        Ok(member) => Ok(Some(member)),
        Err(Error::Unauthenticated) => Ok(None),
        Err(other) => Err(ssr::public(other)),
    }
}

/// The member of staff signed in to the console, for server functions; `Unauthenticated`
/// when nobody is.
pub async fn current_staff(backend: &Backend) -> Result<StaffMember, PublicError> {
    let headers = leptos_axum::extract::<HeaderMap>()
        .await
        .map_err(|_| PublicError::Internal)?;
    staff_in(backend, &headers)
        .await?
        .ok_or(PublicError::Unauthenticated)
}

/// Whether the request carries a console cookie of either name, valid or not.
pub fn has_staff_cookie(headers: &HeaderMap) -> bool {
    ssr::cookies(headers).any(|(name, _)| name == STAFF_COOKIE || name == SECURE_STAFF_COOKIE)
}

/// The words of the console's page for what cannot be put right on a form (a role that may
/// not act, an outage), in the language `headers` ask for: the page's language code, its
/// title, what happened, and the link back to the queue.
pub fn refusal_words(
    headers: &HeaderMap,
    problem: &PublicError,
) -> (&'static str, String, String, String) {
    use crate::i18n::td_string;
    let language = ssr::language_in(headers).unwrap_or(domain::Language::En);
    let locale = crate::locale::locale_of(language);
    let text = match problem {
        PublicError::Forbidden => td_string!(locale, console.refused_role).to_owned(),
        other => other.text(locale),
    };
    (
        language.as_str(),
        td_string!(locale, console.title).to_owned(),
        text,
        td_string!(locale, console.back_to_queue).to_owned(),
    )
}
