//! `rightful audit verify`: every request's chain, every request with a chain at all, and
//! every anchor, read in pages so a log of millions of entries takes memory for one page
//! and one set of request ids.

use std::collections::HashSet;

use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use super::{
    ChainCheck, GENESIS,
    anchor::{PAGE, fold_range},
    check_chain,
};
use crate::{
    Backend, Result,
    entities::{audit_anchor, request, request_event},
};

/// The most broken chains a report lists (it counts them all).
pub const LISTED: usize = 100;

/// A chain that does not verify, at its first bad entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenChain {
    /// The request.
    pub request_id: Uuid,
    /// The position (`seq`) of the first entry that does not verify.
    pub seq: i32,
    /// That entry's id, when there is an entry at that position.
    pub event_id: Option<i64>,
}

/// An anchor the log no longer matches: entries it covers were changed or removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenAnchor {
    /// The anchor.
    pub anchor_id: i64,
    /// The entries it covers beyond the anchor before it: ids after this ...
    pub after_event: i64,
    /// ... up to this one.
    pub up_to_event: i64,
    /// How many entries it recorded up to there.
    pub recorded: i64,
    /// How many there are now.
    pub found: i64,
}

/// What verifying the whole audit log found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditReport {
    /// Requests whose chains were read.
    pub chains: u64,
    /// Entries read.
    pub events: u64,
    /// Anchors compared.
    pub anchors: u64,
    /// Broken chains, the first [`LISTED`] in request-id order.
    pub broken: Vec<BrokenChain>,
    /// How many chains are broken.
    pub broken_count: u64,
    /// Requests with no audit entry at all (their whole chain is gone).
    pub missing: Vec<Uuid>,
    /// The first anchor the log no longer matches.
    pub anchor: Option<BrokenAnchor>,
}

impl AuditReport {
    /// Whether nothing is broken.
    pub fn intact(&self) -> bool {
        self.broken_count == 0 && self.missing.is_empty() && self.anchor.is_none()
    }
}

impl Backend {
    /// Verifies every request's chain and every anchor. `progress` is told how many entries
    /// each step has read so far (chains first, then anchors).
    pub async fn verify_audit_log(
        &self,
        mut progress: impl FnMut(&'static str, u64),
    ) -> Result<AuditReport> {
        let mut report = AuditReport::default();
        let seen = self.verify_chains(&mut report, &mut progress).await?;
        report.missing = self.requests_without_chains(&seen).await?;
        self.verify_anchors(&mut report, &mut progress).await?;
        Ok(report)
    }

    /// Reads the log by (request, seq), checking each chain once it is whole; returns the
    /// requests that have one.
    async fn verify_chains(
        &self,
        report: &mut AuditReport,
        progress: &mut impl FnMut(&'static str, u64),
    ) -> Result<HashSet<Uuid>> {
        let mut seen = HashSet::new();
        let mut chain: Vec<request_event::Model> = Vec::new();
        let mut after: Option<(Uuid, i32)> = None;
        loop {
            let mut query = request_event::Entity::find()
                .order_by_asc(request_event::Column::RequestId)
                .order_by_asc(request_event::Column::Seq)
                .limit(PAGE);
            if let Some((id, seq)) = after {
                query = query.filter(
                    Condition::any()
                        .add(request_event::Column::RequestId.gt(id))
                        .add(
                            Condition::all()
                                .add(request_event::Column::RequestId.eq(id))
                                .add(request_event::Column::Seq.gt(seq)),
                        ),
                );
            }
            let rows = query.all(self.db()).await?;
            let Some(last) = rows.last() else { break };
            after = Some((last.request_id, last.seq));
            report.events += rows.len() as u64;
            for row in rows {
                if chain
                    .first()
                    .is_some_and(|c| c.request_id != row.request_id)
                {
                    check(report, &mut seen, &chain);
                    chain.clear();
                }
                chain.push(row);
            }
            progress("chains", report.events);
        }
        if !chain.is_empty() {
            check(report, &mut seen, &chain);
        }
        Ok(seen)
    }

    /// The requests that have no audit entry at all, in id order.
    async fn requests_without_chains(&self, seen: &HashSet<Uuid>) -> Result<Vec<Uuid>> {
        let mut missing = Vec::new();
        let mut after: Option<Uuid> = None;
        loop {
            let mut query = request::Entity::find()
                .select_only()
                .column(request::Column::Id)
                .order_by_asc(request::Column::Id)
                .limit(PAGE);
            if let Some(id) = after {
                query = query.filter(request::Column::Id.gt(id));
            }
            let ids: Vec<Uuid> = query.into_tuple().all(self.db()).await?;
            let Some(&last) = ids.last() else {
                return Ok(missing);
            };
            missing.extend(ids.into_iter().filter(|id| !seen.contains(id)));
            after = Some(last);
        }
    }

    /// Folds the log in id order and compares the digest at every anchor; stops at the first
    /// that does not match (every later one is folded from it).
    async fn verify_anchors(
        &self,
        report: &mut AuditReport,
        progress: &mut impl FnMut(&'static str, u64),
    ) -> Result<()> {
        let anchors = audit_anchor::Entity::find()
            .order_by_asc(audit_anchor::Column::UpToEvent)
            .order_by_asc(audit_anchor::Column::Id)
            .all(self.db())
            .await?;
        let mut state = (GENESIS.to_owned(), 0);
        let mut from = 0;
        let mut read = 0;
        for anchor in anchors {
            state = fold_range(self, state, from, anchor.up_to_event, |n| {
                read += n;
                progress("anchors", read);
            })
            .await?;
            report.anchors += 1;
            if state.0 != anchor.digest || state.1 != anchor.events {
                report.anchor = Some(BrokenAnchor {
                    anchor_id: anchor.id,
                    after_event: from,
                    up_to_event: anchor.up_to_event,
                    recorded: anchor.events,
                    found: state.1,
                });
                return Ok(());
            }
            from = anchor.up_to_event;
        }
        Ok(())
    }
}

/// Checks one whole chain into `report`.
fn check(report: &mut AuditReport, seen: &mut HashSet<Uuid>, chain: &[request_event::Model]) {
    let Some(first) = chain.first() else { return };
    report.chains += 1;
    seen.insert(first.request_id);
    if let ChainCheck::BrokenAt(seq) = check_chain(chain) {
        report.broken_count += 1;
        if report.broken.len() < LISTED {
            let at = usize::try_from(seq - 1).ok().and_then(|i| chain.get(i));
            report.broken.push(BrokenChain {
                request_id: first.request_id,
                seq,
                event_id: at.map(|row| row.id),
            });
        }
    }
}
