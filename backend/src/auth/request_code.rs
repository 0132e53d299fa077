//! Step one of sign-in: e-mail a fresh 6-digit code.

use domain::Email;
use rand::Rng;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use uuid::Uuid;

use super::{CODE_TTL, CODE_WINDOW, CODES_PER_WINDOW};
use crate::{Backend, Error, Result, entities::one_time_code};

impl Backend {
    /// Sends a sign-in code to `email`.
    ///
    /// It behaves the same whether or not the address belongs to anyone: an unknown address
    /// gets a code too, and signing in with it creates the account. Only the code's hash is
    /// stored. At most [`CODES_PER_WINDOW`] codes go to one address per [`CODE_WINDOW`].
    pub async fn request_sign_in_code(&self, email: &Email) -> Result<()> {
        let now = self.now();
        let email_hash = self.inner.keys.identity_hash(email.as_str());
        let recent = one_time_code::Entity::find()
            .filter(one_time_code::Column::EmailHash.eq(&email_hash))
            .filter(one_time_code::Column::CreatedAt.gt(now - CODE_WINDOW))
            .count(self.db())
            .await?;
        if recent >= CODES_PER_WINDOW {
            return Err(Error::RateLimited);
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
        one_time_code::Entity::insert(row).exec(self.db()).await?;

        let body = format!(
            "Your Rightful sign-in code is {code}\n\n\
             It expires in 10 minutes. If you did not ask for it, ignore this message:\n\
             nobody can sign in without the code.\n"
        );
        self.inner
            .mailer
            .send(email, &format!("Your sign-in code: {code}"), body)
            .await
    }
}
