//! The keyed hashes of opted-out people's e-mail addresses, held in memory for the
//! suppression check, and brought up to date at the start of every check.
//!
//! Training-consent records are only ever added. A check reads how many there are and the
//! records of the last [`SETTLE`] (an opt-out still committing has an effective time in that
//! window), and applies those it has not seen. If the count says a record landed outside
//! the window (written later than [`SETTLE`] after its effective time, or dated back), the
//! index is built again from every record. So a check always reflects every record
//! committed before it began, as the database queries it replaces did, for about two
//! small queries instead of two per thousand identities.
//!
//! Memory: 32 bytes of hash and 16 of id, plus the maps' overhead, per opted-out person
//! (about 10 MB for 100,000 people), built on the first check, never before.
//!
//! User ids are not held here: a person's user id can be linked after they opted out, in
//! another process, and no record would tell this index.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use super::SETTLE;
use crate::{
    Backend, Result,
    entities::{consent_record, subject},
    privacy::PURPOSE_TRAINING,
};

/// The index, shared by every check in this process.
#[derive(Default)]
pub(crate) struct Index {
    /// What has been applied; held by the one check that brings the index up to date.
    progress: tokio::sync::Mutex<Option<Progress>>,
    /// Who is opted out; read by every check for its lookups.
    out: std::sync::RwLock<OptedOut>,
}

/// How far the index has read the records.
struct Progress {
    /// How many training-consent records it has applied.
    applied: u64,
    /// Records effective after this are read again at the next check.
    window_from: DateTime<Utc>,
    /// The records of that window already applied.
    window: HashSet<Uuid>,
}

/// The opted-out people's e-mail hashes.
#[derive(Default)]
struct OptedOut {
    by_person: HashMap<Uuid, [u8; 32]>,
    hashes: HashSet<[u8; 32]>,
}

/// A training-consent record: its id, whose, whether it opts out, and since when.
type Record = (Uuid, Uuid, bool, DateTime<Utc>);

impl Index {
    fn read(&self) -> std::sync::RwLockReadGuard<'_, OptedOut> {
        // The maps are only changed whole or by a finished step; a panic cannot leave half.
        self.out.read().unwrap_or_else(|e| e.into_inner())
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, OptedOut> {
        self.out.write().unwrap_or_else(|e| e.into_inner())
    }

    /// Of `macs` (keyed hashes of addresses, see `Keys::identity_mac`), those of opted-out
    /// people; the index must have been brought up to date by [`Backend::refresh_index`].
    pub(crate) fn opted_out<'a>(&self, macs: impl Iterator<Item = &'a [u8; 32]>) -> Vec<usize> {
        let out = self.read();
        macs.enumerate()
            .filter(|(_, mac)| out.hashes.contains(*mac))
            .map(|(i, _)| i)
            .collect()
    }
}

impl Backend {
    /// Brings the index up to date with every training-consent record committed by now.
    pub(crate) async fn refresh_index(&self) -> Result<()> {
        let index = &self.inner.suppression;
        let mut progress = index.progress.lock().await;
        let now = self.now();
        let count = training_records().count(self.db()).await?;
        let Some(done) = progress.as_mut() else {
            *progress = Some(self.rebuild(now).await?);
            return Ok(());
        };
        let recent: Vec<Record> = records_after(Some(done.window_from))
            .into_tuple()
            .all(self.db())
            .await?;
        let unseen = recent
            .iter()
            .filter(|r| !done.window.contains(&r.0))
            .count();
        if count != done.applied + unseen as u64 {
            *progress = Some(self.rebuild(now).await?);
            return Ok(());
        }
        if unseen > 0 {
            self.apply(&recent).await?;
        }
        done.applied = count;
        done.window_from = now - SETTLE;
        done.window = recent
            .iter()
            .filter(|r| r.3 > done.window_from)
            .map(|r| r.0)
            .collect();
        Ok(())
    }

    /// Builds the index from every record, beside the one in use, and swaps it in.
    async fn rebuild(&self, now: DateTime<Utc>) -> Result<Progress> {
        let records: Vec<Record> = records_after(None).into_tuple().all(self.db()).await?;
        let opted_out = latest(&records)
            .into_iter()
            .filter_map(|(person, out)| out.then_some(person))
            .collect::<Vec<_>>();
        let mut fresh = OptedOut::default();
        for (person, hash) in self.email_macs(&opted_out).await? {
            fresh.by_person.insert(person, hash);
            fresh.hashes.insert(hash);
        }
        *self.inner.suppression.write() = fresh;
        let window_from = now - SETTLE;
        Ok(Progress {
            applied: records.len() as u64,
            window_from,
            window: records
                .iter()
                .filter(|r| r.3 > window_from)
                .map(|r| r.0)
                .collect(),
        })
    }

    /// Applies `records` (each person named must have their newest record among them).
    async fn apply(&self, records: &[Record]) -> Result<()> {
        let latest = latest(records);
        let joining: Vec<Uuid> = {
            let out = self.inner.suppression.read();
            latest
                .iter()
                .filter(|(person, out_now)| **out_now && !out.by_person.contains_key(*person))
                .map(|(person, _)| *person)
                .collect()
        };
        let joined = self.email_macs(&joining).await?;
        let mut out = self.inner.suppression.write();
        for (person, _) in latest.iter().filter(|(_, out_now)| !**out_now) {
            if let Some(hash) = out.by_person.remove(person) {
                out.hashes.remove(&hash);
            }
        }
        for (person, hash) in joined {
            out.by_person.insert(person, hash);
            out.hashes.insert(hash);
        }
        Ok(())
    }

    /// The keyed hashes of the addresses of `people`, as bytes.
    async fn email_macs(&self, people: &[Uuid]) -> Result<Vec<(Uuid, [u8; 32])>> {
        let mut macs = Vec::with_capacity(people.len());
        for chunk in people.chunks(1_000) {
            let rows: Vec<(Uuid, String)> = subject::Entity::find()
                .select_only()
                .column(subject::Column::Id)
                .column(subject::Column::EmailHash)
                .filter(subject::Column::Id.is_in(chunk.iter().copied()))
                .into_tuple()
                .all(self.db())
                .await?;
            for (person, hash) in rows {
                let mut bytes = [0u8; 32];
                if hex::decode_to_slice(&hash, &mut bytes).is_ok() {
                    macs.push((person, bytes));
                }
            }
        }
        Ok(macs)
    }
}

/// Each person's choice in the last of `records` (in effective order) that names them.
fn latest(records: &[Record]) -> HashMap<Uuid, bool> {
    records.iter().map(|r| (r.1, r.2)).collect()
}

/// The training-consent records.
fn training_records() -> sea_orm::Select<consent_record::Entity> {
    consent_record::Entity::find().filter(consent_record::Column::Purpose.eq(PURPOSE_TRAINING))
}

/// The training-consent records effective after `from` (all with `None`), in effective
/// order, as [`Record`]s.
fn records_after(from: Option<DateTime<Utc>>) -> sea_orm::Select<consent_record::Entity> {
    let records = match from {
        Some(from) => training_records().filter(consent_record::Column::EffectiveAt.gt(from)),
        None => training_records(),
    };
    records
        .select_only()
        .column(consent_record::Column::Id)
        .column(consent_record::Column::SubjectId)
        .column(consent_record::Column::OptedOut)
        .column(consent_record::Column::EffectiveAt)
        .order_by_asc(consent_record::Column::EffectiveAt)
        .order_by_asc(consent_record::Column::Id)
}
