//! Where a person says they live, which picks the law their requests are counted under.

use domain::{JurisdictionCode, SubjectId};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, DatabaseTransaction, EntityTrait, IntoActiveModel,
};

use crate::{Backend, Error, Result, entities::subject};

impl Backend {
    /// Records the person's jurisdiction for their future requests.
    pub async fn set_subject_jurisdiction(
        &self,
        subject: SubjectId,
        jurisdiction: &JurisdictionCode,
    ) -> Result<()> {
        let row = subject::Entity::find_by_id(subject.as_uuid())
            .one(self.db())
            .await?
            .ok_or(Error::NotFound("subject"))?;
        let mut active = row.into_active_model();
        active.jurisdiction = Set(Some(jurisdiction.as_str().to_owned()));
        active.update(self.writer()).await?;
        Ok(())
    }

    /// Where the person said they live, or the configured default.
    pub(crate) async fn subject_jurisdiction(
        &self,
        db: &DatabaseTransaction,
        subject: SubjectId,
    ) -> Result<JurisdictionCode> {
        let row = subject::Entity::find_by_id(subject.as_uuid())
            .one(db)
            .await?
            .ok_or(Error::NotFound("subject"))?;
        Ok(row
            .jurisdiction
            .and_then(|code| JurisdictionCode::parse(&code).ok())
            .unwrap_or_else(|| self.inner.default_jurisdiction.clone()))
    }
}
