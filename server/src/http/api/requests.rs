//! `/api/v1/requests`: the company's own product files and reads requests for its users.

use axum::{
    Json,
    body::Body,
    extract::{Path, Query, State},
    http::{HeaderMap, StatusCode},
};
use backend::requests::{RequestFilter, RequestView};
use domain::{
    Actor, DenialReason, Email, JurisdictionCode, RequestKind, RequestStatus, scope::ApiScope,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{
    ApiError,
    body::{SMALL, read_json},
    error::authorize,
};
use crate::http::state::AppState;

/// The body of `POST /api/v1/requests`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewRequest {
    /// The person's e-mail address.
    #[schema(format = Email, min_length = 3, max_length = 254)]
    email: String,
    /// The product's own id for the person; one another person holds is a 409.
    #[schema(max_length = 200)]
    user_id: Option<String>,
    /// The right being exercised.
    #[schema(schema_with = super::openapi::kind_schema)]
    kind: String,
    /// The law to apply; by default where the person said they live.
    #[schema(schema_with = super::openapi::jurisdiction_schema)]
    jurisdiction: Option<String>,
}

/// Files a request for a person: 201 with the request and its legal dates.
#[utoipa::path(post, path = "/api/v1/requests", request_body = NewRequest,
    responses((status = 201, body = RequestView), (status = "4XX", body = super::openapi::Envelope)),
    security(("api_key" = ["requests:write"])))]
pub async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Body,
) -> Result<(StatusCode, Json<RequestView>), ApiError> {
    authorize(&state, &headers, ApiScope::RequestsWrite).await?;
    let body: NewRequest = read_json(body, SMALL).await?;
    let email = Email::parse(&body.email).map_err(ApiError::field("email"))?;
    let kind: RequestKind = body.kind.parse().map_err(ApiError::field("kind"))?;
    let jurisdiction = body
        .jurisdiction
        .as_deref()
        .map(JurisdictionCode::parse)
        .transpose()
        .map_err(ApiError::field("jurisdiction"))?;
    let user_id = body
        .user_id
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty());
    if user_id.is_some_and(|u| u.len() > 200) {
        return Err(ApiError::invalid("user_id: at most 200 characters"));
    }
    let view = state
        .backend
        .file_request_for(&email, user_id, kind, jurisdiction)
        .await?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// One request by id.
#[utoipa::path(get, path = "/api/v1/requests/{id}", params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = RequestView), (status = "4XX", body = super::openapi::Envelope)),
    security(("api_key" = ["requests:read"])))]
pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<RequestView>, ApiError> {
    authorize(&state, &headers, ApiScope::RequestsRead).await?;
    let id = ApiError::id(&id, "id")?;
    Ok(Json(state.backend.request_view(id).await?))
}

/// The query of `GET /api/v1/requests`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    /// Only requests in this status.
    #[param(schema_with = super::openapi::status_schema)]
    status: Option<String>,
    /// Only requests of this kind.
    #[param(schema_with = super::openapi::kind_schema)]
    kind: Option<String>,
    /// The `next` of the previous page.
    #[param(format = Uuid)]
    after: Option<String>,
    /// Requests per page.
    #[param(minimum = 1, maximum = 500)]
    limit: Option<u64>,
}

/// A page of requests.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Page {
    items: Vec<RequestView>,
    /// Pass as `after` for the next page; `null` on the last one.
    next: Option<Uuid>,
}

/// Requests, newest first, filtered by status and kind, in pages of `limit` (default 50).
#[utoipa::path(get, path = "/api/v1/requests", params(ListQuery),
    responses((status = 200, body = Page), (status = "4XX", body = super::openapi::Envelope)),
    security(("api_key" = ["requests:read"])))]
pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: Result<Query<ListQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Page>, ApiError> {
    authorize(&state, &headers, ApiScope::RequestsRead).await?;
    let Query(query) = query.map_err(|e| ApiError::invalid(format!("query: {}", e.body_text())))?;
    let filter = RequestFilter {
        status: query
            .status
            .as_deref()
            .map(str::parse::<RequestStatus>)
            .transpose()
            .map_err(ApiError::field("status"))?,
        kind: query
            .kind
            .as_deref()
            .map(str::parse::<RequestKind>)
            .transpose()
            .map_err(ApiError::field("kind"))?,
        after: query
            .after
            .as_deref()
            .map(Uuid::parse_str)
            .transpose()
            .map_err(|_| ApiError::invalid("after: not a cursor from a previous page"))?,
        limit: match query.limit {
            Some(n @ 1..=500) => n,
            Some(_) => return Err(ApiError::invalid("limit: from 1 to 500")),
            None => 50,
        },
    };
    let (items, next) = state.backend.list_requests(&filter).await?;
    Ok(Json(Page { items, next }))
}

/// Cancels a request the systems do not have yet (a deletion in its grace period): 204.
#[utoipa::path(post, path = "/api/v1/requests/{id}/cancel", params(("id" = uuid::Uuid, Path)),
    responses((status = 204), (status = "4XX", body = super::openapi::Envelope)),
    security(("api_key" = ["requests:cancel"])))]
pub async fn cancel(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    authorize(&state, &headers, ApiScope::RequestsCancel).await?;
    let id = ApiError::id(&id, "id")?;
    state.backend.cancel_request(None, id, Actor::Api).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Approves a request waiting for staff (a correction or an appeal), which then goes out to
/// the data systems: 204. The console will do this too; for now it is the API.
#[utoipa::path(post, path = "/api/v1/requests/{id}/approve", params(("id" = uuid::Uuid, Path)),
    responses((status = 204), (status = "4XX", body = super::openapi::Envelope)),
    security(("api_key" = ["requests:approve"])))]
pub async fn approve(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    authorize(&state, &headers, ApiScope::RequestsApprove).await?;
    let id = ApiError::id(&id, "id")?;
    state.backend.approve_request(id, Actor::Api).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The body of `POST /api/v1/requests/{id}/deny`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Denial {
    /// Why, as a code.
    #[schema(schema_with = super::openapi::denial_reason_schema)]
    reason: String,
    /// What the person is told, in words (mailed to them with their route to contest it).
    #[schema(min_length = 1, max_length = 4000)]
    message: String,
}

/// Denies a request the data systems do not have yet, with a reason code and a message for
/// the person: 200 with the request. A decision, like approval, so it takes that scope.
#[utoipa::path(post, path = "/api/v1/requests/{id}/deny", params(("id" = uuid::Uuid, Path)),
    request_body = Denial,
    responses((status = 200, body = RequestView), (status = "4XX", body = super::openapi::Envelope)),
    security(("api_key" = ["requests:approve"])))]
pub async fn deny(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> Result<Json<RequestView>, ApiError> {
    authorize(&state, &headers, ApiScope::RequestsApprove).await?;
    let id = ApiError::id(&id, "id")?;
    let body: Denial = read_json(body, SMALL).await?;
    let reason: DenialReason = body.reason.parse().map_err(ApiError::field("reason"))?;
    let view = state
        .backend
        .deny_request(id, reason, &body.message, Actor::Api)
        .await?;
    Ok(Json(view))
}

/// The body of `POST /api/v1/requests/{id}/messages`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewMessage {
    /// What the privacy team writes to the person (mailed to them; they answer from the
    /// request's page).
    #[schema(min_length = 1, max_length = 4000)]
    body: String,
}

/// A message about a request.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct MessageView {
    /// When it was written.
    at: chrono::DateTime<chrono::Utc>,
    /// `staff` or `subject` (the person).
    author: String,
    /// What it says.
    body: String,
}

/// Writes to the person who filed a request: 204. Staff's side of the conversation, until
/// the console exists.
#[utoipa::path(post, path = "/api/v1/requests/{id}/messages", params(("id" = uuid::Uuid, Path)),
    request_body = NewMessage,
    responses((status = 204), (status = "4XX", body = super::openapi::Envelope)),
    security(("api_key" = ["requests:approve"])))]
pub async fn write_message(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> Result<StatusCode, ApiError> {
    authorize(&state, &headers, ApiScope::RequestsApprove).await?;
    let id = ApiError::id(&id, "id")?;
    let body: NewMessage = read_json(body, SMALL).await?;
    state
        .backend
        .message_person(id, &body.body, Actor::Api)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The messages about a request, oldest first.
#[utoipa::path(get, path = "/api/v1/requests/{id}/messages", params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = Vec<MessageView>), (status = "4XX", body = super::openapi::Envelope)),
    security(("api_key" = ["requests:approve"])))]
pub async fn messages(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<Vec<MessageView>>, ApiError> {
    authorize(&state, &headers, ApiScope::RequestsApprove).await?;
    let id = ApiError::id(&id, "id")?;
    state.backend.request_view(id).await?;
    let messages = state.backend.messages_of(id).await?;
    Ok(Json(
        messages
            .into_iter()
            .map(|m| MessageView {
                at: m.at,
                author: m.author.as_str().to_owned(),
                body: m.body,
            })
            .collect(),
    ))
}

/// What the person wrote when filing.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ParticularsView {
    /// `{"type": "correction", "wrong", "right"}`, `{"type": "output_removal", "prompts",
    /// "outputs", "reason"}`, `{"type": "appeal", "of"}`, or `null` for kinds without.
    #[schema(value_type = Option<Object>)]
    particulars: Option<domain::Particulars>,
}

/// What the person wrote when filing a request, for the staff who decide on it.
#[utoipa::path(get, path = "/api/v1/requests/{id}/particulars", params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = ParticularsView), (status = "4XX", body = super::openapi::Envelope)),
    security(("api_key" = ["requests:approve"])))]
pub async fn particulars(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<ParticularsView>, ApiError> {
    authorize(&state, &headers, ApiScope::RequestsApprove).await?;
    let id = ApiError::id(&id, "id")?;
    let particulars = state.backend.request_particulars(id).await?;
    Ok(Json(ParticularsView { particulars }))
}
