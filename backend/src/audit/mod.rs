//! The audit log: append-only and hash-chained, one chain per request.
//!
//! Each entry stores the SHA-256 of the entry before it in the same request (`prev_hash`) and
//! its own hash over its content and `prev_hash`. Rewriting or deleting an entry breaks every
//! hash after it. Chains are per request so that intake never waits on one global lock.
//! Anchors (`anchor.rs`) cover what a chain cannot show: its last entries, or all of it,
//! deleted; `verify.rs` checks every chain and anchor.

mod anchor;
mod verify;

pub use anchor::ANCHOR_SETTLE;
pub use verify::{AuditReport, BrokenAnchor, BrokenChain, LISTED};

use chrono::{DateTime, Utc};
use domain::{Actor, AuditAction, RequestStatus};
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    sea_query::Expr,
};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::{
    Backend, Result,
    entities::{request, request_event},
};

/// The `prev_hash` of a chain's first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// An entry to append.
pub(crate) struct NewEvent {
    pub request_id: Uuid,
    pub action: AuditAction,
    pub from: Option<RequestStatus>,
    pub to: Option<RequestStatus>,
    /// Who acted.
    pub actor: Actor,
    /// Structured detail; never personal data.
    pub detail: serde_json::Value,
}

/// Appends `event` to its request's chain, inside the caller's transaction.
///
/// The request's row is locked first (a write that changes nothing), so two transactions
/// appending to the same chain at once take turns instead of both claiming the next `seq`.
pub(crate) async fn append(
    db: &impl ConnectionTrait,
    at: DateTime<Utc>,
    event: NewEvent,
) -> Result<()> {
    request::Entity::update_many()
        .col_expr(request::Column::Id, Expr::col(request::Column::Id))
        .filter(request::Column::Id.eq(event.request_id))
        .exec(db)
        .await?;
    let last = request_event::Entity::find()
        .filter(request_event::Column::RequestId.eq(event.request_id))
        .order_by_desc(request_event::Column::Seq)
        .one(db)
        .await?;
    let (seq, prev_hash) = match last {
        Some(row) => (row.seq + 1, row.hash),
        None => (1, GENESIS.to_owned()),
    };
    let row = event_row(event, seq, at, &prev_hash);
    request_event::Entity::insert(row).exec(db).await?;
    Ok(())
}

/// Writes the first entries of requests created in the caller's transaction, one chain per
/// request, in one statement. Nobody else can see the requests before the transaction
/// commits, so their chains need neither [`append`]'s row lock nor a read of their head.
pub(crate) async fn start_chains(
    db: &impl ConnectionTrait,
    at: DateTime<Utc>,
    chains: Vec<Vec<NewEvent>>,
) -> Result<()> {
    let mut rows = Vec::new();
    for events in chains {
        let mut prev_hash = GENESIS.to_owned();
        for (seq, event) in (1..).zip(events) {
            let row = event_row(event, seq, at, &prev_hash);
            if let Set(hash) = &row.hash {
                prev_hash.clone_from(hash);
            }
            rows.push(row);
        }
    }
    if !rows.is_empty() {
        request_event::Entity::insert_many(rows)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// `event`'s row at `seq` after `prev_hash`, hashed.
fn event_row(
    event: NewEvent,
    seq: i32,
    at: DateTime<Utc>,
    prev_hash: &str,
) -> request_event::ActiveModel {
    chained_row(
        event.request_id,
        seq,
        at,
        event.action,
        (event.from, event.to),
        event.actor,
        event.detail.to_string(),
        prev_hash,
    )
}

/// The row of an entry that follows `prev_hash` at `seq`, hashed: for writing many chains
/// at once (the seed, a new request's chain), where [`append`]'s per-entry lookups would be
/// the cost.
#[allow(clippy::too_many_arguments)]
pub(crate) fn chained_row(
    request_id: Uuid,
    seq: i32,
    at: DateTime<Utc>,
    action: AuditAction,
    (from, to): (Option<RequestStatus>, Option<RequestStatus>),
    actor: Actor,
    detail: String,
    prev_hash: &str,
) -> request_event::ActiveModel {
    // Stored timestamps keep microseconds on every database; hash exactly what is stored.
    let at = DateTime::<Utc>::from_timestamp_micros(at.timestamp_micros()).unwrap_or(at);
    let from = from.map(RequestStatus::as_str);
    let to = to.map(RequestStatus::as_str);
    let hash = entry_hash(&View {
        request_id,
        seq,
        at,
        action: action.as_str(),
        from,
        to,
        actor: actor.as_str(),
        detail: &detail,
        prev_hash,
    });
    request_event::ActiveModel {
        id: NotSet,
        request_id: Set(request_id),
        seq: Set(seq),
        at: Set(at),
        action: Set(action.as_str().to_owned()),
        from_status: Set(from.map(str::to_owned)),
        to_status: Set(to.map(str::to_owned)),
        actor: Set(actor.as_str().to_owned()),
        detail: Set(detail),
        prev_hash: Set(prev_hash.to_owned()),
        hash: Set(hash),
    }
}

/// The outcome of checking one request's chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainCheck {
    /// Every entry links and hashes correctly; holds the number of entries.
    Intact(usize),
    /// The first entry (by `seq`) that does not verify.
    BrokenAt(i32),
}

impl Backend {
    /// Recomputes every hash of a request's audit chain.
    pub async fn verify_audit_chain(&self, request_id: Uuid) -> Result<ChainCheck> {
        let rows = request_event::Entity::find()
            .filter(request_event::Column::RequestId.eq(request_id))
            .order_by_asc(request_event::Column::Seq)
            .all(self.db())
            .await?;
        Ok(check_chain(&rows))
    }
}

/// Checks a request's whole chain, read oldest first.
pub(crate) fn check_chain(rows: &[request_event::Model]) -> ChainCheck {
    let mut prev = GENESIS.to_owned();
    for (index, row) in rows.iter().enumerate() {
        let expected_seq = i32::try_from(index + 1).unwrap_or(i32::MAX);
        let view = View::from_model(row);
        if row.seq != expected_seq || row.prev_hash != prev || entry_hash(&view) != row.hash {
            return ChainCheck::BrokenAt(expected_seq);
        }
        prev = row.hash.clone();
    }
    ChainCheck::Intact(rows.len())
}

/// The hashed fields of an entry.
struct View<'a> {
    request_id: Uuid,
    seq: i32,
    at: DateTime<Utc>,
    action: &'a str,
    from: Option<&'a str>,
    to: Option<&'a str>,
    actor: &'a str,
    detail: &'a str,
    prev_hash: &'a str,
}

impl<'a> View<'a> {
    fn from_model(row: &'a request_event::Model) -> Self {
        Self {
            request_id: row.request_id,
            seq: row.seq,
            at: row.at,
            action: &row.action,
            from: row.from_status.as_deref(),
            to: row.to_status.as_deref(),
            actor: &row.actor,
            detail: &row.detail,
            prev_hash: &row.prev_hash,
        }
    }
}

fn entry_hash(v: &View<'_>) -> String {
    let canonical = format!(
        "v1\n{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}",
        v.prev_hash,
        v.request_id,
        v.seq,
        v.at.timestamp_micros(),
        v.action,
        v.from.unwrap_or("-"),
        v.to.unwrap_or("-"),
        v.actor,
        v.detail,
    );
    hex::encode(Sha256::digest(canonical.as_bytes()))
}
