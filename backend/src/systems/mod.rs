//! The registry of data systems: adding, listing and disabling them.

mod add;
mod list;

pub use add::{NewSystem, SigningSecret};
pub use list::DataSystem;
