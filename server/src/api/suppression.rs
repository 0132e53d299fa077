//! `POST /api/v1/suppression/check`: which of up to 100,000 people have opted out of AI
//! training. Documented in docs/suppression.md.

use axum::{
    Json,
    extract::{State, rejection::JsonRejection},
    http::HeaderMap,
};
use chrono::Utc;
use domain::{Email, scope::ApiScope};
use serde::{Deserialize, Serialize};

use super::{ApiError, error::authorize};
use crate::state::AppState;

/// One person to check.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Identity {
    email: Option<String>,
    user_id: Option<String>,
}

/// The request body.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckRequest {
    identities: Vec<Identity>,
}

/// An opted-out person, as given (normalized).
#[derive(Debug, Serialize)]
pub struct Suppressed {
    email: String,
}

/// The reply.
#[derive(Debug, Serialize)]
pub struct CheckResponse {
    opted_out: Vec<Suppressed>,
    checked: usize,
    as_of: chrono::DateTime<Utc>,
}

/// Answers which of the given identities must be left out of training.
pub async fn check(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Json<CheckRequest>, JsonRejection>,
) -> Result<Json<CheckResponse>, ApiError> {
    authorize(&state, &headers, ApiScope::SuppressionRead).await?;
    let Json(body) = body.map_err(|e| ApiError::invalid(format!("body: {}", e.body_text())))?;
    let emails = parse(&body.identities)?;
    let as_of = Utc::now();
    let suppressed = state.backend.suppressed_emails(&emails).await?;
    let opted_out = suppressed
        .into_iter()
        .map(|e| Suppressed { email: e.into() })
        .collect();
    Ok(Json(CheckResponse {
        opted_out,
        checked: emails.len(),
        as_of,
    }))
}

fn parse(identities: &[Identity]) -> Result<Vec<Email>, ApiError> {
    let max = backend::suppression::MAX_PER_CHECK;
    if identities.len() > max {
        return Err(ApiError::invalid(format!(
            "identities: at most {max} per call, got {}",
            identities.len()
        )));
    }
    identities
        .iter()
        .enumerate()
        .map(|(i, identity)| match (&identity.email, &identity.user_id) {
            (Some(email), None) => Email::parse(email)
                .map_err(|e| ApiError::invalid(format!("identities[{i}].email: {}", e.message))),
            (None, Some(_)) => Err(ApiError::invalid(format!(
                "identities[{i}].user_id: user ids are not supported yet; send the e-mail address"
            ))),
            _ => Err(ApiError::invalid(format!(
                "identities[{i}]: give exactly one of email or user_id"
            ))),
        })
        .collect()
}
