//! Rightful's pure core.
//!
//! Everything here is free of I/O and compiles to WebAssembly: the request kinds and their
//! lifecycle, the parsed identity types (e-mail addresses, subject ids, jurisdiction codes),
//! the data transfer objects shared by server and browser, and the user-facing
//! [`ValidationError`].

pub mod admin;
pub mod agent;
pub mod console;
pub mod deadline;
pub mod dto;
pub mod email;
pub mod error;
pub mod evidence;
pub mod filing;
pub mod jurisdiction;
pub mod language;
pub mod notice;
pub mod report;
pub mod request;
pub mod scope;
pub mod staff;
mod string_enum;
pub mod subject;
pub mod system;

pub use email::Email;
pub use error::ValidationError;
pub use filing::{Filing, Particulars, Statement};
pub use jurisdiction::JurisdictionCode;
pub use language::Language;
pub use request::{
    Actor, AuditAction, DenialReason, ExtensionReason, MessageAuthor, PauseReason, RequestKind,
    RequestStatus, TaskState,
};
pub use staff::{BulkKind, QueueFilter, StaffAction, StaffRole};
pub use subject::SubjectId;
