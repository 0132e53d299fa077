//! Evidence files: filing a request to remove data from model outputs with files attached
//! (a plain multipart form post, which server functions here do not read), and the owner's
//! download of each file.

use app::error::PublicError;
use axum::{
    body::Body,
    extract::{Multipart, Path, State, multipart::MultipartRejection},
    http::{HeaderMap, HeaderValue, header},
    response::{IntoResponse, Redirect, Response},
};
use domain::{Filing, RequestKind, evidence};

use crate::{http::api::ApiError, http::forms, http::state::AppState};

/// Where the flow page's form posts.
pub const PATH: &str = "/requests/remove-from-outputs";

/// The largest form read: the files' 10 MiB, three statements of 4,000 characters with the
/// form's framing, and 2 MiB more, so that files a little over the limit are read and told
/// apart at the field (a form over this one is cut off, which a browser may show as a
/// broken connection).
pub const FORM_LIMIT: usize = evidence::MAX_TOTAL_BYTES + 2 * 1024 * 1024 + 64 * 1024;

/// The flow page the form is on, where its errors are shown.
const PAGE: &str = "/requests/new/remove_from_outputs";

/// Files the request and goes to its status page; on a problem, goes back to the form with
/// the problem in the URL for the page to show at its field. Someone not signed in is sent
/// to sign in first, before anything is read.
pub async fn file(
    State(state): State<AppState>,
    headers: HeaderMap,
    form: Result<Multipart, MultipartRejection>,
) -> Response {
    let subject = match forms::signed_in(&state, &headers).await {
        Ok(Some(subject)) => subject,
        Ok(None) => {
            return Redirect::to("/sign-in?next=%2Frequests%2Fnew%2Fremove_from_outputs")
                .into_response();
        }
        Err(problem) => return forms::back_with(PAGE, &problem),
    };
    let filed = match read(form).await {
        Ok((filing, files)) => state
            .backend
            .submit_with_evidence(subject, &filing, &files)
            .await
            .map_err(app::ssr::public),
        Err(problem) => Err(problem),
    };
    match filed {
        Ok(id) => Redirect::to(&format!("/requests/{id}")).into_response(),
        Err(problem) => forms::back_with(PAGE, &problem),
    }
}

/// The filing and its files, parsed from the form.
async fn read(
    form: Result<Multipart, MultipartRejection>,
) -> Result<(Filing, Vec<evidence::EvidenceFile>), PublicError> {
    let posted = forms::read(form, "evidence", evidence::too_large).await?;
    let filing = Filing::from_form(RequestKind::RemoveFromOutputs, |name| posted.field(name))?;
    Ok((filing, evidence::check(posted.files)?))
}

/// Sends one evidence file to the person who attached it: another person gets a 404, as for
/// a file that does not exist, and nobody signed in a 401.
pub async fn download(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((request, file)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let token = app::ssr::session_token_in(&state.backend, &headers)
        .ok_or(backend::Error::Unauthenticated)?;
    let subject = state.backend.authenticate(&token).await?;
    let request = ApiError::id(&request, "request")?;
    let file = ApiError::id(&file, "file")?;
    let found = state
        .backend
        .evidence_download(subject, request, file)
        .await?;
    Ok(send_file(found))
}

/// An evidence file as a download: its media type by content, never shown inline.
pub fn send_file(found: backend::requests::EvidenceDownload) -> Response {
    let media_type = match found.media_type {
        evidence::EvidenceType::Text => "text/plain; charset=utf-8",
        other => other.as_str(),
    };
    let mut response = Body::from_stream(found.body).into_response();
    let response_headers = response.headers_mut();
    response_headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(media_type));
    response_headers.insert(header::CONTENT_LENGTH, HeaderValue::from(found.size));
    response_headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    let disposition = format!("attachment; filename=\"{}\"", ascii_name(&found.name));
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        response_headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// A file name safe in a header: letters, digits, `.`, `-` and `_` kept, the rest `_`.
fn ascii_name(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '.' | '-' | '_' => c,
            _ => '_',
        })
        .collect()
}
