//! `rightful report ccpa|deadlines`: Legal's reports on standard output. The §7102 metrics
//! for a calendar year as CSV, JSON or a publishable HTML page; the deadline report, with
//! filters, as CSV or JSON, streamed page by page so a million lines take constant memory.

use std::io::Write;

use backend::{Backend, reports::DeadlineWriter};
use clap::Subcommand;
use domain::{
    Language,
    report::{DeadlineFilter, ReportFormat},
};

use crate::{cli::CliError, cli::serve::open_backend, config::Config};

/// Lines read from the database per page of the deadline report.
const PAGE: u64 = 5_000;

/// The `report` subcommands.
#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// The CCPA §7102 metrics for one calendar year (California's requests, its time).
    Ccpa {
        /// The calendar year, e.g. 2026.
        #[arg(long)]
        year: i32,
        /// csv, json or html.
        #[arg(long, default_value = "csv")]
        format: String,
        /// The HTML page's language: en, de, fr or es.
        #[arg(long, default_value = "en")]
        language: String,
    },
    /// Every request received in a period against its deadline.
    Deadlines {
        /// Only this regime: gdpr, uk_gdpr, ccpa, us_state, lgpd, pipeda, law25, other.
        #[arg(long)]
        regime: Option<String>,
        /// Only this kind, e.g. access, delete, opt_out_sale.
        #[arg(long)]
        kind: Option<String>,
        /// Received on or after this day (UTC), YYYY-MM-DD.
        #[arg(long)]
        from: Option<String>,
        /// Received on or before this day (UTC), YYYY-MM-DD.
        #[arg(long)]
        to: Option<String>,
        /// Only this outcome: on_time, late, overdue, open, canceled.
        #[arg(long)]
        outcome: Option<String>,
        /// csv or json.
        #[arg(long, default_value = "csv")]
        format: String,
    },
}

/// Runs a `report` subcommand against the configured database.
pub async fn run(command: ReportCommand) -> Result<(), CliError> {
    match command {
        ReportCommand::Ccpa {
            year,
            format,
            language,
        } => {
            let format: ReportFormat = format.parse().map_err(CliError::flag)?;
            let language: Language = language.parse().map_err(CliError::flag)?;
            let backend = backend().await?;
            let report = backend.ccpa_report(year).await?;
            let text = match format {
                ReportFormat::Csv => report.csv(),
                ReportFormat::Json => json(&report)?,
                ReportFormat::Html => app::reports::ccpa_document(&report, language),
            };
            out(text.as_bytes())
        }
        ReportCommand::Deadlines {
            regime,
            kind,
            from,
            to,
            outcome,
            format,
        } => {
            let filter = DeadlineFilter::parse(
                regime.as_deref(),
                kind.as_deref(),
                from.as_deref(),
                to.as_deref(),
                outcome.as_deref(),
            )
            .map_err(CliError::flag)?;
            let format: ReportFormat = format.parse().map_err(CliError::flag)?;
            if format == ReportFormat::Html {
                return Err(CliError::Usage(
                    "--format: the deadline report is csv or json".into(),
                ));
            }
            deadlines(&backend().await?, &filter, format).await
        }
    }
}

async fn backend() -> Result<Backend, CliError> {
    let config = Config::load().map_err(CliError::Usage)?;
    open_backend(&config).await
}

/// Streams the deadline report, with progress on standard error.
async fn deadlines(
    backend: &Backend,
    filter: &DeadlineFilter,
    format: ReportFormat,
) -> Result<(), CliError> {
    let now = backend.now();
    let mut writer = DeadlineWriter::new(format == ReportFormat::Json);
    out(writer.start().as_bytes())?;
    let (mut after, mut shown) = (None, 0_u64);
    loop {
        let page = backend
            .deadline_report_page(filter, after, PAGE, now)
            .await?;
        out(writer.lines(&page.rows).as_bytes())?;
        match page.next {
            Some(next) => after = Some(next),
            None => break,
        }
        if writer.written() >= shown + 100_000 {
            shown = writer.written();
            eprintln!("{shown} requests written");
        }
    }
    out(writer.end().as_bytes())?;
    eprintln!("{} requests in the report", writer.written());
    Ok(())
}

fn json<T: serde::Serialize>(value: &T) -> Result<String, CliError> {
    let mut text = serde_json::to_string_pretty(value).map_err(failed)?;
    text.push('\n');
    Ok(text)
}

fn out(bytes: &[u8]) -> Result<(), CliError> {
    std::io::stdout()
        .lock()
        .write_all(bytes)
        .map_err(|e| CliError::Failed(format!("writing to standard output: {e}")))
}

fn failed(e: serde_json::Error) -> CliError {
    CliError::Failed(format!("writing the report: {e}"))
}
