//! Listing and disabling data systems. Secrets are never part of a listing.

use domain::system::{Capability, SystemKind};
use std::collections::HashMap;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, sea_query::Expr};
use serde::Serialize;
use uuid::Uuid;

use crate::{
    Backend, Error, Result,
    entities::{data_system, system_capability},
};

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

impl DataSystem {
    fn new(row: data_system::Model, capabilities: Vec<Capability>) -> Self {
        Self {
            kind: row.kind,
            capabilities,
            name: row.name,
            owner: row.owner,
            endpoint: row.endpoint,
            timeout_ms: row.timeout_ms,
            enabled: row.enabled,
        }
    }
}

impl Backend {
    /// Every data system, by name.
    pub async fn list_systems(&self) -> Result<Vec<DataSystem>> {
        let rows = data_system::Entity::find()
            .order_by_asc(data_system::Column::Name)
            .all(self.db())
            .await?;
        let mut capabilities: HashMap<Uuid, Vec<Capability>> = HashMap::new();
        let held = system_capability::Entity::find()
            .order_by_asc(system_capability::Column::Capability)
            .all(self.db())
            .await?;
        for row in held {
            capabilities
                .entry(row.system_id)
                .or_default()
                .push(row.capability);
        }
        Ok(rows
            .into_iter()
            .map(|row| {
                let own = capabilities.remove(&row.id).unwrap_or_default();
                DataSystem::new(row, own)
            })
            .collect())
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
