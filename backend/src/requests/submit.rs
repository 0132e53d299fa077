//! Filing a request from the portal, for the signed-in person.

use domain::{
    Actor, Filing, RequestKind, RequestStatus, SubjectId, ValidationError, dto::AppealRoute,
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, sea_query::Expr,
};
use uuid::Uuid;

use super::{
    NewFiling,
    evidence::{self, StoredEvidence},
};
use crate::{Backend, Error, Result, entities::request};

impl Backend {
    /// Files a request of a `kind` that needs nothing more (see [`Filing::plain`]).
    pub async fn submit_request(&self, subject: SubjectId, kind: RequestKind) -> Result<Uuid> {
        self.submit(subject, &Filing::plain(kind)?).await
    }

    /// Files `filing` for the signed-in `subject` (their code proved the address, so it is
    /// verified) under the law of where they live, and moves it on by its kind's policy. An
    /// appeal is filed under the law of the request it appeals, which must be the person's
    /// own, denied, and not appealed already.
    pub async fn submit(&self, subject: SubjectId, filing: &Filing) -> Result<Uuid> {
        self.submit_with(subject, filing, &[]).await
    }

    /// [`Backend::submit`], recording `evidence` (already in the blob store) in the same
    /// transaction.
    pub(crate) async fn submit_with(
        &self,
        subject: SubjectId,
        filing: &Filing,
        evidence: &[StoredEvidence],
    ) -> Result<Uuid> {
        // The training opt-out is also the privacy page's switch: one path keeps the
        // consent record and the request together.
        if filing.kind() == RequestKind::OptOutTraining {
            return self
                .record_training_choice(subject, true)
                .await?
                .ok_or_else(|| {
                    Error::Conflict("your content is already kept out of AI training".into())
                });
        }
        let txn = self.begin().await?;
        let now = self.now();
        let jurisdiction = match filing.appeal_of() {
            Some(of) => self.appealable(&txn, subject, of).await?,
            None => self.subject_jurisdiction(&txn, subject).await?,
        };
        let particulars = filing
            .particulars()
            .map(serde_json::to_string)
            .transpose()
            .map_err(|e| Error::Internal(anyhow::anyhow!("particulars: {e}")))?;
        let new = NewFiling {
            subject: subject.as_uuid(),
            kind: filing.kind(),
            jurisdiction: &jurisdiction,
            particulars,
            appeal_of: filing.appeal_of(),
        };
        let request = self.file_and_start(&txn, new, Actor::Subject, now).await?;
        evidence::record(&txn, request.id, evidence, now).await?;
        txn.commit().await?;
        Ok(request.id)
    }
}

impl Backend {
    /// The jurisdiction of denied request `of`, if `subject` may appeal it: it is theirs, it
    /// was denied, their law gives an appeal (the route the status page offers), and no
    /// appeal of it stands (one that was canceled may be filed again). The denied request's
    /// row is locked first, so two filings at once cannot both pass the last check.
    async fn appealable(
        &self,
        db: &impl ConnectionTrait,
        subject: SubjectId,
        of: Uuid,
    ) -> Result<domain::JurisdictionCode> {
        request::Entity::update_many()
            .col_expr(request::Column::Id, Expr::col(request::Column::Id))
            .filter(request::Column::Id.eq(of))
            .exec(db)
            .await?;
        let denied = request::Entity::find_by_id(of)
            .one(db)
            .await?
            .filter(|r| r.subject_id == subject.as_uuid())
            .ok_or(Error::NotFound("request"))?;
        if denied.status != RequestStatus::Denied {
            return Err(Error::Conflict(
                "only a denied request can be appealed".into(),
            ));
        }
        match self.appeal_route(&denied) {
            AppealRoute::Open { .. } => {}
            AppealRoute::AttorneyGeneral => {
                return Err(Error::Conflict(
                    "an appeal's decision cannot be appealed again; you can complain to your \
                     attorney general"
                        .into(),
                ));
            }
            AppealRoute::Filed { .. } | AppealRoute::Authority | AppealRoute::NoAppeal => {
                return Err(Error::Validation(ValidationError::new(
                    "appeal_of",
                    "appeal.unavailable",
                    "the law that applies to this request gives no right to appeal to us",
                )));
            }
        }
        let standing = request::Entity::find()
            .filter(request::Column::AppealOf.eq(of))
            .filter(request::Column::Status.ne(RequestStatus::Canceled))
            .count(db)
            .await?;
        if standing > 0 {
            return Err(Error::Conflict(
                "this decision has already been appealed".into(),
            ));
        }
        domain::JurisdictionCode::parse(&denied.jurisdiction)
            .map_err(|_| Error::Internal(anyhow::anyhow!("request {of} has a bad jurisdiction")))
    }
}
