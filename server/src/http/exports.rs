//! `/exports/{request}`: the signed-in person downloads their package, streamed from the
//! blob store, or asks for it again once the link has expired.

use axum::{
    Json,
    body::Body,
    extract::{Path, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde_json::json;
use uuid::Uuid;

use crate::{http::api::ApiError, http::state::AppState};

/// The signed-in person (checked first: a stranger learns nothing, not even a bad id) and the
/// request id.
async fn owner(
    state: &AppState,
    headers: &HeaderMap,
    request: &str,
) -> Result<(domain::SubjectId, Uuid), ApiError> {
    let token = app::ssr::session_token_in(&state.backend, headers)
        .ok_or(backend::Error::Unauthenticated)?;
    let subject = state.backend.authenticate(&token).await?;
    Ok((subject, ApiError::id(request, "request")?))
}

/// Streams the package as a ZIP attachment.
pub async fn download(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(request): Path<String>,
) -> Result<Response, ApiError> {
    let (subject, id) = owner(&state, &headers, &request).await?;
    let file = state.backend.export_download(subject, id).await?;
    let disposition = format!("attachment; filename=\"{}\"", file.filename);
    let mut response = Body::from_stream(file.body).into_response();
    let response_headers = response.headers_mut();
    response_headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/zip"),
    );
    response_headers.insert(header::CONTENT_LENGTH, HeaderValue::from(file.size));
    response_headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        response_headers.insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}

/// Issues the package again for another week: 202.
pub async fn reissue(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(request): Path<String>,
) -> Result<(StatusCode, Json<serde_json::Value>), ApiError> {
    let (subject, id) = owner(&state, &headers, &request).await?;
    state.backend.reissue_export(subject, id).await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(json!({ "status": "issued", "valid_days": backend::exports::LINK_DAYS })),
    ))
}
