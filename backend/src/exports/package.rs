//! The `export.package` job: gather every system's result, write the ZIP off the async
//! runtime, store it, and complete the request, all without holding a file in memory.

use chrono::{DateTime, Utc};
use domain::{Actor, AuditAction, RequestStatus, TaskState};
use object_store::path::Path;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;
use tokio::io::AsyncWriteExt;
use uuid::Uuid;

use super::{
    LINK_DAYS,
    package_file::{self, Cover, Part},
};
use crate::{
    Backend, Error, Result,
    audit::{self, NewEvent},
    blobs::{self, BlobWriter, store},
    entities::{data_system, export, request, task},
    jobs::JobKind,
    requests::notify::queue_notice,
};

/// Bytes read from the blob store at a time.
const CHUNK: u64 = 8 * 1024 * 1024;

impl Backend {
    /// Packages request `id`'s export: for an in-progress request whose tasks are all done,
    /// then completes it; for a completed one whose package expired, issues a new one. Does
    /// nothing otherwise, so running twice is harmless.
    pub(crate) async fn package_export(&self, id: Uuid) -> Result<()> {
        let Some(request) = request::Entity::find_by_id(id).one(self.db()).await? else {
            return Ok(());
        };
        let current = export::Entity::find()
            .filter(export::Column::RequestId.eq(id))
            .one(self.db())
            .await?;
        let reissue = match request.status {
            RequestStatus::InProgress => false,
            RequestStatus::Completed => true,
            _ => return Ok(()),
        };
        if current.as_ref().is_some_and(|e| e.deleted_at.is_none()) {
            return Ok(());
        }
        let scratch = tempfile::tempdir().map_err(|e| io_error("a scratch folder", &e))?;
        let parts = self.gather(id, scratch.path()).await?;
        let now = self.now();
        let cover = Cover {
            request_id: id.to_string(),
            kind: request.kind.to_string(),
            created_at: now.format("%-d %B %Y, %H:%M UTC").to_string(),
        };
        let zip = scratch.path().join("package.zip");
        let target = zip.clone();
        tokio::task::spawn_blocking(move || package_file::write(&target, &cover, &parts))
            .await
            .map_err(|e| Error::Internal(anyhow::anyhow!("packaging stopped: {e}")))?
            .map_err(|e| io_error("writing the package", &e))?;
        let key = format!("{}/{}.zip", blobs::export_folder(id), Uuid::new_v4());
        let (size, sha) = self.upload_file(&zip, &key).await?;
        let path = Path::from(key.as_str());
        let recorded = self
            .record_export(id, reissue, current, (key, size, sha), now)
            .await;
        if recorded.is_err() {
            // Nothing refers to it, so neither expiry nor erasure would ever find it.
            if let Err(err) = blobs::delete(&self.inner.blobs, &path).await {
                tracing::warn!(error = %err, "an unrecorded package could not be deleted");
            }
        }
        recorded
    }

    /// Downloads each done task's result into `dir`, naming each system.
    async fn gather(&self, id: Uuid, dir: &std::path::Path) -> Result<Vec<Part>> {
        let tasks = task::Entity::find()
            .filter(task::Column::RequestId.eq(id))
            .filter(task::Column::State.eq(TaskState::Done))
            .all(self.db())
            .await?;
        let systems = data_system::Entity::find().all(self.db()).await?;
        let mut parts = Vec::new();
        for task in tasks {
            let system = systems
                .iter()
                .find(|s| s.id == task.system_id)
                .map(|s| s.name.clone())
                .ok_or(Error::NotFound("data system"))?;
            let file = match &task.result_key {
                Some(key) => {
                    let path = dir.join(task.id.to_string());
                    self.download_blob(key, &path).await?;
                    Some(path)
                }
                None => None,
            };
            let json = task
                .result_key
                .as_deref()
                .is_some_and(|k| k.ends_with(".json"));
            parts.push(Part {
                system,
                file,
                json,
                note: task.outcome,
            });
        }
        parts.sort_by(|a, b| a.system.cmp(&b.system));
        Ok(parts)
    }

    /// Copies a blob to a local file in [`CHUNK`]-sized ranges.
    async fn download_blob(&self, key: &str, to: &std::path::Path) -> Result<()> {
        let path = Path::from(key);
        let size = self.inner.blobs.head(&path).await.map_err(store)?.size;
        let mut file = tokio::fs::File::create(to)
            .await
            .map_err(|e| io_error("a scratch file", &e))?;
        let mut at = 0;
        while at < size {
            let end = (at + CHUNK).min(size);
            let bytes = self
                .inner
                .blobs
                .get_range(&path, at..end)
                .await
                .map_err(store)?;
            file.write_all(&bytes)
                .await
                .map_err(|e| io_error("a scratch file", &e))?;
            at = end;
        }
        file.flush()
            .await
            .map_err(|e| io_error("a scratch file", &e))
    }

    /// Stores a local file as blob `key`, part by part; returns its size and SHA-256.
    async fn upload_file(&self, from: &std::path::Path, key: &str) -> Result<(u64, String)> {
        use tokio::io::AsyncReadExt;
        let mut file = tokio::fs::File::open(from)
            .await
            .map_err(|e| io_error("the package", &e))?;
        let mut writer = BlobWriter::start(&self.inner.blobs, key).await?;
        let mut buffer = vec![0; CHUNK as usize];
        loop {
            let n = match file.read(&mut buffer).await {
                Ok(n) => n,
                Err(e) => {
                    writer.abort().await;
                    return Err(io_error("the package", &e));
                }
            };
            if n == 0 {
                return writer.finish().await;
            }
            writer.write(&buffer[..n]).await?;
        }
    }

    async fn record_export(
        &self,
        id: Uuid,
        reissue: bool,
        previous: Option<export::Model>,
        (key, size, sha): (String, u64, String),
        now: DateTime<Utc>,
    ) -> Result<()> {
        let txn = self.begin().await?;
        if let Some(previous) = previous {
            export::Entity::delete_by_id(previous.id).exec(&txn).await?;
        }
        let row = export::ActiveModel {
            id: Set(Uuid::new_v4()),
            request_id: Set(id),
            blob_key: Set(key),
            size_bytes: Set(i64::try_from(size).unwrap_or(i64::MAX)),
            sha256: Set(sha.clone()),
            created_at: Set(now),
            expires_at: Set(now + chrono::Duration::days(LINK_DAYS)),
            deleted_at: Set(None),
        };
        export::Entity::insert(row).exec(&txn).await?;
        let event = NewEvent {
            request_id: id,
            action: if reissue {
                AuditAction::ExportReissued
            } else {
                AuditAction::ExportReady
            },
            from: None,
            to: None,
            actor: Actor::System,
            detail: json!({ "sha256": sha, "size": size }),
        };
        audit::append(&txn, now, event).await?;
        let notice = JobKind::ExportReadyNotice { request_id: id };
        let key = format!("export-ready:{id}:{}", Uuid::now_v7());
        queue_notice(&txn, now, notice, key).await?;
        if !reissue {
            self.transition_request(
                &txn,
                id,
                RequestStatus::InProgress,
                RequestStatus::Completed,
                Actor::System,
                now,
            )
            .await?;
        }
        Ok(txn.commit().await?)
    }
}

fn io_error(what: &str, err: &std::io::Error) -> Error {
    Error::Internal(anyhow::anyhow!("{what}: {err}"))
}
