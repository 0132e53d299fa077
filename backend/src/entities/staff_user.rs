//! The `staff_users` table: console accounts.

use domain::StaffRole;
use sea_orm::entity::prelude::*;

/// A member of staff. `email` is theirs, not a data subject's; `password_hash` is an
/// argon2id PHC string; `totp_secret` is sealed under the root secret when set.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "staff_users")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub email: String,
    pub password_hash: String,
    pub role: StaffRole,
    pub disabled: bool,
    pub created_at: DateTimeUtc,
    /// The sealed TOTP secret, when the account uses a second factor (000017).
    pub totp_secret: Option<String>,
    /// Wrong passwords or codes since the last success or lock (000017).
    pub failed_attempts: i32,
    /// Refuses every sign-in until then (000017).
    pub locked_until: Option<DateTimeUtc>,
    /// The last successful sign-in (000017).
    pub last_sign_in_at: Option<DateTimeUtc>,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
