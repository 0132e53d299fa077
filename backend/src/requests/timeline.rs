//! A request's audit chain read as the steps its owner sees. Entries that mean nothing to
//! the person (one system's task, a status the person never needs to see twice) are left out.

use chrono::NaiveDate;
use domain::{
    AuditAction, ExtensionReason, RequestStatus,
    dto::{Step, TimelineEntry},
};
use serde_json::Value;

use crate::entities::request_event;

/// The person's timeline, oldest first, from the chain's entries in `seq` order.
pub(crate) fn timeline(entries: &[request_event::Model]) -> Vec<TimelineEntry> {
    entries
        .iter()
        .filter_map(|entry| step_of(entry).map(|step| TimelineEntry { at: entry.at, step }))
        .collect()
}

fn step_of(entry: &request_event::Model) -> Option<Step> {
    // Entries are read back as stored text (see `request_event`); one that no longer parses
    // is left out here and reported by the chain check.
    let action: AuditAction = entry.action.parse().ok()?;
    let detail: Value = serde_json::from_str(&entry.detail).unwrap_or(Value::Null);
    match action {
        AuditAction::Received => Some(Step::Received),
        AuditAction::StatusChanged => {
            let to: RequestStatus = entry.to_status.as_deref()?.parse().ok()?;
            status_step(to)
        }
        AuditAction::GracePeriod => {
            let until = detail.get("until")?.as_str()?;
            let until = chrono::DateTime::parse_from_rfc3339(until).ok()?;
            Some(Step::GracePeriod {
                until: until.to_utc(),
            })
        }
        AuditAction::FannedOut => {
            let systems = detail.get("systems")?.as_array()?.len();
            Some(Step::SentToSystems {
                systems: u32::try_from(systems).unwrap_or(u32::MAX),
            })
        }
        AuditAction::ClockEvent => Some(clock_step(&detail)),
        AuditAction::ExportReady => Some(Step::ExportReady),
        AuditAction::ExportReissued => Some(Step::ExportReissued),
        AuditAction::IdentityErased => Some(Step::IdentityErased),
        AuditAction::AgentFiled => Some(Step::FiledByAgent),
        // A denial's own entry repeats its status change; tasks show as progress, and
        // messages in their own list.
        AuditAction::Denied
        | AuditAction::AddressErased
        | AuditAction::Message
        | AuditAction::Justified
        | AuditAction::Assigned
        | AuditAction::NoSystems
        | AuditAction::TaskDone
        | AuditAction::TaskFailed
        | AuditAction::Purged => None,
    }
}

fn status_step(to: RequestStatus) -> Option<Step> {
    use RequestStatus::*;
    Some(match to {
        AwaitingVerification => Step::AwaitingVerification,
        Verified => Step::Verified,
        PendingApproval => Step::PendingApproval,
        InProgress => Step::InProgress,
        OnHold => Step::OnHold,
        Failed => Step::Failed,
        Completed => Step::Completed,
        Denied => Step::Denied,
        Canceled => Step::Canceled,
        Received => return None,
    })
}

fn clock_step(detail: &Value) -> Step {
    let kind = detail
        .get("event")
        .and_then(|e| e.get("type"))
        .and_then(Value::as_str);
    if kind != Some("extend") {
        return Step::ClockChanged;
    }
    // `extended_respond_by` is the milestone's end, `YYYY-MM-DDT23:59:59±HH:MM`: its date
    // is the legal date.
    let reply_by = detail
        .get("extended_respond_by")
        .and_then(Value::as_str)
        .and_then(|s| s.get(..10))
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    let reason = detail
        .get("reason")
        .and_then(Value::as_str)
        .and_then(|r| r.parse::<ExtensionReason>().ok());
    Step::Extended { reply_by, reason }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;
    use serde_json::json;

    fn entry(action: &str, to: Option<&str>, detail: Value) -> request_event::Model {
        request_event::Model {
            id: 1,
            request_id: uuid::Uuid::nil(),
            seq: 1,
            at: Utc::now(),
            action: action.to_owned(),
            from_status: None,
            to_status: to.map(str::to_owned),
            actor: "system".to_owned(),
            detail: detail.to_string(),
            prev_hash: String::new(),
            hash: String::new(),
        }
    }

    #[test]
    fn entries_become_the_steps_a_person_reads() {
        let entries = [
            entry("received", Some("received"), json!({})),
            entry("status_changed", Some("verified"), json!({})),
            entry("fanned_out", None, json!({ "systems": ["crm", "billing"] })),
            entry("task_done", None, json!({})),
            entry(
                "clock_event",
                None,
                json!({ "event": { "type": "extend", "on": "2027-01-05" },
                        "extended_respond_by": "2027-03-28T23:59:59+01:00", "reason": "complex" }),
            ),
            entry("status_changed", Some("bogus"), json!({})),
            entry("status_changed", Some("completed"), json!({})),
        ];
        let steps: Vec<Step> = timeline(&entries).into_iter().map(|e| e.step).collect();
        let date = NaiveDate::from_ymd_opt(2027, 3, 28);
        assert_eq!(
            steps,
            vec![
                Step::Received,
                Step::Verified,
                Step::SentToSystems { systems: 2 },
                Step::Extended {
                    reply_by: date,
                    reason: Some(ExtensionReason::Complex)
                },
                Step::Completed,
            ]
        );
    }
}
