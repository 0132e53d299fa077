//! Requests written straight into the database as a report's fixture: any receipt instant,
//! status and closing time, with an extension or a pause, their milestones from the real
//! deadline engine and their days to answer counted by `domain::report`, so that tests can
//! check every report number against counts made by hand.
#![allow(clippy::expect_used)] // a fixture that cannot be written is a broken test

use chrono::{DateTime, NaiveDate, Utc};
use domain::{
    DenialReason, ExtensionReason, JurisdictionCode, PauseReason, RequestKind, RequestStatus,
    deadline::{self, ClockEvent, Policy},
};
use sea_orm::{ActiveValue::Set, EntityTrait};
use uuid::Uuid;

use crate::{
    Backend,
    entities::{request, subject},
    requests::set_milestones,
};

/// One request as a report should see it.
#[derive(Debug, Clone)]
pub struct Fixture {
    /// What was asked for.
    pub kind: RequestKind,
    /// The jurisdiction code.
    pub place: &'static str,
    /// When it was received.
    pub received: DateTime<Utc>,
    /// Where it stands.
    pub status: RequestStatus,
    /// When it closed (terminal statuses).
    pub closed: Option<DateTime<Utc>>,
    /// The day an extension was noticed (reason: complex).
    pub extended_on: Option<NaiveDate>,
    /// A clock pause, from and to, and why.
    pub paused: Option<(NaiveDate, NaiveDate, PauseReason)>,
    /// Why it was denied.
    pub denial: Option<DenialReason>,
}

impl Fixture {
    /// A request of `kind` in `place`, received at `received` (`YYYY-MM-DD HH:MM`, UTC), in
    /// `status`, closed at `closed` (the same) if given.
    pub fn new(
        kind: RequestKind,
        place: &'static str,
        received: &str,
        status: RequestStatus,
        closed: Option<&str>,
    ) -> Self {
        let at = |s: &str| {
            chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M")
                .expect("a time like 2025-12-31 22:30")
                .and_utc()
        };
        Self {
            kind,
            place,
            received: at(received),
            status,
            closed: closed.map(at),
            extended_on: None,
            paused: None,
            denial: (status == RequestStatus::Denied).then_some(DenialReason::Other),
        }
    }
}

impl Backend {
    /// Writes `fixture` (and a person of its own) and returns the request's id.
    pub async fn insert_fixture(&self, fixture: &Fixture) -> Uuid {
        let place = JurisdictionCode::parse(fixture.place).expect("a jurisdiction code");
        let mut events = Vec::new();
        if let Some((from, to, _)) = fixture.paused {
            events.push(ClockEvent::Pause { from, to });
        }
        if let Some(on) = fixture.extended_on {
            events.push(ClockEvent::Extend { on });
        }
        let milestones = deadline::compute(
            &place,
            fixture.kind,
            fixture.received,
            &events,
            &Policy::default(),
        )
        .expect("milestones");
        let person = Uuid::new_v4();
        let someone = subject::ActiveModel {
            id: Set(person),
            email: Set(Some(format!("{person}@example.com"))),
            email_hash: Set(person.simple().to_string()),
            jurisdiction: Set(None),
            user_id: Set(None),
            created_at: Set(fixture.received),
            email_digest: Set(None),
            user_id_digest: Set(None),
            language: Set(None),
        };
        subject::Entity::insert(someone)
            .exec(self.writer())
            .await
            .expect("person");
        let answered = matches!(
            fixture.status,
            RequestStatus::Completed | RequestStatus::Denied
        );
        let (pauses, paused_days) = fixture.paused.map_or((0, 0), |(from, to, _)| {
            (1, i32::try_from((to - from).num_days()).expect("days"))
        });
        let id = Uuid::new_v4();
        let mut row = request::ActiveModel {
            id: Set(id),
            subject_id: Set(person),
            kind: Set(fixture.kind),
            status: Set(fixture.status),
            jurisdiction: Set(fixture.place.to_owned()),
            received_at: Set(fixture.received),
            closed_at: Set(fixture.closed),
            updated_at: Set(fixture.closed.unwrap_or(fixture.received)),
            denial_reason: Set(fixture.denial),
            response_days: Set(fixture
                .closed
                .filter(|_| answered)
                .map(|at| domain::report::response_days(&place, fixture.received, at))),
            extension_reason: Set(fixture.extended_on.map(|_| ExtensionReason::Complex)),
            pauses: Set(pauses),
            paused_days: Set(paused_days),
            pause_reason: Set(fixture.paused.map(|p| p.2)),
            ..Default::default()
        };
        set_milestones(&mut row, &milestones);
        request::Entity::insert(row)
            .exec(self.writer())
            .await
            .expect("request");
        id
    }
}
