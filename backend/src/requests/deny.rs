//! Denying a request before it reaches the data systems, with a reason code and a message for
//! the person, who is told by e-mail (the `mail.request_denied` job) and how to contest it.

use chrono::{DateTime, Utc};
use domain::{
    Actor, AuditAction, DenialReason, JurisdictionCode, RequestKind, RequestStatus,
    ValidationError,
    deadline::{self, DeadlineError},
    dto::AppealRoute,
    notice::Notice,
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, sea_query::Expr};
use serde_json::json;
use uuid::Uuid;

use super::RequestView;
use crate::{
    Backend, Error, Result,
    audit::{self, NewEvent},
    entities::request,
    jobs::{self, JobKind, NewJob},
};

/// The longest message a denial may carry.
pub const MAX_DENIAL_MESSAGE: usize = 4_000;

impl Backend {
    /// Denies request `id` for `reason`, telling the person `message`. Only a request the
    /// data systems do not have yet can be denied (the lifecycle's table says which); the
    /// person is mailed the reason and their route to contest it.
    pub async fn deny_request(
        &self,
        id: Uuid,
        reason: DenialReason,
        message: &str,
        actor: Actor,
    ) -> Result<RequestView> {
        let message = message.trim();
        if message.is_empty() || message.chars().count() > MAX_DENIAL_MESSAGE {
            return Err(Error::Validation(ValidationError::new(
                "message",
                "denial.message",
                "tell the person why, in up to 4,000 characters",
            )));
        }
        let now = self.now();
        let txn = self.begin().await?;
        let row = request::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or(Error::NotFound("request"))?;
        self.deny_in(&txn, &row, reason, message, actor, now)
            .await?;
        txn.commit().await?;
        self.request_view(id).await
    }

    /// Denies `row` inside the caller's transaction; `message` is already checked.
    pub(crate) async fn deny_in(
        &self,
        txn: &impl ConnectionTrait,
        row: &request::Model,
        reason: DenialReason,
        message: &str,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let id = row.id;
        if !row.status.can_become(RequestStatus::Denied) {
            return Err(Error::Conflict(format!(
                "a request that is {} can no longer be denied",
                row.status
            )));
        }
        self.transition_request(txn, id, row.status, RequestStatus::Denied, actor, now)
            .await?;
        request::Entity::update_many()
            .col_expr(request::Column::DenialReason, Expr::value(reason))
            .col_expr(request::Column::DenialMessage, Expr::value(message))
            .filter(request::Column::Id.eq(id))
            .exec(txn)
            .await?;
        let event = NewEvent {
            request_id: id,
            action: AuditAction::Denied,
            from: None,
            to: None,
            actor,
            detail: json!({ "reason": reason }),
        };
        audit::append(txn, now, event).await?;
        let notice = NewJob {
            kind: JobKind::DenialNotice { request_id: id },
            dedupe_key: Some(format!("denied:{id}")),
            max_attempts: 8,
            run_at: None,
        };
        jobs::queue_in(txn, now, notice).await
    }

    /// Mails the person that their request was denied. Skipped when the address has been
    /// erased since, or the request is no longer denied.
    pub(crate) async fn send_denial_notice(&self, id: Uuid) -> Result<()> {
        let Some(request) = request::Entity::find_by_id(id).one(self.db()).await? else {
            return Ok(());
        };
        if request.status != RequestStatus::Denied {
            return Ok(());
        }
        let Some(reader) = self.reader_of(request.subject_id).await? else {
            return Ok(());
        };
        let notice = Notice::Denied {
            request_id: request.id.to_string(),
            kind: request.kind,
            received: request.received_at.date_naive(),
            reason: request.denial_reason,
            message: request.denial_message.clone(),
            route: self.appeal_route(&request),
        };
        self.send_notice(&reader.email, reader.language, &notice, Some(request.id))
            .await
    }

    /// How the person can contest a denial, as their law has it: an appeal where it gives
    /// one (a denied appeal goes to the state's attorney general), a supervisory authority
    /// and the courts under the GDPR (Art 12(4)), or what the deadline engine names instead.
    pub(crate) fn appeal_route(&self, request: &request::Model) -> AppealRoute {
        let Ok(jurisdiction) = JurisdictionCode::parse(&request.jurisdiction) else {
            return AppealRoute::NoAppeal;
        };
        let appeal = deadline::compute(
            &jurisdiction,
            RequestKind::Appeal,
            self.now(),
            &[],
            &self.inner.deadline_policy,
        );
        match appeal {
            Ok(m) if m.regime == "default" => AppealRoute::NoAppeal,
            Ok(_) if request.kind == RequestKind::Appeal => AppealRoute::AttorneyGeneral,
            Ok(m) => match m.due() {
                Some(due) => AppealRoute::Open {
                    decide_by: due.date,
                },
                None => AppealRoute::NoAppeal,
            },
            Err(DeadlineError::KindUnavailable { regime, .. }) if regime.contains("GDPR") => {
                AppealRoute::Authority
            }
            Err(_) => AppealRoute::NoAppeal,
        }
    }
}
