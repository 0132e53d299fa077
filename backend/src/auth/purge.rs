//! Removing sign-in codes and sessions that can no longer be used.

use chrono::Duration;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::{
    Backend, Result,
    entities::{one_time_code, session, staff_reveal, staff_session},
};

/// How long expired rows are kept, for investigating abuse.
const KEEP_EXPIRED: Duration = Duration::days(1);

impl Backend {
    /// Deletes codes, portal and console sessions and rate-limit counters that ended over a
    /// day ago, and the console's unseen reveals at once; returns how many rows went.
    pub async fn purge_expired_credentials(&self) -> Result<u64> {
        let cutoff = self.now() - KEEP_EXPIRED;
        let codes = one_time_code::Entity::delete_many()
            .filter(one_time_code::Column::ExpiresAt.lt(cutoff))
            .exec(self.writer())
            .await?;
        let sessions = session::Entity::delete_many()
            .filter(session::Column::ExpiresAt.lt(cutoff))
            .exec(self.writer())
            .await?;
        let staff_sessions = staff_session::Entity::delete_many()
            .filter(staff_session::Column::ExpiresAt.lt(cutoff))
            .exec(self.writer())
            .await?;
        // Sealed secrets nobody looked at in time: nothing to investigate, so no day kept.
        let reveals = staff_reveal::Entity::delete_many()
            .filter(staff_reveal::Column::ExpiresAt.lt(self.now()))
            .exec(self.writer())
            .await?;
        let throttles = self.purge_throttles(cutoff).await?;
        Ok(codes.rows_affected
            + sessions.rows_affected
            + staff_sessions.rows_affected
            + reveals.rows_affected
            + throttles)
    }
}
