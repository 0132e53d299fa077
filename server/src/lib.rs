//! The HTTP edge and command line of Rightful: configuration, the axum router with its
//! security middleware, and the commands of the `rightful` binary.

pub mod api;
mod api_keys;
mod backup;
pub mod cli;
pub mod config;
mod deadlines;
mod declared;
pub mod edge;
mod exports;
mod health;
mod housekeeping;
pub mod request_id;
pub mod router;
pub mod security;
pub mod serve;
pub mod state;
mod systems;
mod tasks;
