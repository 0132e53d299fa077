//! Security middleware: response headers, the same-origin check on state-changing requests,
//! and the per-IP limit on sign-in attempts.

use std::{
    net::{IpAddr, Ipv4Addr},
    num::NonZeroU32,
    sync::Arc,
};

use axum::{
    Json, Router,
    extract::{Request, State},
    http::{HeaderName, HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use backend::auth::Client;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use serde_json::json;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::http::state::AppState;

/// Adds the security headers every response carries. Pages set their own CSP with a nonce;
/// everything else gets the strict default.
pub fn with_headers(router: Router<AppState>) -> Router<AppState> {
    let fixed: [(HeaderName, &'static str); 5] = [
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; frame-ancestors 'none'",
        ),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "same-origin"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::STRICT_TRANSPORT_SECURITY, "max-age=31536000"),
    ];
    fixed.into_iter().fold(router, |router, (name, value)| {
        router.layer(SetResponseHeaderLayer::if_not_present(
            name,
            HeaderValue::from_static(value),
        ))
    })
}

/// Refuses state-changing requests from another site.
///
/// Browsers send `Origin` (and `Sec-Fetch-Site`) on cross-site POSTs, so a request naming a
/// different origin is refused. A request naming none is allowed only when it carries no
/// session cookie: without one there is nothing to forge.
pub async fn check_origin(request: Request, next: Next) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    let headers = request.headers();
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    let origin = headers
        .get(header::ORIGIN)
        .or_else(|| headers.get(header::REFERER))
        .and_then(|h| h.to_str().ok());
    let cross_site = headers
        .get("sec-fetch-site")
        .is_some_and(|v| v == "cross-site");
    let allowed = match (origin, host) {
        _ if cross_site => false,
        (Some(origin), Some(host)) => authority(origin) == Some(host),
        (Some(_), None) => false,
        (None, _) => {
            !app::ssr::has_session_cookie(headers) && !app::staff::has_staff_cookie(headers)
        }
    };
    if allowed {
        next.run(request).await
    } else {
        refuse(
            StatusCode::FORBIDDEN,
            "cross_origin",
            "This request did not come from this site.",
        )
    }
}

/// `host[:port]` of an origin or URL such as `https://example.com:8443/path`.
fn authority(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    Some(rest.split(['/', '?', '#']).next().unwrap_or(rest))
}

/// Per-client limits on the sign-in endpoints, in memory per process: a first line before
/// the backend's own limits, which every process shares.
#[derive(Clone)]
pub struct SignInLimiter(Arc<DefaultKeyedRateLimiter<IpAddr>>);

impl SignInLimiter {
    /// Ten sign-in calls a minute per address, in bursts of up to ten.
    pub fn new() -> Self {
        let per_minute = NonZeroU32::new(10).unwrap_or(NonZeroU32::MIN);
        Self(Arc::new(RateLimiter::keyed(Quota::per_minute(per_minute))))
    }
}

impl Default for SignInLimiter {
    fn default() -> Self {
        Self::new()
    }
}

/// Applies [`SignInLimiter`] to `POST /api/auth/…`.
pub async fn limit_sign_in(
    State(limiter): State<SignInLimiter>,
    request: Request,
    next: Next,
) -> Response {
    if request.method() != Method::POST || !request.uri().path().starts_with("/api/auth/") {
        return next.run(request).await;
    }
    // The client's network (its /64 for IPv6), as `edge::resolve_client` found it.
    let ip = request
        .extensions()
        .get::<Client>()
        .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), Client::network);
    if limiter.0.len() > 100_000 {
        limiter.0.retain_recent();
    }
    match limiter.0.check_key(&ip) {
        Ok(()) => next.run(request).await,
        Err(_) => refuse(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            "Too many attempts. Wait a few minutes, then try again.",
        ),
    }
}

/// Marks every response `Cache-Control: no-store` unless it says otherwise: pages and API
/// answers carry personal data, and no shared or browser cache should keep them. The
/// compiled assets under `/pkg/` and the favicon are the same for everyone and may be cached.
pub async fn no_store(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let public = path.starts_with("/pkg/") || path == "/favicon.ico";
    let mut response = next.run(request).await;
    if !public {
        response
            .headers_mut()
            .entry(header::CACHE_CONTROL)
            .or_insert(HeaderValue::from_static("no-store"));
    }
    response
}

/// Gzips the compiled assets (the wasm, its script and the stylesheet) for browsers that
/// accept it. Pages and API answers are left alone: they carry personal data next to what a
/// visitor typed, which compression would let an eavesdropper guess at (BREACH).
pub fn compress_assets()
-> tower_http::compression::CompressionLayer<impl tower_http::compression::Predicate> {
    use tower_http::compression::{CompressionLayer, Predicate, predicate::SizeAbove};
    let asset = |_: StatusCode,
                 _: axum::http::Version,
                 headers: &axum::http::HeaderMap,
                 _: &axum::http::Extensions| {
        headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|t| {
                t.starts_with("application/wasm")
                    || t.starts_with("text/javascript")
                    || t.starts_with("application/javascript")
                    || t.starts_with("text/css")
            })
    };
    CompressionLayer::new().compress_when(SizeAbove::new(1024).and(asset))
}

/// Refuses a body over its route's limit with a 413, for the API, pages and server functions
/// alike (whose own reader would otherwise fail with a 500): at once when its declared length
/// is over; for pages and server functions, a body of undeclared length is read up to the
/// limit (64 KiB) first. The API's handlers read theirs within the limit themselves, after
/// checking the key, so an unauthenticated client cannot make the server read anything.
pub async fn limit_bodies(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    // The forms with files read their own bodies within their limits, and answer one over
    // it by going back to the form with the problem shown.
    let manual_task = path.starts_with("/console/requests/") && path.ends_with("/complete");
    if path == crate::http::evidence::PATH || path == crate::http::agents::PATH || manual_task {
        return next.run(request).await;
    }
    let limit = crate::http::api::body_limit(path);
    let api = path.starts_with("/api/v1/");
    let too_large = || {
        refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            &format!("The request body is larger than {} KiB.", limit / 1024),
        )
    };
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    match declared {
        Some(length) if length > limit as u64 => too_large(),
        None if !api => {
            let (parts, body) = request.into_parts();
            match axum::body::to_bytes(body, limit).await {
                Ok(bytes) => next.run(Request::from_parts(parts, bytes.into())).await,
                Err(_) => too_large(),
            }
        }
        _ => next.run(request).await,
    }
}

/// The JSON error envelope shared by every API error, with the request's id to quote.
pub fn refuse(status: StatusCode, code: &str, message: &str) -> Response {
    let mut error = json!({ "code": code, "message": message });
    if let Some(id) = crate::http::request_id::current() {
        error["request_id"] = json!(&*id);
    }
    (status, Json(json!({ "error": error }))).into_response()
}
