//! Requests: filing them and moving them through their lifecycle, with every step audited.

mod clock;
mod lifecycle;
mod submit;
