//! Console sign-in: an argon2id password, a TOTP code where the account has one, a limit per
//! client network, and a lock after [`LOCK_AFTER`] failures in a row. Every refusal is the
//! same `Unauthenticated`, taking about as long, whether or not the address has an account.

use std::sync::OnceLock;

use argon2::{Argon2, PasswordHash, PasswordVerifier};
use domain::Email;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter};

use super::{LOCK_AFTER, LOCK_FOR, Password, StaffToken, accounts, totp};
use crate::{Backend, Error, Result, auth::Client, entities::staff_user, throttle::Rule};

/// Sign-in attempts per client network in 15 minutes, whatever the address.
const PER_NETWORK: Rule = Rule {
    limit: 30,
    window: chrono::Duration::minutes(15),
};

/// What a sign-in form carries.
#[derive(Debug)]
pub struct StaffCredentials {
    /// The address typed.
    pub email: Email,
    /// The password typed.
    pub password: Password,
    /// The TOTP code typed, if any.
    pub code: Option<String>,
}

impl Backend {
    /// Signs a member of staff in and opens a console session.
    pub async fn staff_sign_in(
        &self,
        credentials: StaffCredentials,
        client: &Client,
    ) -> Result<StaffToken> {
        self.hit(&self.client_key("staff-sign-in", None, client), PER_NETWORK)
            .await?;
        let now = self.now();
        let row = staff_user::Entity::find()
            .filter(staff_user::Column::Email.eq(credentials.email.as_str()))
            .one(self.db())
            .await?;
        let Some(row) = row else {
            // Spend the same time as a real check, so timing does not tell who has an account.
            let _ = verify_password(dummy_hash(), &credentials.password);
            return Err(Error::Unauthenticated);
        };
        let locked = row.locked_until.is_some_and(|until| until > now);
        let password_ok = verify_password(&row.password_hash, &credentials.password);
        let code_ok = match &row.totp_secret {
            None => true,
            Some(sealed) => {
                let secret = self
                    .inner
                    .keys
                    .open(sealed)
                    .and_then(|h| hex::decode(h).ok());
                match (secret, credentials.code.as_deref()) {
                    (Some(secret), Some(code)) => totp::verify(&secret, code, now),
                    _ => false,
                }
            }
        };
        if locked || row.disabled {
            return Err(Error::Unauthenticated);
        }
        if !(password_ok && code_ok) {
            self.count_failure(row).await?;
            return Err(Error::Unauthenticated);
        }
        let mut active = row.clone().into_active_model();
        active.failed_attempts = Set(0);
        active.locked_until = Set(None);
        active.last_sign_in_at = Set(Some(now));
        let txn = self.begin().await?;
        staff_user::Entity::update(active).exec(&txn).await?;
        let token = self.open_staff_session(&txn, row.id, now).await?;
        txn.commit().await?;
        Ok(token)
    }

    /// One more failure; the [`LOCK_AFTER`]th in a row locks the account for [`LOCK_FOR`].
    async fn count_failure(&self, row: staff_user::Model) -> Result<()> {
        let failures = row.failed_attempts + 1;
        let mut active = row.into_active_model();
        if failures >= LOCK_AFTER {
            tracing::warn!("a staff account is locked after repeated failed sign-ins");
            active.failed_attempts = Set(0);
            active.locked_until = Set(Some(self.now() + LOCK_FOR));
        } else {
            active.failed_attempts = Set(failures);
        }
        staff_user::Entity::update(active)
            .exec(self.writer())
            .await?;
        Ok(())
    }
}

fn verify_password(stored: &str, password: &Password) -> bool {
    PasswordHash::new(stored).is_ok_and(|hash| {
        Argon2::default()
            .verify_password(password.0.as_bytes(), &hash)
            .is_ok()
    })
}

/// A hash of no one's password, made once, to check unknown addresses against.
fn dummy_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| {
        accounts::hash_password(&Password("no such account".into())).unwrap_or_default()
    })
}
