//! The training-suppression list: which of a batch of people have opted out of AI training.

use std::collections::{HashMap, HashSet};

use domain::Email;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::{
    Backend, Result,
    entities::{consent_record, subject},
    privacy::PURPOSE_TRAINING,
};

/// The most identities one check may carry.
pub const MAX_PER_CHECK: usize = 100_000;

/// Rows per `IN (…)` query: well under SQLite's and PostgreSQL's bind-parameter limits.
const CHUNK: usize = 1_000;

impl Backend {
    /// The addresses among `emails` whose owners are opted out of AI training now.
    pub async fn suppressed_emails(&self, emails: &[Email]) -> Result<Vec<Email>> {
        let by_hash: HashMap<String, &Email> = emails
            .iter()
            .map(|e| (self.inner.keys.identity_hash(e.as_str()), e))
            .collect();
        let hashes: Vec<&String> = by_hash.keys().collect();
        let mut suppressed = Vec::new();
        for chunk in hashes.chunks(CHUNK) {
            let people = subject::Entity::find()
                .filter(subject::Column::EmailHash.is_in(chunk.iter().map(|h| h.as_str())))
                .all(self.db())
                .await?;
            let ids: Vec<_> = people.iter().map(|p| p.id).collect();
            let opted_out = self.opted_out_among(&ids).await?;
            suppressed.extend(
                people
                    .iter()
                    .filter(|p| opted_out.contains(&p.id))
                    .filter_map(|p| by_hash.get(&p.email_hash).map(|e| (*e).clone())),
            );
        }
        suppressed.sort();
        Ok(suppressed)
    }

    /// Of `ids`, those whose newest training-consent record is an opt-out.
    async fn opted_out_among(&self, ids: &[uuid::Uuid]) -> Result<HashSet<uuid::Uuid>> {
        let records = consent_record::Entity::find()
            .filter(consent_record::Column::SubjectId.is_in(ids.iter().copied()))
            .filter(consent_record::Column::Purpose.eq(PURPOSE_TRAINING))
            .order_by_desc(consent_record::Column::EffectiveAt)
            .all(self.db())
            .await?;
        let mut seen = HashSet::new();
        let mut opted_out = HashSet::new();
        for record in records {
            if seen.insert(record.subject_id) && record.opted_out {
                opted_out.insert(record.subject_id);
            }
        }
        Ok(opted_out)
    }
}
