//! Requests an authorized agent files for a consumer (CCPA §7063).
//!
//! The agent signs in as themselves and attaches the consumer's signed permission (kept as
//! an evidence file). The request waits in `awaiting_verification`: its receipt job mails
//! the consumer a link to confirm or decline instead of a receipt, and nothing is sent to a
//! data system until they confirm. Unconfirmed, it is canceled on its `confirm_by` date by
//! a job queued with it. The legal clock runs from the filing, as the law counts it.

use chrono::{DateTime, Utc};
use domain::{
    Actor, AuditAction, RequestStatus, SubjectId, ValidationError,
    agent::{AgentFiling, CONFIRM_DAYS},
    dto::{AgentRequest, AgentRequestState},
    evidence::EvidenceFile,
    notice::Notice,
};
use rand::RngCore;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, EntityTrait, IntoActiveModel};
use serde_json::json;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::evidence::{self, StoredEvidence};
use crate::{
    Backend, Error, Result,
    audit::{self, NewEvent},
    entities::{request, subject},
    jobs::{self, JobKind, NewJob},
    throttle::Rule,
};

/// How many requests one agent may file in a day.
const PER_AGENT: Rule = Rule {
    limit: 20,
    window: chrono::Duration::days(1),
};

/// How many agents' requests one address may be asked to confirm in a day: each is a mail
/// to somebody who did not ask for it.
const PER_CONSUMER: Rule = Rule {
    limit: 3,
    window: chrono::Duration::days(1),
};

impl Backend {
    /// Files `filing` for its consumer on behalf of `agent`, with the signed `permission`.
    /// Returns the request's id; the consumer is mailed to confirm it.
    pub async fn file_as_agent(
        &self,
        agent: SubjectId,
        filing: &AgentFiling,
        permission: &EvidenceFile,
    ) -> Result<Uuid> {
        self.hit(&format!("agent:{}", agent.as_uuid()), PER_AGENT)
            .await?;
        let consumer = self.inner.keys.identity_hash(filing.consumer().as_str());
        self.hit(&format!("agent-for:{consumer}"), PER_CONSUMER)
            .await?;
        let stored = self.store_evidence(permission).await?;
        let filed = self.record_agent_filing(agent, filing, &stored).await;
        if filed.is_err() {
            self.drop_evidence(std::slice::from_ref(&stored)).await;
        }
        filed
    }

    async fn record_agent_filing(
        &self,
        agent: SubjectId,
        filing: &AgentFiling,
        permission: &StoredEvidence,
    ) -> Result<Uuid> {
        let now = self.now();
        let confirm_by = now + chrono::Duration::days(CONFIRM_DAYS);
        let txn = self.begin().await?;
        let consumer = self
            .find_or_create_subject(&txn, filing.consumer(), None, now)
            .await?;
        if consumer == agent.as_uuid() {
            return Err(Error::Validation(ValidationError::new(
                "consumer",
                "agent.self",
                "to ask for yourself, use the request's own page",
            )));
        }
        let row = self
            .file_request(&txn, consumer, filing.kind(), filing.jurisdiction(), now)
            .await?;
        let id = row.id;
        self.transition_request(
            &txn,
            id,
            RequestStatus::Received,
            RequestStatus::AwaitingVerification,
            Actor::Policy,
            now,
        )
        .await?;
        self.await_consumer(&txn, id, agent, confirm_by, permission, now)
            .await?;
        txn.commit().await?;
        Ok(id)
    }

    /// Marks just-filed request `id` as `agent`'s, waiting for its consumer until
    /// `confirm_by`: the agent and the date on the request, the permission recorded and
    /// audited, and the job that expires it.
    async fn await_consumer(
        &self,
        txn: &impl ConnectionTrait,
        id: Uuid,
        agent: SubjectId,
        confirm_by: DateTime<Utc>,
        permission: &StoredEvidence,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let mut row = request::Entity::find_by_id(id)
            .one(txn)
            .await?
            .ok_or(Error::NotFound("request"))?
            .into_active_model();
        row.agent_id = Set(Some(agent.as_uuid()));
        row.confirm_by = Set(Some(confirm_by));
        row.update(txn).await?;
        evidence::record(txn, id, std::slice::from_ref(permission), now).await?;
        let event = NewEvent {
            request_id: id,
            action: AuditAction::AgentFiled,
            from: None,
            to: None,
            actor: Actor::Agent,
            detail: json!({
                "permission_sha256": permission.sha256(),
                "confirm_by": confirm_by.to_rfc3339(),
            }),
        };
        audit::append(txn, now, event).await?;
        let expiry = NewJob {
            kind: JobKind::ExpireAgentRequest { request_id: id },
            dedupe_key: Some(format!("agent-expiry:{id}")),
            max_attempts: 10,
            run_at: Some(confirm_by),
        };
        jobs::queue_in(txn, now, expiry).await
    }

    /// The receipt of an agent's request: mails the consumer a fresh confirmation link (a
    /// retried mail makes the earlier link stop working).
    pub(crate) async fn send_agent_confirmation(&self, request: &request::Model) -> Result<()> {
        let (Some(agent), Some(until)) = (request.agent_id, request.confirm_by) else {
            return Ok(());
        };
        let Some(consumer) = self.reader_of(request.subject_id).await? else {
            return Ok(());
        };
        let agent = self.agent_address(Some(agent)).await?;
        let mut token = [0u8; 32];
        rand::rng().fill_bytes(&mut token);
        let token = hex::encode(token);
        let mut row = request.clone().into_active_model();
        row.confirm_hash = Set(Some(hash(&token)));
        row.update(self.writer()).await?;
        let notice = Notice::AgentConfirm {
            request_id: request.id.to_string(),
            kind: request.kind,
            agent,
            until,
            token,
        };
        self.send_notice(
            &consumer.email,
            consumer.language,
            &notice,
            Some(request.id),
        )
        .await
    }

    /// Agent's request `id`, as the consumer's confirmation link shows it; a wrong token
    /// is `NotFound`, as for a request that does not exist.
    pub async fn agent_request(&self, id: Uuid, token: &str) -> Result<AgentRequest> {
        let row = self.by_confirmation(id, token).await?;
        let agent = self.agent_address(row.agent_id).await?;
        let lapsed = row.confirm_by.is_some_and(|by| by <= self.now());
        let state = match row.status {
            // Past its date, the expiry job is only late: nothing will be done.
            RequestStatus::AwaitingVerification if lapsed => AgentRequestState::Expired,
            RequestStatus::AwaitingVerification => AgentRequestState::Waiting,
            RequestStatus::Canceled if row.closed_at >= row.confirm_by => {
                AgentRequestState::Expired
            }
            RequestStatus::Canceled => AgentRequestState::Declined,
            RequestStatus::Denied => AgentRequestState::Denied,
            _ => AgentRequestState::Confirmed,
        };
        Ok(AgentRequest {
            id: id.to_string(),
            kind: row.kind,
            agent,
            received_at: row.received_at,
            confirm_by: row.confirm_by,
            state,
        })
    }

    /// The consumer confirms agent's request `id` with their link's `token`: it is verified
    /// and moves on by its kind's policy, and they get its receipt.
    pub async fn confirm_agent_request(&self, id: Uuid, token: &str) -> Result<()> {
        let row = self.waiting_for(id, token).await?;
        let now = self.now();
        let txn = self.begin().await?;
        self.verify_and_start_from(
            &txn,
            &row,
            RequestStatus::AwaitingVerification,
            Actor::Subject,
            now,
        )
        .await?;
        let receipt = NewJob {
            kind: JobKind::RequestReceipt { request_id: id },
            dedupe_key: Some(format!("receipt-confirmed:{id}")),
            max_attempts: 8,
            run_at: None,
        };
        jobs::queue_in(&txn, now, receipt).await?;
        Ok(txn.commit().await?)
    }

    /// The consumer declines agent's request `id`: it is canceled, and nothing is done.
    pub async fn decline_agent_request(&self, id: Uuid, token: &str) -> Result<()> {
        self.waiting_for(id, token).await?;
        let now = self.now();
        let txn = self.begin().await?;
        let (from, to) = (RequestStatus::AwaitingVerification, RequestStatus::Canceled);
        self.transition_request(&txn, id, from, to, Actor::Subject, now)
            .await?;
        Ok(txn.commit().await?)
    }

    /// The `request.expire_unconfirmed` job: cancels agent's request `id` if its consumer
    /// has not confirmed it by now.
    pub(crate) async fn expire_agent_request(&self, id: Uuid) -> Result<()> {
        let Some(row) = request::Entity::find_by_id(id).one(self.db()).await? else {
            return Ok(());
        };
        let now = self.now();
        let due = row.confirm_by.is_some_and(|by| by <= now);
        if row.status != RequestStatus::AwaitingVerification || !due {
            return Ok(());
        }
        let txn = self.begin().await?;
        let (from, to) = (RequestStatus::AwaitingVerification, RequestStatus::Canceled);
        match self
            .transition_request(&txn, id, from, to, Actor::System, now)
            .await
        {
            // Confirmed or declined meanwhile.
            Err(Error::Conflict(_)) => Ok(()),
            other => {
                other?;
                Ok(txn.commit().await?)
            }
        }
    }

    /// The address of the agent who filed a request, as the person is shown it; empty once
    /// the agent's own address was erased.
    async fn agent_address(&self, agent: Option<Uuid>) -> Result<String> {
        let Some(agent) = agent else {
            return Ok(String::new());
        };
        let row = subject::Entity::find_by_id(agent).one(self.db()).await?;
        Ok(row.and_then(|a| a.email).unwrap_or_default())
    }

    /// Agent's request `id` if `token` is its link's: `NotFound` otherwise.
    async fn by_confirmation(&self, id: Uuid, token: &str) -> Result<request::Model> {
        let row = request::Entity::find_by_id(id).one(self.db()).await?;
        let expected = row.as_ref().and_then(|r| r.confirm_hash.as_deref());
        // Compared as hashes of equal length, so the comparison time tells nothing useful.
        match (row.as_ref(), expected) {
            (Some(row), Some(expected)) if expected == hash(token) => Ok(row.clone()),
            _ => Err(Error::NotFound("request")),
        }
    }

    /// Agent's request `id`, still waiting and not expired, if `token` is its link's.
    async fn waiting_for(&self, id: Uuid, token: &str) -> Result<request::Model> {
        let row = self.by_confirmation(id, token).await?;
        let open = row.confirm_by.is_some_and(|by| by > self.now());
        if row.status != RequestStatus::AwaitingVerification || !open {
            return Err(Error::Conflict(
                "this request is no longer waiting for your confirmation".into(),
            ));
        }
        Ok(row)
    }
}

fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}
