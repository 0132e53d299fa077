//! `rightful api-keys create|list|revoke`: keys for integrators, printed once.

use clap::Subcommand;
use domain::scope::ApiScope;

use crate::{cli::CliError, cli::serve::open_backend, config::Config};

/// The `api-keys` subcommands.
#[derive(Debug, Subcommand)]
pub enum ApiKeysCommand {
    /// Create a key; prints it once.
    Create {
        /// Who holds the key, e.g. "training-pipeline".
        #[arg(long)]
        name: String,
        /// A scope (repeatable): requests:write, requests:read, requests:approve,
        /// requests:cancel, tasks:write, suppression:read.
        #[arg(long = "scope", required = true)]
        scopes: Vec<String>,
    },
    /// List every key (name, prefix, scopes, created, revoked) as JSON lines.
    List,
    /// Revoke a key by its prefix (`rk_<prefix>_…`); it is refused from then on.
    Revoke {
        /// The key's prefix, or the whole key.
        prefix: String,
    },
}

/// Runs an `api-keys` subcommand against the configured database.
pub async fn run(command: ApiKeysCommand) -> Result<(), CliError> {
    let config = Config::load().map_err(CliError::Usage)?;
    match command {
        ApiKeysCommand::Create { name, scopes } => {
            let scopes = scopes
                .iter()
                .map(|s| s.parse::<ApiScope>())
                .collect::<Result<Vec<_>, _>>()
                .map_err(CliError::flag)?;
            let backend = open_backend(&config).await?;
            let key = backend.create_api_key(&name, &scopes).await?;
            println!("{}", key.0);
            eprintln!("This key is shown once. Store it in the integrator's secrets now.");
        }
        ApiKeysCommand::List => {
            let backend = open_backend(&config).await?;
            for key in backend.list_api_keys().await? {
                let line = serde_json::to_string(&key)
                    .map_err(|e| CliError::Failed(format!("printing a key: {e}")))?;
                println!("{line}");
            }
        }
        ApiKeysCommand::Revoke { prefix } => {
            // A whole key names its prefix too.
            let prefix = prefix
                .strip_prefix("rk_")
                .and_then(|rest| rest.split_once('_'))
                .map_or(prefix.as_str(), |(p, _)| p);
            let backend = open_backend(&config).await?;
            backend.revoke_api_key(prefix).await?;
            eprintln!("Revoked: requests with this key are refused from now on.");
        }
    }
    Ok(())
}
