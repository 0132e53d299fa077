//! The API's filings, many in one transaction (see `crate::group`): the people found in one
//! read and created in one insert, each filing planned in memory, and all of them written by
//! [`write_plans`], one statement per table.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use domain::{Actor, Email, JurisdictionCode, RequestKind};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel, QueryFilter, SqlErr,
    sea_query::{Expr, OnConflict},
};
use uuid::Uuid;

use super::{
    NewFiling,
    intake::{Plan, write_plans},
};
use crate::{
    Backend, Error, Result,
    entities::{data_system, request, subject},
    fulfilment::{Next, capable_systems},
    suppression::digest,
};

/// A filing from the API: for whom (created if new), what, and under which law (where the
/// person said they live if `None`).
pub(crate) struct ApiFiling {
    pub email: Email,
    pub user_id: Option<String>,
    pub kind: RequestKind,
    pub jurisdiction: Option<JurisdictionCode>,
}

/// The people a batch names, by address hash, as they will be once it commits.
struct People {
    known: HashMap<String, subject::Model>,
    /// Who holds each user id named in the batch.
    holders: HashMap<String, Uuid>,
    /// The hashes of the people this batch creates.
    new: Vec<String>,
}

impl Backend {
    /// Files `filings` in the caller's transaction, as [`Backend::file_request_for`] would
    /// one by one: each filing's stored request, or why it was refused. An error means the
    /// transaction cannot go on.
    pub(crate) async fn file_batch(
        &self,
        db: &impl ConnectionTrait,
        filings: &[ApiFiling],
        now: DateTime<Utc>,
    ) -> Result<Vec<Result<request::Model>>> {
        let hashes: Vec<String> = filings
            .iter()
            .map(|f| self.inner.keys.identity_hash(f.email.as_str()))
            .collect();
        let mut people = People::read(db, filings, &hashes).await?;
        let mut found = Vec::with_capacity(filings.len());
        for (filing, hash) in filings.iter().zip(&hashes) {
            found.push(people.person_for(db, filing, hash, now).await?);
        }
        people.insert_new(db).await?;
        let systems = systems_for(db, filings).await?;
        let mut plans = Vec::new();
        let mut outcomes = Vec::with_capacity(filings.len());
        for ((filing, hash), found) in filings.iter().zip(&hashes).zip(found) {
            let plan = found.and_then(|()| {
                let person = people.known.get(hash).ok_or(Error::NotFound("subject"))?;
                self.plan_api_filing(filing, person, now, &systems)
            });
            outcomes.push(plan.map(|plan| {
                plans.push(plan);
                plans.len() - 1
            }));
        }
        let mut stored: Vec<Option<request::Model>> = write_plans(db, now, plans)
            .await?
            .into_iter()
            .map(Some)
            .collect();
        Ok(outcomes
            .into_iter()
            .map(|o| o.and_then(|i| stored[i].take().ok_or(Error::NotFound("request"))))
            .collect())
    }

    /// Plans one filing for `person`.
    fn plan_api_filing(
        &self,
        filing: &ApiFiling,
        person: &subject::Model,
        now: DateTime<Utc>,
        systems: &HashMap<RequestKind, Vec<data_system::Model>>,
    ) -> Result<Plan> {
        let jurisdiction = match &filing.jurisdiction {
            Some(code) => code.clone(),
            None => person
                .jurisdiction
                .as_deref()
                .and_then(|code| JurisdictionCode::parse(code).ok())
                .unwrap_or_else(|| self.inner.default_jurisdiction.clone()),
        };
        let systems = systems.get(&filing.kind).map_or(&[][..], Vec::as_slice);
        let filing = NewFiling::plain(person.id, filing.kind, &jurisdiction);
        self.plan_filing(filing, Actor::Api, now, systems)
    }
}

/// The systems able to act on each kind in `filings` that goes out to them at once.
async fn systems_for(
    db: &impl ConnectionTrait,
    filings: &[ApiFiling],
) -> Result<HashMap<RequestKind, Vec<data_system::Model>>> {
    let mut systems = HashMap::new();
    for filing in filings {
        let fans_out = matches!(Next::after_verification(filing.kind), Next::FanOut);
        if fans_out && !systems.contains_key(&filing.kind) {
            systems.insert(filing.kind, capable_systems(db, filing.kind).await?);
        }
    }
    Ok(systems)
}

impl People {
    /// The people already on file among `hashes`, and the holders of the user ids given.
    async fn read(
        db: &impl ConnectionTrait,
        filings: &[ApiFiling],
        hashes: &[String],
    ) -> Result<Self> {
        let known = subject::Entity::find()
            .filter(subject::Column::EmailHash.is_in(hashes.iter().map(String::as_str)))
            .all(db)
            .await?
            .into_iter()
            .map(|s| (s.email_hash.clone(), s))
            .collect();
        let user_ids: Vec<&str> = filings
            .iter()
            .filter_map(|f| f.user_id.as_deref())
            .collect();
        let holders = if user_ids.is_empty() {
            HashMap::new()
        } else {
            subject::Entity::find()
                .filter(subject::Column::UserId.is_in(user_ids))
                .all(db)
                .await?
                .into_iter()
                .filter_map(|s| s.user_id.map(|u| (u, s.id)))
                .collect()
        };
        Ok(Self {
            known,
            holders,
            new: Vec::new(),
        })
    }

    /// Finds or makes the person `filing` is for, as `Backend::find_or_create_subject`
    /// would; a conflict if it gives a user id that belongs to somebody else. A person on
    /// file whose row changes is updated at once; a new one waits for [`People::insert_new`].
    async fn person_for(
        &mut self,
        db: &impl ConnectionTrait,
        filing: &ApiFiling,
        hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Result<()>> {
        let existing = self.known.get(hash);
        let new_user_id = filing
            .user_id
            .as_deref()
            .filter(|_| existing.is_none_or(|p| p.user_id.is_none()));
        if new_user_id.is_some_and(|u| self.holders.contains_key(u)) {
            let refused = Error::Conflict("user_id: this user id belongs to another person".into());
            return Ok(Err(refused));
        }
        let email = filing.email.as_str();
        let (person, changed) = match existing {
            None => {
                self.new.push(hash.to_owned());
                (new_person(email, hash, now), false)
            }
            Some(p) => (p.clone(), p.email.is_none() || new_user_id.is_some()),
        };
        let person = self.known.entry(hash.to_owned()).or_insert(person);
        if let Some(user_id) = new_user_id {
            person.user_id = Some(user_id.to_owned());
            person.user_id_digest = Some(digest(user_id));
            self.holders.insert(user_id.to_owned(), person.id);
        }
        // A person whose identity was erased after a deletion and who comes back gives
        // their address again; keep it, so that their new requests can be answered.
        if person.email.is_none() {
            person.email = Some(email.to_owned());
            person.email_digest = Some(digest(email));
        }
        if changed && !self.new.iter().any(|h| h == hash) {
            update_person(db, person).await?;
        }
        Ok(Ok(()))
    }

    /// Inserts the people this batch creates, in one statement. On PostgreSQL another
    /// transaction may create the same person first: theirs is kept, and read back. A user
    /// id taken meanwhile is a conflict, as it would have been a moment later.
    async fn insert_new(&mut self, db: &impl ConnectionTrait) -> Result<()> {
        let rows: Vec<subject::ActiveModel> = self
            .new
            .iter()
            .filter_map(|hash| self.known.get(hash))
            .map(|p| p.clone().into_active_model())
            .collect();
        if rows.is_empty() {
            return Ok(());
        }
        let inserted = subject::Entity::insert_many(rows)
            .on_conflict(
                OnConflict::column(subject::Column::EmailHash)
                    .do_nothing()
                    .to_owned(),
            )
            .exec_without_returning(db)
            .await;
        match inserted {
            Ok(n) if n == self.new.len() as u64 => return Ok(()),
            Ok(_) | Err(DbErr::RecordNotInserted) => {}
            Err(err) if matches!(err.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
                return Err(Error::Conflict(
                    "user_id: this user id belongs to another person".into(),
                ));
            }
            Err(err) => return Err(err.into()),
        }
        let stored = subject::Entity::find()
            .filter(subject::Column::EmailHash.is_in(self.new.iter().map(String::as_str)))
            .all(db)
            .await?;
        for person in stored {
            self.known.insert(person.email_hash.clone(), person);
        }
        Ok(())
    }
}

/// A person met for the first time.
fn new_person(email: &str, hash: &str, now: DateTime<Utc>) -> subject::Model {
    subject::Model {
        id: Uuid::new_v4(),
        email: Some(email.to_owned()),
        email_hash: hash.to_owned(),
        email_digest: Some(digest(email)),
        jurisdiction: None,
        user_id: None,
        user_id_digest: None,
        language: None,
        created_at: now,
    }
}

/// Writes a known person's address and user id as `person` now has them.
async fn update_person(db: &impl ConnectionTrait, person: &subject::Model) -> Result<()> {
    subject::Entity::update_many()
        .col_expr(subject::Column::Email, Expr::value(person.email.clone()))
        .col_expr(
            subject::Column::EmailDigest,
            Expr::value(person.email_digest.clone()),
        )
        .col_expr(subject::Column::UserId, Expr::value(person.user_id.clone()))
        .col_expr(
            subject::Column::UserIdDigest,
            Expr::value(person.user_id_digest.clone()),
        )
        .filter(subject::Column::Id.eq(person.id))
        .exec(db)
        .await?;
    Ok(())
}
