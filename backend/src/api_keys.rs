//! API keys: created with scopes and printed once, stored as a SHA-256 hash, looked up by a
//! public prefix and compared in constant time; listed and revoked by that prefix.

use domain::{ValidationError, admin::KeyRow, scope::ApiScope};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, sea_query::Expr,
};
use sha2::Digest;
use sha2::Sha256;
use subtle::ConstantTimeEq;
use uuid::Uuid;

use crate::{Backend, Error, Result, entities::api_key};

/// A new key's secret text, `rk_<prefix>_<secret>`. Redacted in `Debug`; shown once.
pub struct ApiKeyText(pub String);

impl std::fmt::Debug for ApiKeyText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ApiKeyText(<redacted>)")
    }
}

fn hash(key: &str) -> String {
    hex::encode(Sha256::digest(key.as_bytes()))
}

impl Backend {
    /// Creates a key with `scopes` for the integrator called `name`.
    pub async fn create_api_key(&self, name: &str, scopes: &[ApiScope]) -> Result<ApiKeyText> {
        if name.trim().is_empty() || name.len() > 100 {
            let err = ValidationError::new(
                "name",
                "api_key.invalid",
                "name the key's holder (up to 100 characters)",
            );
            return Err(Error::Validation(err));
        }
        if scopes.is_empty() {
            let err = ValidationError::new("scope", "api_key.invalid", "give at least one scope");
            return Err(Error::Validation(err));
        }
        let prefix = hex::encode(rand::random::<[u8; 6]>());
        let key = format!("rk_{prefix}_{}", hex::encode(rand::random::<[u8; 24]>()));
        let mut names: Vec<&str> = scopes.iter().map(|s| s.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        let row = api_key::ActiveModel {
            id: Set(Uuid::new_v4()),
            name: Set(name.trim().to_owned()),
            prefix: Set(prefix),
            key_hash: Set(hash(&key)),
            scopes: Set(names.join(",")),
            created_at: Set(self.now()),
            revoked_at: Set(None),
        };
        api_key::Entity::insert(row).exec(self.writer()).await?;
        Ok(ApiKeyText(key))
    }

    /// Checks a presented key and that it holds `needed`: `Unauthenticated` for an unknown,
    /// malformed or revoked key, `Forbidden` for a missing scope.
    pub async fn authorize_api_key(&self, presented: &str, needed: ApiScope) -> Result<()> {
        let prefix = presented
            .strip_prefix("rk_")
            .and_then(|rest| rest.split_once('_'))
            .map(|(prefix, _)| prefix)
            .ok_or(Error::Unauthenticated)?;
        let row = api_key::Entity::find()
            .filter(api_key::Column::Prefix.eq(prefix))
            .filter(api_key::Column::RevokedAt.is_null())
            .one(self.db())
            .await?
            .ok_or(Error::Unauthenticated)?;
        let (Ok(stored), Ok(given)) = (hex::decode(&row.key_hash), hex::decode(hash(presented)))
        else {
            return Err(Error::Unauthenticated);
        };
        if !bool::from(stored.ct_eq(&given)) {
            return Err(Error::Unauthenticated);
        }
        if row.scopes.split(',').any(|s| s == needed.as_str()) {
            Ok(())
        } else {
            Err(Error::Forbidden)
        }
    }

    /// Every key, newest first: who holds it, its public prefix, scopes and state. Never the
    /// key itself, which is not stored.
    pub async fn list_api_keys(&self) -> Result<Vec<KeyRow>> {
        let rows = api_key::Entity::find()
            .order_by_desc(api_key::Column::CreatedAt)
            .all(self.db())
            .await?;
        Ok(rows
            .into_iter()
            .map(|row| KeyRow {
                name: row.name,
                prefix: row.prefix,
                scopes: row.scopes.split(',').map(str::to_owned).collect(),
                created_at: row.created_at,
                revoked_at: row.revoked_at,
            })
            .collect())
    }

    /// Revokes the key with public `prefix` (the part after `rk_`); it is refused from the
    /// next request on. Revoking a revoked key is a conflict.
    pub async fn revoke_api_key(&self, prefix: &str) -> Result<()> {
        let revoked = api_key::Entity::update_many()
            .col_expr(api_key::Column::RevokedAt, Expr::value(Some(self.now())))
            .filter(api_key::Column::Prefix.eq(prefix))
            .filter(api_key::Column::RevokedAt.is_null())
            .exec(self.writer())
            .await?;
        if revoked.rows_affected == 1 {
            return Ok(());
        }
        let exists = api_key::Entity::find()
            .filter(api_key::Column::Prefix.eq(prefix))
            .one(self.db())
            .await?
            .is_some();
        Err(if exists {
            Error::Conflict("this key is revoked already".into())
        } else {
            Error::NotFound("API key")
        })
    }
}
