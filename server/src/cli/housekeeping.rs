//! Background housekeeping beside the job worker: purging expired sign-in codes and
//! sessions, deleting export packages whose links expired, and evidence files a filing left
//! behind when it died mid-way, anchoring the audit log, and purging the personal data of
//! requests closed longer ago than the retention period. Idempotent, so any number of
//! workers may run it.

use std::time::Duration;

use backend::Backend;
use tokio::sync::watch;

/// How often to purge.
const EVERY: Duration = Duration::from_secs(600);

/// Purges now and then every [`EVERY`], until `shutdown` turns true.
/// `retention_months` is how long a closed request's personal data is kept.
pub async fn run(backend: Backend, retention_months: u32, mut shutdown: watch::Receiver<bool>) {
    loop {
        match backend.purge_expired_credentials().await {
            Ok(0) => {}
            Ok(purged) => tracing::info!(purged, "purged expired sign-in codes and sessions"),
            Err(err) => tracing::warn!(error = %err, "housekeeping failed; will retry"),
        }
        match backend.expire_exports().await {
            Ok(0) => {}
            Ok(deleted) => tracing::info!(deleted, "deleted expired export packages"),
            Err(err) => tracing::warn!(error = %err, "deleting expired exports failed; will retry"),
        }
        match backend.sweep_stray_evidence().await {
            Ok(0) => {}
            Ok(swept) => tracing::info!(swept, "deleted evidence files no request names"),
            Err(err) => tracing::warn!(error = %err, "sweeping stray evidence failed; will retry"),
        }
        match backend.anchor_audit_log().await {
            Ok(None) => {}
            Ok(Some(anchor)) => {
                tracing::info!(up_to = anchor.up_to_event, "anchored the audit log")
            }
            Err(err) => tracing::warn!(error = %err, "anchoring the audit log failed; will retry"),
        }
        match backend.purge_expired_requests(retention_months).await {
            Ok(purged) if purged.requests == 0 => {}
            Ok(purged) => tracing::info!(
                requests = purged.requests,
                people = purged.people,
                "purged the personal data of requests past retention"
            ),
            Err(err) => tracing::warn!(error = %err, "retention purge failed; will retry"),
        }
        tokio::select! {
            _ = tokio::time::sleep(EVERY) => {}
            _ = shutdown.changed() => return,
        }
    }
}
