//! The staff console's reads and writes: the queue (`queue.rs`), one request as staff see it
//! (`request.rs`), the justified actions (`act.rs`) and their bulk form (`bulk.rs`), operations health (`health.rs`) and
//! the seeding of a database with realistic fake requests (`seed/`).
//!
//! Every write here takes the [`StaffMember`](crate::staff::StaffMember) acting and checks
//! their role itself, so no caller can forget to.

mod act;
mod bulk;
mod health;
mod queue;
mod request;
pub mod seed;

pub use act::{Action, Reason};
pub(crate) use queue::SharedCounts;

use crate::{Error, Result, staff::StaffMember};

/// Refuses a member of staff whose role may not work requests.
pub(crate) fn may_work(staff: &StaffMember) -> Result<()> {
    if staff.role.works_requests() {
        Ok(())
    } else {
        Err(Error::Forbidden)
    }
}
