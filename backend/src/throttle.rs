//! Rate limits and back-offs kept in the database, so that every process (and every replica
//! behind a load balancer) counts the same hits.
//!
//! A key is a fixed-window counter: [`Backend::hit`] counts one hit and refuses it past the
//! limit. A key can also be blocked until a time ([`Backend::block`]), which is how the
//! back-off on wrong sign-in codes works.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, EntityTrait, QueryFilter,
    sea_query::{Expr, ExprTrait, OnConflict},
};

use crate::{Backend, Error, Result, entities::throttle};

/// At most `limit` hits per `window`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rule {
    /// Hits allowed in one window.
    pub limit: i32,
    /// The window's length.
    pub window: Duration,
}

impl Backend {
    /// The key for `client`'s network under `scope`, optionally together with an address's
    /// keyed hash; the network is hashed with the identity key, so no address is stored.
    pub(crate) fn client_key(
        &self,
        scope: &str,
        email_hash: Option<&str>,
        client: &crate::auth::Client,
    ) -> String {
        let network = format!("net:{}:{}", client.network(), email_hash.unwrap_or(""));
        format!("{scope}:c:{}", self.inner.keys.identity_hash(&network))
    }

    /// Counts a hit on `key` and returns the hits in its current window, refusing with
    /// [`Error::RateLimited`] when the key is blocked or the hit is over `rule`'s limit.
    pub(crate) async fn hit(&self, key: &str, rule: Rule) -> Result<i32> {
        let now = self.now();
        let hits = self.count(key, rule.window, now).await?;
        if self.blocked(key, now).await? || hits > rule.limit {
            return Err(Error::RateLimited);
        }
        Ok(hits)
    }

    /// Counts a hit on `key` without refusing it; returns the hits in its window.
    pub(crate) async fn count(
        &self,
        key: &str,
        window: Duration,
        now: DateTime<Utc>,
    ) -> Result<i32> {
        let fresh = throttle::ActiveModel {
            key: Set(key.to_owned()),
            hits: Set(0),
            window_start: Set(now),
            blocked_until: Set(None),
        };
        let inserted = throttle::Entity::insert(fresh)
            .on_conflict(
                OnConflict::column(throttle::Column::Key)
                    .do_nothing()
                    .to_owned(),
            )
            .exec(self.writer())
            .await;
        match inserted {
            Ok(_) | Err(sea_orm::DbErr::RecordNotInserted) => {}
            Err(err) => return Err(err.into()),
        }
        // One statement, so concurrent hits are all counted; every SET reads the old row.
        let expired = Expr::col(throttle::Column::WindowStart).lte(now - window);
        throttle::Entity::update_many()
            .col_expr(
                throttle::Column::Hits,
                Expr::case(expired.clone(), 1)
                    .finally(Expr::col(throttle::Column::Hits).add(1))
                    .into(),
            )
            .col_expr(
                throttle::Column::WindowStart,
                Expr::case(expired, Expr::value(now))
                    .finally(Expr::col(throttle::Column::WindowStart))
                    .into(),
            )
            .filter(throttle::Column::Key.eq(key))
            .exec(self.writer())
            .await?;
        let row = throttle::Entity::find_by_id(key.to_owned())
            .one(self.db())
            .await?;
        Ok(row.map_or(1, |r| r.hits))
    }

    /// Whether `key` is blocked at `now`.
    pub(crate) async fn blocked(&self, key: &str, now: DateTime<Utc>) -> Result<bool> {
        let row = throttle::Entity::find_by_id(key.to_owned())
            .one(self.db())
            .await?;
        Ok(row
            .and_then(|r| r.blocked_until)
            .is_some_and(|until| until > now))
    }

    /// Refuses `key` until `until`.
    pub(crate) async fn block(&self, key: &str, until: DateTime<Utc>) -> Result<()> {
        throttle::Entity::update_many()
            .col_expr(throttle::Column::BlockedUntil, Expr::value(Some(until)))
            .filter(throttle::Column::Key.eq(key))
            .exec(self.writer())
            .await?;
        Ok(())
    }

    /// Forgets `key`: its count and any block.
    pub(crate) async fn clear(&self, key: &str) -> Result<()> {
        throttle::Entity::delete_by_id(key.to_owned())
            .exec(self.writer())
            .await?;
        Ok(())
    }

    /// Deletes keys whose window and block both ended before `cutoff` (housekeeping).
    pub(crate) async fn purge_throttles(&self, cutoff: DateTime<Utc>) -> Result<u64> {
        let gone = throttle::Entity::delete_many()
            .filter(throttle::Column::WindowStart.lt(cutoff))
            .filter(
                throttle::Column::BlockedUntil
                    .is_null()
                    .or(throttle::Column::BlockedUntil.lt(cutoff)),
            )
            .exec(self.writer())
            .await?;
        Ok(gone.rows_affected)
    }
}
