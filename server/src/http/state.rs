//! The state every handler can reach.

use axum::extract::FromRef;
use backend::Backend;
use leptos::config::LeptosOptions;

use crate::http::edge::{AllowedHosts, TrustedProxies};

/// The HTTP edge's settings. The default trusts no proxy and answers for any host, which
/// suits in-process tests; `rightful serve` takes them from the configuration.
#[derive(Clone, Default)]
pub struct Edge {
    /// `RIGHTFUL_TRUSTED_PROXIES`.
    pub proxies: TrustedProxies,
    /// The host of `RIGHTFUL_PUBLIC_URL`.
    pub hosts: AllowedHosts,
}

/// Leptos' options and the backend.
#[derive(Clone)]
pub struct AppState {
    /// Site root, output name and the like.
    pub leptos: LeptosOptions,
    /// Every backend service.
    pub backend: Backend,
    /// Who requests come from and for which host: the proxies whose `X-Forwarded-For` is
    /// believed, and the host names served.
    pub edge: Edge,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos.clone()
    }
}
