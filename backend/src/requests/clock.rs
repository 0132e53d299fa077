//! The legal clock of a request: pauses, restarts and extensions, each recorded in the audit
//! chain, with the milestones recomputed from the whole history every time.

use chrono::{DateTime, Utc};
use domain::{
    Actor, AuditAction, ExtensionReason, JurisdictionCode, ValidationError,
    deadline::{self, ClockEvent, Milestones},
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel,
    QueryFilter, QueryOrder,
};
use serde_json::json;
use uuid::Uuid;

use super::{lifecycle::set_milestones, notify};
use crate::{
    Backend, Error, Result,
    audit::{self, NewEvent},
    entities::{request, request_event},
    jobs::JobKind,
};

impl Backend {
    /// Applies a clock event to an open request and stores the recomputed milestones. An
    /// extension needs its `reason`, and the person is mailed the new date and the reason.
    ///
    /// The engine refuses what the law does not allow (a pause under the CCPA, a late
    /// extension); the refusal names the reason and changes nothing.
    pub async fn apply_clock_event(
        &self,
        request_id: Uuid,
        event: ClockEvent,
        reason: Option<ExtensionReason>,
        actor: Actor,
    ) -> Result<Milestones> {
        let extends = matches!(event, ClockEvent::Extend { .. });
        if extends && reason.is_none() {
            return Err(Error::Validation(ValidationError::new(
                "reason",
                "extension.reason",
                "say why the request needs more time: complex or numerous",
            )));
        }
        let txn = self.begin().await?;
        let row = request::Entity::find_by_id(request_id)
            .one(&txn)
            .await?
            .ok_or(Error::NotFound("request"))?;
        let milestones = self
            .clock_in(&txn, row, event, reason, actor, self.now())
            .await?;
        txn.commit().await?;
        Ok(milestones)
    }

    /// Applies a clock event to `row` inside the caller's transaction.
    pub(crate) async fn clock_in(
        &self,
        txn: &impl ConnectionTrait,
        row: request::Model,
        event: ClockEvent,
        reason: Option<ExtensionReason>,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<Milestones> {
        let request_id = row.id;
        let extends = matches!(event, ClockEvent::Extend { .. });
        let status = row.status;
        if status.is_terminal() {
            return Err(Error::Conflict(format!("the request is already {status}")));
        }
        let mut events = clock_events(txn, request_id).await?;
        events.push(event);
        let milestones = self.milestones_of(&row, &events)?;
        let (pauses, paused_days, paused_for) = (row.pauses, row.paused_days, row.pause_reason);
        let mut active = row.into_active_model();
        set_milestones(&mut active, &milestones);
        match event {
            ClockEvent::Extend { .. } => active.extension_reason = Set(reason),
            ClockEvent::Pause { from, to } => {
                let days = i32::try_from((to - from).num_days()).unwrap_or(0);
                active.pauses = Set(pauses.saturating_add(1));
                active.paused_days = Set(paused_days.saturating_add(days));
            }
            ClockEvent::Restart { .. } => {}
        }
        active.updated_at = Set(now);
        active.update(txn).await?;
        let detail = json!({
            "event": event,
            // An extension's reason, or the reason the clock was paused for.
            "reason": match event {
                ClockEvent::Extend { .. } => reason.map(|r| r.as_str()),
                ClockEvent::Pause { .. } => paused_for.map(|r| r.as_str()),
                ClockEvent::Restart { .. } => None,
            },
            "respond_by": milestones.respond_by.map(|m| m.to_string()),
            "extended_respond_by": milestones.extended_respond_by.map(|m| m.to_string()),
        });
        let entry = NewEvent {
            request_id,
            action: AuditAction::ClockEvent,
            from: None,
            to: None,
            actor,
            detail,
        };
        audit::append(txn, now, entry).await?;
        if extends {
            let notice = JobKind::ExtensionNotice { request_id };
            let key = format!("extended:{request_id}:{}", Uuid::now_v7());
            notify::queue_notice(txn, now, notice, key).await?;
        }
        Ok(milestones)
    }

    /// A request's milestones with the full trail of how each date was reached.
    pub async fn request_deadlines(&self, request_id: Uuid) -> Result<Milestones> {
        let row = request::Entity::find_by_id(request_id)
            .one(self.db())
            .await?
            .ok_or(Error::NotFound("request"))?;
        self.deadlines_of(&row).await
    }

    /// [`Self::request_deadlines`] for a request row already read.
    pub(crate) async fn deadlines_of(&self, row: &request::Model) -> Result<Milestones> {
        let events = clock_events(self.db(), row.id).await?;
        self.milestones_of(row, &events)
    }

    /// The clock events recorded for request `id`, oldest first.
    pub(crate) async fn clock_events_of(
        &self,
        db: &impl ConnectionTrait,
        id: Uuid,
    ) -> Result<Vec<ClockEvent>> {
        clock_events(db, id).await
    }

    /// `row`'s milestones with `events` applied; the engine's refusal as a validation error.
    pub(crate) fn milestones_of(
        &self,
        row: &request::Model,
        events: &[ClockEvent],
    ) -> Result<Milestones> {
        let corrupt =
            |what: &str| Error::Internal(anyhow::anyhow!("request {} has a bad {what}", row.id));
        let jurisdiction =
            JurisdictionCode::parse(&row.jurisdiction).map_err(|_| corrupt("jurisdiction"))?;
        deadline::compute(
            &jurisdiction,
            row.kind,
            row.received_at,
            events,
            &self.inner.deadline_policy,
        )
        .map_err(|e| Error::Validation(e.into()))
    }
}

/// The clock events recorded for a request, oldest first.
async fn clock_events(db: &impl ConnectionTrait, request_id: Uuid) -> Result<Vec<ClockEvent>> {
    let rows = request_event::Entity::find()
        .filter(request_event::Column::RequestId.eq(request_id))
        .filter(request_event::Column::Action.eq(AuditAction::ClockEvent))
        .order_by_asc(request_event::Column::Seq)
        .all(db)
        .await?;
    rows.iter()
        .map(|row| {
            let detail: serde_json::Value = serde_json::from_str(&row.detail)
                .map_err(|e| anyhow::anyhow!("audit entry {}: {e}", row.id))?;
            serde_json::from_value(detail["event"].clone())
                .map_err(|e| Error::Internal(anyhow::anyhow!("audit entry {}: {e}", row.id)))
        })
        .collect()
}
