//! The REST API under `/api/v1`, for integrators with API keys. Errors share one JSON envelope
//! (`{"error":{"code","message"}}`) and never carry a cause.

mod body;
mod error;
mod openapi;
mod requests;
mod suppression;
mod tasks;

use axum::{
    Router,
    extract::DefaultBodyLimit,
    routing::{get, post},
};

use crate::http::state::AppState;

pub use error::ApiError;

/// The body limit of a request to `path`: the bulk routes take [`body::LARGE`], the filing
/// form [`body::FORM`], everything else (pages and server functions included)
/// [`body::SMALL`].
pub fn body_limit(path: &str) -> usize {
    if path == "/api/v1/suppression/check" || path.starts_with("/api/v1/callbacks/") {
        body::LARGE
    } else if path == "/api/requests/file" {
        // Three statements of 4,000 characters each, URL-encoded: up to 9 bytes a character.
        body::FORM
    } else {
        body::SMALL
    }
}

/// The `/api/v1` routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/openapi.json", get(openapi::document))
        .route(
            "/api/v1/requests",
            post(requests::create).get(requests::list),
        )
        .route("/api/v1/requests/{id}", get(requests::show))
        .route("/api/v1/requests/{id}/tasks", get(tasks::of_request))
        .route("/api/v1/requests/{id}/retry", post(tasks::retry))
        .route("/api/v1/requests/{id}/cancel", post(requests::cancel))
        .route("/api/v1/requests/{id}/approve", post(requests::approve))
        .route("/api/v1/requests/{id}/deny", post(requests::deny))
        .route(
            "/api/v1/requests/{id}/particulars",
            get(requests::particulars),
        )
        .route(
            "/api/v1/requests/{id}/messages",
            post(requests::write_message).get(requests::messages),
        )
        .route("/api/v1/tasks/{id}/complete", post(tasks::complete))
        .route(
            "/api/v1/callbacks/{task}",
            post(tasks::callback).layer(DefaultBodyLimit::max(body::LARGE)),
        )
        .route("/api/v1/suppression/check", post(suppression::check))
        .route("/api/v1/suppression/snapshot", get(suppression::snapshot))
}
