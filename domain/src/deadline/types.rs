//! The engine's public inputs and outputs.

use std::fmt;

use chrono::{DateTime, FixedOffset, LocalResult, NaiveDate, NaiveTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize, Serializer};

use crate::{JurisdictionCode, RequestKind};

/// A deployment's choices where the law leaves them open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Policy {
    /// Calendar days given to requests in jurisdictions with no statutory deadline.
    pub default_days: u32,
    /// The deployment's own closure days: deadlines that roll, and business-day counts, skip
    /// them as they skip public holidays.
    pub extra_closures: Vec<NaiveDate>,
}

impl Default for Policy {
    fn default() -> Self {
        Self {
            default_days: 30,
            extra_closures: Vec::new(),
        }
    }
}

/// Something that happened to a request's legal clock, as dates in the legal time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ClockEvent {
    /// The clock stopped on `from` and ran again from `to` (GDPR and UK GDPR: identity checks
    /// or clarification). Every milestone counted from the start moves `to − from` days later.
    Pause {
        /// The day the clock stopped.
        from: NaiveDate,
        /// The day the clock ran again.
        to: NaiveDate,
    },
    /// The period runs afresh from `on` (UK GDPR Art 12A: ID or a fee arrived), for requests
    /// received on or after 2026-02-05.
    Restart {
        /// The day the ID or fee arrived.
        on: NaiveDate,
    },
    /// The extension was taken and the person told on `on`.
    Extend {
        /// The day the person was told.
        on: NaiveDate,
    },
}

/// A deadline: its date in the legal time zone and the instant it ends, 23:59:59 local time.
///
/// Serializes as the RFC 3339 string of `end`, e.g. `"2025-04-29T23:59:59+01:00"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Milestone {
    /// The last day, in the legal time zone.
    pub date: NaiveDate,
    /// The end of that day, with the offset in force on it.
    pub end: DateTime<FixedOffset>,
}

/// 23:59:59, when every deadline ends.
const END_OF_DAY: NaiveTime = match NaiveTime::from_hms_opt(23, 59, 59) {
    Some(time) => time,
    None => NaiveTime::MIN,
};

impl Milestone {
    /// The milestone ending at 23:59:59 on `date` in `tz`.
    ///
    /// Where 23:59:59 occurs twice (a clock going back at midnight) the first, earlier instant
    /// is taken. Where it does not occur at all (a day skipped by its zone, such as Samoa's
    /// 2011-12-30) the offset in force at the start of that day is used, so the milestone
    /// still reads 23:59:59 on its date and nothing panics.
    pub fn at(tz: Tz, date: NaiveDate) -> Self {
        let local = date.and_time(END_OF_DAY);
        let end = match tz.from_local_datetime(&local) {
            LocalResult::Single(end) | LocalResult::Ambiguous(end, _) => end.fixed_offset(),
            LocalResult::None => {
                let before = tz
                    .offset_from_utc_datetime(&date.and_time(NaiveTime::MIN))
                    .fix();
                match before.from_local_datetime(&local) {
                    LocalResult::Single(end) | LocalResult::Ambiguous(end, _) => end,
                    LocalResult::None => Utc.from_utc_datetime(&local).fixed_offset(),
                }
            }
        };
        Self { date, end }
    }
}

impl fmt::Display for Milestone {
    /// `YYYY-MM-DDT23:59:59±HH:MM`, always with a numeric offset.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.end.format("%Y-%m-%dT%H:%M:%S%:z"))
    }
}

impl Serialize for Milestone {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// The deadlines of one request, with the steps that led to them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Milestones {
    /// The jurisdiction asked about.
    pub jurisdiction: JurisdictionCode,
    /// The law applied: `GDPR`, `UK GDPR`, `CCPA`, `VCDPA`, `LGPD`, `PIPEDA`, `Law 25`, … or
    /// `default` where no statutory deadline is known.
    pub regime: &'static str,
    /// The request kind.
    pub kind: RequestKind,
    /// The legal time zone, an IANA name.
    pub time_zone: &'static str,
    /// The receipt date in the legal time zone.
    pub received_on: NaiveDate,
    /// When receipt must be acknowledged, where the law requires it (CCPA).
    pub acknowledge_by: Option<Milestone>,
    /// When the response is due without an extension.
    pub respond_by: Option<Milestone>,
    /// The last day the person can be told of an extension, where one exists.
    pub extension_notice_by: Option<Milestone>,
    /// When the response is due if the extension is taken, where one exists.
    pub extended_respond_by: Option<Milestone>,
    /// Whether the extension was taken ([`ClockEvent::Extend`]).
    pub extended: bool,
    /// The steps, in plain English, each naming its rule and source.
    pub trail: Vec<String>,
}

impl Milestones {
    /// The deadline in force: the extended one when the extension was taken.
    pub fn due(&self) -> Option<Milestone> {
        if self.extended {
            self.extended_respond_by.or(self.respond_by)
        } else {
            self.respond_by
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn ends_at_23_59_59_with_the_offset_of_that_date() {
        let date = NaiveDate::from_ymd_opt(2025, 4, 29).unwrap();
        assert_eq!(
            Milestone::at(Tz::Europe__London, date).to_string(),
            "2025-04-29T23:59:59+01:00"
        );
        let winter = NaiveDate::from_ymd_opt(2025, 2, 28).unwrap();
        assert_eq!(
            Milestone::at(Tz::UTC, winter).to_string(),
            "2025-02-28T23:59:59+00:00"
        );
    }

    #[test]
    fn a_day_skipped_by_its_zone_still_gets_an_end() {
        // Samoa skipped 2011-12-30 when it crossed the date line.
        let skipped = NaiveDate::from_ymd_opt(2011, 12, 30).unwrap();
        let m = Milestone::at(Tz::Pacific__Apia, skipped);
        assert_eq!(m.to_string(), "2011-12-30T23:59:59-10:00");
    }
}
