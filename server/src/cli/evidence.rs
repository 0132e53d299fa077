//! `rightful evidence <request-id> --output FILE`: one request's evidence bundle, a ZIP for
//! a regulator (what it holds: `backend::reports::evidence`).

use std::path::PathBuf;

use clap::Args;
use uuid::Uuid;

use crate::{cli::CliError, cli::serve::open_backend, config::Config};

/// The arguments of `rightful evidence`.
#[derive(Debug, Args)]
pub struct EvidenceArgs {
    /// The request's id.
    request: String,
    /// Where to write the ZIP; an existing file is not overwritten.
    #[arg(long)]
    output: PathBuf,
}

/// Writes the bundle and prints where, and how big.
pub async fn run(args: EvidenceArgs) -> Result<(), CliError> {
    let id: Uuid = args
        .request
        .trim()
        .parse()
        .map_err(|_| CliError::Usage(format!("{:?} is not a request id", args.request)))?;
    if args.output.exists() {
        return Err(CliError::Usage(format!(
            "--output: {} already exists",
            args.output.display()
        )));
    }
    let config = Config::load().map_err(CliError::Usage)?;
    let backend = open_backend(&config).await?;
    let zip = backend.evidence_bundle(id).await?;
    tokio::fs::write(&args.output, &zip)
        .await
        .map_err(|e| CliError::Failed(format!("writing {}: {e}", args.output.display())))?;
    println!("{} ({} bytes)", args.output.display(), zip.len());
    Ok(())
}
