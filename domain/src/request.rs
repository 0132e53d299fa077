//! Request kinds and the request lifecycle, with its allowed transitions kept as data.

use crate::{ValidationError, string_enum::string_enum};

string_enum! {
    /// What a person asks for; docs/api.md says what happens to each, and docs/legal.md
    /// which law sets its deadline.
    RequestKind, "kind" {
        /// A human-readable report of what is held.
        Access => "access",
        /// A portable archive of the person's data.
        Export => "export",
        /// Erasure of the person's data and account.
        Delete => "delete",
        /// Correction of inaccurate data.
        Correct => "correct",
        /// An objection to the use of the person's data for training AI models.
        OptOutTraining => "opt_out_training",
        /// An opt-out of sale, sharing and targeted advertising.
        OptOutSale => "opt_out_sale",
        /// A request to limit the use of sensitive personal information (CCPA).
        LimitSensitive => "limit_sensitive",
        /// Removal of personal data from model outputs.
        RemoveFromOutputs => "remove_from_outputs",
        /// An appeal against a denied request.
        Appeal => "appeal",
    }
}

impl RequestKind {
    /// Whether a verified request of this kind waits for staff approval before it fans out
    /// to the data systems. A correction needs someone to judge what is right, and an appeal
    /// is a review by definition; everything else is carried out as asked.
    pub fn needs_approval(self) -> bool {
        matches!(self, Self::Correct | Self::Appeal)
    }

    /// Whether the request waits out a grace period, in which the person can cancel, before
    /// anything irreversible happens.
    pub fn has_grace_period(self) -> bool {
        matches!(self, Self::Delete)
    }

    /// Whether the request produces data for the person (and so an export package).
    pub fn returns_data(self) -> bool {
        matches!(self, Self::Access | Self::Export)
    }
}

string_enum! {
    /// Where a request is in its lifecycle.
    RequestStatus, "status" {
        /// Filed, nothing done yet.
        Received => "received",
        /// Waiting for the person to prove who they are.
        AwaitingVerification => "awaiting_verification",
        /// Identity established.
        Verified => "verified",
        /// Waiting for a member of staff to approve it.
        PendingApproval => "pending_approval",
        /// Being carried out by the data systems.
        InProgress => "in_progress",
        /// Done.
        Completed => "completed",
        /// Refused, with a reason.
        Denied => "denied",
        /// Withdrawn by the person or closed by staff.
        Canceled => "canceled",
        /// Carrying it out failed; it can be retried.
        Failed => "failed",
        /// Paused, with a reason; the legal clock may be paused too.
        OnHold => "on_hold",
    }
}

string_enum! {
    /// Why a request's reply date was extended: the grounds the laws allow (GDPR Art 12(3):
    /// the complexity and number of requests; the CCPA and state laws: when reasonably
    /// necessary, which in practice is one of the two). Kept as a code, so the audit chain
    /// holds no free text and the person reads it in their language.
    ExtensionReason, "reason" {
        /// The request is complex.
        Complex => "complex",
        /// There are many requests to answer.
        Numerous => "numerous",
    }
}

string_enum! {
    /// Why a request's clock was paused: the grounds the GDPR allows (EDPB Guidelines 01/2022,
    /// para 159). Kept as a code, like an extension's reason.
    PauseReason, "reason" {
        /// Waiting for the person to prove who they are.
        IdentityCheck => "identity_check",
        /// Waiting for the person to say what they are asking for.
        Clarification => "clarification",
    }
}

string_enum! {
    /// Why a request was denied: the reason a denial gives, and what annual metrics count
    /// denials by (CCPA §7102). The person also gets a message in words.
    DenialReason, "reason" {
        /// The person's identity could not be verified.
        IdentityNotVerified => "identity_not_verified",
        /// The request is manifestly unfounded or excessive (GDPR Art 12(5)).
        UnfoundedOrExcessive => "unfounded_or_excessive",
        /// A legal exemption applies (for example, data the law requires us to keep).
        LegalExemption => "legal_exemption",
        /// The law invoked does not cover this person or request.
        NotCovered => "not_covered",
        /// Another reason, given in the message.
        Other => "other",
    }
}

string_enum! {
    /// Who did what an audit entry records. Never a person's identity: the person is the
    /// request's subject, and staff accounts (with their ids) come with the console.
    Actor, "actor" {
        /// The person the request is about, signed in.
        Subject => "subject",
        /// Rightful itself: a job, a data system's answer, housekeeping.
        System => "system",
        /// A rule applied automatically (approval needed, a grace period, fan-out).
        Policy => "policy",
        /// An integrator, through the REST API with a key.
        Api => "api",
        /// An operator, through the `rightful` command line.
        Cli => "cli",
        /// An authorized agent, filing for the person.
        Agent => "agent",
        /// A member of staff in the console (a `justified` entry before names who and why).
        Staff => "staff",
    }
}

string_enum! {
    /// What an entry of a request's audit chain records.
    AuditAction, "action" {
        /// The request was filed.
        Received => "received",
        /// Its status changed (the entry holds from and to).
        StatusChanged => "status_changed",
        /// A deletion waits out its grace period before going to the systems.
        GracePeriod => "grace_period",
        /// It went out to the data systems that can act on it.
        FannedOut => "fanned_out",
        /// No data system can act on it.
        NoSystems => "no_systems",
        /// One system's task is done.
        TaskDone => "task_done",
        /// One system's task failed.
        TaskFailed => "task_failed",
        /// The export package is ready.
        ExportReady => "export_ready",
        /// An expired export package was built again.
        ExportReissued => "export_reissued",
        /// The person's identity was erased after their deletion.
        IdentityErased => "identity_erased",
        /// An authorized agent filed it, with the person's signed permission.
        AgentFiled => "agent_filed",
        /// The person's address was erased, after their deletion's last mail.
        AddressErased => "address_erased",
        /// The legal clock was paused, resumed, restarted or extended.
        ClockEvent => "clock_event",
        /// The request was denied, with a reason code.
        Denied => "denied",
        /// A message was written about it (the entry names its author, never its text).
        Message => "message",
        /// A member of staff gave the reason for what follows in the chain: who, which
        /// action, and the internal note that holds the reason's words.
        Justified => "justified",
        /// It was assigned to a member of staff, or unassigned.
        Assigned => "assigned",
        /// Its personal data was purged when the retention period ran out (what the reports
        /// count stays).
        Purged => "purged",
    }
}

string_enum! {
    /// Who wrote a message about a request.
    MessageAuthor, "author" {
        /// The privacy team.
        Staff => "staff",
        /// The person the request is about.
        Subject => "subject",
    }
}

string_enum! {
    /// Where one data system's part of a request stands.
    TaskState, "state" {
        /// Waiting to be delivered (webhook) or done by a person (manual).
        Pending => "pending",
        /// The system answered 202 and will call back.
        AwaitingCallback => "awaiting_callback",
        /// Done, with a receipt, data or a note.
        Done => "done",
        /// Failed for good; can be retried.
        Failed => "failed",
        /// The request was canceled first.
        Canceled => "canceled",
    }
}

impl TaskState {
    /// Whether the task still has work to do.
    pub fn is_open(self) -> bool {
        matches!(self, Self::Pending | Self::AwaitingCallback)
    }
}

use RequestStatus::*;

/// Every allowed transition, `(from, to)`. Anything not listed is refused.
pub const TRANSITIONS: &[(RequestStatus, RequestStatus)] = &[
    (Received, AwaitingVerification),
    (Received, Verified),
    (Received, Denied),
    (Received, Canceled),
    (AwaitingVerification, Verified),
    (AwaitingVerification, Denied),
    (AwaitingVerification, Canceled),
    (Verified, PendingApproval),
    (Verified, InProgress),
    (Verified, Denied),
    (Verified, Canceled),
    (Verified, OnHold),
    (PendingApproval, InProgress),
    (PendingApproval, Denied),
    (PendingApproval, Canceled),
    // Staff may pause a request they are deciding on, to ask the person for clarification.
    (PendingApproval, OnHold),
    (InProgress, Completed),
    (InProgress, Failed),
    (InProgress, Canceled),
    (InProgress, OnHold),
    (Failed, InProgress),
    (Failed, Canceled),
    (OnHold, Verified),
    (OnHold, PendingApproval),
    (OnHold, InProgress),
    (OnHold, Denied),
    (OnHold, Canceled),
];

impl RequestStatus {
    /// Whether the request can no longer change.
    pub fn is_terminal(self) -> bool {
        matches!(self, Completed | Denied | Canceled)
    }

    /// Whether the person can still withdraw a request in this state: the data systems do
    /// not have it yet (a deletion in its grace period is `verified`).
    pub fn is_cancelable(self) -> bool {
        matches!(
            self,
            Received | AwaitingVerification | Verified | PendingApproval | OnHold
        )
    }

    /// Whether `self → to` is one of [`TRANSITIONS`].
    pub fn can_become(self, to: RequestStatus) -> bool {
        TRANSITIONS.contains(&(self, to))
    }

    /// Checks `self → to`, returning the new status or a [`ValidationError`] that names both.
    pub fn transition(self, to: RequestStatus) -> Result<RequestStatus, ValidationError> {
        if self.can_become(to) {
            Ok(to)
        } else {
            Err(ValidationError::new(
                "status",
                "status.transition",
                format!("a request cannot go from {self} to {to}"),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn any_status() -> impl Strategy<Value = RequestStatus> {
        proptest::sample::select(RequestStatus::ALL)
    }

    proptest! {
        #[test]
        fn transition_agrees_with_the_table(from in any_status(), to in any_status()) {
            let listed = TRANSITIONS.contains(&(from, to));
            prop_assert_eq!(from.transition(to).is_ok(), listed);
        }

        #[test]
        fn terminal_states_never_move(from in any_status(), to in any_status()) {
            if from.is_terminal() {
                prop_assert!(from.transition(to).is_err());
            }
        }

        #[test]
        fn no_status_transitions_to_itself(s in any_status()) {
            prop_assert!(!s.can_become(s));
        }

        #[test]
        fn names_round_trip(s in any_status(), k in proptest::sample::select(RequestKind::ALL)) {
            prop_assert_eq!(s.as_str().parse::<RequestStatus>().unwrap(), s);
            prop_assert_eq!(k.as_str().parse::<RequestKind>().unwrap(), k);
        }

        #[test]
        fn random_walks_only_follow_the_table(steps in proptest::collection::vec(any_status(), 1..30)) {
            let mut current = Received;
            for next in steps {
                match current.transition(next) {
                    Ok(s) => { prop_assert!(TRANSITIONS.contains(&(current, s))); current = s; }
                    Err(e) => prop_assert_eq!(e.code, "status.transition"),
                }
            }
        }
    }

    #[test]
    fn every_non_terminal_state_can_reach_a_terminal_one() {
        for &start in RequestStatus::ALL {
            let mut seen = vec![start];
            let mut frontier = vec![start];
            while let Some(s) = frontier.pop() {
                for &(from, to) in TRANSITIONS {
                    if from == s && !seen.contains(&to) {
                        seen.push(to);
                        frontier.push(to);
                    }
                }
            }
            assert!(
                seen.iter().any(|s| s.is_terminal()),
                "{start} is a dead end"
            );
        }
    }

    #[test]
    fn on_hold_is_entered_only_from_verified_pending_approval_or_in_progress() {
        let into_hold: Vec<_> = TRANSITIONS
            .iter()
            .filter(|(_, to)| *to == OnHold)
            .map(|(from, _)| *from)
            .collect();
        assert_eq!(into_hold, vec![Verified, PendingApproval, InProgress]);
    }

    #[test]
    fn unknown_names_are_refused_with_the_choices() {
        let err = "nap".parse::<RequestStatus>().unwrap_err();
        assert!(err.message.contains("in_progress"));
        assert!("erase".parse::<RequestKind>().is_err());
    }
}
