//! The deadline engine: from a jurisdiction, a request kind, the instant a request arrived and
//! what happened to its clock, to the legal milestones and a plain-English trail of why.
//!
//! The rules are docs/legal.md's (shared with legal staff), and each trail step names its source:
//!
//! * **GDPR (EU 27 and IS, LI, NO) and UK GDPR** count one calendar month with a month-end
//!   clamp, then roll off weekends and the jurisdiction's public holidays (Reg 1182/71 Art 3;
//!   ICO guidance). The extension reaches three months from the start; pauses move the
//!   unrolled end dates; UK Art 12A restarts the clock for requests from 2026-02-05.
//! * **CCPA** (US-CA) counts 10 and 15 business days (Mon–Fri less US federal holidays on their
//!   observed dates) and 45 calendar days with a 45-day extension, without pauses.
//! * **Other US states, LGPD, PIPEDA and Québec's Law 25** count calendar days, no roll.
//! * **Any other code** gets the caller's [`Policy::default_days`] in UTC, marked as having no
//!   statutory deadline.
//!
//! Dates are local dates in the jurisdiction's legal time zone; every deadline ends at
//! 23:59:59 local time. Public holidays 2015–2045 are generated data
//! (`scripts/holidays/generate.py`); outside those years only weekends are skipped, and the
//! trail says so.
//!
//! Decisions where docs/legal.md is silent (each is also written to the trail):
//! * an `appeal` exists only under the US state laws that grant one; elsewhere (GDPR, UK GDPR,
//!   CCPA, UCPA, LGPD, PIPEDA, Law 25) [`compute`] refuses it with
//!   [`DeadlineError::KindUnavailable`];
//! * kinds a statute does not name are mapped to the nearest right (e.g. `opt_out_sale` under
//!   GDPR is an Art 21 objection; `remove_from_outputs` under the CCPA is a request to delete);
//! * a subdivision of an EU/EEA state gets that state's rules; a GB code other than GB-ENG,
//!   GB-WLS, GB-SCT and GB-NIR uses the bank holidays common to all UK nations (the earliest).

mod americas;
mod calendar;
mod engine;
mod error;
mod events;
mod holidays_data;
mod plan;
mod registry;
mod trail;
mod types;

use chrono::{DateTime, Datelike, NaiveDate, Utc};

pub use error::DeadlineError;
pub use types::{ClockEvent, Milestone, Milestones, Policy};

use crate::{JurisdictionCode, RequestKind};
use calendar::{Calendar, WorkingDays};
use engine::{Ctx, Dates};
use registry::Jurisdiction;
use trail::Trail;

/// The milestones of a request of `kind` received at `received` in `jurisdiction`, after the
/// clock `events` (applied in order).
///
/// Errors when the kind has no statutory deadline there (an appeal where no appeal right
/// exists), or when an event is refused: a pause or restart the regime does not allow, an
/// extension that does not exist or comes too late, or an event dated before receipt.
pub fn compute(
    jurisdiction: &JurisdictionCode,
    kind: RequestKind,
    received: DateTime<Utc>,
    events: &[ClockEvent],
    policy: &Policy,
) -> Result<Milestones, DeadlineError> {
    let juris = registry::resolve(jurisdiction);
    let received_on = received.with_timezone(&juris.tz).date_naive();
    let plan = plan::plan(juris.regime, kind, received_on, policy.default_days)?;
    let days = WorkingDays {
        calendar: juris.calendar,
        closures: &policy.extra_closures,
    };
    let ctx = Ctx {
        plan,
        kind,
        days,
        received_on,
    };
    let mut trail = Trail::new();
    header(&mut trail, jurisdiction, &juris, &ctx);
    let clock = events::apply(&ctx, events, &mut trail)?;
    let dates = engine::dates(&ctx, &clock, &mut trail)?;
    footer(&mut trail, &juris, &dates, received_on);
    let at = |date: NaiveDate| Milestone::at(juris.tz, date);
    let respond_by = at(dates.respond);
    let same_or_at = |date: NaiveDate| {
        if date == respond_by.date {
            respond_by
        } else {
            at(date)
        }
    };
    Ok(Milestones {
        jurisdiction: jurisdiction.clone(),
        regime: ctx.plan.regime,
        kind,
        time_zone: juris.tz.name(),
        received_on,
        acknowledge_by: dates.acknowledge.map(at),
        respond_by: Some(respond_by),
        extension_notice_by: dates.notice.map(same_or_at),
        extended_respond_by: dates.extended.map(at),
        extended: clock.extended,
        trail: trail.into_lines(),
    })
}

/// Whether `date` is a working day in `jurisdiction`: Monday to Friday and not a public
/// holiday of its calendar (GDPR, UK and CCPA jurisdictions have one; others only weekends).
/// A deployment's [`Policy::extra_closures`] are not consulted here.
pub fn is_working_day(jurisdiction: &JurisdictionCode, date: NaiveDate) -> bool {
    let calendar = registry::resolve(jurisdiction).calendar;
    WorkingDays {
        calendar,
        closures: &[],
    }
    .is_working(date)
}

fn header(trail: &mut Trail, code: &JurisdictionCode, juris: &Jurisdiction, ctx: &Ctx) {
    let tz = juris.tz.name();
    trail.push(|l| {
        l.s(code.as_str())
            .s(": ")
            .s(ctx.plan.regime)
            .s(", ")
            .s(ctx.plan.basis);
    });
    if let Some(note) = juris.note {
        trail.push(|l| {
            l.s("reading of ").s(code.as_str()).s(": ").s(note);
        });
    }
    trail.push(|l| {
        l.s("legal time zone ")
            .s(tz)
            .s("; each deadline ends at 23:59:59 local time, with ");
        l.s("the UTC offset in force on its date");
        if let Some(calendar) = juris.calendar {
            l.s("; working days are Monday to Friday except ")
                .s(calendar.name);
            l.s(" (").s(holidays_data::SOURCE).s(")");
            let closures = ctx.days.closures.len();
            if closures > 0 {
                l.s(" and ")
                    .n(closures as i64)
                    .s(" closure days of this deployment");
            }
        }
    });
    if let Some(note) = ctx.plan.note {
        trail.push(|l| {
            l.s("decision: ").s(note);
        });
    }
    trail.push(|l| {
        l.s("received ")
            .d(ctx.received_on)
            .s(" (")
            .s(tz)
            .s("); the day of receipt is not counted");
    });
}

fn footer(trail: &mut Trail, juris: &Jurisdiction, dates: &Dates, received_on: NaiveDate) {
    let last = dates
        .extended
        .unwrap_or(dates.respond)
        .max(dates.acknowledge.unwrap_or(received_on));
    for year in [received_on, last] {
        if juris.calendar.is_some() && !Calendar::covers(year) {
            trail.push(|l| {
                l.s("no holiday data for ")
                    .n(i64::from(year.year()))
                    .s(" (the tables cover ");
                l.n(i64::from(holidays_data::FIRST_YEAR)).s("–");
                l.n(i64::from(holidays_data::LAST_YEAR))
                    .s("): only weekends and closures count");
            });
            break;
        }
    }
}

/// The legal time zone of `jurisdiction`, in which its deadline dates are counted (UTC where
/// no statute applies).
pub fn legal_time_zone(jurisdiction: &JurisdictionCode) -> chrono_tz::Tz {
    registry::resolve(jurisdiction).tz
}

/// The family of law `jurisdiction`'s deadlines come from, as reports group them.
pub fn regime_of(jurisdiction: &JurisdictionCode) -> crate::report::LegalRegime {
    use crate::report::LegalRegime as R;
    match registry::resolve(jurisdiction).regime {
        registry::Regime::Gdpr => R::Gdpr,
        registry::Regime::UkGdpr => R::UkGdpr,
        registry::Regime::Ccpa => R::Ccpa,
        registry::Regime::UsState(_) => R::UsState,
        registry::Regime::Lgpd => R::Lgpd,
        registry::Regime::Pipeda => R::Pipeda,
        registry::Regime::Law25 => R::Law25,
        registry::Regime::Default => R::Other,
    }
}
