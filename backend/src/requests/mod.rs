//! Requests: filing them and moving them through their lifecycle, with every step audited.

mod cancel;
mod clock;
mod file_for;
mod lifecycle;
mod submit;
mod view;

pub use view::{RequestFilter, RequestView};
