//! One request as staff see it in the console: who asks and how they were verified, the
//! milestones with their trail, tasks, evidence, notes, messages and the audit chain with
//! whether it verifies.

use domain::{
    Actor, AuditAction, MessageAuthor,
    console::{ChainEntry, ConsoleRequest, NoteView, StaffView, TaskRow, VerifiedBy},
    system::SystemKind,
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::{
    Backend, Error, Result,
    audit::{ChainCheck, check_chain},
    entities::{request, request_event, staff_note, staff_user, subject},
    staff::StaffMember,
};

impl Backend {
    /// Request `id` as the console shows it (every role reads it).
    pub async fn console_request(&self, _staff: &StaffMember, id: Uuid) -> Result<ConsoleRequest> {
        let row = request::Entity::find_by_id(id)
            .one(self.db())
            .await?
            .ok_or(Error::NotFound("request"))?;
        let now = self.now();
        let entries = request_event::Entity::find()
            .filter(request_event::Column::RequestId.eq(id))
            .order_by_asc(request_event::Column::Seq)
            .all(self.db())
            .await?;
        let chain_broken_at = match check_chain(&entries) {
            ChainCheck::Intact(_) => None,
            ChainCheck::BrokenAt(seq) => Some(seq),
        };
        let staff = staff_user::Entity::find()
            .order_by_asc(staff_user::Column::Email)
            .all(self.db())
            .await?;
        let milestones = self.deadlines_of(&row).await?;
        let email_of_subject = |id: Option<Uuid>| async move {
            match id {
                Some(id) => subject::Entity::find_by_id(id)
                    .one(self.db())
                    .await
                    .map(|s| s.and_then(|s| s.email)),
                None => Ok(None),
            }
        };
        let email = email_of_subject(Some(row.subject_id)).await?;
        let agent = email_of_subject(row.agent_id).await?;
        let verified_by = verified_by(&row, &entries);
        let particulars = row.filed_particulars();
        let denial = row.denial_reason;
        let extended = row.extended;
        let dated = |name: &str, m: Option<domain::deadline::Milestone>| {
            (
                name.to_owned(),
                m.map(|m| m.end.with_timezone(&chrono::Utc)),
            )
        };
        Ok(ConsoleRequest {
            milestones: vec![
                dated("acknowledge_by", milestones.acknowledge_by),
                dated("respond_by", milestones.respond_by),
                dated("extension_notice_by", milestones.extension_notice_by),
                dated("extended_respond_by", milestones.extended_respond_by),
            ],
            trail: milestones.trail,
            regime: milestones.regime.to_owned(),
            tasks: self.task_rows(id).await?,
            evidence: self.evidence_of(id).await?,
            notes: self.notes_of(id, &staff).await?,
            messages: self.message_views(id).await?,
            chain: entries.iter().map(chain_entry).collect(),
            chain_broken_at,
            staff: staff
                .into_iter()
                .filter(|s| !s.disabled && s.role.works_requests())
                .map(staff_view)
                .collect(),
            row: self
                .queue_rows(vec![row], now)
                .await?
                .pop()
                .ok_or(Error::NotFound("request"))?,
            email,
            verified_by,
            agent,
            particulars,
            denial,
            extended,
        })
    }

    async fn task_rows(&self, id: Uuid) -> Result<Vec<TaskRow>> {
        Ok(self
            .tasks_of(id)
            .await?
            .into_iter()
            .map(|t| TaskRow {
                id: t.id.to_string(),
                system: t.system,
                manual: t.system_kind == SystemKind::Manual,
                state: t.state,
                deliveries: t.deliveries,
                last_error: t.last_error,
            })
            .collect())
    }

    async fn notes_of(&self, id: Uuid, staff: &[staff_user::Model]) -> Result<Vec<NoteView>> {
        let rows = staff_note::Entity::find()
            .filter(staff_note::Column::RequestId.eq(id))
            .order_by_asc(staff_note::Column::CreatedAt)
            .all(self.db())
            .await?;
        Ok(rows
            .into_iter()
            .map(|n| NoteView {
                at: n.created_at,
                author: staff
                    .iter()
                    .find(|s| s.id == n.staff_id)
                    .map(|s| s.email.clone())
                    .unwrap_or_default(),
                from_person: false,
                body: n.body,
            })
            .collect())
    }

    async fn message_views(&self, id: Uuid) -> Result<Vec<NoteView>> {
        Ok(self
            .messages_of(id)
            .await?
            .into_iter()
            .map(|m| NoteView {
                at: m.at,
                author: m.author.to_string(),
                from_person: m.author == MessageAuthor::Subject,
                body: m.body,
            })
            .collect())
    }
}

/// How the person was verified: by an agent's filing and their confirmation, by the API
/// key of the integrator who filed it, or by a sign-in code.
fn verified_by(row: &request::Model, entries: &[request_event::Model]) -> VerifiedBy {
    if row.agent_id.is_some() {
        return VerifiedBy::Agent;
    }
    let verified = entries.iter().find(|e| {
        e.action == AuditAction::StatusChanged.as_str()
            && e.to_status.as_deref() == Some(domain::RequestStatus::Verified.as_str())
    });
    match verified {
        Some(e) if e.actor == Actor::Api.as_str() => VerifiedBy::ApiKey,
        _ => VerifiedBy::SignInCode,
    }
}

fn chain_entry(e: &request_event::Model) -> ChainEntry {
    ChainEntry {
        seq: e.seq,
        at: e.at,
        action: e.action.clone(),
        actor: e.actor.clone(),
        change: e.from_status.clone().zip(e.to_status.clone()),
        detail: e.detail.clone(),
    }
}

pub(super) fn staff_view(s: staff_user::Model) -> StaffView {
    StaffView {
        id: s.id.to_string(),
        email: s.email,
        role: s.role,
        disabled: s.disabled,
        totp: s.totp_secret.is_some(),
    }
}

impl Backend {
    /// Evidence file `file` of request `request`, for staff (every role reads it).
    pub async fn staff_evidence_download(
        &self,
        staff: &StaffMember,
        request: Uuid,
        file: Uuid,
    ) -> Result<crate::requests::EvidenceDownload> {
        tracing::info!(staff = %staff.id, request = %request, "evidence file read by staff");
        self.evidence_file(request, file).await
    }
}
