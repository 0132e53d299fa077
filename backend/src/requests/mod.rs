//! Requests: filing them and moving them through their lifecycle, with every step audited.

mod agent;
mod batch;
mod cancel;
mod clock;
mod deny;
pub(crate) mod evidence;
mod file_for;
mod gpc;
mod intake;
mod lifecycle;
mod messages;
pub(crate) mod notify;
mod page;
mod preview;
mod submit;
mod timeline;
mod view;

pub(crate) use batch::ApiFiling;
pub use deny::MAX_DENIAL_MESSAGE;
pub use evidence::EvidenceDownload;
pub(crate) use intake::NewFiling;
pub(crate) use lifecycle::set_milestones;
pub use view::{RequestFilter, RequestView};
