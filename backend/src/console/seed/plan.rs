//! What one seeded request looks like: drawn from a seeded random source, so the same seed
//! gives the same database. Its milestones come from the real deadline engine, with an
//! extension or a pause where its law allows one, and its audit chain tells the path it
//! took to its status.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use domain::{
    Actor, AuditAction, DenialReason, ExtensionReason, JurisdictionCode, RequestKind,
    RequestStatus,
    deadline::{self, ClockEvent, Milestones, Policy},
};
use rand::{Rng, rngs::StdRng};
use serde_json::json;

/// Where seeded people live, with weights: mostly the EU, the UK and California.
pub(super) const PLACES: [(&str, u32); 12] = [
    ("DE", 14),
    ("FR", 10),
    ("ES", 6),
    ("IT", 6),
    ("NL", 4),
    ("IE", 3),
    ("GB", 14),
    ("US-CA", 22),
    ("US-VA", 6),
    ("US-CO", 5),
    ("US-TX", 6),
    ("BR", 4),
];

/// What seeded people ask for, with weights (appeals are left out: they need a denial to
/// appeal against).
const KINDS: [(RequestKind, u32); 8] = [
    (RequestKind::OptOutTraining, 24),
    (RequestKind::Access, 15),
    (RequestKind::Export, 14),
    (RequestKind::Delete, 20),
    (RequestKind::Correct, 6),
    (RequestKind::OptOutSale, 12),
    (RequestKind::LimitSensitive, 4),
    (RequestKind::RemoveFromOutputs, 5),
];

/// One audit entry to chain: when, what, the status it moved from and to, who, the detail.
pub(super) type Entry = (
    DateTime<Utc>,
    AuditAction,
    Option<RequestStatus>,
    Option<RequestStatus>,
    Actor,
    String,
);

/// A seeded request, before it is written.
pub(super) struct Planned {
    pub kind: RequestKind,
    pub status: RequestStatus,
    pub received_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    pub milestones: Milestones,
    pub denial: Option<DenialReason>,
    pub entries: Vec<Entry>,
    pub extension: Option<ExtensionReason>,
    /// Pauses, and days paused in all.
    pub paused: (i32, i32),
}

/// Draws one request of a person living in `place`, received in the two years before `now`.
pub(super) fn plan(
    rng: &mut StdRng,
    place: &JurisdictionCode,
    now: DateTime<Utc>,
    policy: &Policy,
) -> Option<Planned> {
    let kind = weighted(rng, &KINDS);
    let received_at = now - Duration::seconds(rng.random_range(0..730 * 86_400));
    let base = deadline::compute(place, kind, received_at, &[], policy).ok()?;
    let mut events = Vec::new();
    if rng.random_bool(0.05)
        && let Some(notice_by) = base.extension_notice_by
    {
        let span = (notice_by.date - base.received_on).num_days().max(1);
        let on = base.received_on + Duration::days(rng.random_range(1..=span));
        events.push((ClockEvent::Extend { on }, Some(ExtensionReason::Complex)));
    }
    if matches!(base.regime, "GDPR" | "UK GDPR") && rng.random_bool(0.02) {
        let from = base.received_on + Duration::days(2);
        let to = from + Duration::days(rng.random_range(1..=14));
        events.push((ClockEvent::Pause { from, to }, None));
    }
    let clock: Vec<ClockEvent> = events.iter().map(|(e, _)| *e).collect();
    let extension = events.iter().find_map(|(_, reason)| *reason);
    let paused = clock.iter().fold((0, 0), |(n, days), e| match e {
        ClockEvent::Pause { from, to } => (
            n + 1,
            days + i32::try_from((*to - *from).num_days()).unwrap_or(0),
        ),
        _ => (n, days),
    });
    let milestones = deadline::compute(place, kind, received_at, &clock, policy).ok()?;
    let due = milestones.due()?.end.with_timezone(&Utc);
    let (status, closed_at) = outcome(rng, kind, received_at, due, now);
    let denial = (status == RequestStatus::Denied).then_some(DenialReason::LegalExemption);
    let mut entries = opening(kind, place, &milestones, received_at, status);
    for (event, reason) in events {
        let at = at_day(clock_day(&event), received_at, now);
        let detail = json!({ "event": event, "reason": reason }).to_string();
        entries.push((at, AuditAction::ClockEvent, None, None, Actor::Cli, detail));
    }
    path(&mut entries, status, received_at, closed_at, denial, now);
    entries.sort_by_key(|e| e.0);
    Some(Planned {
        kind,
        status,
        received_at,
        closed_at,
        milestones,
        denial,
        entries,
        extension,
        paused,
    })
}

/// Where the request ended up: recent ones are often still open; older ones closed, but
/// for a few stuck or waiting past their date.
fn outcome(
    rng: &mut StdRng,
    kind: RequestKind,
    received: DateTime<Utc>,
    due: DateTime<Utc>,
    now: DateTime<Utc>,
) -> (RequestStatus, Option<DateTime<Utc>>) {
    use RequestStatus::*;
    let open = |rng: &mut StdRng| match rng.random_range(0..100) {
        0..10 => Received,
        10..18 => AwaitingVerification,
        18..28 => Verified,
        28..33 => OnHold,
        _ if kind.needs_approval() => PendingApproval,
        _ => InProgress,
    };
    let late = due < now;
    if (!late && rng.random_bool(0.55)) || (late && rng.random_bool(0.006)) {
        let status = open(rng);
        return (status, None);
    }
    let latest = if late { due } else { now };
    let span = (latest - received).num_seconds().max(60);
    let mut closed = received + Duration::seconds(rng.random_range(60..=span));
    // A few were answered late.
    if late && rng.random_bool(0.02) {
        closed = (due + Duration::days(rng.random_range(1..10))).min(now);
    }
    let status = match rng.random_range(0..100) {
        0..88 => Completed,
        88..94 => Denied,
        94..98 => Canceled,
        _ => Failed,
    };
    (status, Some(closed))
}

/// The entries every request starts with: received, then verified (or waiting for it).
fn opening(
    kind: RequestKind,
    place: &JurisdictionCode,
    m: &Milestones,
    at: DateTime<Utc>,
    status: RequestStatus,
) -> Vec<Entry> {
    use RequestStatus::*;
    let detail = json!({
        "kind": kind.as_str(),
        "jurisdiction": place.as_str(),
        "regime": m.regime,
        "respond_by": m.respond_by.map(|m| m.to_string()),
    })
    .to_string();
    let received = (
        at,
        AuditAction::Received,
        None,
        Some(Received),
        Actor::Subject,
        detail,
    );
    let mut entries = vec![received];
    let next = match status {
        Received => return entries,
        AwaitingVerification => AwaitingVerification,
        _ => Verified,
    };
    let verified = (at, AuditAction::StatusChanged, Some(Received), Some(next));
    entries.push((
        verified.0,
        verified.1,
        verified.2,
        verified.3,
        Actor::Subject,
        "{}".into(),
    ));
    entries
}

/// The entries from verified to `status`.
fn path(
    entries: &mut Vec<Entry>,
    status: RequestStatus,
    received: DateTime<Utc>,
    closed: Option<DateTime<Utc>>,
    denial: Option<DenialReason>,
    now: DateTime<Utc>,
) {
    use RequestStatus::*;
    let soon = (received + Duration::minutes(1)).min(now);
    let end = closed.unwrap_or(soon);
    let mut step = |at, from, to, actor| {
        let change = (Some(from), Some(to));
        entries.push((
            at,
            AuditAction::StatusChanged,
            change.0,
            change.1,
            actor,
            "{}".into(),
        ));
    };
    match status {
        Received | AwaitingVerification | Verified => {}
        PendingApproval => step(soon, Verified, PendingApproval, Actor::Policy),
        InProgress | Completed | Failed | OnHold => {
            step(soon, Verified, InProgress, Actor::Policy);
            match status {
                Completed => step(end, InProgress, Completed, Actor::System),
                Failed => step(end, InProgress, Failed, Actor::System),
                OnHold => step(soon, InProgress, OnHold, Actor::Cli),
                _ => {}
            }
        }
        Denied => {
            step(end, Verified, Denied, Actor::Cli);
            let detail = json!({ "reason": denial }).to_string();
            entries.push((end, AuditAction::Denied, None, None, Actor::Cli, detail));
        }
        Canceled => step(end, Verified, Canceled, Actor::Subject),
    }
}

fn clock_day(event: &ClockEvent) -> NaiveDate {
    match *event {
        ClockEvent::Pause { to, .. } => to,
        ClockEvent::Restart { on } | ClockEvent::Extend { on } => on,
    }
}

/// Noon UTC of `day`, kept between receipt and now.
fn at_day(day: NaiveDate, received: DateTime<Utc>, now: DateTime<Utc>) -> DateTime<Utc> {
    let at = day.and_hms_opt(12, 0, 0).map_or(received, |t| t.and_utc());
    at.clamp(received, now)
}

/// A draw from `choices` by weight.
pub(super) fn weighted<T: Copy>(rng: &mut impl Rng, choices: &[(T, u32)]) -> T {
    let total: u32 = choices.iter().map(|(_, w)| w).sum();
    let mut pick = rng.random_range(0..total);
    for (choice, weight) in choices {
        if pick < *weight {
            return *choice;
        }
        pick -= weight;
    }
    choices[0].0
}
