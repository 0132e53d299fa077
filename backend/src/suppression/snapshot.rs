//! The whole training-suppression list as one compact, versioned, hashed file, or the
//! changes since an earlier version. Documented in docs/suppression.md.
//!
//! A version is the microsecond instant the file is complete up to. It lags the clock by
//! [`SETTLE`], so that an opt-out whose transaction is still committing is never skipped by
//! both the file before it and the delta after it.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use domain::ValidationError;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::{
    Backend, Error, Result,
    entities::{consent_record, subject},
    privacy::PURPOSE_TRAINING,
};

/// How far a snapshot's version lags the clock.
pub const SETTLE: Duration = Duration::seconds(5);

/// A snapshot or delta, ready to serve.
pub struct Snapshot {
    /// This file's version (Unix microseconds).
    pub version: i64,
    /// The instant it is complete up to.
    pub valid_from: DateTime<Utc>,
    /// The SHA-256 of the lines after the header.
    pub sha256: String,
    /// The whole file: a header line, then one identity per line.
    pub body: String,
}

impl Backend {
    /// The opted-out people now (`since` = `None`), or who joined (`+`) and left (`-`) the
    /// list since version `since`.
    pub async fn suppression_snapshot(&self, since: Option<i64>) -> Result<Snapshot> {
        let valid_from = self.now() - SETTLE;
        let version = valid_from.timestamp_micros();
        let since_at = match since {
            Some(v) if v > version || v < 0 => {
                return Err(Error::Validation(ValidationError::new(
                    "since",
                    "snapshot.since",
                    "not a version this server has issued",
                )));
            }
            Some(v) => DateTime::from_timestamp_micros(v),
            None => None,
        };
        let records = consent_record::Entity::find()
            .filter(consent_record::Column::Purpose.eq(PURPOSE_TRAINING))
            .filter(consent_record::Column::EffectiveAt.lte(valid_from))
            .order_by_asc(consent_record::Column::EffectiveAt)
            .order_by_asc(consent_record::Column::Id)
            .all(self.db())
            .await?;
        let now = state_at(&records, valid_from);
        let changes: Vec<(Uuid, bool)> = match since_at {
            None => now.into_iter().filter(|(_, out)| *out).collect(),
            Some(at) => {
                let then = state_at(&records, at);
                now.into_iter()
                    .filter(|(id, out)| then.get(id).copied().unwrap_or(false) != *out)
                    .collect()
            }
        };
        let lines = self.identity_lines(&changes, since.is_some()).await?;
        Ok(render(version, valid_from, since, &lines))
    }

    /// One line per identity of each person: `e:<sha256 of the address>` and
    /// `u:<sha256 of the user id>`, prefixed with `+` or `-` in a delta; sorted. Read from the
    /// digests, which erasure keeps.
    async fn identity_lines(&self, people: &[(Uuid, bool)], delta: bool) -> Result<Vec<String>> {
        let mut lines = Vec::new();
        for chunk in people.chunks(1_000) {
            let ids = chunk.iter().map(|(id, _)| *id);
            let rows = subject::Entity::find()
                .filter(subject::Column::Id.is_in(ids))
                .all(self.db())
                .await?;
            for row in rows {
                let out = chunk.iter().any(|(id, out)| *id == row.id && *out);
                let sign = match (delta, out) {
                    (false, _) => "",
                    (true, true) => "+",
                    (true, false) => "-",
                };
                if let Some(email) = &row.email_digest {
                    lines.push(format!("{sign}e:{email}"));
                }
                if let Some(user_id) = &row.user_id_digest {
                    lines.push(format!("{sign}u:{user_id}"));
                }
            }
        }
        lines.sort_unstable();
        Ok(lines)
    }
}

/// Each person's choice in force at `at`, from records in effective order.
fn state_at(records: &[consent_record::Model], at: DateTime<Utc>) -> HashMap<Uuid, bool> {
    records
        .iter()
        .take_while(|r| r.effective_at <= at)
        .map(|r| (r.subject_id, r.opted_out))
        .collect()
}

fn render(
    version: i64,
    valid_from: DateTime<Utc>,
    since: Option<i64>,
    lines: &[String],
) -> Snapshot {
    let mut list = String::new();
    for line in lines {
        list.push_str(line);
        list.push('\n');
    }
    let sha256 = hex::encode(Sha256::digest(list.as_bytes()));
    let since = since.map_or_else(|| "-".to_owned(), |v| v.to_string());
    let header = format!(
        "# rightful-suppression/2 version={version} valid_from={} since={since} count={} sha256={sha256}\n",
        valid_from.to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
        lines.len(),
    );
    Snapshot {
        version,
        valid_from,
        sha256,
        body: header + &list,
    }
}
