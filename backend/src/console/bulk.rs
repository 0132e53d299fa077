//! Bulk approve, deny and assign over a filtered view. The dry run lists exactly the
//! requests the action would change; applying it takes that list of ids, and changes only
//! those that still qualify, each with its own justified entry.

use domain::{
    BulkKind, QueueFilter, RequestStatus,
    console::{BulkOutcome, BulkPreview},
    staff::BULK_MAX,
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use super::{Action, Reason, may_work, request::staff_view};
use crate::{
    Backend, Error, Result,
    entities::{request, staff_user},
    staff::StaffMember,
};

impl Backend {
    /// The requests of `filter`'s view that `action` would change, at most [`BULK_MAX`].
    pub async fn bulk_preview(
        &self,
        staff: &StaffMember,
        filter: &QueueFilter,
        action: BulkKind,
    ) -> Result<BulkPreview> {
        may_work(staff)?;
        let now = self.now();
        let mut select = self.filtered_view(filter, now).await?;
        select = match action {
            BulkKind::Approve => {
                select.filter(request::Column::Status.eq(RequestStatus::PendingApproval))
            }
            BulkKind::Deny => select.filter(request::Column::Status.is_in(deniable())),
            BulkKind::Assign => select.filter(request::Column::ClosedAt.is_null()),
        };
        let mut rows = select
            .order_by_asc(request::Column::DueAt)
            .order_by_asc(request::Column::Id)
            .limit(BULK_MAX + 1)
            .all(self.db())
            .await?;
        let capped = rows.len() as u64 > BULK_MAX;
        rows.truncate(BULK_MAX as usize);
        let staff_rows = staff_user::Entity::find()
            .filter(staff_user::Column::Disabled.eq(false))
            .filter(staff_user::Column::Role.ne(domain::StaffRole::Legal))
            .order_by_asc(staff_user::Column::Email)
            .all(self.db())
            .await?;
        Ok(BulkPreview {
            action,
            rows: self.queue_rows(rows, now).await?,
            capped,
            staff: staff_rows.into_iter().map(staff_view).collect(),
        })
    }

    /// Applies `action` to each of `ids` (a dry run's list) that still qualifies.
    pub async fn bulk_apply(
        &self,
        staff: &StaffMember,
        ids: &[Uuid],
        action: &Action,
        reason: &Reason,
    ) -> Result<BulkOutcome> {
        may_work(staff)?;
        if ids.len() as u64 > BULK_MAX {
            return Err(Error::Validation(domain::ValidationError::new(
                "id",
                "bulk.too_many",
                "apply a bulk action to at most 200 requests at once",
            )));
        }
        let mut outcome = BulkOutcome::default();
        for id in ids {
            match self.staff_act(staff, *id, action.clone(), reason).await {
                Ok(()) => outcome.changed += 1,
                Err(Error::Conflict(_) | Error::NotFound(_) | Error::Validation(_)) => {
                    outcome.skipped += 1;
                }
                Err(other) => return Err(other),
            }
        }
        Ok(outcome)
    }
}

/// Statuses a request can be denied from.
fn deniable() -> Vec<RequestStatus> {
    RequestStatus::ALL
        .iter()
        .copied()
        .filter(|s| s.can_become(RequestStatus::Denied))
        .collect()
}
