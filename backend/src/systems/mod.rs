//! The registry of data systems: adding, declaring, listing and disabling them, their
//! sealed, rotatable signing secrets, and a test delivery.

mod add;
mod declare;
mod list;
mod secrets;
mod test_delivery;

pub use add::{NewSystem, SigningSecret};
pub use declare::Declared;
pub use secrets::ROTATION_OVERLAP;
pub use test_delivery::DeliveryTest;
