//! Listing and disabling data systems. Secrets are never part of a listing.

use domain::system::{Capability, SystemKind};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, sea_query::Expr};
use serde::Serialize;

use crate::{Backend, Error, Result, entities::data_system};

/// A data system as shown to administrators: everything but its secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DataSystem {
    /// Unique name.
    pub name: String,
    /// Who is responsible.
    pub owner: String,
    /// Webhook or manual.
    pub kind: SystemKind,
    /// What it can do.
    pub capabilities: Vec<Capability>,
    /// The webhook endpoint.
    pub endpoint: Option<String>,
    /// The timeout for its replies.
    pub timeout_ms: i32,
    /// Whether new work goes to it.
    pub enabled: bool,
}

impl TryFrom<data_system::Model> for DataSystem {
    type Error = Error;
    fn try_from(row: data_system::Model) -> Result<Self> {
        let corrupt =
            |what: &str| Error::Internal(anyhow::anyhow!("system {} has a bad {what}", row.name));
        let capabilities = row
            .capabilities
            .split(',')
            .map(str::parse)
            .collect::<Result<_, _>>()
            .map_err(|_| corrupt("capability"))?;
        Ok(Self {
            kind: row.kind.parse().map_err(|_| corrupt("kind"))?,
            capabilities,
            name: row.name,
            owner: row.owner,
            endpoint: row.endpoint,
            timeout_ms: row.timeout_ms,
            enabled: row.enabled,
        })
    }
}

impl Backend {
    /// Every data system, by name.
    pub async fn list_systems(&self) -> Result<Vec<DataSystem>> {
        let rows = data_system::Entity::find()
            .order_by_asc(data_system::Column::Name)
            .all(self.db())
            .await?;
        rows.into_iter().map(DataSystem::try_from).collect()
    }

    /// Stops sending new work to a system. Disabling a disabled system is not an error.
    pub async fn disable_system(&self, name: &str) -> Result<()> {
        let updated = data_system::Entity::update_many()
            .col_expr(data_system::Column::Enabled, Expr::value(false))
            .filter(data_system::Column::Name.eq(name))
            .exec(self.db())
            .await?;
        if updated.rows_affected == 0 {
            return Err(Error::NotFound("data system"));
        }
        Ok(())
    }
}
