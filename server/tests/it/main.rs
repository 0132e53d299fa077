//! The server's integration tests (HTTP in-process, the CLI, worker processes), one module
//! per area, in one test binary: linking one instead of one per file is most of their build
//! cost.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod access;
mod api;
mod cli;
mod cli_staff;
mod common;
mod console;
mod console_admin;
mod evidence;
mod http;
mod reports;
mod snapshot;
mod tasks;
mod workers;
