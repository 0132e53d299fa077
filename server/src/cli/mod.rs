//! The command line: `serve`, `worker`, `migrate`, `deadlines`, `systems`, `api-keys`,
//! `tasks`, `exports`, `backup`, `staff`, `seed`, `audit`, `report` and `evidence`.

mod api_keys;
mod audit;
mod backup;
mod deadlines;
mod evidence;
mod exports;
mod housekeeping;
mod report;
mod seed;
pub mod serve;
mod staff;
mod systems;
mod tasks;

use std::net::SocketAddr;

use clap::{Parser, Subcommand};

use crate::config::Config;

/// Rightful: a self-service portal for personal-data rights.
#[derive(Debug, Parser)]
#[command(name = "rightful", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Migrate the database, then serve the portal and the API.
    Serve {
        /// The address to listen on (overrides RIGHTFUL_ADDR).
        #[arg(long)]
        addr: Option<SocketAddr>,
        /// Do not run the job worker in this process (for replicas behind a load balancer;
        /// run `rightful worker` elsewhere).
        #[arg(long)]
        no_worker: bool,
    },
    /// Run the job worker only (any number of them, on PostgreSQL).
    Worker,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Create API keys for integrators.
    #[command(subcommand, name = "api-keys")]
    ApiKeys(api_keys::ApiKeysCommand),
    /// Manage the data systems that receive requests.
    #[command(subcommand)]
    Systems(systems::SystemsCommand),
    /// Work the tasks of manual systems, and retry failed ones.
    #[command(subcommand)]
    Tasks(tasks::TasksCommand),
    /// End an export's download link early.
    #[command(subcommand)]
    Exports(exports::ExportsCommand),
    /// Compute a request's legal deadlines and print them, with the reasoning, as JSON.
    Deadlines(deadlines::DeadlinesArgs),
    /// Manage console accounts for privacy-operations staff.
    #[command(subcommand)]
    Staff(staff::StaffCommand),
    /// Fill an empty database with realistic, reproducible fake requests.
    Seed(seed::SeedArgs),
    /// Copy the embedded SQLite database to a file while Rightful runs (PostgreSQL: pg_dump).
    Backup(backup::BackupArgs),
    /// Verify the audit log's chains and anchors, or record an anchor.
    #[command(subcommand)]
    Audit(audit::AuditCommand),
    /// Legal's reports: the CCPA §7102 metrics and the deadline report, on standard output.
    #[command(subcommand)]
    Report(report::ReportCommand),
    /// Write one request's evidence bundle (a ZIP) for a regulator.
    Evidence(evidence::EvidenceArgs),
}

/// A command's failure: a one-line message and an exit status.
#[derive(Debug)]
pub enum CliError {
    /// Bad configuration or arguments (exit status 2).
    Usage(String),
    /// The command failed (exit status 1).
    Failed(String),
}

impl CliError {
    /// Bad input for the command-line flag named by the error's field.
    pub fn flag(err: domain::ValidationError) -> Self {
        Self::Usage(format!(
            "--{}: {}",
            err.field.replace('_', "-"),
            err.message
        ))
    }

    /// The one-line message.
    pub fn message(&self) -> &str {
        match self {
            Self::Usage(m) | Self::Failed(m) => m,
        }
    }

    /// The process exit status.
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::Usage(_) => 2,
            Self::Failed(_) => 1,
        }
    }
}

/// A backend failure as the command line reports it: what the user can fix is a usage error
/// (status 2), anything else a failure (status 1).
impl From<backend::Error> for CliError {
    fn from(err: backend::Error) -> Self {
        match err {
            backend::Error::Validation(v) => Self::flag(v),
            backend::Error::Conflict(m) => Self::Usage(m),
            backend::Error::NotFound(what) => Self::Usage(format!("no such {what}")),
            other => Self::Failed(other.to_string()),
        }
    }
}

/// Runs the parsed command.
pub async fn run(cli: Cli) -> Result<(), CliError> {
    match cli.command {
        Command::Serve { addr, no_worker } => {
            let mut config = Config::load().map_err(CliError::Usage)?;
            if let Some(addr) = addr {
                config.set_addr(addr);
            }
            serve::serve(config, !no_worker).await
        }
        Command::Worker => serve::work(Config::load().map_err(CliError::Usage)?).await,
        Command::Migrate => {
            let config = Config::load().map_err(CliError::Usage)?;
            let db = serve::open_database(&config).await?;
            tracing::info!("migrations applied");
            db.close().await.ok();
            Ok(())
        }
        Command::Deadlines(args) => deadlines::run(args),
        Command::Systems(command) => systems::run(command).await,
        Command::ApiKeys(command) => api_keys::run(command).await,
        Command::Tasks(command) => tasks::run(command).await,
        Command::Exports(command) => exports::run(command).await,
        Command::Backup(args) => backup::run(args).await,
        Command::Staff(command) => staff::run(command).await,
        Command::Seed(args) => seed::run(args).await,
        Command::Audit(command) => audit::run(command).await,
        Command::Report(command) => report::run(command).await,
        Command::Evidence(args) => evidence::run(args).await,
    }
}
