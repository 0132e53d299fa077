//! Requests: filing them and moving them through their lifecycle, with every step audited.

mod lifecycle;
