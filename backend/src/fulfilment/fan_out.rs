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
    /// Marks a just-filed request verified (the person proved their address, or an API key
    /// holder vouches for them) and moves it on by its kind's policy.
    pub(crate) async fn verify_and_start(
        &self,
        db: &impl ConnectionTrait,
        request: &request::Model,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.verify_and_start_from(db, request, RequestStatus::Received, actor, now)
            .await
    }

    /// [`Self::verify_and_start`] for a request in status `from`: also one that waited for
    /// its verification (an agent's, until the consumer confirmed it).
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
        if kind.needs_approval() {
            return self
                .transition_request(
                    db,
                    request.id,
                    Verified,
                    PendingApproval,
                    Actor::Policy,
                    now,
                )
                .await;
        }
        if kind.has_grace_period() {
            return self.begin_grace_period(db, request.id, now).await;
        }
        self.fan_out(db, request.id, kind, Verified, Actor::Policy, now)
            .await
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

    async fn begin_grace_period(
        &self,
        db: &impl ConnectionTrait,
        id: Uuid,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let until = now + self.inner.deletion_grace;
        let event = NewEvent {
            request_id: id,
            action: AuditAction::GracePeriod,
            from: None,
            to: None,
            actor: Actor::Policy,
            detail: json!({ "until": until.to_rfc3339() }),
        };
        audit::append(db, now, event).await?;
        let start = NewJob {
            kind: JobKind::StartRequest { request_id: id },
            dedupe_key: Some(format!("start:{id}")),
            max_attempts: 8,
            run_at: Some(until),
        };
        jobs::queue_in(db, now, start).await
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
        for system in &systems {
            create_task(db, id, system, now).await?;
        }
        let names: Vec<&str> = systems.iter().map(|s| s.name.as_str()).collect();
        let action = if names.is_empty() {
            AuditAction::NoSystems
        } else {
            AuditAction::FannedOut
        };
        let event = NewEvent {
            request_id: id,
            action,
            from: None,
            to: None,
            actor: Actor::Policy,
            detail: json!({ "systems": names }),
        };
        audit::append(db, now, event).await?;
        if names.is_empty() && kind == RequestKind::OptOutTraining {
            self.close_if_finished(db, id, now).await?;
        }
        Ok(())
    }
}

/// Enabled systems with the capability `kind` needs, by name.
async fn capable_systems(
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

async fn create_task(
    db: &impl ConnectionTrait,
    request_id: Uuid,
    system: &data_system::Model,
    now: DateTime<Utc>,
) -> Result<()> {
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
    task::Entity::insert(row).exec(db).await?;
    if system.kind == SystemKind::Webhook {
        enqueue_delivery(db, id, &format!("deliver:{id}"), now).await?;
    }
    Ok(())
}

/// Enqueues the delivery of a webhook task under `dedupe_key`.
pub(crate) async fn enqueue_delivery(
    db: &impl ConnectionTrait,
    task: Uuid,
    dedupe_key: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let job = NewJob {
        kind: JobKind::DeliverTask { task_id: task },
        dedupe_key: Some(dedupe_key.to_owned()),
        max_attempts: super::DELIVERY_ATTEMPTS,
        run_at: None,
    };
    jobs::queue_in(db, now, job).await
}
