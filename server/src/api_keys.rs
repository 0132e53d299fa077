//! `rightful api-keys create`: keys for integrators, printed once.

use clap::Subcommand;
use domain::scope::ApiScope;

use crate::{cli::CliError, config::Config, serve::open_backend};

/// The `api-keys` subcommands.
#[derive(Debug, Subcommand)]
pub enum ApiKeysCommand {
    /// Create a key; prints it once.
    Create {
        /// Who holds the key, e.g. "training-pipeline".
        #[arg(long)]
        name: String,
        /// A scope (repeatable): requests:write, requests:read, suppression:read.
        #[arg(long = "scope", required = true)]
        scopes: Vec<String>,
    },
}

/// Runs an `api-keys` subcommand against the configured database.
pub async fn run(command: ApiKeysCommand) -> Result<(), CliError> {
    let ApiKeysCommand::Create { name, scopes } = command;
    let scopes = scopes
        .iter()
        .map(|s| s.parse::<ApiScope>())
        .collect::<Result<Vec<_>, _>>()
        .map_err(CliError::flag)?;
    let config = Config::load().map_err(CliError::Usage)?;
    let backend = open_backend(&config).await?;
    let key = backend.create_api_key(&name, &scopes).await?;
    println!("{}", key.0);
    eprintln!("This key is shown once. Store it in the integrator's secrets now.");
    Ok(())
}
