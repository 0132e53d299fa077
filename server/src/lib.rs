//! Rightful's two faces: the command line of the `rightful` binary ([`cli`]), and the HTTP
//! edge ([`http`]: the axum router, its security middleware and the REST API). Both read the
//! same [`config`].

pub mod cli;
pub mod config;
mod declared;
pub mod http;
