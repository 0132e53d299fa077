//! The webhook protocol (`docs/webhooks.md`): signatures, and sending a signed delivery.

mod event;
mod guard;
pub(crate) mod send;
mod signature;

pub use event::{DeliveryEvent, EventSubject};
pub(crate) use guard::GuardedResolver;
pub use guard::{SystemNetworks, check_endpoint};
pub use signature::{SIGNATURE_HEADER, SignatureError, Verified, sign, sign_with_all, verify};
