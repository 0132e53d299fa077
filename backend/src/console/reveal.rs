//! What an admin's action shows them once: sealed in `staff_reveals` for a few minutes,
//! named by the page the form post redirects to, and deleted when that page shows it. Only
//! the member of staff who acted can see it, and only once.

use chrono::Duration;
use domain::admin::Reveal;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::{Backend, Error, Result, entities::staff_reveal, staff::StaffMember};

/// How long a reveal waits to be shown.
pub const REVEAL_FOR: Duration = Duration::minutes(10);

impl Backend {
    /// Keeps `reveal` for `staff` to see once; returns the id their page names.
    pub(super) async fn keep_reveal(&self, staff: &StaffMember, reveal: &Reveal) -> Result<Uuid> {
        let plain = serde_json::to_string(reveal)
            .map_err(|e| Error::Internal(anyhow::anyhow!("a reveal would not serialize: {e}")))?;
        let id = Uuid::new_v4();
        let row = staff_reveal::ActiveModel {
            id: Set(id),
            staff_id: Set(staff.id),
            sealed: Set(self.inner.keys.seal(&plain)),
            expires_at: Set(self.now() + REVEAL_FOR),
        };
        staff_reveal::Entity::insert(row)
            .exec(self.writer())
            .await?;
        Ok(id)
    }

    /// Takes the reveal `id` of `staff`'s, if it is theirs and has not expired or been shown:
    /// deleting it first, so two loads of the page cannot both show it.
    pub(super) async fn take_reveal(
        &self,
        staff: &StaffMember,
        id: Uuid,
    ) -> Result<Option<Reveal>> {
        let Some(row) = staff_reveal::Entity::find_by_id(id)
            .filter(staff_reveal::Column::StaffId.eq(staff.id))
            .one(self.db())
            .await?
        else {
            return Ok(None);
        };
        let deleted = staff_reveal::Entity::delete_many()
            .filter(staff_reveal::Column::Id.eq(id))
            .exec(self.writer())
            .await?;
        if deleted.rows_affected == 0 || row.expires_at <= self.now() {
            return Ok(None);
        }
        Ok(self
            .inner
            .keys
            .open(&row.sealed)
            .and_then(|plain| serde_json::from_str(&plain).ok()))
    }
}
