//! Anchors over the whole audit log. A request's chain shows any entry changed or removed
//! from its middle, but not its last entries removed, nor the whole chain: an anchor closes
//! that. Now and then (housekeeping), the entries since the last anchor are folded in id
//! order into a running SHA-256 digest, recorded with the last id it covers; verifying folds
//! the log again and compares at every anchor.
//!
//! Entries newer than [`ANCHOR_SETTLE`] are left to the next anchor, so that an entry whose
//! transaction has not committed yet (and which would take a lower id than one already
//! visible) is not skipped: the bound is a transaction open that long while it writes.

use chrono::Duration;
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use sha2::{Digest, Sha256};

use super::GENESIS;
use crate::{
    Backend, Result,
    entities::{audit_anchor, request_event},
};

/// How old an entry must be before an anchor covers it.
pub const ANCHOR_SETTLE: Duration = Duration::minutes(1);

/// Entries read per query while folding.
pub(super) const PAGE: u64 = 10_000;

/// `digest` with the entry `id`, whose hash is `hash`, folded in.
pub(super) fn fold(digest: &str, id: i64, hash: &str) -> String {
    hex::encode(Sha256::digest(format!("{digest}\n{id}\n{hash}").as_bytes()))
}

/// The digest and count of every entry after `from` up to `up_to`, folded onto `start`.
pub(super) async fn fold_range(
    backend: &Backend,
    start: (String, i64),
    from: i64,
    up_to: i64,
    mut progress: impl FnMut(u64),
) -> Result<(String, i64)> {
    let (mut digest, mut events) = start;
    let mut after = from;
    loop {
        let rows: Vec<(i64, String)> = request_event::Entity::find()
            .select_only()
            .column(request_event::Column::Id)
            .column(request_event::Column::Hash)
            .filter(request_event::Column::Id.gt(after))
            .filter(request_event::Column::Id.lte(up_to))
            .order_by_asc(request_event::Column::Id)
            .limit(PAGE)
            .into_tuple()
            .all(backend.db())
            .await?;
        let Some(&(last, _)) = rows.last() else {
            return Ok((digest, events));
        };
        for (id, hash) in &rows {
            digest = fold(&digest, *id, hash);
        }
        events += i64::try_from(rows.len()).unwrap_or(i64::MAX);
        progress(rows.len() as u64);
        after = last;
    }
}

impl Backend {
    /// Records an anchor over the entries, older than [`ANCHOR_SETTLE`], that the last one
    /// does not cover; `None` when there are none. Any number of processes may run it: two
    /// anchors up to the same entry carry the same digest.
    pub async fn anchor_audit_log(&self) -> Result<Option<audit_anchor::Model>> {
        let last = audit_anchor::Entity::find()
            .order_by_desc(audit_anchor::Column::UpToEvent)
            .one(self.db())
            .await?;
        let (from, start) = last.map_or((0, (GENESIS.to_owned(), 0)), |a| {
            (a.up_to_event, (a.digest, a.events))
        });
        let watermark: Option<Option<i64>> = request_event::Entity::find()
            .select_only()
            .column_as(request_event::Column::Id.max(), "up_to")
            .filter(request_event::Column::Id.gt(from))
            .filter(request_event::Column::At.lt(self.now() - ANCHOR_SETTLE))
            .into_tuple()
            .one(self.db())
            .await?;
        let Some(up_to) = watermark.flatten() else {
            return Ok(None);
        };
        let (digest, events) = fold_range(self, start, from, up_to, |_| {}).await?;
        let row = audit_anchor::ActiveModel {
            id: NotSet,
            created_at: Set(self.now()),
            up_to_event: Set(up_to),
            events: Set(events),
            digest: Set(digest),
        };
        let anchor = audit_anchor::Entity::insert(row)
            .exec_with_returning(self.writer())
            .await?;
        Ok(Some(anchor))
    }
}
