//! The counting itself: from the state of the clock to the milestone dates, writing each step.

use chrono::NaiveDate;

use super::{
    DeadlineError,
    calendar::{WorkingDays, add_days, add_months},
    plan::{Extension, Period, Plan},
    trail::Trail,
};
use crate::RequestKind;

/// The inputs of one computation that the clock events do not change.
pub(crate) struct Ctx<'a> {
    /// The rule.
    pub(crate) plan: Plan,
    /// The request kind.
    pub(crate) kind: RequestKind,
    /// Which days are working days.
    pub(crate) days: WorkingDays<'a>,
    /// The receipt date in the legal time zone.
    pub(crate) received_on: NaiveDate,
}

/// The state of the clock after the events.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Clock {
    /// The day the period runs from: the receipt date, or an Art 12A restart.
    pub(crate) start: NaiveDate,
    /// Days paused since the start.
    pub(crate) paused: u64,
    /// Whether the extension was taken.
    pub(crate) extended: bool,
}

/// The milestone dates.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Dates {
    /// Acknowledge by.
    pub(crate) acknowledge: Option<NaiveDate>,
    /// Respond by, without an extension.
    pub(crate) respond: NaiveDate,
    /// Tell the person of an extension by.
    pub(crate) notice: Option<NaiveDate>,
    /// Respond by, with the extension.
    pub(crate) extended: Option<NaiveDate>,
}

impl Dates {
    /// The deadline in force given whether the extension was taken.
    pub(crate) fn due(&self, extended: bool) -> NaiveDate {
        match (extended, self.extended) {
            (true, Some(date)) => date,
            _ => self.respond,
        }
    }
}

/// The milestone dates for `clock`, with the steps written to `trail`.
pub(crate) fn dates(ctx: &Ctx, clock: &Clock, trail: &mut Trail) -> Result<Dates, DeadlineError> {
    let acknowledge = match ctx.plan.acknowledge {
        Some(n) => {
            let date = ctx.days.add_business_days(ctx.received_on, n, trail)?;
            trail.push(|l| {
                l.s("acknowledge by ").d(date).s(" (").n(i64::from(n));
                l.s(" business days after receipt, the receipt day not counted, 11 CCR §7021(a))");
            });
            Some(date)
        }
        None => {
            trail.push(|l| {
                l.s("acknowledge by: none required by law (Rightful still sends a receipt e-mail)");
            });
            None
        }
    };
    let respond = first_period(ctx, clock, trail)?;
    trail.push(|l| {
        l.s("respond by ").d(respond);
    });
    let extended = match ctx.plan.extension {
        Ok(extension) => Some(extension_end(ctx, clock, extension, respond, trail)?),
        Err(reason) => {
            trail.push(|l| {
                l.s("extension: none (").s(reason).s(")");
            });
            None
        }
    };
    let notice = extended.map(|_| respond);
    if let Some(date) = notice {
        trail.push(|l| {
            l.s("extension notice by ").d(date);
            l.s(" (the person must be told, with reasons, within the first period)");
        });
    }
    Ok(Dates {
        acknowledge,
        respond,
        notice,
        extended,
    })
}

fn first_period(ctx: &Ctx, clock: &Clock, trail: &mut Trail) -> Result<NaiveDate, DeadlineError> {
    match ctx.plan.period {
        Period::Month => months_then_roll(ctx, clock, 1, trail),
        Period::Days(n) => {
            let end = add_days(clock.start, u64::from(n))?;
            trail.push(|l| {
                l.s("+").n(i64::from(n)).s(" calendar days → ").d(end);
                l.s(" (weekends and holidays count; no roll)");
            });
            shift(end, clock, trail)
        }
        Period::BusinessDays(n) => {
            let end = ctx.days.add_business_days(clock.start, n, trail)?;
            shift(end, clock, trail)
        }
    }
}

fn extension_end(
    ctx: &Ctx,
    clock: &Clock,
    extension: Extension,
    respond: NaiveDate,
    trail: &mut Trail,
) -> Result<NaiveDate, DeadlineError> {
    match extension {
        Extension::ThreeMonths => {
            let end = months_then_roll(ctx, clock, 3, trail)?;
            trail.push(|l| {
                l.s("extended respond by ").d(end);
                l.s(" (two further months, Art 12(3); policy: three months from the start)");
            });
            if let Some(mut l) = trail.start() {
                let alternative = add_months(respond, 2)
                    .and_then(|(date, _)| ctx.days.roll(date, "", &mut Trail::off()))?;
                l.s("alternative reading: two months after the first deadline → ")
                    .d(alternative);
                l.s(if alternative == end {
                    " (the same date)"
                } else {
                    " (not used)"
                });
                trail.finish(l);
            }
            Ok(end)
        }
        Extension::Days(more) => {
            let end = match ctx.plan.period {
                Period::Days(first) => {
                    let end = add_days(clock.start, u64::from(first) + u64::from(more))?;
                    shift(end, clock, trail)?
                }
                _ => add_days(respond, u64::from(more))?,
            };
            trail.push(|l| {
                l.s("extended respond by ")
                    .d(end)
                    .s(" (+")
                    .n(i64::from(more));
                l.s(" more calendar days, noticed within the first period)");
            });
            Ok(end)
        }
    }
}

/// `months` calendar months from the start, clamped, shifted by any pause, then rolled.
fn months_then_roll(
    ctx: &Ctx,
    clock: &Clock,
    months: u32,
    trail: &mut Trail,
) -> Result<NaiveDate, DeadlineError> {
    let (end, clamped) = add_months(clock.start, months)?;
    trail.push(|l| {
        l.s("+")
            .n(i64::from(months))
            .s(if months == 1 { " month" } else { " months" });
        if clock.start != ctx.received_on {
            l.s(" from ").d(clock.start);
        }
        l.s(" → ").d(end);
        l.s(if clamped {
            " (month-end clamp, "
        } else {
            " (same day of the month, "
        });
        l.s(ctx.plan.clamp).s(")");
    });
    let end = shift(end, clock, trail)?;
    ctx.days.roll(end, ctx.plan.roll, trail)
}

/// Moves an unrolled end date by the days paused.
fn shift(end: NaiveDate, clock: &Clock, trail: &mut Trail) -> Result<NaiveDate, DeadlineError> {
    if clock.paused == 0 {
        return Ok(end);
    }
    let moved = add_days(end, clock.paused)?;
    trail.push(|l| {
        l.s("+")
            .n(i64::try_from(clock.paused).unwrap_or(i64::MAX))
            .s(" days paused → ")
            .d(moved)
            .s(" (before any roll)");
    });
    Ok(moved)
}
