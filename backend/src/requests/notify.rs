//! Mails about a request's progress, each sent by its job after the change that queued it:
//! the receipt (for a deletion, the notice that it is scheduled, with the date it can be
//! canceled until), an extension with its reason, completion, and a file ready to download.
//! Each is skipped when the person's address has been erased since, or the request has moved
//! on so that the notice no longer holds.

use chrono::{DateTime, NaiveDate, Utc};
use domain::{
    AuditAction, ExtensionReason, JurisdictionCode, RequestStatus, deadline::legal_time_zone,
    notice::Notice,
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::{
    Backend, Result,
    entities::{export, request, request_event},
    jobs::{self, JobKind, NewJob},
};

impl Backend {
    /// Mails the person a receipt for their request, with its legal reply date; for a
    /// deletion in its grace period, when it starts and that it can be canceled until then;
    /// for an agent's request not yet confirmed, the link to confirm it.
    pub(crate) async fn send_request_receipt(&self, id: Uuid) -> Result<()> {
        let Some(request) = request::Entity::find_by_id(id).one(self.db()).await? else {
            return Ok(());
        };
        // An agent's request is confirmed by the person first; its receipt follows then.
        if request.status == RequestStatus::AwaitingVerification && request.agent_id.is_some() {
            return self.send_agent_confirmation(&request).await;
        }
        let grace = match request.kind.has_grace_period() {
            true => latest_detail(self.db(), id, AuditAction::GracePeriod).await?,
            false => None,
        };
        let until = grace
            .as_ref()
            .and_then(|d| d.get("until")?.as_str()?.parse::<DateTime<Utc>>().ok());
        let notice = match until {
            Some(until) => Notice::DeletionScheduled {
                request_id: id.to_string(),
                until,
            },
            None => Notice::Receipt {
                request_id: id.to_string(),
                kind: request.kind,
                reply_by: reply_date(&request),
            },
        };
        self.notify_owner(&request, &notice).await
    }

    /// Mails the person that their request's reply date was extended, with the reason.
    pub(crate) async fn send_extension_notice(&self, id: Uuid) -> Result<()> {
        let Some(request) = request::Entity::find_by_id(id).one(self.db()).await? else {
            return Ok(());
        };
        if request.status.is_terminal() {
            return Ok(());
        }
        let detail = latest_detail(self.db(), id, AuditAction::ClockEvent).await?;
        let reason = detail
            .as_ref()
            .and_then(|d| d.get("reason")?.as_str()?.parse::<ExtensionReason>().ok());
        let notice = Notice::Extended {
            request_id: id.to_string(),
            kind: request.kind,
            reply_by: reply_date(&request),
            reason,
        };
        self.notify_owner(&request, &notice).await
    }

    /// Mails the person that their request was carried out.
    pub(crate) async fn send_completion_notice(&self, id: Uuid) -> Result<()> {
        let Some(request) = request::Entity::find_by_id(id).one(self.db()).await? else {
            return Ok(());
        };
        if request.status != RequestStatus::Completed {
            return Ok(());
        }
        let notice = Notice::Completed {
            request_id: id.to_string(),
            kind: request.kind,
        };
        self.notify_owner(&request, &notice).await
    }

    /// Mails the person that their file is ready, while its link still works.
    pub(crate) async fn send_export_ready(&self, id: Uuid) -> Result<()> {
        let Some(request) = request::Entity::find_by_id(id).one(self.db()).await? else {
            return Ok(());
        };
        let package = export::Entity::find()
            .filter(export::Column::RequestId.eq(id))
            .filter(export::Column::DeletedAt.is_null())
            .filter(export::Column::ExpiresAt.gt(self.now()))
            .one(self.db())
            .await?;
        let Some(package) = package else {
            return Ok(());
        };
        let notice = Notice::ExportReady {
            request_id: id.to_string(),
            until: package.expires_at,
        };
        self.notify_owner(&request, &notice).await
    }

    /// Mails `notice` to the person who filed `request`, in their language; nothing once
    /// their address is erased.
    async fn notify_owner(&self, request: &request::Model, notice: &Notice) -> Result<()> {
        let Some(reader) = self.reader_of(request.subject_id).await? else {
            return Ok(());
        };
        self.send_notice(&reader.email, reader.language, notice, Some(request.id))
            .await
    }
}

/// Queues notice job `kind` in the caller's transaction; `key` makes it once per change.
pub(crate) async fn queue_notice(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    kind: JobKind,
    key: String,
) -> Result<()> {
    let job = NewJob {
        kind,
        dedupe_key: Some(key),
        max_attempts: 8,
        run_at: None,
    };
    jobs::queue_in(db, now, job).await
}

/// The legal reply date of `request`, as a date in its law's time zone.
pub(crate) fn reply_date(request: &request::Model) -> Option<NaiveDate> {
    let code = JurisdictionCode::parse(&request.jurisdiction).ok()?;
    let at = request.due()?;
    Some(at.with_timezone(&legal_time_zone(&code)).date_naive())
}

/// The detail of the request's newest audit event of `action`.
async fn latest_detail(
    db: &impl ConnectionTrait,
    id: Uuid,
    action: AuditAction,
) -> Result<Option<serde_json::Value>> {
    let row = request_event::Entity::find()
        .filter(request_event::Column::RequestId.eq(id))
        .filter(request_event::Column::Action.eq(action))
        .order_by_desc(request_event::Column::Seq)
        .one(db)
        .await?;
    Ok(row.and_then(|r| serde_json::from_str(&r.detail).ok()))
}
