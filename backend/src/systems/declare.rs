//! Declaring a data system from configuration: created the first time, brought in line with
//! the declaration on every start after that.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};

use super::{NewSystem, add::insert_system};
use crate::{
    Backend, Error, Result,
    entities::{data_system, system_capability},
};

/// What declaring a system did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Declared {
    /// It was new.
    Created,
    /// It existed and now matches the declaration (and is enabled).
    Updated,
}

impl Backend {
    /// Creates or updates system `new.name` to match a declaration, with the given signing
    /// secret (at least 32 characters, kept by the operator, never logged).
    pub async fn declare_system(&self, new: NewSystem, secret: &str) -> Result<Declared> {
        let endpoint = self.checked_endpoint(&new)?;
        if secret.len() < 32 {
            return Err(Error::Validation(domain::ValidationError::new(
                "secret",
                "system.secret",
                "a signing secret needs at least 32 characters",
            )));
        }
        let txn = self.begin().await?;
        let existing = data_system::Entity::find()
            .filter(data_system::Column::Name.eq(&new.name))
            .one(&txn)
            .await?;
        let sealed = self.inner.keys.seal(secret);
        let Some(row) = existing else {
            insert_system(&txn, new, endpoint, &sealed, self.now()).await?;
            txn.commit().await?;
            return Ok(Declared::Created);
        };
        data_system::Entity::update_many()
            .col_expr(data_system::Column::Owner, Expr::value(new.owner.trim()))
            .col_expr(data_system::Column::Kind, Expr::value(new.kind))
            .col_expr(data_system::Column::Endpoint, Expr::value(endpoint))
            .col_expr(data_system::Column::SigningSecret, Expr::value(sealed))
            .col_expr(data_system::Column::TimeoutMs, Expr::value(new.timeout_ms))
            .col_expr(data_system::Column::Enabled, Expr::value(true))
            .filter(data_system::Column::Id.eq(row.id))
            .exec(&txn)
            .await?;
        system_capability::Entity::delete_many()
            .filter(system_capability::Column::SystemId.eq(row.id))
            .exec(&txn)
            .await?;
        system_capability::Entity::insert_many(new.capability_rows(row.id))
            .exec(&txn)
            .await?;
        txn.commit().await?;
        Ok(Declared::Updated)
    }
}
