//! A circuit breaker per data system, kept in the database so every worker process shares it:
//! after [`THRESHOLD`] failures in a row, deliveries to the system pause for [`COOL_OFF`]. After
//! that the next delivery tries the system again: one more failure reopens the circuit at
//! once (the count stays above the threshold), one answer closes it.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ColumnTrait, EntityTrait, QueryFilter,
    sea_query::{Expr, ExprTrait},
};

use crate::{Backend, Result, entities::data_system};

/// Failures in a row that open the circuit.
pub const THRESHOLD: i32 = 5;

/// How long an open circuit pauses deliveries.
pub const COOL_OFF: Duration = Duration::seconds(60);

impl Backend {
    /// Counts a failure, opening the circuit when the count reaches [`THRESHOLD`].
    pub(crate) async fn circuit_failure(
        &self,
        system: &data_system::Model,
        now: DateTime<Utc>,
    ) -> Result<()> {
        data_system::Entity::update_many()
            .col_expr(
                data_system::Column::ConsecutiveFailures,
                Expr::col(data_system::Column::ConsecutiveFailures).add(1),
            )
            .filter(data_system::Column::Id.eq(system.id))
            .exec(self.writer())
            .await?;
        let opened = data_system::Entity::update_many()
            .col_expr(
                data_system::Column::CircuitOpenUntil,
                Expr::value(Some(now + COOL_OFF)),
            )
            .filter(data_system::Column::Id.eq(system.id))
            .filter(data_system::Column::ConsecutiveFailures.gte(THRESHOLD))
            .exec(self.writer())
            .await?;
        if opened.rows_affected == 1 {
            tracing::warn!(system = %system.name, "circuit open after repeated failures");
        }
        Ok(())
    }

    /// Closes the circuit after a delivery the system answered.
    pub(crate) async fn circuit_closed(&self, system: &data_system::Model) -> Result<()> {
        if system.consecutive_failures == 0 && system.circuit_open_until.is_none() {
            return Ok(());
        }
        data_system::Entity::update_many()
            .col_expr(data_system::Column::ConsecutiveFailures, Expr::value(0))
            .col_expr(
                data_system::Column::CircuitOpenUntil,
                Expr::value(Option::<DateTime<Utc>>::None),
            )
            .filter(data_system::Column::Id.eq(system.id))
            .exec(self.writer())
            .await?;
        Ok(())
    }
}
