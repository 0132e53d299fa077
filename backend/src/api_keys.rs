//! API keys: created with scopes and printed once, stored as a SHA-256 hash, looked up by a
//! public prefix and compared in constant time.

use domain::{ValidationError, scope::ApiScope};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
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
        api_key::Entity::insert(row).exec(self.db()).await?;
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
}
