//! The training-suppression list: which of a batch of people have opted out of AI training,
//! named by e-mail address or by the company's user id.
//!
//! Both are matched through what erasure keeps (the keyed hash of the address, the digest of
//! the user id), so a person who had their data deleted stays opted out.

mod index;
mod snapshot;

pub(crate) use index::Index;

pub use snapshot::{SETTLE, Snapshot};

use std::collections::{HashMap, HashSet};

use domain::Email;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
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
    /// The addresses among `emails` whose owners are opted out of AI training now, from
    /// the in-memory index (see [`index`]), brought up to date first.
    pub async fn suppressed_emails(&self, emails: &[Email]) -> Result<Vec<Email>> {
        self.refresh_index().await?;
        let macs: Vec<[u8; 32]> = emails
            .iter()
            .map(|e| self.inner.keys.identity_mac(e.as_str()))
            .collect();
        let mut suppressed: Vec<Email> = self
            .inner
            .suppression
            .opted_out(macs.iter())
            .into_iter()
            .map(|i| emails[i].clone())
            .collect();
        suppressed.sort();
        suppressed.dedup();
        Ok(suppressed)
    }

    /// The user ids among `user_ids` whose owners are opted out of AI training now.
    pub async fn suppressed_user_ids(&self, user_ids: &[&str]) -> Result<Vec<String>> {
        let by_digest: HashMap<String, &str> =
            user_ids.iter().map(|id| (digest(id), *id)).collect();
        let digests: Vec<&str> = by_digest.keys().map(String::as_str).collect();
        let found = self.suppressed_user_digests(&digests).await?;
        let mut suppressed: Vec<String> = found
            .iter()
            .filter_map(|d| by_digest.get(d).map(|id| (*id).to_owned()))
            .collect();
        suppressed.sort();
        Ok(suppressed)
    }

    /// The user-id digests among `digests` that belong to opted-out people, read from the
    /// database: a user id can be linked to a person after they opted out, which the
    /// index would not learn.
    async fn suppressed_user_digests(&self, digests: &[&str]) -> Result<HashSet<String>> {
        let mut suppressed = HashSet::new();
        for chunk in digests.chunks(CHUNK) {
            let people: Vec<(uuid::Uuid, Option<String>)> = subject::Entity::find()
                .select_only()
                .column(subject::Column::Id)
                .column(subject::Column::UserIdDigest)
                .filter(subject::Column::UserIdDigest.is_in(chunk.iter().copied()))
                .into_tuple()
                .all(self.db())
                .await?;
            let ids: Vec<_> = people.iter().map(|p| p.0).collect();
            let opted_out = self.opted_out_among(&ids).await?;
            for (_, digest) in people.into_iter().filter(|p| opted_out.contains(&p.0)) {
                suppressed.extend(digest);
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
