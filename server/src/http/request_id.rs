//! Every HTTP request gets an id of ours (`X-Request-Id`, a fresh UUID: a client's own value
//! is replaced, so nobody can write into our logs through it). The id is on the request's
//! trace span, on the response, and in every API error envelope, so a person can quote it and
//! staff can find the logs. Paths are logged, queries never (they can hold personal data).

use std::sync::Arc;

use axum::{
    extract::Request,
    http::{HeaderName, HeaderValue},
    middleware::Next,
    response::Response,
};
use tower_http::{
    classify::{ServerErrorsAsFailures, SharedClassifier},
    trace::{DefaultOnResponse, TraceLayer},
};
use tracing::Level;

/// The header that carries the id.
pub const HEADER: HeaderName = HeaderName::from_static("x-request-id");

tokio::task_local! {
    static CURRENT: Arc<str>;
}

/// The id of the request being answered, if any.
pub fn current() -> Option<Arc<str>> {
    CURRENT.try_with(Arc::clone).ok()
}

/// Gives the request a fresh id, answers it with the id known, and returns the id with the
/// response.
pub async fn assign(mut request: Request, next: Next) -> Response {
    let id: Arc<str> = uuid::Uuid::new_v4().simple().to_string().into();
    let value = HeaderValue::from_str(&id).ok();
    if let Some(value) = &value {
        request.headers_mut().insert(HEADER, value.clone());
    }
    let mut response = CURRENT.scope(id, next.run(request)).await;
    if let Some(value) = value {
        response.headers_mut().insert(HEADER, value);
    }
    response
}

/// The trace layer: a span per request with its id, method and path, and one line per
/// answer at INFO (server errors at ERROR).
pub fn trace_layer()
-> TraceLayer<SharedClassifier<ServerErrorsAsFailures>, impl Fn(&Request) -> tracing::Span + Clone>
{
    TraceLayer::new_for_http()
        .make_span_with(|request: &Request| {
            let id = request
                .headers()
                .get(HEADER)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("-");
            tracing::info_span!(
                "request",
                id,
                method = %request.method(),
                path = request.uri().path(),
            )
        })
        .on_response(DefaultOnResponse::new().level(Level::INFO))
}
