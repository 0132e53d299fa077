//! What a job does: one enum of job kinds with their payloads.
//!
//! A job is stored as its kind's name (the `kind` column) and its fields as JSON (the
//! `payload` column), both written by serde from [`JobKind`], so a name exists only in its
//! variant's `rename`. A row that does not read back as a `JobKind` (a kind this version does
//! not know, a payload without its id) is dead-lettered at once with the reason, not retried.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{Error, Result};

/// A job kind and its payload: ids only, never personal data. Handled in `handlers.rs`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "payload")]
pub enum JobKind {
    /// Send the request-received receipt e-mail.
    #[serde(rename = "mail.request_receipt")]
    RequestReceipt {
        /// The request.
        request_id: Uuid,
    },
    /// Tell the person their request was denied: the reason, the message and how to contest.
    #[serde(rename = "mail.request_denied")]
    DenialNotice {
        /// The request.
        request_id: Uuid,
    },
    /// Tell the person their request's reply date was extended, and why.
    #[serde(rename = "mail.request_extended")]
    ExtensionNotice {
        /// The request.
        request_id: Uuid,
    },
    /// Tell the person their request was carried out.
    #[serde(rename = "mail.request_completed")]
    CompletionNotice {
        /// The request.
        request_id: Uuid,
    },
    /// Tell the person their deletion was carried out, then erase their address (see
    /// `fulfilment::erase`).
    #[serde(rename = "mail.deletion_done")]
    DeletionDoneNotice {
        /// The completed deletion.
        request_id: Uuid,
    },
    /// Tell the person their file is ready to download.
    #[serde(rename = "mail.export_ready")]
    ExportReadyNotice {
        /// The request.
        request_id: Uuid,
    },
    /// Mail a message about a request to the other side (the person, or the privacy team).
    #[serde(rename = "mail.message")]
    MessageMail {
        /// The message.
        message_id: Uuid,
    },
    /// Fan a verified request out once its grace period is over.
    #[serde(rename = "request.start")]
    StartRequest {
        /// The request.
        request_id: Uuid,
    },
    /// Cancel an agent's request its consumer did not confirm in time.
    #[serde(rename = "request.expire_unconfirmed")]
    ExpireAgentRequest {
        /// The request.
        request_id: Uuid,
    },
    /// Deliver a task to its webhook system.
    #[serde(rename = "task.deliver")]
    DeliverTask {
        /// The task.
        task_id: Uuid,
    },
    /// Package an access or export request's results.
    #[serde(rename = "export.package")]
    PackageExport {
        /// The request.
        request_id: Uuid,
    },
    /// Delete the blobs of an erased person: every blob of these tasks and every package of
    /// these requests.
    #[serde(rename = "blobs.delete")]
    DeleteBlobs {
        /// Blob keys: evidence files (names are ids), and what earlier versions queued.
        #[serde(default)]
        keys: Vec<String>,
        /// Task ids.
        #[serde(default)]
        tasks: Vec<Uuid>,
        /// Request ids.
        #[serde(default)]
        requests: Vec<Uuid>,
    },
}

impl JobKind {
    /// The `kind` and `payload` columns for this job.
    pub(crate) fn encode(&self) -> Result<(String, String)> {
        let mut tagged = serde_json::to_value(self).map_err(|e| Error::Internal(e.into()))?;
        let name = tagged["kind"].as_str().map(str::to_owned);
        let payload = tagged["payload"].take();
        match name {
            Some(name) => Ok((name, payload.to_string())),
            None => Err(Error::Internal(anyhow::anyhow!(
                "a job kind without a name"
            ))),
        }
    }

    /// Reads a stored job back, or says why it cannot be.
    pub fn decode(kind: &str, payload: &str) -> Result<Self, String> {
        let payload: serde_json::Value = serde_json::from_str(payload)
            .map_err(|e| format!("{kind}: the payload is not JSON: {e}"))?;
        let tagged = serde_json::json!({ "kind": kind, "payload": payload });
        serde_json::from_value(tagged).map_err(|e| format!("{kind}: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_reads_back_as_it_was_written() {
        let job = JobKind::DeliverTask {
            task_id: Uuid::new_v4(),
        };
        let (kind, payload) = job.encode().unwrap();
        assert_eq!(kind, "task.deliver");
        assert_eq!(JobKind::decode(&kind, &payload).unwrap(), job);
    }

    #[test]
    fn payloads_of_earlier_versions_still_read() {
        let old = r#"{"keys":["tasks/a.json"]}"#;
        let JobKind::DeleteBlobs { keys, tasks, .. } =
            JobKind::decode("blobs.delete", old).unwrap()
        else {
            panic!("not a blob deletion");
        };
        assert_eq!((keys.len(), tasks.len()), (1, 0));
    }

    #[test]
    fn unknown_kinds_and_missing_ids_say_why() {
        let unknown = JobKind::decode("mail.newsletter", "{}").unwrap_err();
        assert!(unknown.contains("unknown variant"), "{unknown}");
        let missing = JobKind::decode("task.deliver", "{}").unwrap_err();
        assert!(missing.contains("task_id"), "{missing}");
        let garbage = JobKind::decode("task.deliver", "{").unwrap_err();
        assert!(garbage.contains("not JSON"), "{garbage}");
    }
}
