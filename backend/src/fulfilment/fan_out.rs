//! Moving a verified request on: to staff approval, through a grace period, or out into one
//! task per capable data system.

use chrono::{DateTime, Utc};
use domain::{
    Actor, AuditAction, RequestKind, RequestStatus, TaskState,
    system::{Capability, SystemKind},
};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    sea_query::Query,
};
use serde_json::json;
use uuid::Uuid;

use crate::{
    Backend, Error, Result,
    audit::{self, NewEvent},
    entities::{data_system, request, system_capability, task},
    jobs::{self, JobKind, NewJob},
};

impl Backend {
    /// Marks a request in status `from` verified and moves it on by its kind's policy (see
    /// [`Next`]): one that waited for its verification, such as an agent's until the
    /// consumer confirmed it. A request verified as it is filed goes through
    /// `Backend::file_and_start` instead.
    pub(crate) async fn verify_and_start_from(
        &self,
        db: &impl ConnectionTrait,
        request: &request::Model,
        from: RequestStatus,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<()> {
        use RequestStatus::*;
        self.transition_request(db, request.id, from, Verified, actor, now)
            .await?;
        let kind = request.kind;
        match Next::after_verification(kind) {
            Next::Approval => {
                self.transition_request(
                    db,
                    request.id,
                    Verified,
                    PendingApproval,
                    Actor::Policy,
                    now,
                )
                .await
            }
            Next::GracePeriod => {
                let (event, start) = self.grace_period(request.id, now);
                audit::append(db, now, event).await?;
                jobs::queue_in(db, now, start).await
            }
            Next::FanOut => {
                self.fan_out(db, request.id, kind, Verified, Actor::Policy, now)
                    .await
            }
        }
    }

    /// Approves a request waiting for staff, which then fans out. `actor` is recorded in the
    /// audit chain as the approver of the move to `in_progress`.
    pub async fn approve_request(&self, id: Uuid, actor: Actor) -> Result<()> {
        let now = self.now();
        let txn = self.begin().await?;
        let request = request::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or(Error::NotFound("request"))?;
        let kind = request.kind;
        self.fan_out(&txn, id, kind, RequestStatus::PendingApproval, actor, now)
            .await?;
        Ok(txn.commit().await?)
    }

    /// The entry and the job of a grace period starting `now`: the deletion fans out when
    /// it is over, unless it was canceled meanwhile.
    pub(crate) fn grace_period(&self, id: Uuid, now: DateTime<Utc>) -> (NewEvent, NewJob) {
        let until = now + self.inner.deletion_grace;
        let event = NewEvent {
            request_id: id,
            action: AuditAction::GracePeriod,
            from: None,
            to: None,
            actor: Actor::Policy,
            detail: json!({ "until": until.to_rfc3339() }),
        };
        let start = NewJob {
            kind: JobKind::StartRequest { request_id: id },
            dedupe_key: Some(format!("start:{id}")),
            max_attempts: 8,
            run_at: Some(until),
        };
        (event, start)
    }

    /// Fans a request out once its grace period is over, unless it was canceled meanwhile.
    pub(crate) async fn start_after_grace(&self, id: Uuid) -> Result<()> {
        let txn = self.begin().await?;
        let Some(request) = request::Entity::find_by_id(id).one(&txn).await? else {
            return Ok(());
        };
        if request.status != RequestStatus::Verified {
            return Ok(());
        }
        let kind = request.kind;
        self.fan_out(
            &txn,
            id,
            kind,
            RequestStatus::Verified,
            Actor::Policy,
            self.now(),
        )
        .await?;
        Ok(txn.commit().await?)
    }

    /// Moves the request to `in_progress` and creates one task per enabled system able to
    /// act on it, enqueueing the delivery of each webhook task in the same transaction.
    ///
    /// With no such system, an opt-out of training is complete (the suppression API carries
    /// it); anything else stays in progress for staff, with an audit entry saying why.
    pub(crate) async fn fan_out(
        &self,
        db: &impl ConnectionTrait,
        id: Uuid,
        kind: RequestKind,
        from: RequestStatus,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.transition_request(db, id, from, RequestStatus::InProgress, actor, now)
            .await?;
        let systems = capable_systems(db, kind).await?;
        let (tasks, deliveries) = new_tasks(id, &systems, now);
        insert_tasks(db, tasks).await?;
        jobs::queue_all_in(db, now, deliveries).await?;
        audit::append(db, now, fanned_out(id, &systems)).await?;
        if systems.is_empty() && kind == RequestKind::OptOutTraining {
            self.close_if_finished(db, id, now).await?;
        }
        Ok(())
    }
}

/// What a request does once verified, by its kind's policy.
pub(crate) enum Next {
    /// Waits for staff to approve it.
    Approval,
    /// Waits out the grace period in which it can be canceled (a deletion).
    GracePeriod,
    /// Goes out to the data systems at once.
    FanOut,
}

impl Next {
    /// The step after verification for a request of `kind`.
    pub(crate) fn after_verification(kind: RequestKind) -> Self {
        if kind.needs_approval() {
            Self::Approval
        } else if kind.has_grace_period() {
            Self::GracePeriod
        } else {
            Self::FanOut
        }
    }
}

/// The entry saying which systems request `id` went out to (or that none can act on it).
pub(crate) fn fanned_out(id: Uuid, systems: &[data_system::Model]) -> NewEvent {
    let names: Vec<&str> = systems.iter().map(|s| s.name.as_str()).collect();
    NewEvent {
        request_id: id,
        action: if names.is_empty() {
            AuditAction::NoSystems
        } else {
            AuditAction::FannedOut
        },
        from: None,
        to: None,
        actor: Actor::Policy,
        detail: json!({ "systems": names }),
    }
}

/// Enabled systems with the capability `kind` needs, by name.
pub(crate) async fn capable_systems(
    db: &impl ConnectionTrait,
    kind: RequestKind,
) -> Result<Vec<data_system::Model>> {
    let Some(needed) = Capability::needed_for(kind) else {
        return Ok(Vec::new());
    };
    let able = Query::select()
        .column(system_capability::Column::SystemId)
        .from(system_capability::Entity)
        .and_where(system_capability::Column::Capability.eq(needed))
        .to_owned();
    Ok(data_system::Entity::find()
        .filter(data_system::Column::Enabled.eq(true))
        .filter(data_system::Column::Id.in_subquery(able))
        .order_by_asc(data_system::Column::Name)
        .all(db)
        .await?)
}

/// A pending task of request `id` for each of `systems`, and the jobs that deliver the
/// webhook ones (a manual task waits for staff).
pub(crate) fn new_tasks(
    request_id: Uuid,
    systems: &[data_system::Model],
    now: DateTime<Utc>,
) -> (Vec<task::ActiveModel>, Vec<NewJob>) {
    let (mut tasks, mut deliveries) = (Vec::new(), Vec::new());
    for system in systems {
        let (task, delivery) = new_task(request_id, system, now);
        tasks.push(task);
        deliveries.extend(delivery);
    }
    (tasks, deliveries)
}

/// Inserts `tasks` in one statement.
pub(crate) async fn insert_tasks(
    db: &impl ConnectionTrait,
    tasks: Vec<task::ActiveModel>,
) -> Result<()> {
    if !tasks.is_empty() {
        task::Entity::insert_many(tasks)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

fn new_task(
    request_id: Uuid,
    system: &data_system::Model,
    now: DateTime<Utc>,
) -> (task::ActiveModel, Option<NewJob>) {
    let id = Uuid::new_v4();
    let row = task::ActiveModel {
        id: Set(id),
        request_id: Set(request_id),
        system_id: Set(system.id),
        event_id: Set(Uuid::new_v4()),
        state: Set(TaskState::Pending),
        deliveries: Set(0),
        last_error: Set(None),
        outcome: Set(None),
        result_key: Set(None),
        result_sha256: Set(None),
        completed_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    };
    let delivery =
        (system.kind == SystemKind::Webhook).then(|| delivery(id, &format!("deliver:{id}")));
    (row, delivery)
}

/// The job that delivers webhook task `task`, under `dedupe_key`.
fn delivery(task: Uuid, dedupe_key: &str) -> NewJob {
    NewJob {
        kind: JobKind::DeliverTask { task_id: task },
        dedupe_key: Some(dedupe_key.to_owned()),
        max_attempts: super::DELIVERY_ATTEMPTS,
        run_at: None,
    }
}

/// Enqueues the delivery of a webhook task under `dedupe_key`.
pub(crate) async fn enqueue_delivery(
    db: &impl ConnectionTrait,
    task: Uuid,
    dedupe_key: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    jobs::queue_in(db, now, delivery(task, dedupe_key)).await
}
