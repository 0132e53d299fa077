//! `rightful systems add|list|disable|rotate-secret`: the registry of data systems.

use backend::systems::NewSystem;
use clap::Subcommand;
use domain::system::{Capability, SystemKind};

use crate::{cli::CliError, cli::serve::open_backend, config::Config};

/// The `systems` subcommands.
#[derive(Debug, Subcommand)]
pub enum SystemsCommand {
    /// Add a system; prints its signing secret once.
    Add {
        /// Unique name: lower-case letters, digits, - and _.
        #[arg(long)]
        name: String,
        /// The team or person responsible.
        #[arg(long)]
        owner: String,
        /// webhook or manual.
        #[arg(long)]
        kind: String,
        /// What it can do (repeatable): access_export, delete, correct, opt_out_training,
        /// opt_out_sale.
        #[arg(long = "capability", required = true)]
        capabilities: Vec<String>,
        /// The webhook endpoint (webhook systems only).
        #[arg(long)]
        endpoint: Option<String>,
        /// How long to wait for its replies, in milliseconds.
        #[arg(long, default_value_t = 10_000)]
        timeout_ms: i32,
    },
    /// List every system (never their secrets).
    List,
    /// Stop sending new work to a system.
    Disable {
        /// The system's name.
        name: String,
    },
    /// Give a system a new signing secret, printed once; the old one stays valid for a day.
    RotateSecret {
        /// The system's name.
        name: String,
    },
}

/// Runs a `systems` subcommand against the configured database.
pub async fn run(command: SystemsCommand) -> Result<(), CliError> {
    let config = Config::load().map_err(CliError::Usage)?;
    let backend = open_backend(&config).await?;
    match command {
        SystemsCommand::Add {
            name,
            owner,
            kind,
            capabilities,
            endpoint,
            timeout_ms,
        } => {
            let kind: SystemKind = kind.trim().parse().map_err(CliError::flag)?;
            let capabilities = capabilities
                .iter()
                .map(|c| c.trim().parse::<Capability>())
                .collect::<Result<Vec<_>, _>>()
                .map_err(CliError::flag)?;
            let new = NewSystem {
                name,
                owner,
                kind,
                capabilities,
                endpoint,
                timeout_ms,
            };
            let secret = backend.add_system(new).await?;
            println!("{}", secret.0);
            eprintln!("This signing secret is shown once. Configure it in the system now.");
        }
        SystemsCommand::List => {
            let systems = backend.list_systems().await?;
            let json = serde_json::to_string_pretty(&systems)
                .map_err(|e| CliError::Failed(e.to_string()))?;
            println!("{json}");
        }
        SystemsCommand::Disable { name } => backend.disable_system(&name).await?,
        SystemsCommand::RotateSecret { name } => {
            let secret = backend.rotate_system_secret(&name).await?;
            println!("{}", secret.0);
            eprintln!(
                "This signing secret is shown once. Configure it in the system within a day: \
                 until then both secrets are accepted."
            );
        }
    }
    Ok(())
}
