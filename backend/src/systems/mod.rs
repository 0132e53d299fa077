//! The registry of data systems: adding, declaring, listing and disabling them, and their
//! sealed, rotatable signing secrets.

mod add;
mod declare;
mod list;
mod secrets;

pub use add::{NewSystem, SigningSecret};
pub use declare::Declared;
pub use list::DataSystem;
pub use secrets::ROTATION_OVERLAP;
