//! The OpenAPI description of `/api/v1`, generated from the handlers and types by utoipa and
//! served at `/api/v1/openapi.json`.

use axum::Json;
use domain::{DenialReason, RequestKind, RequestStatus};
use utoipa::{
    Modify, OpenApi, ToSchema,
    openapi::{
        Object, ObjectBuilder, Type,
        security::{HttpAuthScheme, HttpBuilder, SecurityScheme},
    },
};

use super::{requests, suppression, tasks};

/// The error envelope every `/api/v1` failure uses.
#[derive(ToSchema)]
#[allow(dead_code)] // described, never built: ApiError writes the same shape
pub struct Envelope {
    error: EnvelopeBody,
}

/// The error itself.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct EnvelopeBody {
    /// A stable code: `invalid`, `unauthenticated`, `bad_signature`, `forbidden`,
    /// `not_found`, `conflict`, `too_large`, `rate_limited`, `unavailable` or `internal`.
    code: String,
    /// A message for people, naming the field for bad input.
    message: String,
    /// This request's id (also in the `X-Request-Id` header): quote it when asking for help.
    request_id: Option<String>,
}

struct ApiKeyAuth;

impl Modify for ApiKeyAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let scheme = HttpBuilder::new()
            .scheme(HttpAuthScheme::Bearer)
            .description(Some("An API key from `rightful api-keys create`: `rk_…`"))
            .build();
        openapi
            .components
            .get_or_insert_with(Default::default)
            .add_security_scheme("api_key", SecurityScheme::Http(scheme));
    }
}

/// The schema of a request kind: one of [`RequestKind::ALL`], by name.
pub fn kind_schema() -> Object {
    names(
        RequestKind::ALL.iter().map(|k| k.as_str()),
        "The right being exercised.",
    )
}

/// The schema of a request status: one of [`RequestStatus::ALL`], by name.
pub fn status_schema() -> Object {
    names(
        RequestStatus::ALL.iter().map(|s| s.as_str()),
        "Where a request stands.",
    )
}

/// The schema of a denial's reason code: one of [`DenialReason`]'s names.
pub fn denial_reason_schema() -> Object {
    names(
        DenialReason::ALL.iter().map(|r| r.as_str()),
        "Why a request was denied.",
    )
}

/// The schema of a jurisdiction: an ISO 3166 code that names a known country (and, for the
/// US, a known state), in any case.
pub fn jurisdiction_schema() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some("^[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?$"))
        .examples(["DE", "US-CA", "GB-SCT"])
        .description(Some(
            "An ISO 3166 code: a known country, or a subdivision of one (for the US, a known \
             state). Unknown codes are a 422.",
        ))
        .build()
}

fn names<'a>(values: impl Iterator<Item = &'a str>, description: &str) -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(values))
        .description(Some(description))
        .build()
}

/// The document.
#[derive(OpenApi)]
#[openapi(
    info(title = "Rightful API", description = "Requests, tasks, callbacks and the training-suppression list. See docs/api.md, docs/webhooks.md and docs/suppression.md."),
    paths(
        requests::create, requests::show, requests::list, requests::cancel, requests::approve,
        requests::deny,
        requests::write_message,
        requests::messages,
        requests::particulars,
        tasks::of_request, tasks::retry, tasks::complete, tasks::callback,
        suppression::check, suppression::snapshot,
    ),
    modifiers(&ApiKeyAuth)
)]
pub struct ApiDoc;

/// `GET /api/v1/openapi.json`.
pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
