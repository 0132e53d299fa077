//! The deadline engine's tests: the worked examples, clock events, the registry and the
//! properties, in one test binary.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod common;
mod deadlines;
mod deadlines_events;
mod deadlines_props;
mod deadlines_registry;
