//! What the page for filing a request tells the person first: the law that applies where
//! they live, and the date we must reply by if they file today.

use domain::{
    RequestKind, SubjectId,
    deadline::{self, DeadlineError},
    dto::FilingPreview,
};
use sea_orm::EntityTrait;

use crate::{Backend, Error, Result, entities::subject};

impl Backend {
    /// The preview for a request of `kind` by `subject`. Where the person has not said where
    /// they live, nothing is computed: the page asks them first, and never guesses.
    pub async fn filing_preview(
        &self,
        subject: SubjectId,
        kind: RequestKind,
    ) -> Result<FilingPreview> {
        let person = subject::Entity::find_by_id(subject.as_uuid())
            .one(self.db())
            .await?
            .ok_or(Error::NotFound("subject"))?;
        let Some(code) = person
            .jurisdiction
            .as_deref()
            .and_then(|c| domain::JurisdictionCode::parse(c).ok())
        else {
            return Ok(FilingPreview {
                jurisdiction: None,
                regime: None,
                reply_by: None,
                unavailable: None,
            });
        };
        let computed = deadline::compute(&code, kind, self.now(), &[], &self.inner.deadline_policy);
        let (regime, reply_by, unavailable) = match computed {
            Ok(m) => (Some(m.regime.to_owned()), m.due().map(|d| d.date), None),
            Err(DeadlineError::KindUnavailable { regime, reason, .. }) => {
                (Some(regime.to_string()), None, Some(reason.to_string()))
            }
            Err(other) => return Err(Error::Validation(other.into())),
        };
        Ok(FilingPreview {
            jurisdiction: Some(code.as_str().to_owned()),
            regime,
            reply_by,
            unavailable,
        })
    }
}
