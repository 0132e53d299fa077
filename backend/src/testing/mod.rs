//! Test support: a fresh database per test, on SQLite or PostgreSQL, and a backend over it
//! whose mail lands in a temporary outbox.

use std::{path::PathBuf, sync::Arc, sync::Mutex};

use chrono::{DateTime, Duration, Utc};
use domain::JurisdictionCode;
use sea_orm::{ConnectionTrait, DatabaseConnection};

use crate::{Backend, MailSettings, Secret, Settings, db};

pub mod receiver;

/// A fresh, migrated database that is removed when dropped.
pub struct TestDb {
    /// The connection.
    pub db: DatabaseConnection,
    /// The PostgreSQL admin URL and database name to drop afterwards.
    postgres: Option<(String, String)>,
    /// Holds the SQLite file and the outbox.
    pub dir: tempfile::TempDir,
    /// The database's URL, for child processes (`rightful worker`) to open it too.
    pub url: String,
}

#[allow(clippy::expect_used)]
impl TestDb {
    /// A new SQLite database in a temporary folder.
    pub async fn sqlite() -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let url = format!("sqlite://{}?mode=rwc", dir.path().join("test.db").display());
        let db = db::connect(&url).await.expect("open sqlite");
        db::migrate(&db).await.expect("migrate sqlite");
        Self {
            db,
            postgres: None,
            dir,
            url,
        }
    }

    /// A new PostgreSQL database, created from `DATABASE_URL` (which must point at a
    /// PostgreSQL server the tests may create databases on).
    pub async fn postgres() -> Self {
        let admin_url = std::env::var("DATABASE_URL")
            .ok()
            .filter(|u| u.starts_with("postgres"))
            .expect("set DATABASE_URL=postgres://… to run the PostgreSQL tests");
        let name = format!("rightful_test_{}", uuid::Uuid::new_v4().simple());
        let admin = db::connect(&admin_url)
            .await
            .expect("connect to PostgreSQL");
        admin
            .execute_unprepared(&format!("CREATE DATABASE {name}"))
            .await
            .expect("create db");
        admin.close().await.ok();
        let url = with_database(&admin_url, &name);
        let db = db::connect(&url).await.expect("connect test db");
        db::migrate(&db).await.expect("migrate postgres");
        let dir = tempfile::tempdir().expect("tempdir");
        Self {
            db,
            postgres: Some((admin_url, name)),
            dir,
            url,
        }
    }

    /// The outbox folder mail is written to.
    pub fn outbox(&self) -> PathBuf {
        self.dir.path().join("outbox")
    }

    /// A backend over this database with a fixed secret, whose clock starts now and can be
    /// moved forward through the returned handle.
    pub fn backend(&self) -> (Backend, TestClock) {
        self.backend_with(Options::default())
    }

    /// Like [`TestDb::backend`], with mail sent as `mail` says (e.g. to an SMTP relay that
    /// is down).
    pub fn backend_with_mail(&self, mail: MailSettings) -> (Backend, TestClock) {
        self.backend_with(Options {
            mail: Some(mail),
            ..Options::default()
        })
    }

    /// Like [`TestDb::backend`], served at `public_url` (e.g. an `https://` one).
    pub fn backend_at(&self, public_url: &str) -> (Backend, TestClock) {
        self.backend_with(Options {
            public_url: Some(public_url.to_owned()),
            ..Options::default()
        })
    }

    /// Like [`TestDb::backend`], keeping blobs in `blobs` (e.g. an S3 bucket).
    pub fn backend_with_blobs(&self, blobs: crate::blobs::Blobs) -> (Backend, TestClock) {
        self.backend_with(Options {
            blobs: Some(blobs),
            ..Options::default()
        })
    }

    /// A backend with the settings `options` gives, and the test defaults for the rest.
    pub fn backend_with(&self, options: Options) -> (Backend, TestClock) {
        let clock = TestClock(Arc::new(Mutex::new(Utc::now())));
        let settings = Settings {
            secret: Secret::new(SECRET.as_bytes().to_vec()).expect("secret"),
            mail: options
                .mail
                .unwrap_or_else(|| MailSettings::Outbox(self.outbox())),
            default_jurisdiction: JurisdictionCode::parse("US-CA").expect("code"),
            deadline_policy: Default::default(),
            public_url: options
                .public_url
                .unwrap_or_else(|| "http://127.0.0.1:3000".to_owned()),
            blobs: options.blobs.unwrap_or_else(|| {
                crate::blobs::open(&self.dir.path().join("blobs").display().to_string())
                    .expect("blobs")
            }),
            deletion_grace: chrono::Duration::days(14),
            // The data systems of tests are HTTP servers on 127.0.0.1.
            system_networks: options.system_networks.unwrap_or_else(|| {
                crate::webhooks::SystemNetworks::new(vec![ipnet::IpNet::from(
                    std::net::IpAddr::from([127, 0, 0, 1]),
                )])
            }),
        };
        let handle = clock.clone();
        let backend =
            Backend::with_clock(self.db.clone(), settings, Arc::new(move || handle.now()))
                .expect("backend");
        (backend, clock)
    }

    /// Signs `address` in through the real code flow and returns the person's id.
    pub async fn sign_in(&self, backend: &Backend, address: &str) -> domain::SubjectId {
        let email = domain::Email::parse(address).expect("a valid address");
        backend
            .request_sign_in_code(&email, &client())
            .await
            .expect("code sent");
        let code = self.last_code_for(address).expect("a code in the outbox");
        backend
            .verify_sign_in_code(&email, &code, &client())
            .await
            .expect("signed in")
            .subject
    }

    /// The newest sign-in code mailed to `email`, read from the outbox.
    pub fn last_code_for(&self, email: &str) -> Option<String> {
        last_code_in(&self.outbox(), email)
    }
}

/// The newest sign-in code mailed to `email` in an outbox folder.
pub fn last_code_in(outbox: &std::path::Path, email: &str) -> Option<String> {
    let mut mails: Vec<(std::time::SystemTime, String)> = std::fs::read_dir(outbox)
        .ok()?
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let modified = entry.metadata().ok()?.modified().ok()?;
            Some((modified, std::fs::read_to_string(entry.path()).ok()?))
        })
        .filter(|(_, text)| text.contains(email) && text.contains("sign-in code is "))
        .collect();
    mails.sort_by_key(|(modified, _)| *modified);
    let text = mails.pop()?.1;
    let at = text.find("sign-in code is ")? + "sign-in code is ".len();
    Some(text.get(at..at + 6)?.to_owned())
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

/// A clock tests can move.
#[derive(Clone)]
pub struct TestClock(Arc<Mutex<DateTime<Utc>>>);

impl TestClock {
    /// The current test time.
    pub fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Moves time forward.
    pub fn advance(&self, by: Duration) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) += by;
    }
}

fn with_database(url: &str, name: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let root = base.rsplit_once('/').map_or(base, |(root, _)| root);
    match query {
        Some(q) => format!("{root}/{name}?{q}"),
        None => format!("{root}/{name}"),
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Some((admin_url, name)) = self.postgres.take() else {
            return;
        };
        // Drop runs outside async; use a private runtime on its own thread.
        let _ = std::thread::spawn(move || {
            let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            rt.block_on(async {
                if let Ok(admin) = db::connect(&admin_url).await {
                    let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                    admin.execute_unprepared(&sql).await.ok();
                    admin.close().await.ok();
                }
            });
        })
        .join();
    }
}

/// Declares `sqlite::<name>` and `postgres::<name>` tests for each `async fn name(TestDb)` in
/// scope. The PostgreSQL ones are ignored by default; run them with `DATABASE_URL` set and
/// `--include-ignored`.
#[macro_export]
macro_rules! db_tests {
    ($($name:ident),+ $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $name() { super::$name($crate::testing::TestDb::sqlite().await).await }
            )+
        }
        mod postgres {
            $(
                #[tokio::test]
                #[ignore = "PostgreSQL: run with DATABASE_URL set and --include-ignored"]
                async fn $name() { super::$name($crate::testing::TestDb::postgres().await).await }
            )+
        }
    };
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

/// Settings for [`TestDb::backend_with`]; `None` keeps the test default.
#[derive(Default)]
pub struct Options {
    /// Where mail goes (default: the test's outbox).
    pub mail: Option<MailSettings>,
    /// The public URL (default: `http://127.0.0.1:3000`).
    pub public_url: Option<String>,
    /// The blob store (default: a folder in the test's directory).
    pub blobs: Option<crate::blobs::Blobs>,
    /// Where data systems may be (default: 127.0.0.1, where test systems listen).
    pub system_networks: Option<crate::webhooks::SystemNetworks>,
}

/// The root secret of test backends, for a `rightful` process a test starts on the same
/// database (`RIGHTFUL_SECRET`): sealed system secrets open only with it.
pub const SECRET: &str = "rightful-test-secret-of-32-bytes";
