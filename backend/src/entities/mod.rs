//! sea-orm entities, one module per table. Only this crate names them.
//!
//! Models derive `Debug` because sea-orm requires it; some hold personal data, so never log
//! a model.

pub mod api_key;
pub mod audit_anchor;
pub mod callback_seen;
pub mod consent_record;
pub mod data_system;
pub mod evidence;
pub mod export;
pub mod job;
pub mod message;
pub mod notice_sent;
pub mod one_time_code;
pub mod request;
pub mod request_event;
pub mod session;
pub mod staff_note;
pub mod staff_reveal;
pub mod staff_session;
pub mod staff_user;
pub mod subject;
pub mod system_capability;
pub mod task;
pub mod throttle;
