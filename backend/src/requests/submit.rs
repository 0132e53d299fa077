//! Filing a request that staff or data systems will carry out.

use domain::{RequestKind, SubjectId};
use sea_orm::TransactionTrait;
use uuid::Uuid;

use crate::{Backend, Result};

impl Backend {
    /// Files a request of `kind` for `subject` under the law of where they live, with its
    /// milestones, and leaves it `received` for the fulfilment steps.
    pub async fn submit_request(&self, subject: SubjectId, kind: RequestKind) -> Result<Uuid> {
        let txn = self.db().begin().await?;
        let jurisdiction = self.subject_jurisdiction(&txn, subject).await?;
        let request = self
            .file_request(&txn, subject.as_uuid(), kind, &jurisdiction, self.now())
            .await?;
        txn.commit().await?;
        Ok(request.id)
    }
}
