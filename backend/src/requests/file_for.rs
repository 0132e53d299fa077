//! Filing a request on a person's behalf, for the company's own product (REST API).

use domain::{Actor, Email, JurisdictionCode, RequestKind};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::{NewFiling, view::RequestView};
use crate::{Backend, Error, Result, entities::request};

impl Backend {
    /// Files a request of `kind` for the person with `email` (created if new), under
    /// `jurisdiction` or, if none is given, where the person said they live.
    ///
    /// The company vouches for the person, so the request is verified at once and moves on
    /// by its kind's policy (see [`crate::fulfilment`]). An opt-out of training takes effect
    /// at once, as in the portal; asking for it again returns the opt-out request on file.
    pub async fn file_request_for(
        &self,
        email: &Email,
        user_id: Option<&str>,
        kind: RequestKind,
        jurisdiction: Option<JurisdictionCode>,
    ) -> Result<RequestView> {
        let now = self.now();
        let txn = self.begin().await?;
        let subject = self
            .find_or_create_subject(&txn, email, user_id, now)
            .await?;
        let subject_id = domain::SubjectId::from_uuid(subject);
        let jurisdiction = match jurisdiction {
            Some(code) => code,
            None => self.subject_jurisdiction(&txn, subject_id).await?,
        };
        if kind == RequestKind::OptOutTraining {
            txn.commit().await?;
            self.set_training_opt_out(subject_id, true).await?;
            let latest = request::Entity::find()
                .filter(request::Column::SubjectId.eq(subject))
                .filter(request::Column::Kind.eq(kind))
                .order_by_desc(request::Column::ReceivedAt)
                .one(self.db())
                .await?
                .ok_or_else(|| {
                    Error::Internal(anyhow::anyhow!("opt-out recorded without a request"))
                })?;
            return Ok(latest.into());
        }
        let filing = NewFiling::plain(subject, kind, &jurisdiction);
        let row = self.file_and_start(&txn, filing, Actor::Api, now).await?;
        txn.commit().await?;
        Ok(row.into())
    }
}
