//! A test delivery: one signed POST to a webhook system that names no request and no
//! person, so an admin can see that the endpoint, the network policy and the signing secret
//! work before real requests depend on them.

use std::time::Duration;

use domain::system::SystemKind;
use uuid::Uuid;

use crate::{
    Backend, Error, Result,
    webhooks::send::{Failure, Outgoing, Reply, send},
};

/// The most of a reply's body kept to show.
const SHOWN_BODY: usize = 2048;

/// How a system answered a test delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryTest {
    /// Whether it answered with success (2xx).
    pub passed: bool,
    /// The reply's status, when there was a reply.
    pub status: Option<u16>,
    /// What went wrong, or the start of the reply's body.
    pub detail: String,
}

impl Backend {
    /// Sends system `name` a signed test event, `{"type":"test","event_id":…,"sent_at":…}`,
    /// and reports its reply. A manual system takes no deliveries (a conflict).
    pub async fn test_delivery(&self, name: &str) -> Result<DeliveryTest> {
        let system = self.system_named(name).await?;
        let (SystemKind::Webhook, Some(endpoint)) = (system.kind, system.endpoint.as_deref())
        else {
            return Err(Error::Conflict(
                "a manual system takes no deliveries".into(),
            ));
        };
        let event_id = Uuid::new_v4();
        let now = self.now();
        let body = serde_json::json!({ "type": "test", "event_id": event_id, "sent_at": now });
        let secrets = self.signing_secrets(&system)?;
        let out = Outgoing {
            endpoint,
            secrets: &secrets,
            idempotency_key: event_id.to_string(),
            body: body.to_string().into_bytes(),
            timeout: Duration::from_millis(u64::try_from(system.timeout_ms).unwrap_or(10_000)),
            now_unix: now.timestamp(),
            networks: &self.inner.system_networks,
        };
        Ok(match send(&self.inner.http, out).await {
            Ok(Reply::Accepted) => DeliveryTest {
                passed: true,
                status: Some(202),
                detail: String::new(),
            },
            Ok(Reply::Answered(response)) => answered(response).await,
            Err(Failure::Transient(why) | Failure::Permanent(why)) => DeliveryTest {
                passed: false,
                status: None,
                detail: why,
            },
        })
    }
}

/// A 2xx reply, with the start of its body.
async fn answered(mut response: reqwest::Response) -> DeliveryTest {
    let status = response.status().as_u16();
    let mut body = Vec::new();
    while body.len() < SHOWN_BODY {
        match response.chunk().await {
            Ok(Some(chunk)) => body.extend_from_slice(&chunk),
            Ok(None) => break,
            Err(err) => {
                let (Failure::Transient(why) | Failure::Permanent(why)) =
                    crate::webhooks::send::reading(&err);
                return DeliveryTest {
                    passed: false,
                    status: Some(status),
                    detail: why,
                };
            }
        }
    }
    body.truncate(SHOWN_BODY);
    DeliveryTest {
        passed: true,
        status: Some(status),
        detail: String::from_utf8_lossy(&body).into_owned(),
    }
}
