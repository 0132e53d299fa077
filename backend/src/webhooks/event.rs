//! The body of a webhook delivery, as `docs/webhooks.md` ("and this body") documents it.

use chrono::{DateTime, Utc};
use domain::{Particulars, RequestKind};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// What a data system receives for one task. Holds personal data: `Debug` redacts it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeliveryEvent {
    /// The task's idempotency key: the same on every delivery of the task.
    pub event_id: Uuid,
    /// The request.
    pub request_id: Uuid,
    /// What the person asked for.
    pub kind: RequestKind,
    /// Who the request is about.
    pub subject: EventSubject,
    /// Where to send the callback after answering 202.
    pub callback_url: String,
    /// The legal reply date (the extended one once extended), if there is one.
    pub deadline: Option<DateTime<Utc>>,
    /// What the person wrote when filing (a correction's wrong and right, a removal's
    /// prompts, outputs and reason); absent for kinds without particulars.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub particulars: Option<Particulars>,
}

/// The person a delivery is about.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventSubject {
    /// Rightful's id for the person.
    pub subject_id: Uuid,
    /// Their address; `None` once erased.
    pub email: Option<String>,
    /// The product's id for them, if an integrator gave one.
    pub user_id: Option<String>,
}

impl std::fmt::Debug for DeliveryEvent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeliveryEvent")
            .field("event_id", &self.event_id)
            .field("request_id", &self.request_id)
            .field("kind", &self.kind)
            .field("subject", &"<redacted>")
            .field("particulars", &self.particulars)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example in docs/webhooks.md is exactly this type: every field, no other.
    #[test]
    fn the_documented_example_is_a_delivery_event() {
        let doc = include_str!("../../../docs/webhooks.md");
        let start = doc.find("and this body:").unwrap();
        let block = &doc[start..];
        let json = block
            .split("```json")
            .nth(1)
            .and_then(|rest| rest.split("```").next())
            .unwrap();
        let event: DeliveryEvent = serde_json::from_str(json).unwrap();
        assert_eq!(event.kind, RequestKind::Delete);
        assert_eq!(event.subject.user_id.as_deref(), Some("u-123"));
        let again: serde_json::Value = serde_json::to_value(&event).unwrap();
        let documented: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(
            again["subject"], documented["subject"],
            "and nothing is renamed on the way out"
        );
        assert!(!format!("{event:?}").contains("ada@"), "Debug redacts");
    }
}
