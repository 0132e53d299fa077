//! Step one of sign-in: e-mail a fresh 6-digit code.

use domain::{Email, notice::Notice};
use rand::Rng;
use sea_orm::{ActiveValue::Set, EntityTrait};
use uuid::Uuid;

use super::{CODE_TTL, Client, MAX_ATTEMPTS, SENDS_PER_CLIENT, send_cooldown};
use crate::{Backend, Result, entities::one_time_code};

impl Backend {
    /// Sends a sign-in code to `email`, asked for by `client`.
    ///
    /// It behaves the same whether or not the address belongs to anyone: an unknown address
    /// gets a code too, and signing in with it creates the account. Only the code's hash is
    /// stored. One client may ask for [`SENDS_PER_CLIENT`] codes per address, which limits
    /// that client alone. Whoever asks, an address whose newest code is still usable and
    /// younger than its cooldown ([`send_cooldown`]) is sent nothing new, and the reply is
    /// the same: the owner signs in with the code they already have.
    pub async fn request_sign_in_code(&self, email: &Email, client: &Client) -> Result<()> {
        let now = self.now();
        let email_hash = self.inner.keys.identity_hash(email.as_str());
        let per_client = self.client_key("code", Some(&email_hash), client);
        self.hit(&per_client, SENDS_PER_CLIENT).await?;
        let asked_today = self
            .count(
                &format!("code:a:{email_hash}"),
                chrono::Duration::days(1),
                now,
            )
            .await?;
        // The code a sign-in would check; it only stands in for a new one while it can still
        // be used.
        let newest = self
            .latest_code(&email_hash, now)
            .await?
            .filter(|code| code.attempts < MAX_ATTEMPTS);
        if newest.is_some_and(|code| now - code.created_at < send_cooldown(asked_today)) {
            return Ok(());
        }

        let code = format!("{:06}", rand::rng().random_range(0..1_000_000u32));
        let row = one_time_code::ActiveModel {
            id: Set(Uuid::new_v4()),
            code_hash: Set(self.inner.keys.code_hash(&email_hash, &code)),
            email_hash: Set(email_hash),
            attempts: Set(0),
            created_at: Set(now),
            expires_at: Set(now + CODE_TTL),
            consumed_at: Set(None),
        };
        one_time_code::Entity::insert(row)
            .exec(self.writer())
            .await?;

        let notice = Notice::SignInCode { code };
        self.send_notice(email, client.language(), &notice, None)
            .await
    }
}
