//! `rightful seed`: fills an empty database with realistic, reproducible fake requests for
//! trying the console and for benchmarks. People live across the EU, the UK, California and
//! other US states; requests of every kind but appeals, received over the past two years,
//! with extensions, pauses and denials, each with its audit chain; milestones come from the
//! deadline engine. Addresses are `seed-person-N@example.test`.
//!
//! Rows go in as multi-row inserts, [`BATCH`] requests per transaction, so a million take
//! minutes. Not seeded: tasks, jobs, consent records, exports and staff.

mod plan;

use chrono::{DateTime, Utc};
use domain::{JurisdictionCode, RequestStatus};
use rand::{SeedableRng, rngs::StdRng};
use sea_orm::{ActiveValue::Set, EntityTrait, QuerySelect};
use uuid::Uuid;

use crate::{
    Backend, Error, Result,
    audit::{GENESIS, chained_row},
    entities::{request, request_event, subject},
};

/// Requests per transaction.
const BATCH: u64 = 1_000;

/// Audit entries per insert statement (11 parameters each, under SQLite's 32,766).
const EVENTS_PER_INSERT: usize = 2_500;

/// What to seed.
#[derive(Debug, Clone, Copy)]
pub struct SeedPlan {
    /// How many requests.
    pub requests: u64,
    /// The random seed: the same seed gives the same rows.
    pub seed: u64,
}

/// What was seeded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Seeded {
    /// People.
    pub subjects: u64,
    /// Requests.
    pub requests: u64,
    /// Audit entries.
    pub events: u64,
}

impl Backend {
    /// Seeds an empty database (one that holds no request yet) as `plan` says, calling
    /// `progress` with the requests written so far after each batch.
    pub async fn seed(&self, plan: SeedPlan, mut progress: impl FnMut(u64)) -> Result<Seeded> {
        let any = request::Entity::find()
            .select_only()
            .column(request::Column::Id)
            .into_tuple::<Uuid>()
            .one(self.db())
            .await?;
        if any.is_some() {
            return Err(Error::Conflict(
                "the database already holds requests; seed an empty one".into(),
            ));
        }
        let now = self.now();
        let people = (plan.requests * 4 / 5).max(1);
        let mut seeded = Seeded::default();
        let mut start = 0;
        while start < people {
            let end = (start + BATCH * 5).min(people);
            self.seed_people(plan.seed, start..end).await?;
            start = end;
        }
        seeded.subjects = people;
        let mut rng = StdRng::seed_from_u64(plan.seed);
        while seeded.requests < plan.requests {
            let count = BATCH.min(plan.requests - seeded.requests);
            seeded.events += self
                .seed_batch(&mut rng, plan.seed, people, count, now)
                .await?;
            seeded.requests += count;
            progress(seeded.requests);
        }
        Ok(seeded)
    }

    async fn seed_people(&self, seed: u64, range: std::ops::Range<u64>) -> Result<()> {
        let rows: Vec<subject::ActiveModel> = range
            .map(|n| {
                let email = format!("seed-person-{n}@example.test");
                subject::ActiveModel {
                    id: Set(person_id(seed, n)),
                    email_hash: Set(self.inner.keys.identity_hash(&email)),
                    email: Set(Some(email)),
                    jurisdiction: Set(Some(place_of(seed, n).to_owned())),
                    user_id: Set(None),
                    created_at: Set(self.now()),
                    email_digest: Set(None),
                    user_id_digest: Set(None),
                    language: Set(None),
                }
            })
            .collect();
        let txn = self.begin().await?;
        for chunk in rows.chunks(3_000) {
            subject::Entity::insert_many(chunk.to_vec())
                .exec_without_returning(&txn)
                .await?;
        }
        Ok(txn.commit().await?)
    }

    /// Writes `count` requests with their chains in one transaction; returns the entries.
    async fn seed_batch(
        &self,
        rng: &mut StdRng,
        seed: u64,
        people: u64,
        count: u64,
        now: DateTime<Utc>,
    ) -> Result<u64> {
        let mut requests = Vec::with_capacity(count as usize);
        let mut events = Vec::with_capacity(count as usize * 5);
        for _ in 0..count {
            let person = rand::Rng::random_range(rng, 0..people);
            let place = JurisdictionCode::parse(place_of(seed, person))?;
            let Some(planned) = plan::plan(rng, &place, now, &self.inner.deadline_policy) else {
                continue;
            };
            let id = Uuid::from_bytes(rand::Rng::random(rng));
            let id = uuid::Builder::from_random_bytes(*id.as_bytes()).into_uuid();
            events.extend(chain(id, &planned));
            requests.push(request_row(
                id,
                person_id(seed, person),
                &place,
                planned,
                now,
            ));
        }
        let written = events.len() as u64;
        if requests.is_empty() {
            return Ok(0);
        }
        let txn = self.begin().await?;
        request::Entity::insert_many(requests)
            .exec_without_returning(&txn)
            .await?;
        for chunk in events.chunks(EVENTS_PER_INSERT) {
            request_event::Entity::insert_many(chunk.to_vec())
                .exec_without_returning(&txn)
                .await?;
        }
        txn.commit().await?;
        Ok(written)
    }
}

fn request_row(
    id: Uuid,
    subject: Uuid,
    place: &JurisdictionCode,
    planned: plan::Planned,
    now: DateTime<Utc>,
) -> request::ActiveModel {
    let answered = matches!(
        planned.status,
        RequestStatus::Completed | RequestStatus::Denied
    );
    let mut row = request::ActiveModel {
        id: Set(id),
        subject_id: Set(subject),
        kind: Set(planned.kind),
        status: Set(planned.status),
        jurisdiction: Set(place.as_str().to_owned()),
        received_at: Set(planned.received_at),
        closed_at: Set(planned.closed_at),
        updated_at: Set(planned.closed_at.unwrap_or(now)),
        denial_reason: Set(planned.denial),
        denial_message: Set(planned.denial.map(|_| "Seeded denial.".to_owned())),
        particulars: Set(None),
        appeal_of: Set(None),
        agent_id: Set(None),
        confirm_hash: Set(None),
        confirm_by: Set(None),
        assignee_id: Set(None),
        response_days: Set(planned
            .closed_at
            .filter(|_| answered)
            .map(|at| domain::report::response_days(place, planned.received_at, at))),
        extension_reason: Set(planned.extension),
        pauses: Set(planned.paused.0),
        paused_days: Set(planned.paused.1),
        pause_reason: Set((planned.paused.0 > 0).then_some(domain::PauseReason::IdentityCheck)),
        purged_at: Set(None),
        ..Default::default()
    };
    crate::requests::set_milestones(&mut row, &planned.milestones);
    row
}

fn chain(id: Uuid, planned: &plan::Planned) -> Vec<request_event::ActiveModel> {
    let mut prev = GENESIS.to_owned();
    let mut rows = Vec::with_capacity(planned.entries.len());
    for (seq, (at, action, from, to, actor, detail)) in planned.entries.iter().enumerate() {
        let seq = i32::try_from(seq + 1).unwrap_or(i32::MAX);
        let row = chained_row(
            id,
            seq,
            *at,
            *action,
            (*from, *to),
            *actor,
            detail.clone(),
            &prev,
        );
        if let Set(hash) = &row.hash {
            prev.clone_from(hash);
        }
        rows.push(row);
    }
    rows
}

/// Person `n`'s id: the same for the same seed.
fn person_id(seed: u64, n: u64) -> Uuid {
    let high = mix(seed ^ n.wrapping_mul(2));
    let low = mix(seed ^ n.wrapping_mul(2).wrapping_add(1));
    uuid::Builder::from_random_bytes(Uuid::from_u64_pair(high, low).into_bytes()).into_uuid()
}

/// Where person `n` lives: the same for the same seed.
fn place_of(seed: u64, n: u64) -> &'static str {
    let mut rng = StdRng::seed_from_u64(mix(seed.rotate_left(17) ^ n));
    plan::weighted(&mut rng, &plan::PLACES)
}

/// SplitMix64's finalizer: spreads consecutive numbers over all 64 bits.
fn mix(x: u64) -> u64 {
    let x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    let x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}
