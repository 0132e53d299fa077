//! `GET /healthz`: 200 when the database answers, 503 otherwise.

use axum::{Json, extract::State, http::StatusCode};
use serde_json::{Value, json};

use crate::http::state::AppState;

/// Reports whether the service can do its work.
pub async fn healthz(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    match state.backend.check_health().await {
        Ok(()) => (StatusCode::OK, Json(json!({ "status": "ok" }))),
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({ "status": "unavailable" })),
        ),
    }
}
