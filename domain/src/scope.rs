//! API-key scopes.

use std::{fmt, str::FromStr};

use serde::{Deserialize, Serialize};

use crate::ValidationError;

/// What an API key may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ApiScope {
    /// File requests for people.
    #[serde(rename = "requests:write")]
    RequestsWrite,
    /// Read requests.
    #[serde(rename = "requests:read")]
    RequestsRead,
    /// Approve corrections and appeals waiting for staff: never the filing key's, so that the
    /// product cannot approve what it files.
    #[serde(rename = "requests:approve")]
    RequestsApprove,
    /// Cancel requests the systems do not have yet, such as a deletion in its grace period.
    #[serde(rename = "requests:cancel")]
    RequestsCancel,
    /// Complete manual tasks and send failed ones out again (operations).
    #[serde(rename = "tasks:write")]
    TasksWrite,
    /// Ask who has opted out (training pipelines).
    #[serde(rename = "suppression:read")]
    SuppressionRead,
}

impl ApiScope {
    /// Every scope.
    pub const ALL: &'static [ApiScope] = &[
        Self::RequestsWrite,
        Self::RequestsRead,
        Self::RequestsApprove,
        Self::RequestsCancel,
        Self::TasksWrite,
        Self::SuppressionRead,
    ];

    /// The scope's name, e.g. `suppression:read`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::RequestsWrite => "requests:write",
            Self::RequestsRead => "requests:read",
            Self::RequestsApprove => "requests:approve",
            Self::RequestsCancel => "requests:cancel",
            Self::TasksWrite => "tasks:write",
            Self::SuppressionRead => "suppression:read",
        }
    }
}

impl FromStr for ApiScope {
    type Err = ValidationError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .iter()
            .copied()
            .find(|scope| scope.as_str() == s.trim())
            .ok_or_else(|| {
                let known: Vec<&str> = Self::ALL.iter().map(|scope| scope.as_str()).collect();
                ValidationError::new(
                    "scope",
                    "scope.invalid",
                    format!("unknown scope {s:?}; expected one of {}", known.join(", ")),
                )
            })
    }
}

impl fmt::Display for ApiScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
