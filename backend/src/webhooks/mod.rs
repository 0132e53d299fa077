//! The webhook protocol's signatures (`docs/webhooks.md`).

mod signature;

pub use signature::{SIGNATURE_HEADER, SignatureError, sign, verify};
