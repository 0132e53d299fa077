//! Global Privacy Control: a browser's `Sec-GPC: 1` is a valid opt-out of sale and sharing
//! (CCPA regulations §7025). For a signed-in person it is recorded once, as an
//! `opt_out_sale` request carried out like any other.

use domain::{Actor, RequestKind, RequestStatus, SubjectId};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect,
};

use crate::{
    Backend, Error, Result,
    entities::{request, subject},
    requests::NewFiling,
};

impl Backend {
    /// Files an opt-out of sale and sharing for `subject`, whose browser sends GPC, unless
    /// one is already filed and not denied or canceled. Returns whether it filed one. The
    /// person's row is locked first, so two page loads at once file one request, not two.
    pub async fn honour_gpc(&self, subject: SubjectId) -> Result<bool> {
        // Every page load of a GPC browser asks; only the first needs the locking write.
        if opt_outs_of_sale(self.db(), subject).await? > 0 {
            return Ok(false);
        }
        let txn = self.begin().await?;
        subject::Entity::find_by_id(subject.as_uuid())
            .lock_exclusive()
            .one(&txn)
            .await?
            .ok_or(Error::NotFound("subject"))?;
        if opt_outs_of_sale(&txn, subject).await? > 0 {
            return Ok(false);
        }
        let jurisdiction = self.subject_jurisdiction(&txn, subject).await?;
        let now = self.now();
        let filing = NewFiling::plain(subject.as_uuid(), RequestKind::OptOutSale, &jurisdiction);
        self.file_and_start(&txn, filing, Actor::Subject, now)
            .await?;
        txn.commit().await?;
        Ok(true)
    }
}

/// The person's opt-outs of sale that stand (not denied or canceled).
async fn opt_outs_of_sale(db: &impl ConnectionTrait, subject: SubjectId) -> Result<u64> {
    Ok(request::Entity::find()
        .filter(request::Column::SubjectId.eq(subject.as_uuid()))
        .filter(request::Column::Kind.eq(RequestKind::OptOutSale))
        .filter(request::Column::Status.is_not_in([RequestStatus::Denied, RequestStatus::Canceled]))
        .count(db)
        .await?)
}
