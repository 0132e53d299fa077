//! `rightful backup --output FILE`: a consistent copy of the embedded SQLite database, taken
//! while Rightful runs.

use std::path::PathBuf;

use clap::Args;

use crate::{cli::CliError, config::Config};

/// Where to write the copy.
#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The file to write; it must not exist.
    #[arg(long)]
    output: PathBuf,
}

/// Takes the copy and says how to restore it.
pub async fn run(args: BackupArgs) -> Result<(), CliError> {
    let config = Config::load().map_err(CliError::Usage)?;
    let db = backend::db::connect(&config.database_url)
        .await
        .map_err(|_| CliError::Failed("DATABASE_URL: cannot open the database".into()))?;
    backend::db::backup(&db, &args.output).await?;
    db.close().await.ok();
    eprintln!(
        "Backed up to {}. To restore: stop Rightful, replace {} with this file (and delete \
         its -wal and -shm files), then start Rightful again. Blobs are not in it: copy \
         RIGHTFUL_BLOB_STORE too.",
        args.output.display(),
        config
            .database_url
            .trim_start_matches("sqlite://")
            .split('?')
            .next()
            .unwrap_or_default(),
    );
    Ok(())
}
