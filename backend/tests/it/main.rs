//! The backend's integration tests, one module per area, in one test binary: linking one
//! full-stack binary instead of one per file is most of what tests cost to build.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod agents;
mod audit;
mod auth;
mod console;
mod deadlines;
mod denials;
mod erasure;
mod evidence;
mod example_receiver;
mod exports;
mod fulfilment;
mod intake;
mod jobs;
mod portal;
mod privacy;
mod report_records;
mod reports;
mod s3;
mod smtp;
mod suppression;
mod systems;
