//! Applying clock events in order: pauses, Art 12A restarts and extensions, each checked
//! against the regime and the state of the clock when it happened.

use chrono::NaiveDate;

use super::{
    ClockEvent, DeadlineError,
    engine::{Clock, Ctx, dates},
    trail::Trail,
};

/// The clock after `events`, each validated and recorded in `trail`.
pub(crate) fn apply(
    ctx: &Ctx,
    events: &[ClockEvent],
    trail: &mut Trail,
) -> Result<Clock, DeadlineError> {
    let mut clock = Clock {
        start: ctx.received_on,
        paused: 0,
        extended: false,
    };
    let mut last_resume: Option<NaiveDate> = None;
    for event in events {
        match *event {
            ClockEvent::Pause { from, to } => {
                pause(ctx, &mut clock, &mut last_resume, (from, to), trail)?;
            }
            ClockEvent::Restart { on } => restart(ctx, &mut clock, on, trail)?,
            ClockEvent::Extend { on } => extend(ctx, &mut clock, on, trail)?,
        }
    }
    Ok(clock)
}

fn not_before_receipt(ctx: &Ctx, on: NaiveDate) -> Result<(), DeadlineError> {
    if on < ctx.received_on {
        return Err(DeadlineError::EventBeforeReceipt {
            on,
            received_on: ctx.received_on,
        });
    }
    Ok(())
}

fn pause(
    ctx: &Ctx,
    clock: &mut Clock,
    last_resume: &mut Option<NaiveDate>,
    (from, to): (NaiveDate, NaiveDate),
    trail: &mut Trail,
) -> Result<(), DeadlineError> {
    let regime = ctx.plan.regime;
    let cite = ctx
        .plan
        .pause
        .map_err(|reason| DeadlineError::PauseRefused { regime, reason })?;
    not_before_receipt(ctx, from)?;
    if to < from {
        return Err(DeadlineError::PauseReversed { from, to });
    }
    if let Some(previous_end) = *last_resume
        && from < previous_end
    {
        return Err(DeadlineError::PauseOverlap { from, previous_end });
    }
    let deadline = dates(ctx, clock, &mut Trail::off())?.due(clock.extended);
    if from > deadline {
        return Err(DeadlineError::PauseAfterDeadline { from, deadline });
    }
    let days = u64::try_from((to - from).num_days()).unwrap_or(0);
    clock.paused = clock.paused.saturating_add(days);
    *last_resume = Some(to);
    trail.push(|l| {
        l.s("paused from ")
            .d(from)
            .s(" to ")
            .d(to)
            .s(": every milestone counted from the start ");
        l.s("moves ")
            .n(i64::try_from(days).unwrap_or(i64::MAX))
            .s(" days later (")
            .s(cite);
        l.s(")");
    });
    Ok(())
}

fn restart(
    ctx: &Ctx,
    clock: &mut Clock,
    on: NaiveDate,
    trail: &mut Trail,
) -> Result<(), DeadlineError> {
    let regime = ctx.plan.regime;
    ctx.plan
        .restart
        .map_err(|reason| DeadlineError::RestartRefused { regime, reason })?;
    not_before_receipt(ctx, on)?;
    if on <= clock.start {
        trail.push(|l| {
            l.s("restart on ")
                .d(on)
                .s(" changes nothing: the period already runs from ");
            l.d(clock.start)
                .s(" (Art 12A: the latest of receipt, ID and fee)");
        });
        return Ok(());
    }
    let earlier = clock.paused;
    clock.start = on;
    clock.paused = 0;
    trail.push(|l| {
        l.s("restarted on ")
            .d(on)
            .s(": the period runs from the day ID or a fee arrived ");
        l.s("(UK GDPR Art 12A, requests received on or after 2026-02-05)");
        if earlier > 0 {
            l.s("; earlier pauses no longer count");
        }
    });
    Ok(())
}

fn extend(
    ctx: &Ctx,
    clock: &mut Clock,
    on: NaiveDate,
    trail: &mut Trail,
) -> Result<(), DeadlineError> {
    let (regime, kind) = (ctx.plan.regime, ctx.kind);
    ctx.plan
        .extension
        .map_err(|reason| DeadlineError::ExtensionUnavailable {
            regime,
            kind,
            reason,
        })?;
    not_before_receipt(ctx, on)?;
    let notice = dates(ctx, clock, &mut Trail::off())?.notice;
    let last_allowed = notice.ok_or(DeadlineError::OutOfRange)?;
    if on > last_allowed {
        return Err(DeadlineError::ExtensionLate { on, last_allowed });
    }
    let again = clock.extended;
    clock.extended = true;
    trail.push(|l| {
        l.s(if again {
            "extension noted again on "
        } else {
            "extension taken on "
        })
        .d(on);
        l.s(", by the last allowed date ").d(last_allowed);
    });
    Ok(())
}
