//! Working days and the counting steps built on them: adding calendar months with the
//! month-end clamp, rolling off days that are not working days, and counting business days.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use super::{DeadlineError, holidays_data as data, trail::Trail};

/// 2015-01-01, the first day of the holiday tables, as days from the common era.
const EPOCH_CE: i32 = 735_599;

/// One generated holiday table, with a description for the trail.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Calendar {
    /// E.g. "England & Wales bank holidays".
    pub(crate) name: &'static str,
    /// `(days since 2015-01-01, index into NAMES)`, sorted by day.
    pub(crate) days: &'static [(u16, u16)],
}

impl Calendar {
    /// The holiday's name when `date` is in the table.
    pub(crate) fn holiday(&self, date: NaiveDate) -> Option<&'static str> {
        let day = u16::try_from(date.num_days_from_ce() - EPOCH_CE).ok()?;
        let at = self.days.binary_search_by_key(&day, |&(d, _)| d).ok()?;
        let name = self.days.get(at)?.1;
        Some(
            data::NAMES
                .get(usize::from(name))
                .copied()
                .unwrap_or("public holiday"),
        )
    }

    /// Whether the tables cover `date`'s year.
    pub(crate) fn covers(date: NaiveDate) -> bool {
        (data::FIRST_YEAR..=data::LAST_YEAR).contains(&date.year())
    }
}

/// Why a day is not a working day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DayOff {
    /// Saturday or Sunday.
    Weekend(Weekday),
    /// A public holiday, with its name.
    Holiday(&'static str),
    /// One of the deployment's own closure days.
    Closure,
}

/// The working-day rule of one computation: weekends, a holiday table, extra closures.
#[derive(Debug, Clone, Copy)]
pub(crate) struct WorkingDays<'a> {
    /// The jurisdiction's holidays, if it has a table.
    pub(crate) calendar: Option<Calendar>,
    /// The deployment's closures ([`Policy::extra_closures`](super::Policy)).
    pub(crate) closures: &'a [NaiveDate],
}

impl WorkingDays<'_> {
    /// `None` for a working day, otherwise why it is not one.
    pub(crate) fn day_off(&self, date: NaiveDate) -> Option<DayOff> {
        let weekday = date.weekday();
        if matches!(weekday, Weekday::Sat | Weekday::Sun) {
            return Some(DayOff::Weekend(weekday));
        }
        if let Some(name) = self.calendar.and_then(|c| c.holiday(date)) {
            return Some(DayOff::Holiday(name));
        }
        self.closures.contains(&date).then_some(DayOff::Closure)
    }

    /// Whether `date` is a working day.
    pub(crate) fn is_working(&self, date: NaiveDate) -> bool {
        self.day_off(date).is_none()
    }

    /// Moves `date` forward to the first working day, recording why in the trail.
    pub(crate) fn roll(
        &self,
        date: NaiveDate,
        cite: &str,
        trail: &mut Trail,
    ) -> Result<NaiveDate, DeadlineError> {
        if self.is_working(date) {
            return Ok(date);
        }
        let mut line = trail.start();
        let mut day = date;
        while let Some(off) = self.day_off(day) {
            if let Some(l) = line.as_mut() {
                if day != date {
                    l.s("; ");
                }
                l.d(day).s(" is ");
                match off {
                    DayOff::Weekend(w) => l.s("a ").weekday(w),
                    DayOff::Holiday(name) => l.s("a public holiday (").s(name).s(")"),
                    DayOff::Closure => l.s("a closure day of this deployment"),
                };
            }
            day = day.succ_opt().ok_or(DeadlineError::OutOfRange)?;
        }
        if let Some(mut l) = line {
            l.s(": rolled to ")
                .d(day)
                .s(", the next working day (")
                .s(cite)
                .s(")");
            trail.finish(l);
        }
        Ok(day)
    }

    /// The `n`th working day after `start` (the start day is not counted), recording the
    /// holidays and closures skipped on weekdays.
    pub(crate) fn add_business_days(
        &self,
        start: NaiveDate,
        n: u32,
        trail: &mut Trail,
    ) -> Result<NaiveDate, DeadlineError> {
        let mut line = trail.start();
        if let Some(l) = line.as_mut() {
            l.s("+").n(i64::from(n)).s(" business days after ").d(start);
        }
        let (mut day, mut counted, mut skipped) = (start, 0, 0);
        while counted < n {
            day = day.succ_opt().ok_or(DeadlineError::OutOfRange)?;
            match self.day_off(day) {
                None => counted += 1,
                Some(DayOff::Weekend(_)) => {}
                Some(off) => {
                    if let Some(l) = line.as_mut() {
                        l.s(if skipped == 0 { " (skipping " } else { ", " })
                            .d(day)
                            .s(" ");
                        l.s(if let DayOff::Holiday(name) = off {
                            name
                        } else {
                            "closure day"
                        });
                    }
                    skipped += 1;
                }
            }
        }
        if let Some(mut l) = line {
            l.s(if skipped == 0 { " → " } else { ") → " }).d(day);
            trail.finish(l);
        }
        Ok(day)
    }
}

/// `date` plus `months` calendar months; `true` when the month had no such day and the date
/// was clamped to the month's last day.
pub(crate) fn add_months(date: NaiveDate, months: u32) -> Result<(NaiveDate, bool), DeadlineError> {
    let end = date
        .checked_add_months(Months::new(months))
        .ok_or(DeadlineError::OutOfRange)?;
    Ok((end, end.day() != date.day()))
}

/// `date` plus `days` calendar days.
pub(crate) fn add_days(date: NaiveDate, days: u64) -> Result<NaiveDate, DeadlineError> {
    date.checked_add_days(Days::new(days))
        .ok_or(DeadlineError::OutOfRange)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn epoch_is_the_first_day_of_the_tables() {
        assert_eq!(day(2015, 1, 1).num_days_from_ce(), EPOCH_CE);
        let us = Calendar {
            name: "US",
            days: data::US_FED,
        };
        assert_eq!(us.holiday(day(2015, 1, 1)), Some("New Year's Day"));
        assert_eq!(us.holiday(day(2014, 12, 25)), None, "before the tables");
        assert_eq!(us.holiday(day(2046, 12, 25)), None, "after the tables");
    }

    #[test]
    fn months_clamp_at_month_end() {
        assert_eq!(
            add_months(day(2025, 1, 31), 1).unwrap(),
            (day(2025, 2, 28), true)
        );
        assert_eq!(
            add_months(day(2024, 1, 31), 1).unwrap(),
            (day(2024, 2, 29), true)
        );
        assert_eq!(
            add_months(day(2025, 3, 5), 1).unwrap(),
            (day(2025, 4, 5), false)
        );
        assert_eq!(
            add_months(day(2025, 11, 30), 3).unwrap(),
            (day(2026, 2, 28), true)
        );
        assert!(add_months(NaiveDate::MAX, 1).is_err());
    }

    #[test]
    fn rolls_and_counts_with_closures() {
        let closures = [day(2025, 3, 3)];
        let days = WorkingDays {
            calendar: None,
            closures: &closures,
        };
        let mut trail = Trail::new();
        assert_eq!(
            days.roll(day(2025, 3, 1), "test", &mut trail).unwrap(),
            day(2025, 3, 4)
        );
        assert_eq!(
            days.add_business_days(day(2025, 2, 28), 1, &mut trail)
                .unwrap(),
            day(2025, 3, 4)
        );
        assert_eq!(
            trail.into_lines(),
            [
                "2025-03-01 is a Saturday; 2025-03-02 is a Sunday; 2025-03-03 is a closure day of \
                 this deployment: rolled to 2025-03-04, the next working day (test)",
                "+1 business days after 2025-02-28 (skipping 2025-03-03 closure day) → 2025-03-04",
            ]
        );
    }
}
