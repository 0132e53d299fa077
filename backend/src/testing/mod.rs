//! Test support: a fresh database per test, on SQLite or PostgreSQL, and a backend over it
//! whose mail lands in a temporary outbox.

use std::{
    path::PathBuf,
    sync::Arc,
    sync::Mutex,
    sync::atomic::{AtomicUsize, Ordering},
};

use chrono::{DateTime, Duration, Utc};
use domain::JurisdictionCode;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter};

use crate::{Backend, MailSettings, Secret, Settings, db, entities::job, jobs::JobState};

mod fixtures;
pub mod notices;
pub mod receiver;
mod report_rows;
pub use report_rows::Fixture;

pub use fixtures::{
    client, files_under, last_code_in, manual_system, seed_people, webhook_receiver, webhook_system,
};

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
    /// How many dead-lettered jobs the test leaves on purpose (see [`TestDb::expect_dead_jobs`]).
    dead_jobs_expected: AtomicUsize,
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
            dead_jobs_expected: AtomicUsize::new(0),
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
            dead_jobs_expected: AtomicUsize::new(0),
        }
    }

    /// Says that this test leaves exactly `count` jobs dead-lettered on purpose. Any other
    /// number at teardown fails the test: something failed for good that it did not look at.
    pub fn expect_dead_jobs(&self, count: usize) {
        self.dead_jobs_expected.store(count, Ordering::Relaxed);
    }

    /// Inserts a queued job row as it stands, for tests of rows this version cannot read
    /// (written by another version, or damaged).
    pub async fn insert_job_row(&self, kind: &str, payload: &str) {
        use sea_orm::ActiveValue::Set;
        let now = Utc::now();
        let row = job::ActiveModel {
            id: Set(uuid::Uuid::new_v4()),
            kind: Set(kind.to_owned()),
            payload: Set(payload.to_owned()),
            state: Set(JobState::Queued),
            attempts: Set(0),
            max_attempts: Set(5),
            run_at: Set(now - Duration::seconds(1)),
            locked_by: Set(None),
            locked_until: Set(None),
            last_error: Set(None),
            dedupe_key: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
        };
        job::Entity::insert(row)
            .exec(&self.db)
            .await
            .expect("insert a job row");
    }

    /// Runs `sql` as it is (a benchmark's `VACUUM ANALYZE`, say).
    #[allow(clippy::expect_used)]
    pub async fn execute_sql(&self, sql: &str) {
        self.db
            .execute_unprepared(sql)
            .await
            .expect("the statement runs");
    }

    /// The number `sql` (a `SELECT COUNT(*) …`) counts: what a test checks was kept or
    /// deleted, or a benchmark's bare baseline.
    #[allow(clippy::expect_used)]
    pub async fn count(&self, sql: &str) -> i64 {
        let statement = sea_orm::Statement::from_string(self.db.get_database_backend(), sql);
        let row = self.db.query_one_raw(statement).await.expect("counted");
        row.and_then(|row| row.try_get_by_index::<i64>(0).ok())
            .expect("a count")
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
            mail_from: domain::Email::parse("privacy@example.com").expect("address"),
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
            notices: options
                .notices
                .unwrap_or_else(|| Arc::new(notices::FactNotices)),
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

    /// Sets the time, forward or back (a report's fixture files requests at set instants).
    pub fn set(&self, at: DateTime<Utc>) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = at;
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
    /// Fails the test if it left other than the expected number of jobs dead-lettered (or if
    /// that cannot be checked), then drops a PostgreSQL database. Drop runs outside async, so
    /// this uses a private runtime on its own thread, with a connection of its own.
    fn drop(&mut self) {
        let check = !std::thread::panicking();
        let expected = self.dead_jobs_expected.load(Ordering::Relaxed);
        let (url, postgres) = (self.url.clone(), self.postgres.take());
        let dead = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| e.to_string())?;
            rt.block_on(async {
                let dead = if check {
                    dead_jobs(&url).await
                } else {
                    Ok(Vec::new())
                };
                if let Some((admin_url, name)) = postgres
                    && let Ok(admin) = db::connect(&admin_url).await
                {
                    let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                    admin.execute_unprepared(&sql).await.ok();
                    admin.close().await.ok();
                }
                dead
            })
        })
        .join()
        .unwrap_or_else(|_| Err("the check's thread panicked".to_owned()));
        if !check {
            return;
        }
        let dead = dead.unwrap_or_else(|why| panic!("the dead-job check could not run: {why}"));
        assert_eq!(
            dead.len(),
            expected,
            "dead-lettered jobs at teardown (TestDb::expect_dead_jobs says how many a test \
             means to leave): {dead:?}"
        );
    }
}

/// The kind and last error of every dead-lettered job in the database at `url`.
async fn dead_jobs(url: &str) -> Result<Vec<String>, String> {
    let db = db::connect(url).await.map_err(|e| e.to_string())?;
    let dead = job::Entity::find()
        .filter(job::Column::State.eq(JobState::Dead))
        .all(&db)
        .await
        .map_err(|e| e.to_string());
    db.close().await.ok();
    Ok(dead?
        .into_iter()
        .map(|j| format!("{}: {}", j.kind, j.last_error.unwrap_or_default()))
        .collect())
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
    /// What words the mails (default: [`notices::FactNotices`], the facts of each).
    pub notices: Option<crate::notices::Notices>,
}

/// The root secret of test backends, for a `rightful` process a test starts on the same
/// database (`RIGHTFUL_SECRET`): sealed system secrets open only with it.
pub const SECRET: &str = "rightful-test-secret-of-32-bytes";
