//! The axum router: the Leptos pages and server functions, the REST API, the downloads and
//! the forms with files, `/healthz`, static files, and the security middleware around all
//! of them.

use app::{App, shell};
use axum::{
    Router,
    extract::DefaultBodyLimit,
    middleware,
    routing::{get, post},
};
use leptos::prelude::provide_context;
use leptos_axum::{AxumRouteListing, LeptosRoutes, generate_route_list};
use std::sync::OnceLock;

use crate::{
    http::agents, http::api, http::console, http::edge, http::evidence, http::exports,
    http::health, http::request_id, http::security, http::state::AppState,
};

/// The pages' routes, walked out of the app once per process.
///
/// Walking them sets Leptos' process-wide "suppress resource loads" flag for its duration, so
/// a page rendering at that moment on another runtime waits forever for data that never
/// loads. Building a second router (the tests build one per test) must not walk them again.
fn page_routes() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// Builds the whole application.
pub fn router(state: AppState) -> Router {
    let routes = page_routes();
    let backend = state.backend.clone();
    let fallback_backend = state.backend.clone();
    let options = state.leptos.clone();
    let edge = state.edge.clone();
    let router = Router::new()
        .route("/healthz", get(health::healthz))
        .route("/exports/{request}", get(exports::download))
        .route("/exports/{request}/reissue", post(exports::reissue))
        .route(
            evidence::PATH,
            post(evidence::file).layer(DefaultBodyLimit::max(evidence::FORM_LIMIT)),
        )
        .route(
            "/requests/{request}/evidence/{file}",
            get(evidence::download),
        )
        .route(
            agents::PATH,
            post(agents::file).layer(DefaultBodyLimit::max(evidence::FORM_LIMIT)),
        )
        .merge(api::routes())
        .merge(console::routes())
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(backend.clone()),
            move || shell(options.clone()),
        )
        // The not-found page renders the same header (with its GPC notice) and needs the
        // backend too.
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(
            move || provide_context(fallback_backend.clone()), shell
        ))
        .layer(middleware::from_fn_with_state(
            security::SignInLimiter::new(),
            security::limit_sign_in,
        ))
        .layer(middleware::from_fn(security::check_origin))
        .layer(middleware::from_fn(security::limit_bodies))
        .layer(middleware::from_fn(security::no_store))
        .layer(security::compress_assets())
        .layer(middleware::from_fn_with_state(
            edge.proxies,
            edge::resolve_client,
        ))
        .layer(middleware::from_fn_with_state(edge.hosts, edge::check_host))
        .layer(request_id::trace_layer())
        .layer(middleware::from_fn(request_id::assign));
    security::with_headers(router).with_state(state)
}
