//! What the "Your privacy" page shows a signed-in person.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use domain::{
    JurisdictionCode, SubjectId,
    deadline::legal_time_zone,
    dto::{ConsentChange, PrivacyOverview, RequestSummary},
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::PURPOSE_TRAINING;
use crate::{
    Backend, Error, Result,
    entities::{consent_record, export, request, subject},
};

impl Backend {
    /// The person's training choice, its history and their requests, newest first.
    pub async fn privacy_overview(&self, subject: SubjectId) -> Result<PrivacyOverview> {
        let id = subject.as_uuid();
        let training_history = training_history(self.db(), id).await?;
        let rows = request::Entity::find()
            .filter(request::Column::SubjectId.eq(id))
            .order_by_desc(request::Column::ReceivedAt)
            .all(self.db())
            .await?;
        let now = self.now();
        let downloads: HashMap<Uuid, DateTime<Utc>> = export::Entity::find()
            .filter(export::Column::RequestId.is_in(rows.iter().map(|r| r.id)))
            .filter(export::Column::DeletedAt.is_null())
            .filter(export::Column::ExpiresAt.gt(now))
            .all(self.db())
            .await?
            .into_iter()
            .map(|e| (e.request_id, e.expires_at))
            .collect();
        let requests = rows
            .into_iter()
            .map(|row| {
                let until = downloads.get(&row.id).copied();
                summary(row).map(|s| RequestSummary {
                    download_until: until,
                    ..s
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let person = subject::Entity::find_by_id(id)
            .one(self.db())
            .await?
            .ok_or(Error::NotFound("subject"))?;
        Ok(PrivacyOverview {
            jurisdiction: person.jurisdiction,
            training_opted_out: training_history.first().is_some_and(|c| c.opted_out),
            training_history,
            requests,
        })
    }
}

/// The training-consent changes of one person, newest first.
pub(super) async fn training_history(
    db: &impl ConnectionTrait,
    subject: Uuid,
) -> Result<Vec<ConsentChange>> {
    let rows = consent_record::Entity::find()
        .filter(consent_record::Column::SubjectId.eq(subject))
        .filter(consent_record::Column::Purpose.eq(PURPOSE_TRAINING))
        .order_by_desc(consent_record::Column::EffectiveAt)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| ConsentChange {
            opted_out: r.opted_out,
            effective_at: r.effective_at,
        })
        .collect())
}

/// A request row as the person's pages show it.
pub(crate) fn summary(row: request::Model) -> Result<RequestSummary> {
    let corrupt =
        |what: &str| Error::Internal(anyhow::anyhow!("request {} has a bad {what}", row.id));
    let jurisdiction =
        JurisdictionCode::parse(&row.jurisdiction).map_err(|_| corrupt("jurisdiction"))?;
    let due = row.due();
    Ok(RequestSummary {
        due_on: due.map(|at| {
            at.with_timezone(&legal_time_zone(&jurisdiction))
                .date_naive()
        }),
        id: row.id.to_string(),
        kind: row.kind,
        status: row.status,
        received_at: row.received_at,
        closed_at: row.closed_at,
        download_until: None,
    })
}
