//! The console's actions on one request. Each needs a reason: its words become an internal
//! note, and a `justified` audit entry (who, which action, which note) goes on the chain in
//! the same transaction as the change it justifies, so neither is ever without the other.

use chrono::{DateTime, Utc};
use domain::{
    Actor, AuditAction, DenialReason, ExtensionReason, JurisdictionCode, PauseReason,
    RequestStatus, StaffAction, Statement,
    deadline::{ClockEvent, legal_time_zone},
};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder, sea_query::Expr,
};
use serde_json::json;
use uuid::Uuid;

use super::may_work;
use crate::{
    Backend, Error, Result,
    audit::{self, NewEvent},
    entities::{request, request_event, staff_note, staff_user, task},
    fulfilment::Upload,
    staff::StaffMember,
};

/// Why a member of staff acts: kept as an internal note. Personal data may be in it.
pub type Reason = Statement;

/// What a member of staff does to a request.
#[derive(Debug, Clone)]
pub enum Action {
    /// Approve a request waiting for staff; it fans out.
    Approve,
    /// Deny it for `reason`, telling the person `message`.
    Deny {
        /// The reason code.
        reason: DenialReason,
        /// What the person is told.
        message: Statement,
    },
    /// Assign it to a member of staff, or to nobody.
    Assign {
        /// Who; `None` unassigns.
        to: Option<Uuid>,
    },
    /// Pause the legal clock (where the law allows) and put it on hold.
    Pause {
        /// Why: the ground the law allows.
        reason: PauseReason,
    },
    /// Resume it: the pause is recorded on the clock and the request goes back to work.
    Resume,
    /// Take the extension, which mails the person the new date and the reason.
    Extend {
        /// Why more time is needed.
        reason: ExtensionReason,
    },
    /// Send its failed tasks out again.
    RetryTasks,
}

impl Action {
    fn staff_action(&self) -> StaffAction {
        match self {
            Self::Approve => StaffAction::Approve,
            Self::Deny { .. } => StaffAction::Deny,
            Self::Assign { .. } => StaffAction::Assign,
            Self::Pause { .. } => StaffAction::Pause,
            Self::Resume => StaffAction::Resume,
            Self::Extend { .. } => StaffAction::Extend,
            Self::RetryTasks => StaffAction::RetryTasks,
        }
    }
}

impl Backend {
    /// Does `action` to request `id` as `staff`, for `reason`.
    pub async fn staff_act(
        &self,
        staff: &StaffMember,
        id: Uuid,
        action: Action,
        reason: &Reason,
    ) -> Result<()> {
        may_work(staff)?;
        let now = self.now();
        let txn = self.begin().await?;
        let row = request::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or(Error::NotFound("request"))?;
        justify(&txn, staff, id, action.staff_action(), reason, now).await?;
        match action {
            Action::Approve => {
                self.fan_out(
                    &txn,
                    id,
                    row.kind,
                    RequestStatus::PendingApproval,
                    Actor::Staff,
                    now,
                )
                .await?
            }
            // A statement is at most 4,000 characters, as a denial's message may be.
            Action::Deny { reason, message } => {
                self.deny_in(&txn, &row, reason, message.as_str(), Actor::Staff, now)
                    .await?
            }
            Action::Assign { to } => assign(&txn, &row, to, now).await?,
            Action::Pause { reason } => self.pause(&txn, &row, reason, now).await?,
            Action::Resume => self.resume(&txn, row, now).await?,
            Action::Extend { reason } => {
                let on = legal_day(&row, now)?;
                let event = ClockEvent::Extend { on };
                self.clock_in(&txn, row, event, Some(reason), Actor::Staff, now)
                    .await?;
            }
            Action::RetryTasks => {
                self.retry_failed_in(&txn, id, Actor::Staff, now).await?;
            }
        }
        Ok(txn.commit().await?)
    }

    /// Completes manual task `task` of request `id` as `staff`, with `note` and a file.
    pub async fn staff_complete_task(
        &self,
        staff: &StaffMember,
        id: Uuid,
        task_id: Uuid,
        note: &Reason,
        upload: Option<Upload>,
    ) -> Result<()> {
        may_work(staff)?;
        let belongs = task::Entity::find_by_id(task_id)
            .filter(task::Column::RequestId.eq(id))
            .one(self.db())
            .await?;
        if belongs.is_none() {
            return Err(Error::NotFound("task"));
        }
        let txn: DatabaseTransaction = self.begin().await?;
        justify(&txn, staff, id, StaffAction::CompleteTask, note, self.now()).await?;
        self.complete_manual_in(txn, task_id, note.as_str(), upload, Actor::Staff)
            .await
    }

    /// Adds an internal note to request `id`; the person never sees it.
    pub async fn staff_note(&self, staff: &StaffMember, id: Uuid, body: &Statement) -> Result<()> {
        may_work(staff)?;
        request::Entity::find_by_id(id)
            .one(self.db())
            .await?
            .ok_or(Error::NotFound("request"))?;
        insert_note(self.writer(), staff, id, body, self.now()).await?;
        Ok(())
    }

    /// Writes to the person behind request `id` (mailed, and shown on their status page).
    pub async fn staff_message(
        &self,
        staff: &StaffMember,
        id: Uuid,
        body: &Statement,
    ) -> Result<()> {
        may_work(staff)?;
        self.message_person(id, body.as_str(), Actor::Staff).await
    }

    /// Puts the request on hold for `reason`, after checking the law allows pausing its
    /// clock.
    async fn pause(
        &self,
        txn: &impl ConnectionTrait,
        row: &request::Model,
        reason: PauseReason,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let today = legal_day(row, now)?;
        let trial = ClockEvent::Pause {
            from: today,
            to: today,
        };
        // The engine refuses a pause its law does not allow; try it before holding.
        let mut events = self.clock_events_of(txn, row.id).await?;
        events.push(trial);
        self.milestones_of(row, &events)?;
        request::Entity::update_many()
            .col_expr(request::Column::PauseReason, Expr::value(reason))
            .filter(request::Column::Id.eq(row.id))
            .exec(txn)
            .await?;
        self.transition_request(
            txn,
            row.id,
            row.status,
            RequestStatus::OnHold,
            Actor::Staff,
            now,
        )
        .await
    }

    /// Records the pause (from the day it went on hold to today) and returns the request to
    /// the status it was paused from.
    async fn resume(
        &self,
        txn: &impl ConnectionTrait,
        row: request::Model,
        now: DateTime<Utc>,
    ) -> Result<()> {
        if row.status != RequestStatus::OnHold {
            return Err(Error::Conflict("the request is not on hold".into()));
        }
        let held = request_event::Entity::find()
            .filter(request_event::Column::RequestId.eq(row.id))
            .filter(request_event::Column::ToStatus.eq(RequestStatus::OnHold.as_str()))
            .order_by_desc(request_event::Column::Seq)
            .one(txn)
            .await?
            .ok_or_else(|| anyhow::anyhow!("request {} is on hold without an entry", row.id))?;
        let back: RequestStatus = held
            .from_status
            .as_deref()
            .and_then(|s| s.parse().ok())
            .unwrap_or(RequestStatus::InProgress);
        let tz = legal_time_zone(&jurisdiction(&row)?);
        let from = held.at.with_timezone(&tz).date_naive();
        let to = now.with_timezone(&tz).date_naive();
        let id = row.id;
        self.clock_in(
            txn,
            row,
            ClockEvent::Pause { from, to },
            None,
            Actor::Staff,
            now,
        )
        .await?;
        self.transition_request(txn, id, RequestStatus::OnHold, back, Actor::Staff, now)
            .await
    }
}

/// Writes the reason as a note and puts `justified` on the chain.
async fn justify(
    db: &impl ConnectionTrait,
    staff: &StaffMember,
    id: Uuid,
    action: StaffAction,
    reason: &Reason,
    now: DateTime<Utc>,
) -> Result<()> {
    let note = insert_note(db, staff, id, reason, now).await?;
    let entry = NewEvent {
        request_id: id,
        action: AuditAction::Justified,
        from: None,
        to: None,
        actor: Actor::Staff,
        detail: json!({ "staff": staff.id, "action": action, "note": note }),
    };
    audit::append(db, now, entry).await
}

async fn insert_note(
    db: &impl ConnectionTrait,
    staff: &StaffMember,
    id: Uuid,
    body: &Statement,
    now: DateTime<Utc>,
) -> Result<Uuid> {
    let note = Uuid::new_v4();
    let row = staff_note::ActiveModel {
        id: Set(note),
        request_id: Set(id),
        staff_id: Set(staff.id),
        body: Set(body.as_str().to_owned()),
        created_at: Set(now),
    };
    staff_note::Entity::insert(row).exec(db).await?;
    Ok(note)
}

/// Sets or clears the assignee, who must be enabled staff who work requests.
async fn assign(
    db: &impl ConnectionTrait,
    row: &request::Model,
    to: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<()> {
    if let Some(to) = to {
        let ok = staff_user::Entity::find_by_id(to)
            .one(db)
            .await?
            .is_some_and(|s| !s.disabled && s.role.works_requests());
        if !ok {
            return Err(Error::Validation(domain::ValidationError::new(
                "assignee",
                "assignee.invalid",
                "assign it to an enabled operator or admin",
            )));
        }
    }
    request::Entity::update_many()
        .col_expr(request::Column::AssigneeId, Expr::value(to))
        .col_expr(request::Column::UpdatedAt, Expr::value(now))
        .filter(request::Column::Id.eq(row.id))
        .exec(db)
        .await?;
    let entry = NewEvent {
        request_id: row.id,
        action: AuditAction::Assigned,
        from: None,
        to: None,
        actor: Actor::Staff,
        detail: json!({ "to": to }),
    };
    audit::append(db, now, entry).await
}

fn jurisdiction(row: &request::Model) -> Result<JurisdictionCode> {
    JurisdictionCode::parse(&row.jurisdiction)
        .map_err(|_| Error::Internal(anyhow::anyhow!("request {} has a bad jurisdiction", row.id)))
}

/// Today in the request's legal time zone.
fn legal_day(row: &request::Model, now: DateTime<Utc>) -> Result<chrono::NaiveDate> {
    let tz = legal_time_zone(&jurisdiction(row)?);
    Ok(now.with_timezone(&tz).date_naive())
}
