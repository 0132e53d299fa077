//! Canceling a request before it reaches the data systems: a deletion in its grace period,
//! or a request still waiting for verification or approval.

use domain::{Actor, RequestStatus, SubjectId};
use sea_orm::EntityTrait;
use uuid::Uuid;

use crate::{Backend, Error, Result, entities::request};

impl Backend {
    /// Cancels request `id` for the person who filed it (`Some`) or for the company's
    /// product (`None`, through the API). Once the systems have it, it can no longer be
    /// canceled.
    pub async fn cancel_request(
        &self,
        owner: Option<SubjectId>,
        id: Uuid,
        actor: Actor,
    ) -> Result<()> {
        let now = self.now();
        let txn = self.begin().await?;
        let row = request::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .filter(|r| owner.is_none_or(|o| o.as_uuid() == r.subject_id))
            .ok_or(Error::NotFound("request"))?;
        let status = row.status;
        if !status.is_cancelable() {
            return Err(Error::Conflict(format!(
                "a request that is {status} can no longer be canceled"
            )));
        }
        self.transition_request(&txn, id, status, RequestStatus::Canceled, actor, now)
            .await?;
        Ok(txn.commit().await?)
    }
}
