//! Filing a request that starts at once (the person is verified, or an API key holder
//! vouches for them) in a few statements: the row in the status it ends in, its audit
//! chain in one insert, its tasks in one and its jobs in one. Step by step, the same filing
//! took about twenty statements (each status change an update, each audit entry a lock, a
//! read and an insert), and intake ran at a twentieth of a bare insert's rate.

use chrono::{DateTime, Utc};
use domain::{Actor, JurisdictionCode, RequestKind, RequestStatus};
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait};
use uuid::Uuid;

use super::lifecycle::{receipt, received, status_changed};
use crate::{
    Backend, Result,
    audit::{self, NewEvent},
    entities::{request, task},
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

/// What the filing writes, gathered before anything is written.
struct Plan {
    id: Uuid,
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
        let id = Uuid::new_v4();
        let (mut row, milestones) =
            self.new_row(id, filing.subject, filing.kind, filing.jurisdiction, now)?;
        let mut plan = Plan {
            id,
            status: RequestStatus::Received,
            events: vec![received(id, filing.kind, filing.jurisdiction, &milestones)],
            tasks: Vec::new(),
            jobs: vec![receipt(id)],
        };
        plan.move_to(RequestStatus::Verified, actor)?;
        let next = Next::after_verification(filing.kind);
        self.plan_next(db, &mut plan, &next, filing.kind, now)
            .await?;

        let no_systems = matches!(next, Next::FanOut) && plan.tasks.is_empty();
        row.status = Set(plan.status);
        row.particulars = Set(filing.particulars);
        row.appeal_of = Set(filing.appeal_of);
        let model = request::Entity::insert(row).exec_with_returning(db).await?;
        audit::start_chain(db, now, plan.events).await?;
        insert_tasks(db, plan.tasks).await?;
        jobs::queue_all_in(db, now, plan.jobs).await?;
        if no_systems && filing.kind == RequestKind::OptOutTraining {
            // Nothing to wait for: complete at once, as the step-by-step fan-out does.
            self.close_if_finished(db, id, now).await?;
            return self.request_in(db, id).await;
        }
        Ok(model)
    }

    /// Plans the step after verification (see [`Next`]).
    async fn plan_next(
        &self,
        db: &impl ConnectionTrait,
        plan: &mut Plan,
        next: &Next,
        kind: RequestKind,
        now: DateTime<Utc>,
    ) -> Result<()> {
        match next {
            Next::Approval => plan.move_to(RequestStatus::PendingApproval, Actor::Policy),
            Next::GracePeriod => {
                let (event, start) = self.grace_period(plan.id, now);
                plan.events.push(event);
                plan.jobs.push(start);
                Ok(())
            }
            Next::FanOut => {
                plan.move_to(RequestStatus::InProgress, Actor::Policy)?;
                let systems = capable_systems(db, kind).await?;
                let (tasks, deliveries) = new_tasks(plan.id, &systems, now);
                plan.tasks = tasks;
                plan.jobs.extend(deliveries);
                plan.events.push(fanned_out(plan.id, &systems));
                Ok(())
            }
        }
    }

    /// Request `id` as the caller's transaction sees it.
    async fn request_in(&self, db: &impl ConnectionTrait, id: Uuid) -> Result<request::Model> {
        request::Entity::find_by_id(id)
            .one(db)
            .await?
            .ok_or(crate::Error::NotFound("request"))
    }
}
