//! Filing a request that staff or data systems will carry out.

use domain::{Actor, RequestKind, SubjectId};
use uuid::Uuid;

use crate::{Backend, Result};

impl Backend {
    /// Files a request of `kind` for the signed-in `subject` (their code proved the address,
    /// so it is verified) under the law of where they live, and moves it on by its kind's
    /// policy.
    pub async fn submit_request(&self, subject: SubjectId, kind: RequestKind) -> Result<Uuid> {
        let txn = self.begin().await?;
        let jurisdiction = self.subject_jurisdiction(&txn, subject).await?;
        let now = self.now();
        let request = self
            .file_request(&txn, subject.as_uuid(), kind, &jurisdiction, now)
            .await?;
        self.verify_and_start(&txn, &request, Actor::Subject, now)
            .await?;
        txn.commit().await?;
        Ok(request.id)
    }
}
