//! A manual task completed from the console with a note and a file, a dead job sent back to
//! the queue, and staff's download of a request's evidence.

use axum::{
    extract::{Multipart, Path, State, multipart::MultipartRejection},
    http::HeaderMap,
    response::{IntoResponse, Response},
};
use backend::{Error, fulfilment::Upload};
use domain::{Statement, ValidationError};
use uuid::Uuid;

use super::session;
use crate::http::{evidence, forms, state::AppState};

/// Completes manual task `task` of request `id` and goes back to the request's page.
pub async fn complete(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((id, task)): Path<(String, String)>,
    form: Result<Multipart, MultipartRejection>,
) -> Response {
    let staff = match session::staff(&state, &headers).await {
        Ok(staff) => staff,
        Err(refused) => return refused,
    };
    let page = format!("/console/requests/{id}");
    let (Ok(id), Ok(task)) = (id.parse::<Uuid>(), task.parse::<Uuid>()) else {
        return session::back(&headers, "/console", Error::NotFound("task"));
    };
    let posted = match forms::read(form, "file", too_large).await {
        Ok(posted) => posted,
        Err(problem) => return forms::back_with(&page, &problem),
    };
    let result = async {
        let note = Statement::parse("reason", posted.field("reason").unwrap_or_default())?;
        // A file input left empty still sends a part, with no name and no bytes.
        let upload = posted
            .files
            .into_iter()
            .find(|(_, bytes)| !bytes.is_empty())
            .map(|(_, bytes)| Upload { bytes });
        state
            .backend
            .staff_complete_task(&staff, id, task, &note, upload)
            .await
    };
    match result.await {
        Ok(()) => session::done(&page, "complete"),
        Err(err) => session::back(&headers, &page, err),
    }
}

fn too_large() -> ValidationError {
    ValidationError::new("file", "task.file_too_large", "the file is over 10 MiB")
}

/// Puts dead job `id` back in the queue and goes back to the health page.
pub async fn retry_job(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let staff = match session::staff(&state, &headers).await {
        Ok(staff) => staff,
        Err(refused) => return refused,
    };
    let page = "/console/health";
    let Ok(id) = id.parse::<Uuid>() else {
        return session::back(&headers, page, Error::NotFound("dead job"));
    };
    match state.backend.staff_retry_job(&staff, id).await {
        Ok(()) => session::done(page, "retry"),
        Err(err) => session::back(&headers, page, err),
    }
}

/// Sends evidence file `file` of request `id` to a member of staff.
pub async fn evidence(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((id, file)): Path<(String, String)>,
) -> Response {
    let staff = match session::staff(&state, &headers).await {
        Ok(staff) => staff,
        Err(refused) => return refused,
    };
    let (Ok(id), Ok(file)) = (id.parse::<Uuid>(), file.parse::<Uuid>()) else {
        return axum::http::StatusCode::NOT_FOUND.into_response();
    };
    match state
        .backend
        .staff_evidence_download(&staff, id, file)
        .await
    {
        Ok(found) => evidence::send_file(found),
        Err(err) => (app::ssr::status_of(&err), "").into_response(),
    }
}
