//! `rightful exports revoke`: ends an export's download link at once, for a link that went
//! to the wrong place or a person who asks. They can ask for the file again from its page.

use clap::Subcommand;

use crate::{cli::CliError, cli::serve::open_backend, config::Config};

/// The `exports` subcommands.
#[derive(Debug, Subcommand)]
pub enum ExportsCommand {
    /// End the download link of a request's export now.
    Revoke {
        /// The request id.
        request: String,
    },
}

/// Runs an `exports` subcommand against the configured database.
pub async fn run(command: ExportsCommand) -> Result<(), CliError> {
    let config = Config::load().map_err(CliError::Usage)?;
    match command {
        ExportsCommand::Revoke { request } => {
            let id = uuid::Uuid::parse_str(request.trim()).map_err(|_| {
                CliError::Usage(format!("{request:?} is not a request id (a UUID)"))
            })?;
            let backend = open_backend(&config).await?;
            if backend.revoke_export(id).await? {
                eprintln!(
                    "Revoked: the link no longer works; the person can ask for the file again."
                );
            } else {
                eprintln!("This request has no live download link; nothing changed.");
            }
        }
    }
    Ok(())
}
