//! Listing and disabling data systems. Secrets are never part of a listing.

use domain::{admin::SystemRow, system::Capability};
use std::collections::HashMap;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, sea_query::Expr};
use uuid::Uuid;

use crate::{
    Backend, Error, Result,
    entities::{data_system, system_capability},
};

/// A data system as listed: everything but its secret.
fn listed(row: data_system::Model, capabilities: Vec<Capability>) -> SystemRow {
    SystemRow {
        kind: row.kind,
        capabilities,
        name: row.name,
        owner: row.owner,
        endpoint: row.endpoint,
        timeout_ms: row.timeout_ms,
        enabled: row.enabled,
    }
}

impl Backend {
    /// The row of system `name`, or `NotFound`.
    pub(super) async fn system_named(&self, name: &str) -> Result<data_system::Model> {
        data_system::Entity::find()
            .filter(data_system::Column::Name.eq(name))
            .one(self.db())
            .await?
            .ok_or(Error::NotFound("data system"))
    }

    /// Every data system, by name.
    pub async fn list_systems(&self) -> Result<Vec<SystemRow>> {
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
                listed(row, own)
            })
            .collect())
    }

    /// Stops sending new work to a system. Disabling a disabled system is not an error.
    pub async fn disable_system(&self, name: &str) -> Result<()> {
        let updated = data_system::Entity::update_many()
            .col_expr(data_system::Column::Enabled, Expr::value(false))
            .filter(data_system::Column::Name.eq(name))
            .exec(self.writer())
            .await?;
        if updated.rows_affected == 0 {
            return Err(Error::NotFound("data system"));
        }
        Ok(())
    }
}
