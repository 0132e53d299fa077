//! The training-suppression list: which of a batch of people have opted out of AI training,
//! named by e-mail address or by the company's user id.
//!
//! Both are matched through what erasure keeps (the keyed hash of the address, the digest of
//! the user id), so a person who had their data deleted stays opted out.

mod snapshot;

pub use snapshot::{SETTLE, Snapshot};

use std::collections::{HashMap, HashSet};

use domain::Email;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use sha2::{Digest, Sha256};

use crate::{
    Backend, Result,
    entities::{consent_record, subject},
    privacy::PURPOSE_TRAINING,
};

/// The most identities one check may carry.
pub const MAX_PER_CHECK: usize = 100_000;

/// The unkeyed SHA-256 of an identity as hex: the form the snapshot publishes, and what a
/// person's row keeps of it after erasure.
pub(crate) fn digest(identity: &str) -> String {
    hex::encode(Sha256::digest(identity.as_bytes()))
}

/// Rows per `IN (…)` query: well under SQLite's and PostgreSQL's bind-parameter limits.
const CHUNK: usize = 1_000;

impl Backend {
    /// The addresses among `emails` whose owners are opted out of AI training now.
    pub async fn suppressed_emails(&self, emails: &[Email]) -> Result<Vec<Email>> {
        let by_hash: HashMap<String, &Email> = emails
            .iter()
            .map(|e| (self.inner.keys.identity_hash(e.as_str()), e))
            .collect();
        let hashes: Vec<&str> = by_hash.keys().map(String::as_str).collect();
        let found = self
            .suppressed_by(subject::Column::EmailHash, &hashes)
            .await?;
        let mut suppressed: Vec<Email> = found
            .iter()
            .filter_map(|h| by_hash.get(h).map(|e| (*e).clone()))
            .collect();
        suppressed.sort();
        Ok(suppressed)
    }

    /// The user ids among `user_ids` whose owners are opted out of AI training now.
    pub async fn suppressed_user_ids(&self, user_ids: &[&str]) -> Result<Vec<String>> {
        let by_digest: HashMap<String, &str> =
            user_ids.iter().map(|id| (digest(id), *id)).collect();
        let digests: Vec<&str> = by_digest.keys().map(String::as_str).collect();
        let found = self
            .suppressed_by(subject::Column::UserIdDigest, &digests)
            .await?;
        let mut suppressed: Vec<String> = found
            .iter()
            .filter_map(|d| by_digest.get(d).map(|id| (*id).to_owned()))
            .collect();
        suppressed.sort();
        Ok(suppressed)
    }

    /// The values of `column` among `keys` that belong to opted-out people.
    async fn suppressed_by(
        &self,
        column: subject::Column,
        keys: &[&str],
    ) -> Result<HashSet<String>> {
        let mut suppressed = HashSet::new();
        for chunk in keys.chunks(CHUNK) {
            let people = subject::Entity::find()
                .filter(column.is_in(chunk.iter().copied()))
                .all(self.db())
                .await?;
            let ids: Vec<_> = people.iter().map(|p| p.id).collect();
            let opted_out = self.opted_out_among(&ids).await?;
            for person in people.into_iter().filter(|p| opted_out.contains(&p.id)) {
                let key = match column {
                    subject::Column::UserIdDigest => person.user_id_digest,
                    _ => Some(person.email_hash),
                };
                suppressed.extend(key);
            }
        }
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
