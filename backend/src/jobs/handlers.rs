//! What each job kind does. Handlers are idempotent: a job whose worker died mid-way runs
//! again from the start.

use super::{Handled, Job, JobKind};
use crate::{Backend, Result};

impl Backend {
    /// Runs one claimed job of `kind` (read from `job` by the worker).
    pub(crate) async fn handle_job(&self, job: &Job, kind: JobKind) -> Result<Handled> {
        match kind {
            JobKind::RequestReceipt { request_id } => {
                self.send_request_receipt(request_id).await?;
            }
            JobKind::DenialNotice { request_id } => self.send_denial_notice(request_id).await?,
            JobKind::ExtensionNotice { request_id } => {
                self.send_extension_notice(request_id).await?;
            }
            JobKind::CompletionNotice { request_id } => {
                self.send_completion_notice(request_id).await?;
            }
            JobKind::DeletionDoneNotice { request_id } => {
                self.say_farewell(job, request_id).await?;
            }
            JobKind::ExportReadyNotice { request_id } => {
                self.send_export_ready(request_id).await?;
            }
            JobKind::MessageMail { message_id } => self.send_message_mail(message_id).await?,
            JobKind::StartRequest { request_id } => self.start_after_grace(request_id).await?,
            JobKind::ExpireAgentRequest { request_id } => {
                self.expire_agent_request(request_id).await?;
            }
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
}
