//! The `rightful` binary: parses the command line and runs one command.

use std::process::ExitCode;

use clap::Parser;
use server::cli;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) if err.use_stderr() => {
            // Bad arguments: one line naming the problem, and status 2.
            let message = err.to_string();
            let first = message.lines().next().unwrap_or("invalid arguments");
            eprintln!("rightful: {}", first.trim_start_matches("error: "));
            return ExitCode::from(2);
        }
        Err(help_or_version) => {
            let _ = help_or_version.print();
            return ExitCode::SUCCESS;
        }
    };
    init_logging();
    match cli::run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("rightful: {}", err.message());
            ExitCode::from(err.exit_code())
        }
    }
}

fn init_logging() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_env("RIGHTFUL_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn,sea_orm_migration=warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}
