//! The webhook protocol (`docs/webhooks.md`): signatures, and sending a signed delivery.

pub(crate) mod send;
mod signature;

pub use signature::{SIGNATURE_HEADER, SignatureError, sign, verify};
