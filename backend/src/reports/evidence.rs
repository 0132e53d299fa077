//! One request's evidence bundle, for a regulator: a ZIP holding the request's facts and
//! deadline milestones (`request.json`), its timeline (`timeline.csv`), the audit-chain proof
//! (`audit-chain.json`: every entry with its hash, whether the chain verifies, and the anchor
//! that covers its last entry), how each deadline was reached (`deadline-trail.json`), every
//! notice mailed about it (`notices/*.eml`, recipient withheld), every data system's receipt
//! (`receipts/*.json`), and a `manifest.json` with each file's SHA-256.
//!
//! Internal notes and what the person wrote are not in it: they are personal, and a bundle
//! is made to be handed over.

use std::{
    collections::HashMap,
    io::{Cursor, Write},
};

use chrono::{DateTime, Utc};
use domain::report::{LegalRegime, Outcome};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, prelude::Uuid};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use zip::{CompressionMethod, ZipWriter, write::SimpleFileOptions};

use crate::{
    Backend, Error, Result,
    audit::{ChainCheck, check_chain},
    entities::{audit_anchor, data_system, notice_sent, request, request_event, task},
};

/// A file of the bundle: its name and bytes.
type File = (String, Vec<u8>);

impl Backend {
    /// Request `id`'s evidence bundle as ZIP bytes.
    pub async fn evidence_bundle(&self, id: Uuid) -> Result<Vec<u8>> {
        let now = self.now();
        let row = request::Entity::find_by_id(id)
            .one(self.db())
            .await?
            .ok_or(Error::NotFound("request"))?;
        let events = request_event::Entity::find()
            .filter(request_event::Column::RequestId.eq(id))
            .order_by_asc(request_event::Column::Seq)
            .all(self.db())
            .await?;
        let mut files = vec![
            json_file("request.json", &facts(&row, now))?,
            ("timeline.csv".to_owned(), timeline(&events).into_bytes()),
            json_file("audit-chain.json", &self.chain_proof(&events).await?)?,
            json_file("deadline-trail.json", &self.trail(&row).await)?,
        ];
        files.extend(self.notice_files(id).await?);
        files.extend(self.receipt_files(id).await?);
        let manifest = manifest(id, now, &files);
        files.push(json_file("manifest.json", &manifest)?);
        tokio::task::spawn_blocking(move || pack(&files))
            .await
            .map_err(|e| anyhow::anyhow!("packing the evidence bundle: {e}"))?
            .map_err(|e| Error::Internal(anyhow::anyhow!("writing the evidence bundle: {e}")))
    }

    /// Every entry with its hash, whether the chain verifies, and the first anchor that
    /// covers its last entry (`null` until housekeeping records one).
    async fn chain_proof(&self, events: &[request_event::Model]) -> Result<Value> {
        let last = events.last().map_or(0, |e| e.id);
        let anchor = audit_anchor::Entity::find()
            .filter(audit_anchor::Column::UpToEvent.gte(last))
            .order_by_asc(audit_anchor::Column::UpToEvent)
            .one(self.db())
            .await?;
        let check = match check_chain(events) {
            ChainCheck::Intact(n) => json!({ "intact": true, "entries": n }),
            ChainCheck::BrokenAt(seq) => json!({ "intact": false, "first_broken_entry": seq }),
        };
        let entries: Vec<Value> = events
            .iter()
            .map(|e| {
                json!({
                    "id": e.id, "seq": e.seq, "at": e.at, "action": e.action,
                    "from": e.from_status, "to": e.to_status, "actor": e.actor,
                    "detail": e.detail, "prev_hash": e.prev_hash, "hash": e.hash,
                })
            })
            .collect();
        Ok(json!({
            "hash": "each entry's hash is the SHA-256 (hex) of the UTF-8 text \
                     \"v1\\n{prev_hash}\\n{request_id}\\n{seq}\\n{at as Unix microseconds}\\n\
                     {action}\\n{from or -}\\n{to or -}\\n{actor}\\n{detail}\"; the first \
                     entry's prev_hash is 64 zeros",
            "anchor_rule": "an anchor's digest folds every entry of the whole log with an id up \
                            to up_to_event, in id order: digest = SHA-256(hex) of \
                            \"{previous digest}\\n{entry id}\\n{entry hash}\", starting from 64 \
                            zeros; `rightful audit verify` recomputes it from the live log",
            "check": check,
            "entries": entries,
            "anchor": anchor.map(|a| json!({
                "id": a.id, "created_at": a.created_at, "up_to_event": a.up_to_event,
                "events": a.events, "digest": a.digest,
            })),
        }))
    }

    /// The milestones with the engine's trail, or why they cannot be computed.
    async fn trail(&self, row: &request::Model) -> Value {
        match self.deadlines_of(row).await {
            Ok(milestones) => json!(milestones),
            Err(e) => json!({ "error": e.to_string() }),
        }
    }

    async fn notice_files(&self, id: Uuid) -> Result<Vec<File>> {
        let notices = notice_sent::Entity::find()
            .filter(notice_sent::Column::RequestId.eq(id))
            .order_by_asc(notice_sent::Column::SentAt)
            .order_by_asc(notice_sent::Column::Id)
            .all(self.db())
            .await?;
        Ok(notices
            .into_iter()
            .enumerate()
            .map(|(i, n)| {
                (
                    format!("notices/{:03}-{}.eml", i + 1, n.name),
                    n.eml.into_bytes(),
                )
            })
            .collect())
    }

    async fn receipt_files(&self, id: Uuid) -> Result<Vec<File>> {
        let tasks = task::Entity::find()
            .filter(task::Column::RequestId.eq(id))
            .order_by_asc(task::Column::CreatedAt)
            .order_by_asc(task::Column::Id)
            .all(self.db())
            .await?;
        let systems: HashMap<Uuid, String> = data_system::Entity::find()
            .filter(data_system::Column::Id.is_in(tasks.iter().map(|t| t.system_id)))
            .all(self.db())
            .await?
            .into_iter()
            .map(|s| (s.id, s.name))
            .collect();
        let mut files = Vec::with_capacity(tasks.len());
        for (i, t) in tasks.into_iter().enumerate() {
            let system = systems.get(&t.system_id);
            let receipt = json!({
                "system": system, "task": t.id, "event_id": t.event_id, "state": t.state,
                "deliveries": t.deliveries, "created_at": t.created_at,
                "completed_at": t.completed_at, "receipt": t.outcome,
                "data_sha256": t.result_sha256, "last_error": t.last_error,
            });
            let name = format!(
                "receipts/{:03}-{}.json",
                i + 1,
                safe(system.map(String::as_str))
            );
            files.push(json_file(&name, &receipt)?);
        }
        Ok(files)
    }
}

/// The request's facts and milestones; nothing personal.
fn facts(row: &request::Model, now: DateTime<Utc>) -> Value {
    json!({
        "id": row.id, "kind": row.kind, "status": row.status,
        "jurisdiction": row.jurisdiction, "regime": LegalRegime::of_code(&row.jurisdiction),
        "received_at": row.received_at, "acknowledge_by": row.acknowledge_by,
        "respond_by": row.respond_by, "extension_notice_by": row.extension_notice_by,
        "extended_respond_by": row.extended_respond_by, "extended": row.extended,
        "extension_reason": row.extension_reason, "due_at": row.due_at,
        "pauses": row.pauses, "paused_days": row.paused_days,
        "closed_at": row.closed_at, "response_days": row.response_days,
        "outcome": Outcome::of(row.status, row.closed_at, row.due_at, now),
        "denial_reason": row.denial_reason, "appeal_of": row.appeal_of,
        "personal_data_purged_at": row.purged_at,
    })
}

/// The chain read as lines: when, what, from and to, who.
fn timeline(events: &[request_event::Model]) -> String {
    let mut out = String::from("seq,at,action,from,to,actor\r\n");
    for e in events {
        let line = [
            e.seq.to_string(),
            e.at.to_rfc3339(),
            e.action.clone(),
            e.from_status.clone().unwrap_or_default(),
            e.to_status.clone().unwrap_or_default(),
            e.actor.clone(),
        ]
        .map(|f| crate::exports::csv_field(&f))
        .join(",");
        out.push_str(&line);
        out.push_str("\r\n");
    }
    out
}

fn manifest(id: Uuid, now: DateTime<Utc>, files: &[File]) -> Value {
    let listed: Vec<Value> = files
        .iter()
        .map(|(name, bytes)| {
            json!({ "path": name, "size": bytes.len(), "sha256": hex::encode(Sha256::digest(bytes)) })
        })
        .collect();
    json!({ "request_id": id, "made_at": now, "files": listed })
}

fn json_file(name: &str, value: &Value) -> Result<File> {
    let bytes =
        serde_json::to_vec_pretty(value).map_err(|e| anyhow::anyhow!("writing {name}: {e}"))?;
    Ok((name.to_owned(), bytes))
}

/// A system's name as part of a file name: letters, digits, `-` and `_`.
fn safe(name: Option<&str>) -> String {
    let name: String = name
        .unwrap_or("removed-system")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .take(64)
        .collect();
    name
}

fn pack(files: &[File]) -> std::io::Result<Vec<u8>> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, bytes) in files {
        zip.start_file(name.as_str(), options)?;
        zip.write_all(bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}
