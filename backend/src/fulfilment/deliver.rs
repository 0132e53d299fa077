//! Delivering a webhook task: build the signed event, send it, and settle the task from the
//! reply. Run as the `task.deliver` job, so a failure is retried with backoff.

use chrono::{DateTime, Utc};
use domain::{Actor, TaskState};
use sea_orm::{
    ColumnTrait, EntityTrait, QueryFilter,
    sea_query::{Expr, ExprTrait},
};
use uuid::Uuid;

use super::{MAX_OUTCOME, settle::Settlement};
use crate::{
    Backend, Error, Result,
    blobs::BlobWriter,
    entities::{data_system, request, subject, task},
    jobs::{Handled, Job},
    webhooks::{
        DeliveryEvent, EventSubject,
        send::{self, Failure, Outgoing, Reply},
    },
};

impl Backend {
    /// Delivers task `id`. A task that is no longer pending (settled by an earlier run or a
    /// callback) is left alone, so running the job twice is harmless.
    pub(crate) async fn deliver_task(&self, job: &Job, id: Uuid) -> Result<Handled> {
        let Some(task) = task::Entity::find_by_id(id).one(self.db()).await? else {
            return Ok(Handled::Done);
        };
        if task.state != TaskState::Pending {
            return Ok(Handled::Done);
        }
        let system = data_system::Entity::find_by_id(task.system_id)
            .one(self.db())
            .await?
            .ok_or(Error::NotFound("data system"))?;
        let now = self.now();
        if let Some(until) = system.circuit_open_until.filter(|until| *until > now) {
            return Ok(Handled::Deferred(until));
        }
        if !system.enabled {
            self.settle_alone(&task, Settlement::failed("the system is disabled"))
                .await?;
            return Ok(Handled::Done);
        }
        let request = request::Entity::find_by_id(task.request_id)
            .one(self.db())
            .await?
            .ok_or(Error::NotFound("request"))?;
        self.count_delivery(task.id, now).await?;
        match self.exchange(&task, &system, &request, now).await {
            Ok(()) => {
                self.circuit_closed(&system).await?;
                Ok(Handled::Done)
            }
            Err(Failure::Permanent(reason)) => {
                self.circuit_closed(&system).await?;
                self.settle_alone(&task, Settlement::failed(reason)).await?;
                Ok(Handled::Done)
            }
            Err(Failure::Transient(reason)) => {
                tracing::warn!(system = %system.name, task = %task.id, %reason, "delivery failed; it will be retried");
                self.circuit_failure(&system, now).await?;
                if job.attempts >= job.max_attempts {
                    let reason = format!("{reason} (after {} attempts)", job.attempts);
                    self.settle_alone(&task, Settlement::failed(reason)).await?;
                    return Ok(Handled::Done);
                }
                self.note_task_error(task.id, &reason).await?;
                Err(Error::Unavailable("data system"))
            }
        }
    }

    /// Sends the event and acts on the reply.
    async fn exchange(
        &self,
        task: &task::Model,
        system: &data_system::Model,
        request: &request::Model,
        now: DateTime<Utc>,
    ) -> Result<(), Failure> {
        let internal = |e: Error| Failure::Transient(format!("internal: {e}"));
        let body = self.event_body(task, request).await.map_err(internal)?;
        let secrets = self.signing_secrets(system).map_err(internal)?;
        let out = Outgoing {
            endpoint: system.endpoint.as_deref().unwrap_or_default(),
            secrets: &secrets,
            networks: &self.inner.system_networks,
            idempotency_key: task.event_id.to_string(),
            body,
            timeout: std::time::Duration::from_millis(
                u64::try_from(system.timeout_ms).unwrap_or(10_000),
            ),
            now_unix: now.timestamp(),
        };
        match send::send(&self.inner.http, out).await? {
            Reply::Accepted => self.await_callback(task.id).await.map_err(internal),
            Reply::Answered(response) => {
                let kind = request.kind;
                let settlement = if kind.returns_data() {
                    self.store_data(task.id, response).await?
                } else {
                    Settlement {
                        done: true,
                        outcome: Some(read_capped(response).await?),
                        result: None,
                    }
                };
                self.settle_alone(task, settlement)
                    .await
                    .map_err(internal)
                    .map(drop)
            }
        }
    }

    /// The JSON event: ids, the kind, the person's identities, where to call back, the legal
    /// deadline, and what the person wrote when filing.
    async fn event_body(&self, task: &task::Model, request: &request::Model) -> Result<Vec<u8>> {
        let kind = request.kind;
        let person = subject::Entity::find_by_id(request.subject_id)
            .one(self.db())
            .await?
            .ok_or(Error::NotFound("subject"))?;
        let event = DeliveryEvent {
            event_id: task.event_id,
            request_id: request.id,
            kind,
            subject: EventSubject {
                subject_id: person.id,
                email: person.email,
                user_id: person.user_id,
            },
            callback_url: format!("{}/api/v1/callbacks/{}", self.inner.public_url, task.id),
            deadline: request.due(),
            particulars: request.filed_particulars(),
        };
        serde_json::to_vec(&event)
            .map_err(|e| Error::Internal(anyhow::anyhow!("serializing an event: {e}")))
    }

    /// Streams a data reply into the blob store, hashing it on the way.
    async fn store_data(
        &self,
        task: Uuid,
        mut response: reqwest::Response,
    ) -> Result<Settlement, Failure> {
        let key = crate::blobs::task_data_key(task);
        let stored = |e: Error| Failure::Transient(format!("storing the data: {e}"));
        let mut writer = BlobWriter::start(&self.inner.blobs, &key)
            .await
            .map_err(stored)?;
        loop {
            match response.chunk().await {
                Ok(Some(bytes)) => writer.write(&bytes).await.map_err(stored)?,
                Ok(None) => break,
                Err(err) => {
                    writer.abort().await;
                    return Err(send::reading(&err));
                }
            }
        }
        let (size, sha) = writer.finish().await.map_err(stored)?;
        Ok(Settlement {
            done: true,
            outcome: Some(format!("{size} bytes of data")),
            result: Some((key, sha)),
        })
    }

    /// Settles a task in a transaction of its own.
    pub(crate) async fn settle_alone(
        &self,
        task: &task::Model,
        settlement: Settlement,
    ) -> Result<bool> {
        let txn = self.begin().await?;
        let settled = self
            .settle_task(&txn, task, settlement, Actor::System, self.now())
            .await?;
        txn.commit().await?;
        Ok(settled)
    }

    async fn count_delivery(&self, id: Uuid, now: DateTime<Utc>) -> Result<()> {
        task::Entity::update_many()
            .col_expr(
                task::Column::Deliveries,
                Expr::col(task::Column::Deliveries).add(1),
            )
            .col_expr(task::Column::UpdatedAt, Expr::value(now))
            .filter(task::Column::Id.eq(id))
            .exec(self.writer())
            .await?;
        Ok(())
    }

    async fn note_task_error(&self, id: Uuid, reason: &str) -> Result<()> {
        task::Entity::update_many()
            .col_expr(task::Column::LastError, Expr::value(reason))
            .filter(task::Column::Id.eq(id))
            .exec(self.writer())
            .await?;
        Ok(())
    }

    /// Marks a pending task as waiting for its callback. The callback may have arrived
    /// already, in which case the task is settled and this changes nothing.
    async fn await_callback(&self, id: Uuid) -> Result<()> {
        task::Entity::update_many()
            .col_expr(
                task::Column::State,
                Expr::value(TaskState::AwaitingCallback),
            )
            .filter(task::Column::Id.eq(id))
            .filter(task::Column::State.eq(TaskState::Pending))
            .exec(self.writer())
            .await?;
        Ok(())
    }
}

/// Reads a receipt, keeping at most [`MAX_OUTCOME`] bytes of it.
async fn read_capped(mut response: reqwest::Response) -> Result<String, Failure> {
    let mut kept = Vec::new();
    while let Some(bytes) = response.chunk().await.map_err(|e| send::reading(&e))? {
        let room = MAX_OUTCOME.saturating_sub(kept.len());
        kept.extend_from_slice(&bytes[..bytes.len().min(room)]);
    }
    Ok(String::from_utf8_lossy(&kept).into_owned())
}
