//! The HTTP edge: the axum router with the Leptos pages and server functions, the REST API,
//! package downloads and `/healthz`, behind the security middleware and a request id.

pub mod api;
pub mod edge;
mod exports;
mod health;
pub mod request_id;
pub mod router;
pub mod security;
pub mod state;
