//! Blob storage for task results and export packages, through `object_store`: a local folder
//! by default, an S3 bucket by configuration. Blobs are written in parts as they stream in,
//! so memory use does not grow with their size.

use std::sync::Arc;

pub use object_store::aws::AmazonS3ConfigKey;
use object_store::{
    ObjectStore, WriteMultipart, aws::AmazonS3Builder, local::LocalFileSystem, path::Path,
    prefix::PrefixStore,
};
use sha2::{Digest, Sha256};

use crate::{Error, Result};

/// The store.
pub type Blobs = Arc<dyn ObjectStore>;

/// Opens `location`: `s3://bucket[/prefix]` (credentials and region from the usual `AWS_*`
/// variables), or else a local folder, created if missing.
pub fn open(location: &str) -> Result<Blobs> {
    open_with(location, &[])
}

/// Like [`open`], with S3 settings that take precedence over the `AWS_*` variables (for
/// example an endpoint and credentials for an S3-compatible server).
pub fn open_with(location: &str, s3_settings: &[(AmazonS3ConfigKey, String)]) -> Result<Blobs> {
    let bad = |e: &dyn std::fmt::Display| {
        Error::Internal(anyhow::anyhow!("blob store {location:?}: {e}"))
    };
    if let Some(rest) = location.strip_prefix("s3://") {
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        let builder = s3_settings
            .iter()
            .fold(AmazonS3Builder::from_env(), |builder, (key, value)| {
                builder.with_config(*key, value)
            });
        let s3 = builder
            .with_bucket_name(bucket)
            .build()
            .map_err(|e| bad(&e))?;
        return Ok(match prefix.trim_matches('/') {
            "" => Arc::new(s3),
            prefix => Arc::new(PrefixStore::new(s3, prefix)),
        });
    }
    crate::files::private_dir(std::path::Path::new(location)).map_err(|e| bad(&e))?;
    let local = LocalFileSystem::new_with_prefix(location).map_err(|e| bad(&e))?;
    Ok(Arc::new(local))
}

/// A blob being written part by part, hashing as it goes.
pub(crate) struct BlobWriter {
    upload: WriteMultipart,
    hash: Sha256,
    size: u64,
}

impl BlobWriter {
    /// Starts writing `key`.
    pub(crate) async fn start(blobs: &Blobs, key: &str) -> Result<Self> {
        let upload = blobs.put_multipart(&Path::from(key)).await.map_err(store)?;
        Ok(Self {
            upload: WriteMultipart::new(upload),
            hash: Sha256::new(),
            size: 0,
        })
    }

    /// Appends bytes, waiting if too many parts are in flight.
    pub(crate) async fn write(&mut self, bytes: &[u8]) -> Result<()> {
        self.upload.wait_for_capacity(4).await.map_err(store)?;
        self.hash.update(bytes);
        self.size += bytes.len() as u64;
        self.upload.write(bytes);
        Ok(())
    }

    /// Finishes the blob and returns its size and hex SHA-256.
    pub(crate) async fn finish(self) -> Result<(u64, String)> {
        self.upload.finish().await.map_err(store)?;
        Ok((self.size, hex::encode(self.hash.finalize())))
    }

    /// Gives up, removing what was written.
    pub(crate) async fn abort(self) {
        if let Err(err) = self.upload.abort().await {
            tracing::warn!(error = %err, "aborting a blob upload failed");
        }
    }
}

/// Maps a store failure; the store may be remote, so it is "unavailable", and retried.
pub(crate) fn store(err: object_store::Error) -> Error {
    match err {
        object_store::Error::NotFound { .. } => Error::NotFound("blob"),
        other => {
            tracing::warn!(error = %other, "blob store failed");
            Error::Unavailable("blob store")
        }
    }
}

/// Where a task's data from its system lives.
pub(crate) fn task_data_key(task: uuid::Uuid) -> String {
    format!("tasks/{task}.json")
}

/// Where a file uploaded with a manual task lives.
pub(crate) fn task_upload_key(task: uuid::Uuid) -> String {
    format!("tasks/{task}.upload")
}

/// The folder that holds every package built for a request.
pub(crate) fn export_folder(request: uuid::Uuid) -> String {
    format!("exports/{request}")
}

/// The bytes of blob `key`, as they are read from the store.
pub(crate) async fn read(
    blobs: &Blobs,
    key: &str,
) -> Result<futures_util::stream::BoxStream<'static, std::io::Result<bytes::Bytes>>> {
    use futures_util::StreamExt;
    let got = blobs.get(&Path::from(key)).await.map_err(store)?;
    Ok(got
        .into_stream()
        .map(|chunk| chunk.map_err(std::io::Error::other))
        .boxed())
}

/// Deletes `key`; one already gone is fine.
pub(crate) async fn delete(blobs: &Blobs, key: &Path) -> Result<()> {
    match blobs.delete(key).await {
        Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
        Err(err) => Err(store(err)),
    }
}
