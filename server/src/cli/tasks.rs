//! `rightful tasks list|complete|retry`: the work waiting for people, and retrying systems
//! that failed.

use std::path::PathBuf;

use backend::fulfilment::Upload;
use clap::Subcommand;
use domain::Actor;
use uuid::Uuid;

use crate::{cli::CliError, cli::serve::open_backend, config::Config};

/// The `tasks` subcommands.
#[derive(Debug, Subcommand)]
pub enum TasksCommand {
    /// List the open tasks of manual systems, or every task of one request, as JSON.
    List {
        /// Show this request's tasks instead.
        #[arg(long)]
        request: Option<Uuid>,
    },
    /// Complete a manual system's task.
    Complete {
        /// The task id.
        task: Uuid,
        /// What was done.
        #[arg(long)]
        note: String,
        /// The system's data for the person (access and export requests).
        #[arg(long)]
        file: Option<PathBuf>,
    },
    /// Send a failed request's failed tasks out again.
    Retry {
        /// The request id.
        request: Uuid,
    },
}

/// Runs a `tasks` subcommand against the configured database.
pub async fn run(command: TasksCommand) -> Result<(), CliError> {
    let config = Config::load().map_err(CliError::Usage)?;
    let backend = open_backend(&config).await?;
    match command {
        TasksCommand::List { request } => {
            let tasks = match request {
                Some(id) => backend.tasks_of(id).await?,
                None => backend.open_manual_tasks().await?,
            };
            let json = serde_json::to_string_pretty(&tasks)
                .map_err(|e| CliError::Failed(e.to_string()))?;
            println!("{json}");
        }
        TasksCommand::Complete { task, note, file } => {
            let upload = match file {
                Some(path) => {
                    let bytes = std::fs::read(&path).map_err(|e| {
                        CliError::Usage(format!("--file: cannot read {}: {e}", path.display()))
                    })?;
                    Some(Upload { bytes })
                }
                None => None,
            };
            backend
                .complete_manual_task(task, &note, upload, Actor::Cli)
                .await?;
        }
        TasksCommand::Retry { request } => {
            let n = backend.retry_failed_tasks(request, Actor::Cli).await?;
            println!("{n} task(s) sent out again");
        }
    }
    Ok(())
}
