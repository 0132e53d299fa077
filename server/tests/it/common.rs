//! Helpers shared by the in-process API tests.
#![allow(dead_code, clippy::unwrap_used)] // each test file uses its own subset

use axum::{
    Router,
    body::Body,
    http::{Request, StatusCode, header},
};
use http_body_util::BodyExt;
use leptos::config::LeptosOptions;
use serde_json::Value;
use server::http::{router::router, state::AppState};
use tower::ServiceExt;

/// The whole application over `backend`.
pub fn app(backend: &backend::Backend) -> Router {
    let leptos = LeptosOptions::builder().output_name("rightful").build();
    router(AppState {
        leptos,
        backend: backend.clone(),
        edge: Default::default(),
    })
}

/// A new API key with `scopes`, as `rk_…` text.
pub async fn key(
    backend: &backend::Backend,
    name: &str,
    scopes: &[domain::scope::ApiScope],
) -> String {
    backend.create_api_key(name, scopes).await.unwrap().0
}

/// Sends a request with an optional API key and a raw body; returns the status and JSON.
pub async fn send(
    app: &Router,
    method: &str,
    uri: &str,
    key: Option<&str>,
    body: String,
) -> (StatusCode, Value) {
    let auth = key.map(|k| format!("Bearer {k}"));
    let headers: Vec<(&str, &str)> = auth
        .as_deref()
        .map(|a| vec![(header::AUTHORIZATION.as_str(), a)])
        .unwrap_or_default();
    send_with(app, method, uri, &headers, body).await
}

/// Sends a request with the given headers and a raw body; returns the status and JSON
/// (`null` for an empty body).
pub async fn send_with(
    app: &Router,
    method: &str,
    uri: &str,
    headers: &[(&str, &str)],
    body: String,
) -> (StatusCode, Value) {
    let mut request = Request::builder().method(method).uri(uri);
    if !headers
        .iter()
        .any(|(name, _)| name.eq_ignore_ascii_case("content-type"))
    {
        request = request.header(header::CONTENT_TYPE, "application/json");
    }
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = app
        .clone()
        .oneshot(request.body(Body::from(body)).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

/// Signs `email` in; returns the person and their session cookie.
pub async fn sign_in(
    t: &backend::testing::TestDb,
    backend: &backend::Backend,
    email: &str,
) -> (domain::SubjectId, String) {
    let address = domain::Email::parse(email).unwrap();
    backend
        .request_sign_in_code(&address, &backend::testing::client())
        .await
        .unwrap();
    let code = t.last_code_for(email).unwrap();
    let signed_in = backend
        .verify_sign_in_code(&address, &code, &backend::testing::client())
        .await
        .unwrap();
    let cookie = format!("{}={}", app::ssr::SESSION_COOKIE, signed_in.token.0);
    (signed_in.subject, cookie)
}
