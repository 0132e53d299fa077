//! The person's side of a package: downloading it while the link is valid, asking for it
//! again, and its deletion at expiry.

use bytes::Bytes;
use chrono::{DateTime, Utc};
use domain::{RequestStatus, SubjectId};
use futures_util::stream::BoxStream;
use object_store::path::Path;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
use uuid::Uuid;

use super::LINK_DAYS;
use crate::{
    Backend, Error, Result, blobs,
    entities::export,
    jobs::{self, JobKind, NewJob},
    throttle::Rule,
};

/// How often one request's package may be issued again.
const REISSUES: Rule = Rule {
    limit: 5,
    window: chrono::Duration::hours(1),
};

/// A package ready to send.
pub struct ExportDownload {
    /// Its size in bytes.
    pub size: u64,
    /// A file name for the browser.
    pub filename: String,
    /// Until when the link works.
    pub expires_at: DateTime<Utc>,
    /// The bytes, as they are read from the blob store.
    pub body: BoxStream<'static, std::io::Result<Bytes>>,
}

impl Backend {
    /// The person's own package for request `id`, while its link is valid.
    pub async fn export_download(&self, subject: SubjectId, id: Uuid) -> Result<ExportDownload> {
        let row = self.own_export(subject, id).await?;
        let live = row
            .as_ref()
            .filter(|e| e.deleted_at.is_none() && e.expires_at > self.now());
        let Some(row) = live else {
            return Err(Error::Conflict(
                "this download has expired or is not ready; ask for it again".into(),
            ));
        };
        let body = blobs::read(&self.inner.blobs, &row.blob_key).await?;
        Ok(ExportDownload {
            size: u64::try_from(row.size_bytes).unwrap_or_default(),
            filename: format!("rightful-export-{id}.zip"),
            expires_at: row.expires_at,
            body,
        })
    }

    /// Issues the person's package again for another [`LINK_DAYS`] days: the same file if it
    /// is still kept, or a new one built from the systems' results. One build per request
    /// runs at a time, and a request may be reissued [`REISSUES`] times an hour.
    pub async fn reissue_export(&self, subject: SubjectId, id: Uuid) -> Result<()> {
        let now = self.now();
        let row = self.own_export(subject, id).await?;
        self.hit(&format!("reissue:{id}"), REISSUES).await?;
        match row {
            Some(row) if row.deleted_at.is_none() => {
                export::Entity::update_many()
                    .col_expr(
                        export::Column::ExpiresAt,
                        Expr::value(now + chrono::Duration::days(LINK_DAYS)),
                    )
                    .filter(export::Column::Id.eq(row.id))
                    .exec(self.writer())
                    .await?;
                Ok(())
            }
            _ => {
                let job = NewJob {
                    kind: JobKind::PackageExport { request_id: id },
                    dedupe_key: Some(format!("package:{id}")),
                    max_attempts: 5,
                    run_at: None,
                };
                jobs::queue_again_in(self.writer(), now, job).await
            }
        }
    }

    /// Ends the download link of request `id`'s package now; the file is deleted with the
    /// other expired ones, and the person can ask for it again. Returns whether a link was
    /// live.
    pub async fn revoke_export(&self, id: Uuid) -> Result<bool> {
        let now = self.now();
        let revoked = export::Entity::update_many()
            .col_expr(export::Column::ExpiresAt, Expr::value(now))
            .filter(export::Column::RequestId.eq(id))
            .filter(export::Column::DeletedAt.is_null())
            .filter(export::Column::ExpiresAt.gt(now))
            .exec(self.writer())
            .await?;
        Ok(revoked.rows_affected > 0)
    }

    /// Deletes packages whose links expired; returns how many.
    pub async fn expire_exports(&self) -> Result<usize> {
        let now = self.now();
        let expired = export::Entity::find()
            .filter(export::Column::ExpiresAt.lt(now))
            .filter(export::Column::DeletedAt.is_null())
            .all(self.db())
            .await?;
        for row in &expired {
            blobs::delete(&self.inner.blobs, &Path::from(row.blob_key.as_str())).await?;
            export::Entity::update_many()
                .col_expr(export::Column::DeletedAt, Expr::value(Some(now)))
                .filter(export::Column::Id.eq(row.id))
                .exec(self.writer())
                .await?;
        }
        Ok(expired.len())
    }

    /// The export row of the person's own completed access or export request.
    async fn own_export(&self, subject: SubjectId, id: Uuid) -> Result<Option<export::Model>> {
        let request = self.own_request(subject, id).await?;
        if !request.kind.returns_data() || request.status != RequestStatus::Completed {
            return Err(Error::NotFound("export"));
        }
        Ok(export::Entity::find()
            .filter(export::Column::RequestId.eq(id))
            .one(self.db())
            .await?)
    }
}
