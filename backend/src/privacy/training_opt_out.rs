//! Switching "Do not train on my content" on and off.

use domain::{Actor, RequestKind, SubjectId};
use sea_orm::{ActiveValue::Set, DatabaseTransaction, EntityTrait};
use uuid::Uuid;

use super::{PURPOSE_TRAINING, overview::training_history};
use crate::{Backend, Result, entities::consent_record, requests::NewFiling};

impl Backend {
    /// Records the person's training choice.
    ///
    /// Opting out files an `opt_out_training` request and a consent record with its effective
    /// time. The suppression API reflects it at once; the request completes when every data
    /// system with that capability has confirmed it. Opting back in is a consent record too.
    /// Asking for the state already in force changes nothing, so a double click or a retried request is harmless.
    pub async fn set_training_opt_out(&self, subject: SubjectId, opted_out: bool) -> Result<()> {
        self.record_training_choice(subject, opted_out)
            .await
            .map(|_| ())
    }

    /// [`Self::set_training_opt_out`], returning the opt-out request it filed, if it filed one.
    pub(crate) async fn record_training_choice(
        &self,
        subject: SubjectId,
        opted_out: bool,
    ) -> Result<Option<Uuid>> {
        let txn = self.begin().await?;
        let current = training_history(&txn, subject.as_uuid()).await?;
        if current.first().is_some_and(|c| c.opted_out == opted_out)
            || (current.is_empty() && !opted_out)
        {
            return Ok(None);
        }
        let request_id = if opted_out {
            Some(self.complete_opt_out(&txn, subject).await?)
        } else {
            None
        };
        let record = consent_record::ActiveModel {
            // Time-ordered, so that two choices at the same instant (a test's clock) keep
            // their order where records are sorted by effective time, then id.
            id: Set(Uuid::now_v7()),
            subject_id: Set(subject.as_uuid()),
            purpose: Set(PURPOSE_TRAINING.to_owned()),
            opted_out: Set(opted_out),
            effective_at: Set(self.now()),
            request_id: Set(request_id),
            source: Set("portal".to_owned()),
        };
        consent_record::Entity::insert(record).exec(&txn).await?;
        txn.commit().await?;
        tracing::info!(subject = %subject, opted_out, "training choice recorded");
        Ok(request_id)
    }

    /// Files the request and fans it out to the systems that can stop training on the
    /// person's content; with none, it is complete at once.
    async fn complete_opt_out(
        &self,
        txn: &DatabaseTransaction,
        subject: SubjectId,
    ) -> Result<Uuid> {
        let now = self.now();
        let jurisdiction = self.subject_jurisdiction(txn, subject).await?;
        let filing = NewFiling::plain(
            subject.as_uuid(),
            RequestKind::OptOutTraining,
            &jurisdiction,
        );
        let request = self
            .file_and_start(txn, filing, Actor::Subject, now)
            .await?;
        Ok(request.id)
    }
}
