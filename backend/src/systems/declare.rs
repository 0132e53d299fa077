//! Declaring a data system from configuration: created the first time, brought in line with
//! the declaration on every start after that.

use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
use uuid::Uuid;

use super::NewSystem;
use crate::{Backend, Error, Result, entities::data_system};

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
        let endpoint = new.validate()?;
        if secret.len() < 32 {
            return Err(Error::Validation(domain::ValidationError::new(
                "secret",
                "system.secret",
                "a signing secret needs at least 32 characters",
            )));
        }
        let mut capabilities: Vec<&str> = new.capabilities.iter().map(|c| c.as_str()).collect();
        capabilities.sort_unstable();
        capabilities.dedup();
        let existing = data_system::Entity::find()
            .filter(data_system::Column::Name.eq(&new.name))
            .one(self.db())
            .await?;
        let Some(row) = existing else {
            let row = data_system::ActiveModel {
                id: Set(Uuid::new_v4()),
                name: Set(new.name),
                owner: Set(new.owner.trim().to_owned()),
                kind: Set(new.kind.as_str().to_owned()),
                capabilities: Set(capabilities.join(",")),
                endpoint: Set(endpoint),
                signing_secret: Set(secret.to_owned()),
                timeout_ms: Set(new.timeout_ms),
                enabled: Set(true),
                created_at: Set(self.now()),
                consecutive_failures: Set(0),
                circuit_open_until: Set(None),
            };
            data_system::Entity::insert(row).exec(self.db()).await?;
            return Ok(Declared::Created);
        };
        data_system::Entity::update_many()
            .col_expr(data_system::Column::Owner, Expr::value(new.owner.trim()))
            .col_expr(data_system::Column::Kind, Expr::value(new.kind.as_str()))
            .col_expr(
                data_system::Column::Capabilities,
                Expr::value(capabilities.join(",")),
            )
            .col_expr(data_system::Column::Endpoint, Expr::value(endpoint))
            .col_expr(data_system::Column::SigningSecret, Expr::value(secret))
            .col_expr(data_system::Column::TimeoutMs, Expr::value(new.timeout_ms))
            .col_expr(data_system::Column::Enabled, Expr::value(true))
            .filter(data_system::Column::Id.eq(row.id))
            .exec(self.db())
            .await?;
        Ok(Declared::Updated)
    }
}
