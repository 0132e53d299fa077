//! The registry of data systems: adding, declaring, listing and disabling them.

mod add;
mod declare;
mod list;

pub use add::{NewSystem, SigningSecret};
pub use declare::Declared;
pub use list::DataSystem;
