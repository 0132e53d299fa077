//! `POST /api/v1/suppression/check`: which of up to 100,000 people have opted out of AI
//! training. Documented in docs/suppression.md.

use axum::{Json, body::Body, extract::State, http::HeaderMap};
use chrono::Utc;
use domain::{Email, scope::ApiScope};
use serde::{Deserialize, Serialize};

use super::{
    ApiError,
    body::{LARGE, read_json},
    error::authorize,
};
use crate::http::state::AppState;

/// One person to check.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Identity {
    /// An e-mail address; give this or `user_id`, not both.
    #[schema(format = Email, min_length = 3, max_length = 254)]
    email: Option<String>,
    /// The product's user id; give this or `email`, not both.
    #[schema(min_length = 1, max_length = 200)]
    user_id: Option<String>,
}

/// The request body.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckRequest {
    /// The people to check.
    #[schema(max_items = 100000)]
    identities: Vec<Identity>,
}

/// An opted-out person, named as in the request (e-mail addresses normalized).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Suppressed {
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    user_id: Option<String>,
}

/// The reply.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CheckResponse {
    opted_out: Vec<Suppressed>,
    checked: usize,
    as_of: chrono::DateTime<Utc>,
}

/// Answers which of the given identities must be left out of training.
#[utoipa::path(post, path = "/api/v1/suppression/check", request_body = CheckRequest,
    responses((status = 200, body = CheckResponse), (status = "4XX", body = super::openapi::Envelope)),
    security(("api_key" = ["suppression:read"])))]
pub async fn check(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Body,
) -> Result<Json<CheckResponse>, ApiError> {
    authorize(&state, &headers, ApiScope::SuppressionRead).await?;
    let body: CheckRequest = read_json(body, LARGE).await?;
    let (emails, user_ids) = parse(&body.identities)?;
    let as_of = Utc::now();
    let by_email = state.backend.suppressed_emails(&emails).await?;
    let by_user_id = state.backend.suppressed_user_ids(&user_ids).await?;
    let opted_out = by_email
        .into_iter()
        .map(|e| Suppressed {
            email: Some(e.into()),
            user_id: None,
        })
        .chain(by_user_id.into_iter().map(|u| Suppressed {
            email: None,
            user_id: Some(u),
        }))
        .collect();
    Ok(Json(CheckResponse {
        opted_out,
        checked: body.identities.len(),
        as_of,
    }))
}

/// Splits the identities into e-mail addresses and user ids, naming the first bad one.
fn parse(identities: &[Identity]) -> Result<(Vec<Email>, Vec<&str>), ApiError> {
    let max = backend::suppression::MAX_PER_CHECK;
    if identities.len() > max {
        return Err(ApiError::invalid(format!(
            "identities: at most {max} per call, got {}",
            identities.len()
        )));
    }
    let (mut emails, mut user_ids) = (Vec::new(), Vec::new());
    for (i, identity) in identities.iter().enumerate() {
        match (&identity.email, &identity.user_id) {
            (Some(email), None) => {
                emails.push(Email::parse(email).map_err(|e| {
                    ApiError::invalid(format!("identities[{i}].email: {}", e.message))
                })?)
            }
            (None, Some(user_id)) if !user_id.trim().is_empty() && user_id.len() <= 200 => {
                user_ids.push(user_id.trim());
            }
            (None, Some(_)) => {
                return Err(ApiError::invalid(format!(
                    "identities[{i}].user_id: 1 to 200 characters"
                )));
            }
            _ => {
                return Err(ApiError::invalid(format!(
                    "identities[{i}]: give exactly one of email or user_id"
                )));
            }
        }
    }
    Ok((emails, user_ids))
}

/// The query of `GET /api/v1/suppression/snapshot`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct SnapshotQuery {
    /// The `version` of a file you hold, for the changes since it.
    #[param(value_type = Option<i64>, minimum = 0)]
    since: Option<String>,
}

/// The whole opt-out list, or the changes since a version, as a plain-text file whose first
/// line names its version, valid-from time, count and SHA-256.
#[utoipa::path(get, path = "/api/v1/suppression/snapshot", params(SnapshotQuery),
    responses((status = 200, content_type = "text/plain", body = String), (status = "4XX", body = super::openapi::Envelope)),
    security(("api_key" = ["suppression:read"])))]
pub async fn snapshot(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: Result<axum::extract::Query<SnapshotQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<axum::response::Response, ApiError> {
    use axum::{http::header, response::IntoResponse};
    authorize(&state, &headers, ApiScope::SuppressionRead).await?;
    let axum::extract::Query(query) =
        query.map_err(|e| ApiError::invalid(format!("query: {}", e.body_text())))?;
    let since = query
        .since
        .map(|v| {
            v.parse::<i64>()
                .map_err(|_| ApiError::invalid("since: not a version"))
        })
        .transpose()?;
    let file = state.backend.suppression_snapshot(since).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8".to_owned()),
            (header::ETAG, format!("\"{}\"", file.version)),
            (header::CACHE_CONTROL, "no-store".to_owned()),
            (
                header::HeaderName::from_static("rightful-snapshot-version"),
                file.version.to_string(),
            ),
            (
                header::HeaderName::from_static("rightful-snapshot-sha256"),
                file.sha256,
            ),
        ],
        file.body,
    )
        .into_response())
}
