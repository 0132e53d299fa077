//! The state every handler can reach.

use axum::extract::FromRef;
use backend::Backend;
use leptos::config::LeptosOptions;

/// Leptos' options and the backend.
#[derive(Clone)]
pub struct AppState {
    /// Site root, output name and the like.
    pub leptos: LeptosOptions,
    /// Every backend service.
    pub backend: Backend,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos.clone()
    }
}
