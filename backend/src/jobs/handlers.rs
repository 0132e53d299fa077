//! What each job kind does. Handlers are idempotent: a job whose worker died mid-way runs
//! again from the start.

use domain::{JurisdictionCode, RequestKind, deadline::legal_time_zone};
use sea_orm::EntityTrait;
use uuid::Uuid;

use super::{Handled, Job, JobKind};
use crate::{Backend, Result, entities::request};

impl Backend {
    /// Runs one claimed job of `kind` (read from `job` by the worker).
    pub(crate) async fn handle_job(&self, job: &Job, kind: JobKind) -> Result<Handled> {
        match kind {
            JobKind::RequestReceipt { request_id } => {
                self.send_request_receipt(request_id).await?;
            }
            JobKind::DenialNotice { request_id } => self.send_denial_notice(request_id).await?,
            JobKind::MessageMail { message_id } => self.send_message_mail(message_id).await?,
            JobKind::StartRequest { request_id } => self.start_after_grace(request_id).await?,
            JobKind::PackageExport { request_id } => self.package_export(request_id).await?,
            JobKind::DeleteBlobs {
                keys,
                tasks,
                requests,
            } => self.delete_blobs(&keys, &tasks, &requests).await?,
            JobKind::DeliverTask { task_id } => return self.deliver_task(job, task_id).await,
        }
        Ok(Handled::Done)
    }

    /// Mails the person a receipt for their request, with its legal reply date. Skipped when
    /// the person's address has been erased since.
    async fn send_request_receipt(&self, id: Uuid) -> Result<()> {
        let Some(request) = request::Entity::find_by_id(id).one(self.db()).await? else {
            return Ok(());
        };
        let Some(email) = self.mail_address_of(request.subject_id).await? else {
            return Ok(());
        };
        let kind = request.kind;
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
