//! Liveness of the backend's dependencies.

use crate::{Backend, Result};

impl Backend {
    /// Succeeds when the database answers a query.
    pub async fn check_health(&self) -> Result<()> {
        self.db()
            .ping()
            .await
            .map_err(|_| crate::Error::Unavailable("database"))
    }
}
