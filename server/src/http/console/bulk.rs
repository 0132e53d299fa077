//! `POST /console/bulk/{action}`: applies a bulk action to the ids its dry run listed, and
//! goes back to the queue saying how many changed and how many no longer qualified.

use axum::{
    Form,
    extract::{Path, State},
    http::HeaderMap,
    response::{IntoResponse, Redirect, Response},
};
use backend::Error;
use domain::{BulkKind, Statement};
use uuid::Uuid;

use super::{
    act::{Fields, field, parse_action},
    session,
};
use crate::http::state::AppState;

/// Applies the action to the posted ids.
pub async fn apply(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(action): Path<String>,
    Form(fields): Form<Fields>,
) -> Response {
    let staff = match session::staff(&state, &headers).await {
        Ok(staff) => staff,
        Err(refused) => return refused,
    };
    let result = async {
        let kind: BulkKind = action.parse()?;
        let reason = Statement::parse("reason", field(&fields, "reason"))?;
        let ids = fields
            .iter()
            .filter(|(name, _)| name == "id")
            .map(|(_, v)| v.parse::<Uuid>().map_err(|_| Error::NotFound("request")))
            .collect::<Result<Vec<_>, _>>()?;
        let action = parse_action(kind.as_str(), &fields)?;
        state
            .backend
            .bulk_apply(&staff, &ids, &action, &reason)
            .await
    };
    match result.await {
        Ok(outcome) => Redirect::to(&format!(
            "/console?done=bulk&changed={}&skipped={}",
            outcome.changed, outcome.skipped
        ))
        .into_response(),
        Err(err) => session::back(&headers, "/console", err),
    }
}
