//! Evidence files attached to a request to remove data from model outputs.
//!
//! The files are written to the blob store first (a blob cannot join a transaction), then
//! recorded in the filing's own transaction; a filing that fails deletes them again. A
//! process that dies between the two leaves blobs no row names: `sweep_stray_evidence`, run
//! by housekeeping, deletes those. Only the owner downloads them; erasure deletes them.

use bytes::Bytes;
use domain::{
    Filing, RequestKind, SubjectId, ValidationError,
    dto::EvidenceItem,
    evidence::{EvidenceFile, EvidenceType},
};
use futures_util::{TryStreamExt, stream::BoxStream};
use object_store::path::Path;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::{
    Backend, Error, Result,
    blobs::{self, store},
    entities::evidence,
};

/// The folder every evidence blob is in.
const FOLDER: &str = "evidence";

/// A blob older than this with no row is a leftover of a filing that died mid-way.
const STRAY_AFTER: chrono::Duration = chrono::Duration::hours(1);

/// An evidence file written to the blob store, not yet recorded.
pub(crate) struct StoredEvidence {
    id: Uuid,
    name: String,
    kind: EvidenceType,
    size: i64,
    sha256: String,
}

/// An evidence file to send to its owner.
pub struct EvidenceDownload {
    /// The name it was attached with.
    pub name: String,
    /// What it holds.
    pub media_type: EvidenceType,
    /// Its size in bytes.
    pub size: u64,
    /// The bytes, as they are read from the blob store.
    pub body: BoxStream<'static, std::io::Result<Bytes>>,
}

impl StoredEvidence {
    /// The file's SHA-256, in hex.
    pub(crate) fn sha256(&self) -> &str {
        &self.sha256
    }
}

fn key(id: Uuid) -> String {
    format!("{FOLDER}/{id}")
}

impl Backend {
    /// Files `filing` for `subject` like [`Backend::submit`], with `files` attached. Only a
    /// request to remove data from model outputs takes files.
    pub async fn submit_with_evidence(
        &self,
        subject: SubjectId,
        filing: &Filing,
        files: &[EvidenceFile],
    ) -> Result<Uuid> {
        if files.is_empty() {
            return self.submit(subject, filing).await;
        }
        if filing.kind() != RequestKind::RemoveFromOutputs {
            return Err(Error::Validation(ValidationError::new(
                "evidence",
                "evidence.not_for_kind",
                "only a request to remove data from model outputs takes files",
            )));
        }
        let mut stored = Vec::with_capacity(files.len());
        for file in files {
            match self.store_evidence(file).await {
                Ok(one) => stored.push(one),
                Err(e) => {
                    self.drop_evidence(&stored).await;
                    return Err(e);
                }
            }
        }
        let filed = self.submit_with(subject, filing, &stored).await;
        if filed.is_err() {
            self.drop_evidence(&stored).await;
        }
        filed
    }

    pub(super) async fn store_evidence(&self, file: &EvidenceFile) -> Result<StoredEvidence> {
        let id = Uuid::new_v4();
        let bytes = Bytes::copy_from_slice(file.bytes());
        self.inner
            .blobs
            .put(&Path::from(key(id)), bytes.into())
            .await
            .map_err(store)?;
        Ok(StoredEvidence {
            id,
            name: file.name().to_owned(),
            kind: file.kind(),
            size: i64::try_from(file.bytes().len()).unwrap_or(i64::MAX),
            sha256: hex::encode(Sha256::digest(file.bytes())),
        })
    }

    /// Deletes blobs of a filing that did not happen; one that stays is swept later.
    pub(super) async fn drop_evidence(&self, stored: &[StoredEvidence]) {
        for one in stored {
            if let Err(e) = blobs::delete(&self.inner.blobs, &Path::from(key(one.id))).await {
                tracing::warn!(error = %e, "deleting the evidence of a failed filing");
            }
        }
    }

    /// The evidence attached to `request`, for its status page.
    pub(crate) async fn evidence_of(&self, request: Uuid) -> Result<Vec<EvidenceItem>> {
        let rows = rows_of(self.db(), &[request]).await?;
        Ok(rows
            .into_iter()
            .map(|row| EvidenceItem {
                id: row.id.to_string(),
                name: row.name,
                media_type: row.media_type,
                size: u64::try_from(row.size).unwrap_or_default(),
            })
            .collect())
    }

    /// Evidence file `file` of request `request`, for its owner only: anyone else's, or one
    /// that does not exist, is `NotFound` alike.
    pub async fn evidence_download(
        &self,
        subject: SubjectId,
        request: Uuid,
        file: Uuid,
    ) -> Result<EvidenceDownload> {
        self.own_request(subject, request).await?;
        self.evidence_file(request, file).await
    }

    /// Evidence file `file` of request `request`, for whoever the caller checked may see it.
    pub(crate) async fn evidence_file(
        &self,
        request: Uuid,
        file: Uuid,
    ) -> Result<EvidenceDownload> {
        let row = evidence::Entity::find_by_id(file)
            .filter(evidence::Column::RequestId.eq(request))
            .one(self.db())
            .await?
            .ok_or(Error::NotFound("file"))?;
        let body = blobs::read(&self.inner.blobs, &row.blob_key).await?;
        Ok(EvidenceDownload {
            name: row.name,
            media_type: row.media_type,
            size: u64::try_from(row.size).unwrap_or_default(),
            body,
        })
    }

    /// Deletes evidence blobs that no row names and that are over an hour old (a filing
    /// that died between storing them and recording them). Returns how many.
    pub async fn sweep_stray_evidence(&self) -> Result<usize> {
        let cutoff = self.now() - STRAY_AFTER;
        let blobs = &self.inner.blobs;
        let listed: Vec<_> = blobs
            .list(Some(&Path::from(FOLDER)))
            .try_collect()
            .await
            .map_err(store)?;
        // Old enough to be a leftover, then looked up a batch at a time.
        let old: Vec<_> = listed
            .into_iter()
            .filter(|m| m.last_modified < cutoff)
            .collect();
        let mut swept = 0;
        for batch in old.chunks(500) {
            let ids: Vec<Uuid> = batch
                .iter()
                .filter_map(|m| m.location.filename()?.parse().ok())
                .collect();
            let recorded: std::collections::HashSet<Uuid> = evidence::Entity::find()
                .filter(evidence::Column::Id.is_in(ids))
                .all(self.db())
                .await?
                .into_iter()
                .map(|row| row.id)
                .collect();
            for meta in batch {
                let id = meta.location.filename().and_then(|n| n.parse().ok());
                if !id.is_some_and(|id| recorded.contains(&id)) {
                    blobs::delete(blobs, &meta.location).await?;
                    swept += 1;
                }
            }
        }
        Ok(swept)
    }
}

/// Records `stored` as the evidence of `request`, in the filing's transaction.
pub(crate) async fn record(
    db: &impl ConnectionTrait,
    request: Uuid,
    stored: &[StoredEvidence],
    now: chrono::DateTime<chrono::Utc>,
) -> Result<()> {
    if stored.is_empty() {
        return Ok(());
    }
    let rows = stored.iter().map(|one| evidence::ActiveModel {
        id: Set(one.id),
        request_id: Set(request),
        name: Set(one.name.clone()),
        media_type: Set(one.kind),
        size: Set(one.size),
        sha256: Set(one.sha256.clone()),
        blob_key: Set(key(one.id)),
        created_at: Set(now),
    });
    evidence::Entity::insert_many(rows).exec(db).await?;
    Ok(())
}

/// The evidence rows of `requests`, oldest first.
pub(crate) async fn rows_of(
    db: &impl ConnectionTrait,
    requests: &[Uuid],
) -> Result<Vec<evidence::Model>> {
    use sea_orm::QueryOrder;
    Ok(evidence::Entity::find()
        .filter(evidence::Column::RequestId.is_in(requests.iter().copied()))
        .order_by_asc(evidence::Column::CreatedAt)
        .order_by_asc(evidence::Column::Name)
        .all(db)
        .await?)
}

/// Deletes the evidence rows of `requests` (erasure) and returns their blob keys, for the
/// purge job.
pub(crate) async fn forget(db: &impl ConnectionTrait, requests: &[Uuid]) -> Result<Vec<String>> {
    let keys = rows_of(db, requests)
        .await?
        .into_iter()
        .map(|row| row.blob_key)
        .collect();
    evidence::Entity::delete_many()
        .filter(evidence::Column::RequestId.is_in(requests.iter().copied()))
        .exec(db)
        .await?;
    Ok(keys)
}
