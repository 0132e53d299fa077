//! What Legal reads: the deadline dashboard (`dashboard.rs`), the CCPA §7102 metrics
//! (`ccpa.rs`), the deadline report (`deadlines.rs`) and one request's evidence bundle
//! (`evidence.rs`). Reports count from columns retention keeps (kind, status, dates, days to
//! answer, reasons as codes), never from personal data, so a report for a past year is the
//! same before and after the purge. Counting is done by the database through the
//! `requests_report` covering index; how a count is judged is `domain::report`'s.

mod ccpa;
mod dashboard;
mod deadlines;
pub mod evidence;

pub use deadlines::{DeadlineCursor, DeadlinePage, DeadlineWriter};
