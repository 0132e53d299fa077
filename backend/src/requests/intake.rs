//! Filing a request that starts at once (the person is verified, or an API key holder
//! vouches for them) in a few statements: planned in memory ([`Backend::plan_filing`]), then
//! the row in the status it ends in, its audit chain in one insert, its tasks in one and its
//! jobs in one ([`write_plans`], which writes many filings' plans as easily as one). Step by
//! step, the same filing took about twenty statements (each status change an update, each
//! audit entry a lock, a read and an insert).

use chrono::{DateTime, Utc};
use domain::{Actor, JurisdictionCode, RequestKind, RequestStatus};
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait};
use uuid::Uuid;

use super::lifecycle::{receipt, received, status_changed};
use crate::{
    Backend, Result,
    audit::{self, NewEvent},
    entities::{data_system, request, task},
    fulfilment::{Next, capable_systems, fanned_out, insert_tasks, new_tasks},
    jobs::{self, NewJob},
};

/// A request to file: whose, what, under which law, and what the person wrote.
pub(crate) struct NewFiling<'a> {
    pub subject: Uuid,
    pub kind: RequestKind,
    pub jurisdiction: &'a JurisdictionCode,
    /// The filing's particulars as stored (JSON), if its kind has any.
    pub particulars: Option<String>,
    /// The denied request this appeals.
    pub appeal_of: Option<Uuid>,
}

/// What a filing writes, gathered before anything is written.
pub(crate) struct Plan {
    id: Uuid,
    row: request::ActiveModel,
    status: RequestStatus,
    events: Vec<NewEvent>,
    tasks: Vec<task::ActiveModel>,
    jobs: Vec<NewJob>,
}

impl<'a> NewFiling<'a> {
    /// A filing with nothing written by the person and no appeal.
    pub(crate) fn plain(
        subject: Uuid,
        kind: RequestKind,
        jurisdiction: &'a JurisdictionCode,
    ) -> Self {
        Self {
            subject,
            kind,
            jurisdiction,
            particulars: None,
            appeal_of: None,
        }
    }
}

impl Plan {
    /// Moves the planned request on, as [`Backend::transition_request`] would.
    fn move_to(&mut self, to: RequestStatus, actor: Actor) -> Result<()> {
        self.status.transition(to)?;
        self.events
            .push(status_changed(self.id, self.status, to, actor));
        self.status = to;
        Ok(())
    }
}

impl Backend {
    /// Files `filing`, verified by `actor`, and moves it on by its kind's policy, in the
    /// caller's transaction: the same rows, chain and jobs as [`Backend::file_request`]
    /// followed by [`Backend::verify_and_start_from`], written at once.
    pub(crate) async fn file_and_start(
        &self,
        db: &impl ConnectionTrait,
        filing: NewFiling<'_>,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<request::Model> {
        let kind = filing.kind;
        let systems = match Next::after_verification(kind) {
            Next::FanOut => capable_systems(db, kind).await?,
            _ => Vec::new(),
        };
        let plan = self.plan_filing(filing, actor, now, &systems)?;
        let (id, no_systems) = (plan.id, systems.is_empty());
        let model = write_plans(db, now, vec![plan]).await?.pop();
        if no_systems && kind == RequestKind::OptOutTraining {
            // Nothing to wait for: complete at once, as the step-by-step fan-out does.
            self.close_if_finished(db, id, now).await?;
            return self.request_in(db, id).await;
        }
        model.ok_or(crate::Error::NotFound("request"))
    }

    /// Plans `filing`, verified by `actor`, and the step after (see [`Next`]); `systems`
    /// are those able to act on its kind, if it goes out to them.
    pub(crate) fn plan_filing(
        &self,
        filing: NewFiling<'_>,
        actor: Actor,
        now: DateTime<Utc>,
        systems: &[data_system::Model],
    ) -> Result<Plan> {
        let id = Uuid::new_v4();
        let (mut row, milestones) =
            self.new_row(id, filing.subject, filing.kind, filing.jurisdiction, now)?;
        row.particulars = Set(filing.particulars);
        row.appeal_of = Set(filing.appeal_of);
        let mut plan = Plan {
            id,
            row,
            status: RequestStatus::Received,
            events: vec![received(id, filing.kind, filing.jurisdiction, &milestones)],
            tasks: Vec::new(),
            jobs: vec![receipt(id)],
        };
        plan.move_to(RequestStatus::Verified, actor)?;
        match Next::after_verification(filing.kind) {
            Next::Approval => plan.move_to(RequestStatus::PendingApproval, Actor::Policy)?,
            Next::GracePeriod => {
                let (event, start) = self.grace_period(id, now);
                plan.events.push(event);
                plan.jobs.push(start);
            }
            Next::FanOut => {
                plan.move_to(RequestStatus::InProgress, Actor::Policy)?;
                let (tasks, deliveries) = new_tasks(id, systems, now);
                plan.tasks = tasks;
                plan.jobs.extend(deliveries);
                plan.events.push(fanned_out(id, systems));
            }
        }
        plan.row.status = Set(plan.status);
        Ok(plan)
    }

    /// Request `id` as the caller's transaction sees it.
    async fn request_in(&self, db: &impl ConnectionTrait, id: Uuid) -> Result<request::Model> {
        request::Entity::find_by_id(id)
            .one(db)
            .await?
            .ok_or(crate::Error::NotFound("request"))
    }
}

/// Writes `plans` in the caller's transaction, one statement per table for all of them:
/// the requests, their audit chains, their tasks and their jobs. Returns the requests as
/// stored, in the order of `plans`.
pub(crate) async fn write_plans(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    plans: Vec<Plan>,
) -> Result<Vec<request::Model>> {
    if plans.is_empty() {
        return Ok(Vec::new());
    }
    let order: Vec<Uuid> = plans.iter().map(|p| p.id).collect();
    let (mut rows, mut chains, mut tasks, mut jobs) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for plan in plans {
        rows.push(plan.row);
        chains.push(plan.events);
        tasks.extend(plan.tasks);
        jobs.extend(plan.jobs);
    }
    let stored = request::Entity::insert_many(rows)
        .exec_with_returning(db)
        .await?;
    audit::start_chains(db, now, chains).await?;
    insert_tasks(db, tasks).await?;
    jobs::queue_all_in(db, now, jobs).await?;
    let mut by_id: std::collections::HashMap<Uuid, request::Model> =
        stored.into_iter().map(|m| (m.id, m)).collect();
    order
        .iter()
        .map(|id| by_id.remove(id).ok_or(crate::Error::NotFound("request")))
        .collect()
}
