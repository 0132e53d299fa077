//! The HTTP edge: the axum router with the Leptos pages and server functions, the REST API,
//! package and evidence downloads, the forms with files (evidence, an agent's filing), and
//! `/healthz`, behind the security middleware and a request id.

mod agents;
pub mod api;
mod console;
pub mod edge;
mod evidence;
mod exports;
mod forms;
mod health;
pub mod request_id;
pub mod router;
pub mod security;
pub mod state;
