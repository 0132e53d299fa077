//! Retention: the personal data of requests closed longer ago than the retention period
//! (24 months by default, 11 CCR §7101) is purged, in batches, by housekeeping.
//!
//! What goes: what the person wrote (particulars), what they were told in words (the denial
//! message), their evidence files, messages, the words of internal notes (who wrote one and
//! when stay), the notices kept for the evidence bundle, data the systems returned and
//! export packages (their blobs by a `blobs.delete` job, since blobs cannot join the
//! transaction), and, once none of their requests is left unpurged, the person's address,
//! user id and language. What stays is what the reports count: kind, status, jurisdiction,
//! dates, days to answer, reason codes, the audit chain (which holds no personal data), and
//! the keyed hash and digests that keep an opt-out in force.

use chrono::{DateTime, Months, Utc};
use domain::{Actor, AuditAction};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, sea_query::Expr,
};
use serde_json::json;
use uuid::Uuid;

use crate::{
    Backend, Result,
    audit::{self, NewEvent},
    entities::{notice_sent, request, subject},
    fulfilment::{forget_blobs_of, forget_words},
    jobs::{self, JobKind, NewJob},
};

/// Requests purged per transaction.
const BATCH: u64 = 200;

/// What one run purged.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Purged {
    /// Requests whose personal data went.
    pub requests: usize,
    /// People whose address went with their last request.
    pub people: usize,
}

impl Backend {
    /// Purges every request closed more than `months` months ago, in batches, and reports
    /// how many. Safe to run at any time and from any number of processes: a batch takes
    /// only requests not purged yet, in its own transaction.
    pub async fn purge_expired_requests(&self, months: u32) -> Result<Purged> {
        let now = self.now();
        let cutoff = now.checked_sub_months(Months::new(months)).unwrap_or(now);
        let mut total = Purged::default();
        loop {
            let ids: Vec<Uuid> = request::Entity::find()
                .select_only()
                .column(request::Column::Id)
                .filter(request::Column::PurgedAt.is_null())
                .filter(request::Column::ClosedAt.is_not_null())
                .filter(request::Column::ClosedAt.lt(cutoff))
                .order_by_asc(request::Column::ClosedAt)
                .limit(BATCH)
                .into_tuple()
                .all(self.db())
                .await?;
            if ids.is_empty() {
                return Ok(total);
            }
            let txn = self.begin().await?;
            let batch = purge_batch(&txn, &ids, now).await?;
            txn.commit().await?;
            total.requests += batch.requests;
            total.people += batch.people;
        }
    }
}

/// Purges requests `ids` in the caller's transaction.
async fn purge_batch(
    db: &impl ConnectionTrait,
    ids: &[Uuid],
    now: DateTime<Utc>,
) -> Result<Purged> {
    // Only rows still unpurged, so two processes never purge one twice.
    let rows: Vec<(Uuid, Uuid, Option<Uuid>)> = request::Entity::find()
        .select_only()
        .columns([
            request::Column::Id,
            request::Column::SubjectId,
            request::Column::AgentId,
        ])
        .filter(request::Column::Id.is_in(ids.iter().copied()))
        .filter(request::Column::PurgedAt.is_null())
        .into_tuple()
        .all(db)
        .await?;
    let requests: Vec<Uuid> = rows.iter().map(|r| r.0).collect();
    request::Entity::update_many()
        .col_expr(request::Column::PurgedAt, Expr::value(Some(now)))
        .filter(request::Column::Id.is_in(requests.iter().copied()))
        .filter(request::Column::PurgedAt.is_null())
        .exec(db)
        .await?;
    let keys = forget_words(db, &requests).await?;
    let tasks = forget_blobs_of(db, &requests, now).await?;
    notice_sent::Entity::delete_many()
        .filter(notice_sent::Column::RequestId.is_in(requests.iter().copied()))
        .exec(db)
        .await?;
    for &id in &requests {
        let entry = NewEvent {
            request_id: id,
            action: AuditAction::Purged,
            from: None,
            to: None,
            actor: Actor::System,
            detail: json!({}),
        };
        audit::append(db, now, entry).await?;
    }
    let mut people: Vec<Uuid> = rows
        .iter()
        .flat_map(|r| [Some(r.1), r.2])
        .flatten()
        .collect();
    people.sort_unstable();
    people.dedup();
    let people = forget_people(db, &people, now).await?;
    if !keys.is_empty() || !tasks.is_empty() {
        let job = NewJob {
            kind: JobKind::DeleteBlobs {
                keys,
                tasks,
                requests: requests.clone(),
            },
            dedupe_key: Some(format!("retention:{}", requests[0])),
            max_attempts: 10,
            run_at: None,
        };
        jobs::queue_in(db, now, job).await?;
    }
    Ok(Purged {
        requests: requests.len(),
        people,
    })
}

/// Clears the address, user id and language of each of `people` none of whose requests
/// (their own or filed as an agent) is left unpurged, and ends their sessions. The keyed
/// hash and the digests stay: they find the person again if they come back, and keep their
/// opt-outs in force.
async fn forget_people(
    db: &impl ConnectionTrait,
    people: &[Uuid],
    now: DateTime<Utc>,
) -> Result<usize> {
    let mut forgotten = 0;
    for &person in people {
        let unpurged = request::Entity::find()
            .filter(request::Column::PurgedAt.is_null())
            .filter(
                sea_orm::Condition::any()
                    .add(request::Column::SubjectId.eq(person))
                    .add(request::Column::AgentId.eq(person)),
            )
            .count(db)
            .await?;
        if unpurged > 0 {
            continue;
        }
        subject::Entity::update_many()
            .col_expr(subject::Column::Email, Expr::value(Option::<String>::None))
            .col_expr(subject::Column::UserId, Expr::value(Option::<String>::None))
            .col_expr(
                subject::Column::Language,
                Expr::value(Option::<String>::None),
            )
            .filter(subject::Column::Id.eq(person))
            .exec(db)
            .await?;
        crate::auth::end_sessions(db, person, now).await?;
        forgotten += 1;
    }
    Ok(forgotten)
}
