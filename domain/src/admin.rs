//! What the console's admin screen shows: data systems, API keys and staff accounts, and the
//! one thing an admin's last action reveals once (a secret, a password, a test delivery's
//! reply). Secrets are redacted in `Debug`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{
    StaffRole,
    system::{Capability, SystemKind},
};

/// A data system as listed (the admin screen, `rightful systems list`): never its secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SystemRow {
    /// Its unique name.
    pub name: String,
    /// Who is responsible.
    pub owner: String,
    /// Webhook or manual.
    pub kind: SystemKind,
    /// What it can do.
    pub capabilities: Vec<Capability>,
    /// The webhook endpoint.
    pub endpoint: Option<String>,
    /// How long to wait for its replies, in milliseconds.
    pub timeout_ms: i32,
    /// Whether new work goes to it.
    pub enabled: bool,
}

/// An API key as listed (the admin screen, `rightful api-keys list`), by its public prefix;
/// the key itself is not stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyRow {
    /// Who holds it.
    pub name: String,
    /// `rk_<prefix>_…`.
    pub prefix: String,
    /// Its scopes' names.
    pub scopes: Vec<String>,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// When it was revoked.
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A staff account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffRow {
    /// Their work address.
    pub email: String,
    /// What they may do.
    pub role: StaffRole,
    /// Whether sign-in asks for a TOTP code.
    pub totp: bool,
    /// Whether the account is disabled.
    pub disabled: bool,
    /// The last successful sign-in.
    pub last_sign_in_at: Option<DateTime<Utc>>,
}

/// What an admin's last action shows once, and never again.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Reveal {
    /// A new data system's signing secret.
    SystemSecret {
        /// The system.
        system: String,
        /// Its secret.
        secret: String,
    },
    /// A new API key.
    ApiKey {
        /// Who holds it.
        name: String,
        /// The whole key.
        key: String,
    },
    /// A new staff account's sign-in.
    StaffAccount {
        /// Their address.
        email: String,
        /// The generated password.
        password: String,
        /// The `otpauth://` URI for an authenticator app, when TOTP is on.
        totp_uri: Option<String>,
    },
    /// How a data system answered a test delivery.
    TestDelivery {
        /// The system.
        system: String,
        /// Whether it answered with success (2xx).
        passed: bool,
        /// The reply's status, when there was one.
        status: Option<u16>,
        /// What went wrong, or the start of the reply's body.
        detail: String,
    },
}

impl std::fmt::Debug for Reveal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::SystemSecret { system, .. } => write!(f, "SystemSecret({system}, <redacted>)"),
            Self::ApiKey { .. } => f.write_str("ApiKey(<redacted>)"),
            Self::StaffAccount { .. } => f.write_str("StaffAccount(<redacted>)"),
            Self::TestDelivery { system, status, .. } => {
                write!(f, "TestDelivery({system}, {status:?})")
            }
        }
    }
}

/// The admin screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminPage {
    /// Every data system, by name.
    pub systems: Vec<SystemRow>,
    /// Every API key, newest first.
    pub keys: Vec<KeyRow>,
    /// Every staff account, by address.
    pub staff: Vec<StaffRow>,
    /// What the viewer's last action shows once.
    pub reveal: Option<Reveal>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_a_secret() {
        let shown = [
            Reveal::SystemSecret {
                system: "crm".into(),
                secret: "whsec_abc".into(),
            },
            Reveal::ApiKey {
                name: "pipeline".into(),
                key: "rk_1_secret".into(),
            },
            Reveal::StaffAccount {
                email: "ops@example.com".into(),
                password: "hunter2hunter2".into(),
                totp_uri: Some("otpauth://totp/x?secret=ABC".into()),
            },
        ]
        .map(|r| format!("{r:?}"));
        for (text, secret) in shown.iter().zip(["whsec_abc", "rk_1_secret", "hunter2"]) {
            assert!(!text.contains(secret), "{text}");
        }
        assert!(!shown[2].contains("ops@"), "nor an address");
    }
}
