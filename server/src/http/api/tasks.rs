//! Tasks: data systems calling back (`POST /api/v1/callbacks/{task}`, signed, no API key),
//! and integrators reading a request's tasks, completing manual ones and retrying failures.

use axum::{
    Json,
    body::{Body, Bytes},
    extract::{Path, State},
    http::{HeaderMap, StatusCode},
};
use backend::{fulfilment::TaskView, webhooks::SIGNATURE_HEADER};
use domain::{Actor, scope::ApiScope};
use serde::{Deserialize, Serialize};

use super::{
    ApiError,
    body::{SMALL, read_json},
    error::authorize,
};
use crate::http::state::AppState;

/// A data system finishing a task it accepted with 202: 204 once recorded.
#[utoipa::path(post, path = "/api/v1/callbacks/{task}", params(("task" = uuid::Uuid, Path),
    ("Rightful-Signature" = String, Header, description = "t=<unix>,v1=<hex HMAC-SHA256>")),
    request_body(content = String, description = "See docs/webhooks.md, Callbacks"),
    responses((status = 204), (status = "4XX", body = super::openapi::Envelope)))]
pub async fn callback(
    State(state): State<AppState>,
    Path(task): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<StatusCode, ApiError> {
    let task = ApiError::id(&task, "task")?;
    let signature = headers.get(SIGNATURE_HEADER).and_then(|v| v.to_str().ok());
    state
        .backend
        .accept_callback(task, signature, &body)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The tasks of one request, showing which systems are done and which failed.
#[utoipa::path(get, path = "/api/v1/requests/{id}/tasks", params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = Vec<TaskView>), (status = "4XX", body = super::openapi::Envelope)),
    security(("api_key" = ["requests:read"])))]
pub async fn of_request(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(request): Path<String>,
) -> Result<Json<Vec<TaskView>>, ApiError> {
    authorize(&state, &headers, ApiScope::RequestsRead).await?;
    let request = ApiError::id(&request, "id")?;
    state.backend.request_view(request).await?;
    Ok(Json(state.backend.tasks_of(request).await?))
}

/// The body of `POST /api/v1/tasks/{id}/complete`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Completion {
    /// What was done.
    #[schema(min_length = 1, max_length = 65536)]
    note: String,
}

/// Completes a manual task with a note: 204.
#[utoipa::path(post, path = "/api/v1/tasks/{id}/complete", params(("id" = uuid::Uuid, Path)), request_body = Completion,
    responses((status = 204), (status = "4XX", body = super::openapi::Envelope)),
    security(("api_key" = ["tasks:write"])))]
pub async fn complete(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(task): Path<String>,
    body: Body,
) -> Result<StatusCode, ApiError> {
    authorize(&state, &headers, ApiScope::TasksWrite).await?;
    let task = ApiError::id(&task, "task")?;
    let body: Completion = read_json(body, SMALL).await?;
    state
        .backend
        .complete_manual_task(task, &body.note, None, Actor::Api)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The reply to a retry.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Retried {
    retried: usize,
}

/// Sends a failed request's failed tasks out again.
#[utoipa::path(post, path = "/api/v1/requests/{id}/retry", params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = Retried), (status = "4XX", body = super::openapi::Envelope)),
    security(("api_key" = ["tasks:write"])))]
pub async fn retry(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(request): Path<String>,
) -> Result<Json<Retried>, ApiError> {
    authorize(&state, &headers, ApiScope::TasksWrite).await?;
    let request = ApiError::id(&request, "id")?;
    let retried = state
        .backend
        .retry_failed_tasks(request, Actor::Api)
        .await?;
    Ok(Json(Retried { retried }))
}
