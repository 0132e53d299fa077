//! Configuration: environment variables, each also settable in an optional `rightful.toml`.
//!
//! Precedence: environment, then `rightful.toml` (or the file named by `RIGHTFUL_CONFIG`),
//! then defaults. A bad value is a one-line error naming the variable. Secrets are never
//! printed.

use std::{
    collections::BTreeMap,
    net::SocketAddr,
    path::{Path, PathBuf},
};

use backend::{MailSettings, Secret, Settings};
use chrono::NaiveDate;
use domain::{JurisdictionCode, deadline::Policy};

use crate::declared::{self, DeclaredSystem};

/// Everything the server reads at start-up.
pub struct Config {
    /// `RIGHTFUL_ADDR`: where to listen.
    pub addr: SocketAddr,
    /// `DATABASE_URL`: `sqlite://…` or `postgres://…`.
    pub database_url: String,
    /// `RIGHTFUL_DATA_DIR`: the SQLite file, the outbox and the generated secret live here.
    pub data_dir: PathBuf,
    /// `RIGHTFUL_SMTP_URL`: unset means mail goes to `<data dir>/outbox`.
    pub smtp_url: Option<String>,
    /// `RIGHTFUL_MAIL_FROM`: the privacy team's address, which mail comes from and people's
    /// messages go to; `privacy@rightful.localhost` by default.
    pub mail_from: domain::Email,
    /// `RIGHTFUL_SECRET`: unset means one is generated once and kept in the data directory.
    pub secret: Secret,
    /// `RIGHTFUL_DEFAULT_JURISDICTION`: the law applied to people who have not said where they
    /// live.
    pub default_jurisdiction: JurisdictionCode,
    /// `RIGHTFUL_DEFAULT_DEADLINE_DAYS` and `RIGHTFUL_CLOSURE_DAYS`: days allowed where no
    /// statute sets a deadline, and the company's own closure days (skipped like holidays).
    pub deadline_policy: Policy,
    /// `RIGHTFUL_PUBLIC_URL`: where data systems reach Rightful for callbacks; defaults to
    /// `http://<RIGHTFUL_ADDR>`.
    pub public_url: String,
    /// `RIGHTFUL_BLOB_STORE`: a folder, or `s3://bucket[/prefix]`; defaults to
    /// `<data dir>/blobs`.
    pub blob_store: String,
    /// `RIGHTFUL_DELETION_GRACE_DAYS`: how long a deletion can be canceled before it is
    /// carried out; 14 by default.
    pub deletion_grace_days: u32,
    /// `RIGHTFUL_RETENTION_MONTHS`: how long after a request closes its personal data is
    /// kept; 24 by default (11 CCR §7101 keeps request records 24 months).
    pub retention_months: u32,
    /// `RIGHTFUL_WORKERS`: concurrent job workers per process; 4 by default.
    pub workers: u32,
    /// `RIGHTFUL_JOB_LEASE_SECS`: how long a claimed job stays a worker's without a
    /// heartbeat; a crashed worker's jobs run again after this. 60 by default.
    pub job_lease_secs: u32,
    /// `RIGHTFUL_TRUSTED_PROXIES`: proxies (addresses or networks) whose `X-Forwarded-For`
    /// names the client; none by default, so the TCP peer is the client.
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// `RIGHTFUL_SYSTEM_NETWORKS`: private networks data systems may be on (by default only
    /// public HTTPS endpoints); listing a loopback network allows `http://` to it, for
    /// development.
    pub system_networks: Vec<ipnet::IpNet>,
    /// Data systems declared as `[[systems]]` in the config file.
    pub systems: Vec<DeclaredSystem>,
    /// Whether `public_url` was configured, or derived from `addr`.
    public_url_configured: bool,
}

/// Every setting the config file accepts (by the same name); the README's configuration
/// table lists each one, which a test checks.
pub const VARIABLES: &[&str] = &[
    "RIGHTFUL_ADDR",
    "DATABASE_URL",
    "RIGHTFUL_DATA_DIR",
    "RIGHTFUL_SMTP_URL",
    "RIGHTFUL_MAIL_FROM",
    "RIGHTFUL_SECRET",
    "RIGHTFUL_DEFAULT_JURISDICTION",
    "RIGHTFUL_DEFAULT_DEADLINE_DAYS",
    "RIGHTFUL_CLOSURE_DAYS",
    "RIGHTFUL_PUBLIC_URL",
    "RIGHTFUL_BLOB_STORE",
    "RIGHTFUL_DELETION_GRACE_DAYS",
    "RIGHTFUL_RETENTION_MONTHS",
    "RIGHTFUL_WORKERS",
    "RIGHTFUL_JOB_LEASE_SECS",
    "RIGHTFUL_TRUSTED_PROXIES",
    "RIGHTFUL_SYSTEM_NETWORKS",
];

type Source = BTreeMap<String, String>;

impl Config {
    /// Reads the process environment and the optional config file.
    pub fn load() -> Result<Self, String> {
        let env: Source = std::env::vars().collect();
        let (file, systems) = read_file(&env)?;
        let mut config = Self::from_sources(&env, &file)?;
        config.systems = systems;
        Ok(config)
    }

    /// Builds a configuration from an environment map and a config-file map.
    pub fn from_sources(env: &Source, file: &Source) -> Result<Self, String> {
        let get = |name: &str| {
            env.get(name)
                .or_else(|| file.get(name))
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let addr = match get("RIGHTFUL_ADDR") {
            Some(v) => v.parse().map_err(|_| {
                format!("RIGHTFUL_ADDR: {v:?} is not a socket address like 127.0.0.1:3000")
            })?,
            None => SocketAddr::from(([127, 0, 0, 1], 3000)),
        };
        let data_dir = PathBuf::from(get("RIGHTFUL_DATA_DIR").unwrap_or_else(|| "data".into()));
        backend::files::private_dir(&data_dir).map_err(|e| {
            format!(
                "RIGHTFUL_DATA_DIR: cannot create {}: {e}",
                data_dir.display()
            )
        })?;
        let database_url = match get("DATABASE_URL") {
            Some(url) => check_database_url(url)?,
            None => format!(
                "sqlite://{}?mode=rwc",
                data_dir.join("rightful.db").display()
            ),
        };
        let smtp_url = get("RIGHTFUL_SMTP_URL").map(check_smtp_url).transpose()?;
        let mail_from = domain::Email::parse(
            get("RIGHTFUL_MAIL_FROM")
                .as_deref()
                .unwrap_or("privacy@rightful.localhost"),
        )
        .map_err(|e| format!("RIGHTFUL_MAIL_FROM: {}", e.message))?;
        let secret = match get("RIGHTFUL_SECRET") {
            Some(v) => {
                Secret::new(v.into_bytes()).map_err(|why| format!("RIGHTFUL_SECRET: {why}"))?
            }
            None => stored_secret(&data_dir)?,
        };
        let default_jurisdiction = match get("RIGHTFUL_DEFAULT_JURISDICTION") {
            Some(v) => JurisdictionCode::parse(&v)
                .map_err(|e| format!("RIGHTFUL_DEFAULT_JURISDICTION: {}", e.message))?,
            None => JurisdictionCode::parse("US-CA").map_err(|e| e.message)?,
        };
        let deadline_policy = Policy {
            default_days: ranged(
                get("RIGHTFUL_DEFAULT_DEADLINE_DAYS"),
                "RIGHTFUL_DEFAULT_DEADLINE_DAYS",
                "days",
                1..=365,
                Policy::default().default_days,
            )?,
            extra_closures: get("RIGHTFUL_CLOSURE_DAYS")
                .map(closure_days)
                .transpose()?
                .unwrap_or_default(),
        };
        let public_url_configured = get("RIGHTFUL_PUBLIC_URL").is_some();
        let public_url = match get("RIGHTFUL_PUBLIC_URL") {
            Some(url) => check_public_url(url)?,
            None => format!("http://{addr}"),
        };
        let blob_store = get("RIGHTFUL_BLOB_STORE")
            .unwrap_or_else(|| data_dir.join("blobs").display().to_string());
        let deletion_grace_days = ranged(
            get("RIGHTFUL_DELETION_GRACE_DAYS"),
            "RIGHTFUL_DELETION_GRACE_DAYS",
            "days",
            0..=90,
            14,
        )?;
        let retention_months = ranged(
            get("RIGHTFUL_RETENTION_MONTHS"),
            "RIGHTFUL_RETENTION_MONTHS",
            "months",
            1..=600,
            24,
        )?;
        let workers = ranged(
            get("RIGHTFUL_WORKERS"),
            "RIGHTFUL_WORKERS",
            "workers",
            1..=64,
            4,
        )?;
        let job_lease_secs = ranged(
            get("RIGHTFUL_JOB_LEASE_SECS"),
            "RIGHTFUL_JOB_LEASE_SECS",
            "seconds",
            3..=3600,
            60,
        )?;
        let networks = |name: &str| {
            get(name)
                .map(|v| crate::http::edge::parse_networks(name, &v))
                .transpose()
                .map(Option::unwrap_or_default)
        };
        let trusted_proxies = networks("RIGHTFUL_TRUSTED_PROXIES")?;
        let system_networks = networks("RIGHTFUL_SYSTEM_NETWORKS")?;
        Ok(Self {
            addr,
            database_url,
            data_dir,
            smtp_url,
            mail_from,
            secret,
            default_jurisdiction,
            deadline_policy,
            public_url,
            blob_store,
            deletion_grace_days,
            retention_months,
            workers,
            job_lease_secs,
            trusted_proxies,
            system_networks,
            systems: Vec::new(),
            public_url_configured,
        })
    }

    /// Listens on `addr` instead (`serve --addr`); a public URL derived from the address
    /// follows it.
    pub fn set_addr(&mut self, addr: SocketAddr) {
        self.addr = addr;
        if !self.public_url_configured {
            self.public_url = format!("http://{addr}");
        }
    }

    /// The backend's share of the configuration, with the blob store opened.
    pub fn backend_settings(&self) -> Result<Settings, String> {
        let mail = match &self.smtp_url {
            Some(url) => MailSettings::Smtp { url: url.clone() },
            None => MailSettings::Outbox(self.data_dir.join("outbox")),
        };
        let blobs = backend::blobs::open(&self.blob_store)
            .map_err(|e| format!("RIGHTFUL_BLOB_STORE: {e}"))?;
        Ok(Settings {
            secret: self.secret.clone(),
            mail,
            mail_from: self.mail_from.clone(),
            default_jurisdiction: self.default_jurisdiction.clone(),
            deadline_policy: self.deadline_policy.clone(),
            public_url: self.public_url.clone(),
            blobs,
            deletion_grace: chrono::Duration::days(i64::from(self.deletion_grace_days)),
            system_networks: backend::webhooks::SystemNetworks::new(self.system_networks.clone()),
            notices: std::sync::Arc::new(app::mail::Notices),
        })
    }
}

fn read_file(env: &Source) -> Result<(Source, Vec<DeclaredSystem>), String> {
    let (path, required) = match env.get("RIGHTFUL_CONFIG") {
        Some(p) => (PathBuf::from(p), true),
        None => (PathBuf::from("rightful.toml"), false),
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if !required && e.kind() == std::io::ErrorKind::NotFound => {
            return Ok((Source::new(), Vec::new()));
        }
        Err(e) => {
            return Err(format!(
                "RIGHTFUL_CONFIG: cannot read {}: {e}",
                path.display()
            ));
        }
    };
    let mut table: toml::Table = text
        .parse()
        .map_err(|e: toml::de::Error| format!("{}: {}", path.display(), e.message()))?;
    let systems = match table.remove("systems") {
        Some(value) => declared::parse(value, env, &path.display().to_string())?,
        None => Vec::new(),
    };
    let settings = table
        .into_iter()
        .map(|(key, value)| {
            let name = key.to_ascii_uppercase();
            if !VARIABLES.contains(&name.as_str()) {
                return Err(format!("{}: unknown setting {key:?}", path.display()));
            }
            match value {
                toml::Value::String(s) => Ok((name, s)),
                other => Ok((name, other.to_string())),
            }
        })
        .collect::<Result<_, _>>()?;
    Ok((settings, systems))
}

fn check_database_url(url: String) -> Result<String, String> {
    if url.starts_with("sqlite:")
        || url.starts_with("postgres://")
        || url.starts_with("postgresql://")
    {
        Ok(url)
    } else {
        Err("DATABASE_URL: must start with sqlite:, postgres:// or postgresql://".to_owned())
    }
}

fn closure_days(list: String) -> Result<Vec<NaiveDate>, String> {
    list.split(',')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(|d| {
            NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .map_err(|_| format!("RIGHTFUL_CLOSURE_DAYS: {d:?} is not a date like 2026-12-24"))
        })
        .collect()
}

/// Parses an optional whole number in `range`, naming the variable and the unit if it is bad.
fn ranged(
    value: Option<String>,
    name: &str,
    unit: &str,
    range: std::ops::RangeInclusive<u32>,
    default: u32,
) -> Result<u32, String> {
    let Some(v) = value else { return Ok(default) };
    v.parse().ok().filter(|n| range.contains(n)).ok_or_else(|| {
        format!(
            "{name}: {v:?} is not a number of {unit} from {} to {}",
            range.start(),
            range.end()
        )
    })
}

fn check_public_url(url: String) -> Result<String, String> {
    if url.starts_with("https://") || url.starts_with("http://") {
        Ok(url.trim_end_matches('/').to_owned())
    } else {
        Err("RIGHTFUL_PUBLIC_URL: must start with https:// or http://".to_owned())
    }
}

fn check_smtp_url(url: String) -> Result<String, String> {
    if url.starts_with("smtp://") || url.starts_with("smtps://") {
        Ok(url)
    } else {
        Err("RIGHTFUL_SMTP_URL: must start with smtp:// or smtps://".to_owned())
    }
}

/// The generated development secret, created on first start with owner-only permissions.
fn stored_secret(data_dir: &Path) -> Result<Secret, String> {
    let path = data_dir.join("secret");
    let problem =
        |e: std::io::Error| format!("RIGHTFUL_SECRET: unset, and {}: {e}", path.display());
    match std::fs::read_to_string(&path) {
        Ok(text) => Secret::from_hex(text.trim())
            .map_err(|why| format!("RIGHTFUL_SECRET: {}: {why}", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let secret = Secret::generate();
            write_private(&path, &secret.to_hex()).map_err(problem)?;
            tracing::info!(path = %path.display(), "generated a secret for this installation");
            Ok(secret)
        }
        Err(e) => Err(problem(e)),
    }
}

fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(contents.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(pairs: &[(&str, &str)]) -> Source {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn error(pairs: &[(&str, &str)]) -> String {
        let dir = tempfile::tempdir().unwrap();
        let mut env = source(pairs);
        env.insert("RIGHTFUL_DATA_DIR".into(), dir.path().display().to_string());
        Config::from_sources(&env, &Source::new()).err().unwrap()
    }

    #[test]
    fn bad_values_name_their_variable() {
        assert!(error(&[("RIGHTFUL_ADDR", "nowhere")]).starts_with("RIGHTFUL_ADDR:"));
        assert!(error(&[("DATABASE_URL", "mysql://x")]).starts_with("DATABASE_URL:"));
        assert!(error(&[("RIGHTFUL_SMTP_URL", "http://x")]).starts_with("RIGHTFUL_SMTP_URL:"));
        assert!(error(&[("RIGHTFUL_SECRET", "short")]).starts_with("RIGHTFUL_SECRET:"));
        assert!(
            error(&[("RIGHTFUL_DEFAULT_JURISDICTION", "Narnia")])
                .starts_with("RIGHTFUL_DEFAULT_JURISDICTION:")
        );
    }

    #[test]
    fn defaults_and_a_generated_secret_that_persists() {
        let dir = tempfile::tempdir().unwrap();
        let env = source(&[("RIGHTFUL_DATA_DIR", &dir.path().display().to_string())]);
        let first = Config::from_sources(&env, &Source::new()).unwrap();
        assert_eq!(first.addr.to_string(), "127.0.0.1:3000");
        assert!(first.database_url.starts_with("sqlite://") && first.smtp_url.is_none());
        let second = Config::from_sources(&env, &Source::new()).unwrap();
        assert_eq!(first.secret.to_hex(), second.secret.to_hex());
    }

    #[test]
    fn the_environment_overrides_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().display().to_string();
        let file = source(&[
            ("RIGHTFUL_ADDR", "127.0.0.1:4000"),
            ("RIGHTFUL_DATA_DIR", &data),
        ]);
        let from_file = Config::from_sources(&Source::new(), &file).unwrap();
        assert_eq!(from_file.addr.port(), 4000);
        let env = source(&[("RIGHTFUL_ADDR", "127.0.0.1:5000")]);
        assert_eq!(Config::from_sources(&env, &file).unwrap().addr.port(), 5000);
    }

    #[test]
    fn a_derived_public_url_follows_the_address_and_networks_parse() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().display().to_string();
        let env = source(&[("RIGHTFUL_DATA_DIR", &data)]);
        let mut derived = Config::from_sources(&env, &Source::new()).unwrap();
        derived.set_addr("127.0.0.1:4100".parse().unwrap());
        assert_eq!(derived.public_url, "http://127.0.0.1:4100");
        let env = source(&[
            ("RIGHTFUL_DATA_DIR", &data),
            ("RIGHTFUL_PUBLIC_URL", "https://privacy.example.com"),
            ("RIGHTFUL_TRUSTED_PROXIES", "10.0.0.0/8"),
            ("RIGHTFUL_SYSTEM_NETWORKS", "10.20.0.0/16, 127.0.0.1"),
        ]);
        let mut configured = Config::from_sources(&env, &Source::new()).unwrap();
        configured.set_addr("127.0.0.1:4100".parse().unwrap());
        assert_eq!(configured.public_url, "https://privacy.example.com");
        assert_eq!(configured.trusted_proxies.len(), 1);
        assert_eq!(configured.system_networks.len(), 2);
        assert!(
            error(&[("RIGHTFUL_SYSTEM_NETWORKS", "somewhere")])
                .starts_with("RIGHTFUL_SYSTEM_NETWORKS:")
        );
    }

    #[test]
    fn the_readme_documents_every_setting() {
        let readme = include_str!("../../README.md");
        for name in VARIABLES {
            assert!(
                readme.contains(&format!("| `{name}` |")),
                "{name} is missing from the README's configuration table"
            );
        }
    }
}
