//! Fixtures shared by the backend's and the server's tests and benchmarks: data systems,
//! people in bulk, the sign-in code from an outbox, and what blobs remain.

use std::path::PathBuf;

use chrono::Utc;
use domain::system::{Capability, SystemKind};
use sea_orm::{ConnectionTrait, DatabaseConnection};

use crate::{Backend, systems::NewSystem};

/// The newest sign-in code mailed to `email` in an outbox folder: the line of six digits in
/// the newest mail marked as a sign-in code, in whatever language it is written.
pub fn last_code_in(outbox: &std::path::Path, email: &str) -> Option<String> {
    let mut mails: Vec<(std::time::SystemTime, String)> = std::fs::read_dir(outbox)
        .ok()?
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let modified = entry.metadata().ok()?.modified().ok()?;
            Some((modified, std::fs::read_to_string(entry.path()).ok()?))
        })
        .filter(|(_, text)| {
            text.contains(email) && text.contains("X-Rightful-Notice: sign_in_code")
        })
        .collect();
    mails.sort_by_key(|(modified, _)| *modified);
    let text = mails.pop()?.1;
    text.lines()
        .map(str::trim)
        .find(|line| line.len() == 6 && line.bytes().all(|b| b.is_ascii_digit()))
        .map(str::to_owned)
}

/// Every file below `dir` (none if it does not exist), for checking what blobs remain.
#[allow(clippy::expect_used)]
pub fn files_under(dir: &std::path::Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flat_map(|entry| {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                files_under(&path)
            } else {
                vec![path]
            }
        })
        .collect()
}

/// A webhook system `name` at `url` that can do `capabilities`, with a 2-second timeout.
pub fn webhook_system(name: &str, url: &str, capabilities: &[Capability]) -> NewSystem {
    NewSystem {
        name: name.to_owned(),
        owner: "team".to_owned(),
        kind: SystemKind::Webhook,
        capabilities: capabilities.to_vec(),
        endpoint: Some(url.to_owned()),
        timeout_ms: 2_000,
    }
}

/// Starts a test data system that answers as `behaviour` says and registers it as webhook
/// system `name`, able to do `capabilities`, with its signing secret set.
#[allow(clippy::expect_used)]
pub async fn webhook_receiver(
    backend: &Backend,
    name: &str,
    capabilities: &[Capability],
    behaviour: super::receiver::Behaviour,
) -> super::receiver::Receiver {
    let receiver = super::receiver::Receiver::start(behaviour).await;
    let secret = backend
        .add_system(webhook_system(name, &receiver.url, capabilities))
        .await
        .expect("the test system is added");
    receiver.set_secret(&secret.0);
    receiver
}

/// A manual system `name` (tasks done by a person) that can do `capabilities`.
pub fn manual_system(name: &str, capabilities: &[Capability]) -> NewSystem {
    NewSystem {
        kind: SystemKind::Manual,
        endpoint: None,
        ..webhook_system(name, "", capabilities)
    }
}

/// Inserts `count` people `person{i}@example.com` directly, in batches, with every
/// `opted_out_every`-th one opted out of AI training, then refreshes the planner's
/// statistics as a live database's autovacuum would. For benchmarks and load tests.
#[allow(clippy::expect_used)]
pub async fn seed_people(
    db: &DatabaseConnection,
    backend: &Backend,
    count: usize,
    opted_out_every: usize,
) {
    use sea_orm::{ActiveValue::Set, EntityTrait};

    use crate::entities::{consent_record, subject};
    let now = Utc::now();
    for batch in (0..count).collect::<Vec<_>>().chunks(500) {
        let mut people = Vec::new();
        let mut consents = Vec::new();
        for &i in batch {
            let id = uuid::Uuid::new_v4();
            let email = format!("person{i}@example.com");
            people.push(subject::ActiveModel {
                id: Set(id),
                email_hash: Set(backend.inner.keys.identity_hash(&email)),
                email_digest: Set(Some(crate::suppression::digest(&email))),
                email: Set(Some(email)),
                jurisdiction: Set(None),
                user_id: Set(None),
                user_id_digest: Set(None),
                language: Set(None),
                created_at: Set(now),
            });
            if opted_out_every > 0 && i % opted_out_every == 0 {
                consents.push(consent_record::ActiveModel {
                    id: Set(uuid::Uuid::new_v4()),
                    subject_id: Set(id),
                    purpose: Set(crate::privacy::PURPOSE_TRAINING.to_owned()),
                    opted_out: Set(true),
                    effective_at: Set(now),
                    request_id: Set(None),
                    source: Set("seed".to_owned()),
                });
            }
        }
        subject::Entity::insert_many(people)
            .exec(db)
            .await
            .expect("seed people");
        if !consents.is_empty() {
            consent_record::Entity::insert_many(consents)
                .exec(db)
                .await
                .expect("seed consents");
        }
    }
    let analyze = match db.get_database_backend() {
        sea_orm::DbBackend::Postgres => "ANALYZE subjects; ANALYZE consent_records",
        _ => "ANALYZE",
    };
    db.execute_unprepared(analyze).await.expect("analyze");
}

/// The client tests sign in from: 127.0.0.1.
pub fn client() -> crate::auth::Client {
    crate::auth::Client::new(std::net::IpAddr::from([127, 0, 0, 1]))
}
