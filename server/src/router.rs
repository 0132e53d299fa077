//! The axum router: the Leptos pages and server functions, the REST API, `/healthz`, static
//! files, and the
//! security middleware around all of them.

use app::{App, shell};
use axum::{
    Router, middleware,
    routing::{get, post},
};
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};

use crate::{api, exports, health, security, state::AppState};

/// Builds the whole application.
pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let backend = state.backend.clone();
    let options = state.leptos.clone();
    let router = Router::new()
        .route("/healthz", get(health::healthz))
        .route("/exports/{request}", get(exports::download))
        .route("/exports/{request}/reissue", post(exports::reissue))
        .merge(api::routes())
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(backend.clone()),
            move || shell(options.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(middleware::from_fn_with_state(
            security::SignInLimiter::new(),
            security::limit_sign_in,
        ))
        .layer(middleware::from_fn(security::check_origin));
    security::with_headers(router).with_state(state)
}
