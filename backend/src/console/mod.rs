//! The staff console's reads and writes: the queue (`queue.rs`), one request as staff see it
//! (`request.rs`), the justified actions (`act.rs`) and their bulk form (`bulk.rs`),
//! operations health (`health.rs`), the admin screen (`admin.rs`, with what it shows once in
//! `reveal.rs`) and the seeding of a database with realistic fake requests (`seed/`).
//!
//! Every write here takes the [`StaffMember`](crate::staff::StaffMember) acting and checks
//! their role itself, so no caller can forget to.

mod act;
mod admin;
mod bulk;
mod health;
mod queue;
mod request;
mod reveal;
pub mod seed;

pub use act::{Action, Reason};
pub(crate) use queue::SharedCounts;
pub use reveal::REVEAL_FOR;

use crate::{Error, Result, staff::StaffMember};

/// Refuses a member of staff whose role may not work requests.
pub(crate) fn may_work(staff: &StaffMember) -> Result<()> {
    if staff.role.works_requests() {
        Ok(())
    } else {
        Err(Error::Forbidden)
    }
}
