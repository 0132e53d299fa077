//! Filing a request and applying status transitions, each written to the audit chain in the
//! caller's transaction.

use chrono::{DateTime, Utc};
use domain::{JurisdictionCode, RequestKind, RequestStatus};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, sea_query::Expr,
};
use serde_json::json;
use uuid::Uuid;

use crate::{
    Backend, Error, Result,
    audit::{self, NewEvent},
    entities::request,
};

impl Backend {
    /// Inserts a request in `received` and opens its audit chain.
    pub(crate) async fn file_request(
        &self,
        db: &impl ConnectionTrait,
        subject: Uuid,
        kind: RequestKind,
        jurisdiction: &JurisdictionCode,
        now: DateTime<Utc>,
    ) -> Result<request::Model> {
        let id = Uuid::new_v4();
        let row = request::ActiveModel {
            id: Set(id),
            subject_id: Set(subject),
            kind: Set(kind.as_str().to_owned()),
            status: Set(RequestStatus::Received.as_str().to_owned()),
            jurisdiction: Set(jurisdiction.as_str().to_owned()),
            received_at: Set(now),
            acknowledge_by: Set(None),
            respond_by: Set(None),
            extension_notice_by: Set(None),
            extended_respond_by: Set(None),
            closed_at: Set(None),
            updated_at: Set(now),
        };
        let model = request::Entity::insert(row).exec_with_returning(db).await?;
        let detail = json!({ "kind": kind.as_str(), "jurisdiction": jurisdiction.as_str() });
        let event = NewEvent {
            request_id: id,
            action: "received",
            from: None,
            to: Some(RequestStatus::Received),
            actor: "subject",
            detail,
        };
        audit::append(db, now, event).await?;
        Ok(model)
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
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        from.transition(to)?;
        let closed_at = to.is_terminal().then_some(now);
        let updated = request::Entity::update_many()
            .col_expr(request::Column::Status, Expr::value(to.as_str()))
            .col_expr(request::Column::UpdatedAt, Expr::value(now))
            .col_expr(request::Column::ClosedAt, Expr::value(closed_at))
            .filter(request::Column::Id.eq(id))
            .filter(request::Column::Status.eq(from.as_str()))
            .exec(db)
            .await?;
        if updated.rows_affected != 1 {
            return Err(Error::Conflict(format!("the request is no longer {from}")));
        }
        let event = NewEvent {
            request_id: id,
            action: "status_changed",
            from: Some(from),
            to: Some(to),
            actor,
            detail: json!({}),
        };
        audit::append(db, now, event).await
    }
}
