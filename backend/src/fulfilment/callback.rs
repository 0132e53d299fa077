//! `POST /api/v1/callbacks/{task}`: a data system finishing a task it accepted with 202.
//!
//! The body is signed with the system's secret like a webhook. A bad signature or a stale
//! timestamp is refused, and so is a replay: every accepted (task, timestamp, MAC) is kept,
//! and a task settles once.

use bytes::Bytes;
use domain::{Actor, ValidationError};
use sea_orm::{ActiveValue::Set, EntityTrait};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::{CALLBACK_TOLERANCE_SECS, MAX_OUTCOME, settle::Settlement};
use crate::{
    Backend, Error, Result,
    blobs::task_data_key,
    entities::callback_seen,
    webhooks::{self, SignatureError, Verified},
};

/// A callback's body.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Callback {
    event_id: Uuid,
    status: CallbackStatus,
    /// The data (access and export), any JSON value.
    data: Option<serde_json::Value>,
    /// A receipt, any JSON value.
    receipt: Option<serde_json::Value>,
    /// Why it failed.
    error: Option<String>,
}

#[derive(Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum CallbackStatus {
    Done,
    Failed,
}

fn invalid(message: impl Into<String>) -> Error {
    Error::Validation(ValidationError::new("body", "callback.invalid", message))
}

impl Backend {
    /// Accepts a signed callback for `task_id`. Refuses a bad or stale signature (401), and
    /// an unknown task the same way, since no secret can match it (so the answer tells
    /// nobody which tasks exist); a disabled system, a replay or an already settled task
    /// (409); and a malformed body (422). Data is stored only once the callback is known to
    /// settle its task, so a refused callback leaves nothing behind.
    pub async fn accept_callback(
        &self,
        task_id: Uuid,
        signature: Option<&str>,
        body: &[u8],
    ) -> Result<()> {
        let signature = signature.ok_or(SignatureError::Malformed)?;
        let now = self.now();
        let (task, system) = match self.task_with_system(task_id).await {
            Err(Error::NotFound(_)) => return Err(unknown_task(signature, body, now.timestamp())),
            found => found?,
        };
        let verified = self.verify_with_any(&system, signature, body, now.timestamp())?;
        if !system.enabled {
            return Err(Error::Conflict(
                "this data system is disabled; its callbacks are refused".into(),
            ));
        }
        let callback: Callback =
            serde_json::from_slice(body).map_err(|e| invalid(format!("not a callback: {e}")))?;
        if callback.event_id != task.event_id {
            return Err(invalid("event_id does not belong to this task"));
        }
        let (settlement, data) = settlement_of(task.id, callback);

        let txn = self.begin().await?;
        let seen = callback_seen::ActiveModel {
            signature_hash: Set(replay_key(task.id, &verified)),
            task_id: Set(task.id),
            received_at: Set(now),
        };
        match callback_seen::Entity::insert(seen).exec(&txn).await {
            Ok(_) => {}
            Err(err)
                if matches!(
                    err.sql_err(),
                    Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
                ) =>
            {
                return Err(Error::Conflict("this callback was received already".into()));
            }
            Err(err) => return Err(err.into()),
        }
        self.settle_and_store(txn, &task, settlement, data, Actor::System)
            .await
    }

    /// Checks a callback's signature against the system's current secret, then against the
    /// previous one while a rotation overlaps.
    fn verify_with_any(
        &self,
        system: &crate::entities::data_system::Model,
        signature: &str,
        body: &[u8],
        now: i64,
    ) -> Result<Verified> {
        let mut outcome = Err(SignatureError::Mismatch);
        for secret in self.signing_secrets(system)? {
            outcome = webhooks::verify(&secret, signature, body, now, CALLBACK_TOLERANCE_SECS);
            if !matches!(outcome, Err(SignatureError::Mismatch)) {
                break;
            }
        }
        Ok(outcome?)
    }
}

/// The refusal for a task that does not exist: the one a wrong secret would get (malformed,
/// stale or mismatched), so it cannot be told apart from an existing task.
fn unknown_task(signature: &str, body: &[u8], now: i64) -> Error {
    match webhooks::verify("", signature, body, now, CALLBACK_TOLERANCE_SECS) {
        Err(why) => why.into(),
        Ok(_) => SignatureError::Mismatch.into(),
    }
}

/// What names one signed callback: the task, the signed time and the MAC, hashed. Parsed
/// values, so rewriting the header (reordered or extra parts) is still a replay.
fn replay_key(task: Uuid, verified: &Verified) -> String {
    let mut hash = Sha256::new();
    hash.update(task.as_bytes());
    hash.update(verified.timestamp.to_be_bytes());
    hash.update(verified.mac);
    hex::encode(hash.finalize())
}

/// The settlement a callback asks for, and the data to store with it.
fn settlement_of(task: Uuid, callback: Callback) -> (Settlement, Option<Bytes>) {
    if callback.status == CallbackStatus::Failed {
        let reason = callback.error.unwrap_or_else(|| "no reason given".into());
        return (Settlement::failed(cap(reason)), None);
    }
    let outcome = callback.receipt.map(|r| cap(r.to_string()));
    let data = callback
        .data
        .map(|data| Bytes::from(data.to_string().into_bytes()));
    let result = data.as_ref().map(|bytes| {
        let sha = hex::encode(Sha256::digest(bytes));
        (task_data_key(task), sha)
    });
    let settlement = Settlement {
        done: true,
        outcome,
        result,
    };
    (settlement, data)
}

fn cap(mut text: String) -> String {
    if text.len() > MAX_OUTCOME {
        let mut end = MAX_OUTCOME;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
    }
    text
}
