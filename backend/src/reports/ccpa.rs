//! CCPA §7102 metrics for one calendar year: requests from California (US-CA) received in the
//! year, counted in California's time, by §7102 category.

use domain::{
    DenialReason, JurisdictionCode, RequestKind, RequestStatus,
    report::{CcpaCategory, CcpaReport, CcpaRow, DayCounts, year_in},
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect, sea_query::Expr};

use crate::{Backend, Error, Result, entities::request};

/// One group as the database counts it: kind, status, denial reason, days to answer, count.
type Group = (
    RequestKind,
    RequestStatus,
    Option<DenialReason>,
    Option<i32>,
    i64,
);

impl Backend {
    /// The §7102 metrics for `year`. Requests still open are counted as pending, so every
    /// row adds up: received = complied + denied + withdrawn + pending.
    pub async fn ccpa_report(&self, year: i32) -> Result<CcpaReport> {
        let california = JurisdictionCode::parse("US-CA").map_err(Error::Validation)?;
        let (from, to) = year_in(&california, year).ok_or_else(|| {
            Error::Validation(domain::ValidationError::new(
                "year",
                "year.invalid",
                "give a year between 1 and 9999",
            ))
        })?;
        let groups: Vec<Group> = request::Entity::find()
            .select_only()
            .column(request::Column::Kind)
            .column(request::Column::Status)
            .column(request::Column::DenialReason)
            .column(request::Column::ResponseDays)
            .expr(Expr::cust("COUNT(*)"))
            .filter(request::Column::ReceivedAt.gte(from))
            .filter(request::Column::ReceivedAt.lt(to))
            .filter(request::Column::Jurisdiction.eq(california.as_str()))
            .group_by(request::Column::Kind)
            .group_by(request::Column::Status)
            .group_by(request::Column::DenialReason)
            .group_by(request::Column::ResponseDays)
            .into_tuple()
            .all(self.db())
            .await?;
        Ok(CcpaReport {
            year,
            rows: tally(&groups),
        })
    }
}

/// The groups folded into one row per category, in the regulation's order.
fn tally(groups: &[Group]) -> Vec<CcpaRow> {
    let mut rows: Vec<CcpaRow> = CcpaCategory::ALL.iter().map(|&c| empty(c)).collect();
    for &(kind, status, reason, days, n) in groups {
        let Some(category) = CcpaCategory::of(kind) else {
            continue;
        };
        let Some(row) = rows.iter_mut().find(|r| r.category == category) else {
            continue;
        };
        let n = u64::try_from(n).unwrap_or(0);
        row.received += n;
        match status {
            RequestStatus::Completed => row.complied += n,
            RequestStatus::Denied => {
                row.denied += n;
                let reason = reason.unwrap_or(DenialReason::Other);
                if let Some(slot) = row.denied_by_reason.iter_mut().find(|(r, _)| *r == reason) {
                    slot.1 += n;
                }
            }
            RequestStatus::Canceled => row.withdrawn += n,
            _ => row.pending += n,
        }
        if matches!(status, RequestStatus::Completed | RequestStatus::Denied)
            && let Some(days) = days
        {
            row.days.add(days, n);
        }
    }
    rows
}

fn empty(category: CcpaCategory) -> CcpaRow {
    CcpaRow {
        category,
        received: 0,
        complied: 0,
        denied: 0,
        denied_by_reason: DenialReason::ALL.iter().map(|&r| (r, 0)).collect(),
        withdrawn: 0,
        pending: 0,
        days: DayCounts::default(),
    }
}
