//! Data systems declared in `rightful.toml` as `[[systems]]` tables, applied each time a
//! process opens the backend. Systems added with `rightful systems add` are left alone.
//!
//! ```toml
//! [[systems]]
//! name = "crm"
//! owner = "CRM team"
//! kind = "webhook"
//! capabilities = ["access_export", "delete"]
//! endpoint = "https://crm.internal/rightful"
//! timeout_ms = 5000
//! secret_env = "RIGHTFUL_CRM_SECRET"   # the signing secret is read from this variable
//! ```

use std::collections::BTreeMap;

use backend::{Backend, systems::NewSystem};
use domain::system::{Capability, SystemKind};
use serde::Deserialize;

use crate::cli::CliError;

/// A declared system with its secret. Redacted in `Debug`.
pub struct DeclaredSystem {
    system: NewSystem,
    secret: String,
}

impl std::fmt::Debug for DeclaredSystem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DeclaredSystem({}, <secret redacted>)", self.system.name)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    name: String,
    owner: String,
    kind: String,
    capabilities: Vec<String>,
    endpoint: Option<String>,
    timeout_ms: Option<i32>,
    secret_env: String,
}

/// Parses the `systems` array of the config file at `path`, reading secrets from `env`.
pub fn parse(
    value: toml::Value,
    env: &BTreeMap<String, String>,
    path: &str,
) -> Result<Vec<DeclaredSystem>, String> {
    let toml::Value::Array(items) = value else {
        return Err(format!("{path}: systems: use [[systems]] tables"));
    };
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            let at = |why: String| format!("{path}: systems[{i}]: {why}");
            let raw: Raw = item
                .try_into()
                .map_err(|e: toml::de::Error| at(e.message().to_owned()))?;
            let kind: SystemKind = raw
                .kind
                .trim()
                .parse()
                .map_err(|e: domain::ValidationError| at(e.message))?;
            let capabilities = raw
                .capabilities
                .iter()
                .map(|c| c.trim().parse::<Capability>())
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| at(e.message))?;
            let secret = env
                .get(&raw.secret_env)
                .filter(|s| !s.trim().is_empty())
                .ok_or_else(|| at(format!("secret_env: {} is not set", raw.secret_env)))?
                .trim()
                .to_owned();
            let system = NewSystem {
                name: raw.name,
                owner: raw.owner,
                kind,
                capabilities,
                endpoint: raw.endpoint,
                timeout_ms: raw.timeout_ms.unwrap_or(10_000),
            };
            Ok(DeclaredSystem { system, secret })
        })
        .collect()
}

/// Creates or updates each declared system.
pub async fn apply(backend: &Backend, systems: &[DeclaredSystem]) -> Result<(), CliError> {
    for declared in systems {
        let name = declared.system.name.clone();
        let outcome = backend
            .declare_system(declared.system.clone(), &declared.secret)
            .await
            .map_err(|e| CliError::Usage(format!("rightful.toml: systems {name:?}: {e}")))?;
        tracing::info!(system = %name, ?outcome, "declared data system applied");
    }
    Ok(())
}
