//! What each job kind does. Handlers are idempotent: a job whose worker died mid-way runs
//! again from the start.

use domain::{JurisdictionCode, RequestKind, deadline::legal_time_zone};
use sea_orm::EntityTrait;
use uuid::Uuid;

use super::{Handled, Job, kind};
use crate::{
    Backend, Error, Result,
    entities::{request, subject},
};

impl Backend {
    /// Runs one claimed job.
    pub(crate) async fn handle_job(&self, job: &Job) -> Result<Handled> {
        let payload: serde_json::Value = serde_json::from_str(&job.payload)
            .map_err(|e| Error::Internal(anyhow::anyhow!("job {}: bad payload: {e}", job.id)))?;
        match job.kind.as_str() {
            kind::REQUEST_RECEIPT => {
                self.send_request_receipt(&payload).await?;
                Ok(Handled::Done)
            }
            kind::START_REQUEST => {
                self.start_after_grace(id_in(&payload, "request_id")?)
                    .await?;
                Ok(Handled::Done)
            }
            kind::PACKAGE_EXPORT => {
                self.package_export(id_in(&payload, "request_id")?).await?;
                Ok(Handled::Done)
            }
            kind::DELETE_BLOBS => {
                // `keys` is what jobs queued before the sweep by task and request carry.
                let keys: Vec<String> = list_in(&payload, "keys")?;
                let tasks: Vec<Uuid> = list_in(&payload, "tasks")?;
                let requests: Vec<Uuid> = list_in(&payload, "requests")?;
                self.delete_blobs(&keys, &tasks, &requests).await?;
                Ok(Handled::Done)
            }
            kind::DELIVER_TASK => self.deliver_task(job, id_in(&payload, "task_id")?).await,
            other => Err(Error::Internal(anyhow::anyhow!(
                "unknown job kind {other:?}"
            ))),
        }
    }

    /// Mails the person a receipt for their request, with its legal reply date. Skipped when
    /// the person's address has been erased since.
    async fn send_request_receipt(&self, payload: &serde_json::Value) -> Result<()> {
        let id = id_in(payload, "request_id")?;
        let Some(request) = request::Entity::find_by_id(id).one(self.db()).await? else {
            return Ok(());
        };
        let email = subject::Entity::find_by_id(request.subject_id)
            .one(self.db())
            .await?
            .and_then(|s| s.email)
            .and_then(|e| domain::Email::parse(&e).ok());
        let Some(email) = email else { return Ok(()) };
        let kind: RequestKind = request
            .kind
            .parse()
            .map_err(|_| Error::Internal(anyhow::anyhow!("bad kind")))?;
        let body = receipt_body(&request, kind);
        self.inner
            .mailer
            .send(
                &email,
                &format!("We received your request: {}", kind.label()),
                body,
            )
            .await
    }
}

/// The id under `field` in a job's payload.
fn id_in(payload: &serde_json::Value, field: &str) -> Result<Uuid> {
    payload[field]
        .as_str()
        .and_then(|s| Uuid::parse_str(s).ok())
        .ok_or_else(|| Error::Internal(anyhow::anyhow!("job payload without {field}")))
}

/// The list under `field` in a job's payload; empty if absent.
fn list_in<T: serde::de::DeserializeOwned>(
    payload: &serde_json::Value,
    field: &str,
) -> Result<Vec<T>> {
    match payload.get(field) {
        None => Ok(Vec::new()),
        Some(list) => serde_json::from_value(list.clone())
            .map_err(|e| Error::Internal(anyhow::anyhow!("job payload {field}: {e}"))),
    }
}

fn receipt_body(request: &request::Model, kind: RequestKind) -> String {
    let due = JurisdictionCode::parse(&request.jurisdiction)
        .ok()
        .and_then(|code| {
            let at = request.due()?;
            Some(
                at.with_timezone(&legal_time_zone(&code))
                    .format("%-d %B %Y")
                    .to_string(),
            )
        });
    let promise = match (kind, due) {
        (RequestKind::OptOutTraining, _) => {
            "It took effect at once: your content is no longer used to train AI models.".to_owned()
        }
        (_, Some(date)) => format!("The law gives us until {date} to reply, and we will."),
        (_, None) => "We will reply as soon as we can.".to_owned(),
    };
    format!(
        "We received your request \"{}\" on {}.\n\n{promise}\n\n\
         Reference: {}\nYou can follow it on your privacy page.\n",
        kind.label(),
        request.received_at.format("%-d %B %Y, %H:%M UTC"),
        request.id,
    )
}
