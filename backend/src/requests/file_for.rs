//! Filing a request on a person's behalf, for the company's own product (REST API).

use domain::{Email, JurisdictionCode, RequestKind};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::{ApiFiling, view::RequestView};
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
        if kind == RequestKind::OptOutTraining {
            return self.opt_out_for(email, user_id).await;
        }
        let filing = ApiFiling {
            email: email.clone(),
            user_id: user_id.map(str::to_owned),
            kind,
            jurisdiction,
        };
        let row = self.file_grouped(filing).await?;
        Ok(row.into())
    }

    /// Opts the person with `email` (created if new) out of training, as in the portal, and
    /// returns their newest opt-out request.
    async fn opt_out_for(&self, email: &Email, user_id: Option<&str>) -> Result<RequestView> {
        let txn = self.begin().await?;
        let subject = self
            .find_or_create_subject(&txn, email, user_id, self.now())
            .await?;
        txn.commit().await?;
        let kind = RequestKind::OptOutTraining;
        self.set_training_opt_out(domain::SubjectId::from_uuid(subject), true)
            .await?;
        let latest = request::Entity::find()
            .filter(request::Column::SubjectId.eq(subject))
            .filter(request::Column::Kind.eq(kind))
            .order_by_desc(request::Column::ReceivedAt)
            .one(self.db())
            .await?
            .ok_or_else(|| {
                Error::Internal(anyhow::anyhow!("opt-out recorded without a request"))
            })?;
        Ok(latest.into())
    }
}
