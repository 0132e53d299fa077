//! `POST /api/v1/callbacks/{task}`: a data system finishing a task it accepted with 202.
//!
//! The body is signed with the system's secret like a webhook. A bad signature or a stale
//! timestamp is refused, and so is a replay: the hash of every accepted signature is kept,
//! and a task settles once.

use bytes::Bytes;
use domain::ValidationError;
use object_store::{PutPayload, path::Path};
use sea_orm::{ActiveValue::Set, EntityTrait};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::{CALLBACK_TOLERANCE_SECS, MAX_OUTCOME, settle::Settlement};
use crate::{
    Backend, Error, Result,
    blobs::store,
    entities::callback_seen,
    webhooks::{self, SignatureError},
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
    /// Accepts a signed callback for `task_id`. Refuses an unknown task (404), a bad or stale
    /// signature (401), a replay or an already settled task (409) and a malformed body (422).
    pub async fn accept_callback(
        &self,
        task_id: Uuid,
        signature: Option<&str>,
        body: &[u8],
    ) -> Result<()> {
        let (task, system) = self.task_with_system(task_id).await?;
        let signature = signature.ok_or(SignatureError::Malformed)?;
        let now = self.now();
        webhooks::verify(
            &system.signing_secret,
            signature,
            body,
            now.timestamp(),
            CALLBACK_TOLERANCE_SECS,
        )?;
        let callback: Callback =
            serde_json::from_slice(body).map_err(|e| invalid(format!("not a callback: {e}")))?;
        if callback.event_id != task.event_id {
            return Err(invalid("event_id does not belong to this task"));
        }
        let settlement = self.settlement_of(task.id, callback).await?;

        let txn = self.begin().await?;
        let seen = callback_seen::ActiveModel {
            signature_hash: Set(hex::encode(Sha256::digest(signature.as_bytes()))),
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
        if !self
            .settle_task(&txn, &task, settlement, "system", now)
            .await?
        {
            return Err(Error::Conflict("this task is settled already".into()));
        }
        Ok(txn.commit().await?)
    }

    async fn settlement_of(&self, task: Uuid, callback: Callback) -> Result<Settlement> {
        if callback.status == CallbackStatus::Failed {
            let reason = callback.error.unwrap_or_else(|| "no reason given".into());
            return Ok(Settlement::failed(cap(reason)));
        }
        let outcome = callback.receipt.map(|r| cap(r.to_string()));
        let result = match callback.data {
            Some(data) => {
                let bytes = Bytes::from(data.to_string().into_bytes());
                let sha = hex::encode(Sha256::digest(&bytes));
                let key = format!("tasks/{task}.json");
                self.inner
                    .blobs
                    .put(&Path::from(key.as_str()), PutPayload::from(bytes))
                    .await
                    .map_err(store)?;
                Some((key, sha))
            }
            None => None,
        };
        Ok(Settlement {
            done: true,
            outcome,
            result,
        })
    }
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
