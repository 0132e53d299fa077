//! Filing a request and applying status transitions, each written to the audit chain in the
//! caller's transaction.

use chrono::{DateTime, Utc};
use domain::{
    Actor, AuditAction, JurisdictionCode, RequestKind, RequestStatus,
    deadline::{self, Milestone, Milestones},
};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect,
    sea_query::Expr,
};
use serde_json::json;
use uuid::Uuid;

use crate::{
    Backend, Error, Result,
    audit::{self, NewEvent},
    entities::request,
    jobs::{self, JobKind, NewJob},
};

impl Backend {
    /// Inserts a request in `received` with its legal milestones, and opens its audit chain.
    ///
    /// Refuses a kind the jurisdiction's law does not provide (an appeal where there is no
    /// right of appeal).
    pub(crate) async fn file_request(
        &self,
        db: &impl ConnectionTrait,
        subject: Uuid,
        kind: RequestKind,
        jurisdiction: &JurisdictionCode,
        now: DateTime<Utc>,
    ) -> Result<request::Model> {
        let id = Uuid::new_v4();
        let (row, milestones) = self.new_row(id, subject, kind, jurisdiction, now)?;
        let model = request::Entity::insert(row).exec_with_returning(db).await?;
        audit::append(db, now, received(id, kind, jurisdiction, &milestones)).await?;
        jobs::queue_in(db, now, receipt(id)).await?;
        Ok(model)
    }

    /// A new request's row in `received`, with its legal milestones.
    pub(crate) fn new_row(
        &self,
        id: Uuid,
        subject: Uuid,
        kind: RequestKind,
        jurisdiction: &JurisdictionCode,
        now: DateTime<Utc>,
    ) -> Result<(request::ActiveModel, Milestones)> {
        let milestones =
            deadline::compute(jurisdiction, kind, now, &[], &self.inner.deadline_policy)
                .map_err(|e| Error::Validation(e.into()))?;
        let mut row = request::ActiveModel {
            id: Set(id),
            subject_id: Set(subject),
            kind: Set(kind),
            status: Set(RequestStatus::Received),
            jurisdiction: Set(jurisdiction.as_str().to_owned()),
            received_at: Set(now),
            closed_at: Set(None),
            updated_at: Set(now),
            ..Default::default()
        };
        set_milestones(&mut row, &milestones);
        Ok((row, milestones))
    }

    /// Moves a request from `from` to `to`, refusing transitions the lifecycle does not allow
    /// and losing none to a concurrent change (the update only applies while the status is
    /// still `from`).
    pub(crate) async fn transition_request(
        &self,
        db: &impl ConnectionTrait,
        id: Uuid,
        from: RequestStatus,
        to: RequestStatus,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<()> {
        from.transition(to)?;
        let closed_at = to.is_terminal().then_some(now);
        let answered = matches!(to, RequestStatus::Completed | RequestStatus::Denied);
        let days = if answered {
            Some(response_days_of(db, id, now).await?)
        } else {
            None
        };
        let updated = request::Entity::update_many()
            .col_expr(request::Column::Status, Expr::value(to))
            .col_expr(request::Column::UpdatedAt, Expr::value(now))
            .col_expr(request::Column::ClosedAt, Expr::value(closed_at))
            .col_expr(request::Column::ResponseDays, Expr::value(days))
            .filter(request::Column::Id.eq(id))
            .filter(request::Column::Status.eq(from))
            .exec(db)
            .await?;
        if updated.rows_affected != 1 {
            return Err(Error::Conflict(format!("the request is no longer {from}")));
        }
        let event = status_changed(id, from, to, actor);
        audit::append(db, now, event).await
    }
}

/// The first entry of request `id`'s chain: received, under which law, due when.
pub(crate) fn received(
    id: Uuid,
    kind: RequestKind,
    jurisdiction: &JurisdictionCode,
    milestones: &Milestones,
) -> NewEvent {
    NewEvent {
        request_id: id,
        action: AuditAction::Received,
        from: None,
        to: Some(RequestStatus::Received),
        actor: Actor::Subject,
        detail: json!({
            "kind": kind.as_str(),
            "jurisdiction": jurisdiction.as_str(),
            "regime": milestones.regime,
            "respond_by": milestones.respond_by.map(|m| m.to_string()),
        }),
    }
}

/// The job that mails the person the receipt of request `id`.
pub(crate) fn receipt(id: Uuid) -> NewJob {
    NewJob {
        kind: JobKind::RequestReceipt { request_id: id },
        dedupe_key: Some(format!("receipt:{id}")),
        max_attempts: 8,
        run_at: None,
    }
}

/// The entry for request `id` moving from `from` to `to`.
pub(crate) fn status_changed(
    id: Uuid,
    from: RequestStatus,
    to: RequestStatus,
    actor: Actor,
) -> NewEvent {
    NewEvent {
        request_id: id,
        action: AuditAction::StatusChanged,
        from: Some(from),
        to: Some(to),
        actor,
        detail: json!({}),
    }
}

/// The days request `id` took to be answered at `now`, counted in its law's time zone.
async fn response_days_of(db: &impl ConnectionTrait, id: Uuid, now: DateTime<Utc>) -> Result<i32> {
    let (received, place): (DateTime<Utc>, String) = request::Entity::find_by_id(id)
        .select_only()
        .columns([request::Column::ReceivedAt, request::Column::Jurisdiction])
        .into_tuple()
        .one(db)
        .await?
        .ok_or(Error::NotFound("request"))?;
    let place = JurisdictionCode::parse(&place)
        .map_err(|_| anyhow::anyhow!("request {id} has an unreadable jurisdiction"))?;
    Ok(domain::report::response_days(&place, received, now))
}

/// Copies computed milestones onto a request row, as UTC instants.
pub(crate) fn set_milestones(row: &mut request::ActiveModel, m: &Milestones) {
    let utc = |m: Option<Milestone>| m.map(|m| m.end.with_timezone(&Utc));
    row.acknowledge_by = Set(utc(m.acknowledge_by));
    row.respond_by = Set(utc(m.respond_by));
    row.extension_notice_by = Set(utc(m.extension_notice_by));
    row.extended_respond_by = Set(utc(m.extended_respond_by));
    row.extended = Set(m.extended);
    row.due_at = Set(utc(m.due()));
}
