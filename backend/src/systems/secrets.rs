//! Data systems' signing secrets: sealed at rest, rotated on demand, with the previous
//! secret honoured for [`ROTATION_OVERLAP`] so a system can switch without failing.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};

use super::SigningSecret;
use crate::{Backend, Error, Result, entities::data_system, keys::Keys};

/// How long the previous secret stays valid after a rotation.
pub const ROTATION_OVERLAP: chrono::Duration = chrono::Duration::days(1);

/// A fresh signing secret.
pub(super) fn generate() -> String {
    format!("whsec_{}", hex::encode(rand::random::<[u8; 32]>()))
}

impl Backend {
    /// The secrets `system` signs with now: the current one first, then the previous one
    /// during the day after a rotation.
    pub(crate) fn signing_secrets(&self, system: &data_system::Model) -> Result<Vec<String>> {
        let open = |stored: &str| {
            self.inner.keys.open(stored).ok_or_else(|| {
                Error::Internal(anyhow::anyhow!(
                    "the signing secret of system {} does not open with this RIGHTFUL_SECRET",
                    system.name
                ))
            })
        };
        let mut secrets = vec![open(&system.signing_secret)?];
        let overlapping = system
            .secret_rotated_at
            .is_some_and(|at| self.now() < at + ROTATION_OVERLAP);
        if let (true, Some(previous)) = (overlapping, &system.previous_signing_secret) {
            secrets.push(open(previous)?);
        }
        Ok(secrets)
    }

    /// Gives system `name` a new signing secret, shown this once. The old one is still
    /// accepted, and still sent alongside the new, for [`ROTATION_OVERLAP`].
    pub async fn rotate_system_secret(&self, name: &str) -> Result<SigningSecret> {
        let system = self.system_named(name).await?;
        let secret = generate();
        data_system::Entity::update_many()
            .col_expr(
                data_system::Column::SigningSecret,
                Expr::value(self.inner.keys.seal(&secret)),
            )
            .col_expr(
                data_system::Column::PreviousSigningSecret,
                Expr::value(Some(system.signing_secret)),
            )
            .col_expr(
                data_system::Column::SecretRotatedAt,
                Expr::value(Some(self.now())),
            )
            .filter(data_system::Column::Id.eq(system.id))
            .exec(self.writer())
            .await?;
        Ok(SigningSecret(secret))
    }

    /// Seals every signing secret still stored in the clear (from before sealing existed);
    /// returns how many. Run on start.
    pub async fn seal_system_secrets(&self) -> Result<usize> {
        let rows = data_system::Entity::find().all(self.db()).await?;
        let mut sealed = 0;
        for row in rows.iter().filter(|r| !Keys::is_sealed(&r.signing_secret)) {
            data_system::Entity::update_many()
                .col_expr(
                    data_system::Column::SigningSecret,
                    Expr::value(self.inner.keys.seal(&row.signing_secret)),
                )
                .filter(data_system::Column::Id.eq(row.id))
                .filter(data_system::Column::SigningSecret.eq(&row.signing_secret))
                .exec(self.writer())
                .await?;
            sealed += 1;
        }
        Ok(sealed)
    }
}
