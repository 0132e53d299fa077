//! The reports as CSV: machine-readable column names, one line per row, CRLF line ends
//! (RFC 4180). No field holds a comma, a quote or free text, so none needs quoting.

use super::{CcpaReport, DayCounts, DeadlineRow};
use crate::DenialReason;

impl CcpaReport {
    /// The §7102 metrics as CSV: one line per category, the year on each line.
    pub fn csv(&self) -> String {
        let mut header = vec![
            "year",
            "category",
            "received",
            "complied_in_whole_or_part",
            "denied",
        ];
        let reasons: Vec<String> = DenialReason::ALL
            .iter()
            .map(|r| format!("denied_{r}"))
            .collect();
        header.extend(reasons.iter().map(String::as_str));
        header.extend([
            "withdrawn",
            "pending",
            "answered",
            "median_days",
            "mean_days",
        ]);
        let mut out = line(header.iter().map(|h| (*h).to_owned()));
        for row in &self.rows {
            let mut fields = vec![
                self.year.to_string(),
                row.category.to_string(),
                row.received.to_string(),
                row.complied.to_string(),
                row.denied.to_string(),
            ];
            fields.extend(row.denied_by_reason.iter().map(|(_, n)| n.to_string()));
            fields.extend([
                row.withdrawn.to_string(),
                row.pending.to_string(),
                row.days.answered().to_string(),
            ]);
            fields.extend(days(&row.days));
            out.push_str(&line(fields.into_iter()));
        }
        out
    }
}

/// The deadline report's header line.
pub fn deadline_header() -> String {
    line(DeadlineRow::CSV_HEADER.iter().map(|h| (*h).to_owned()))
}

/// One line of the deadline report.
pub fn deadline_line(row: &DeadlineRow) -> String {
    line(row.csv_fields().into_iter())
}

/// The median and mean, to one decimal; empty with nothing answered.
fn days(counts: &DayCounts) -> [String; 2] {
    let one = |v: Option<f64>| v.map(|v| format!("{v:.1}")).unwrap_or_default();
    [one(counts.median()), one(counts.mean())]
}

fn line(fields: impl Iterator<Item = String>) -> String {
    let mut out = fields.collect::<Vec<_>>().join(",");
    out.push_str("\r\n");
    out
}
