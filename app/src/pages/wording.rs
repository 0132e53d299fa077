//! Words people read about requests, in the page's language: each kind's name and what it
//! does, each status, each step of a request's life, and each reason for a denial. The words
//! themselves are in `locales/`; this maps the domain's values to their keys. Also the
//! reports' words: laws, outcomes and §7102 categories.

use domain::{
    DenialReason, ExtensionReason, PauseReason, RequestKind, RequestStatus,
    dto::{ExportState, Step},
    report::{LegalRegime, Outcome},
};

use crate::{
    i18n::{Locale, td_string},
    locale,
};

/// A kind's name, such as "Export your data".
pub fn kind_label(locale: Locale, kind: RequestKind) -> &'static str {
    match kind {
        RequestKind::Access => td_string!(locale, kinds.access),
        RequestKind::Export => td_string!(locale, kinds.export),
        RequestKind::Delete => td_string!(locale, kinds.delete),
        RequestKind::Correct => td_string!(locale, kinds.correct),
        RequestKind::OptOutTraining => td_string!(locale, kinds.opt_out_training),
        RequestKind::OptOutSale => td_string!(locale, kinds.opt_out_sale),
        RequestKind::LimitSensitive => td_string!(locale, kinds.limit_sensitive),
        RequestKind::RemoveFromOutputs => td_string!(locale, kinds.remove_from_outputs),
        RequestKind::Appeal => td_string!(locale, kinds.appeal),
    }
}

/// A status's name, such as "In progress".
pub fn status_label(locale: Locale, status: RequestStatus) -> &'static str {
    match status {
        RequestStatus::Received => td_string!(locale, statuses.received),
        RequestStatus::AwaitingVerification => td_string!(locale, statuses.awaiting_verification),
        RequestStatus::Verified => td_string!(locale, statuses.verified),
        RequestStatus::PendingApproval => td_string!(locale, statuses.pending_approval),
        RequestStatus::InProgress => td_string!(locale, statuses.in_progress),
        RequestStatus::Completed => td_string!(locale, statuses.completed),
        RequestStatus::Denied => td_string!(locale, statuses.denied),
        RequestStatus::Canceled => td_string!(locale, statuses.canceled),
        RequestStatus::Failed => td_string!(locale, statuses.failed),
        RequestStatus::OnHold => td_string!(locale, statuses.on_hold),
    }
}

/// What will happen when a request of `kind` is filed, in plain words.
pub fn what_happens(locale: Locale, kind: RequestKind) -> &'static str {
    match kind {
        RequestKind::Access => td_string!(locale, what_happens.access),
        RequestKind::Export => td_string!(locale, what_happens.export),
        RequestKind::Delete => td_string!(locale, what_happens.delete),
        RequestKind::Correct => td_string!(locale, what_happens.correct),
        RequestKind::OptOutTraining => td_string!(locale, what_happens.opt_out_training),
        RequestKind::OptOutSale => td_string!(locale, what_happens.opt_out_sale),
        RequestKind::LimitSensitive => td_string!(locale, what_happens.limit_sensitive),
        RequestKind::RemoveFromOutputs => td_string!(locale, what_happens.remove_from_outputs),
        RequestKind::Appeal => td_string!(locale, what_happens.appeal),
    }
}

/// What the button that files a request of `kind` says.
pub fn file_button(locale: Locale, kind: RequestKind) -> &'static str {
    match kind {
        RequestKind::Delete => td_string!(locale, flow.send_delete),
        RequestKind::Appeal => td_string!(locale, flow.send_appeal),
        _ => td_string!(locale, flow.send),
    }
}

/// One step of a request's timeline.
pub fn step(locale: Locale, step: &Step) -> String {
    let text = match step {
        Step::Received => td_string!(locale, steps.received),
        Step::AwaitingVerification => td_string!(locale, steps.awaiting_verification),
        Step::Verified => td_string!(locale, steps.verified),
        Step::PendingApproval => td_string!(locale, steps.pending_approval),
        Step::GracePeriod { until } => {
            let date = locale::date_time(locale, *until);
            return td_string!(locale, steps.grace_period, date).to_string();
        }
        Step::SentToSystems { systems: 1 } => td_string!(locale, steps.sent_to_one),
        Step::SentToSystems { systems } => {
            return td_string!(locale, steps.sent_to_many, count = systems).to_string();
        }
        Step::InProgress => td_string!(locale, steps.in_progress),
        Step::OnHold => td_string!(locale, steps.on_hold),
        Step::Extended { reply_by, reason } => {
            let said = match reply_by {
                Some(day) => {
                    let date = locale::date(locale, *day);
                    td_string!(locale, steps.extended_to, date).to_string()
                }
                None => td_string!(locale, steps.extended).to_string(),
            };
            return match reason {
                Some(reason) => format!("{said} {}", extension_reason(locale, *reason)),
                None => said,
            };
        }
        Step::ClockChanged => td_string!(locale, steps.clock_changed),
        Step::ExportReady => td_string!(locale, steps.export_ready),
        Step::ExportReissued => td_string!(locale, steps.export_reissued),
        Step::Failed => td_string!(locale, steps.failed),
        Step::Completed => td_string!(locale, steps.completed),
        Step::Denied => td_string!(locale, steps.denied),
        Step::Canceled => td_string!(locale, steps.canceled),
        Step::IdentityErased => td_string!(locale, steps.identity_erased),
        Step::FiledByAgent => td_string!(locale, steps.filed_by_agent),
    };
    text.to_owned()
}

/// Why a request was denied.
pub fn denial_reason(locale: Locale, reason: DenialReason) -> &'static str {
    match reason {
        DenialReason::IdentityNotVerified => {
            td_string!(locale, denial_reasons.identity_not_verified)
        }
        DenialReason::UnfoundedOrExcessive => {
            td_string!(locale, denial_reasons.unfounded_or_excessive)
        }
        DenialReason::LegalExemption => td_string!(locale, denial_reasons.legal_exemption),
        DenialReason::NotCovered => td_string!(locale, denial_reasons.not_covered),
        DenialReason::Other => td_string!(locale, denial_reasons.other),
    }
}

/// Why a reply date was extended.
pub fn extension_reason(locale: Locale, reason: ExtensionReason) -> &'static str {
    match reason {
        ExtensionReason::Complex => td_string!(locale, extension_reasons.complex),
        ExtensionReason::Numerous => td_string!(locale, extension_reasons.numerous),
    }
}

/// Why a request's clock was paused.
pub fn pause_reason(locale: Locale, reason: PauseReason) -> &'static str {
    match reason {
        PauseReason::IdentityCheck => td_string!(locale, pause_reasons.identity_check),
        PauseReason::Clarification => td_string!(locale, pause_reasons.clarification),
    }
}

/// Where an export file stands.
pub fn export_state(locale: Locale, state: &ExportState) -> &'static str {
    match state {
        ExportState::Preparing => td_string!(locale, request.file_preparing),
        ExportState::Ready { .. } => td_string!(locale, request.file_ready),
        ExportState::Expired => td_string!(locale, request.file_expired),
    }
}

/// A regime's name, such as "UK GDPR".
pub fn regime_label(locale: Locale, regime: LegalRegime) -> &'static str {
    match regime {
        LegalRegime::Gdpr => td_string!(locale, reports.r_gdpr),
        LegalRegime::UkGdpr => td_string!(locale, reports.r_uk_gdpr),
        LegalRegime::Ccpa => td_string!(locale, reports.r_ccpa),
        LegalRegime::UsState => td_string!(locale, reports.r_us_state),
        LegalRegime::Lgpd => td_string!(locale, reports.r_lgpd),
        LegalRegime::Pipeda => td_string!(locale, reports.r_pipeda),
        LegalRegime::Law25 => td_string!(locale, reports.r_law25),
        LegalRegime::Other => td_string!(locale, reports.r_other),
    }
}

/// An outcome's name, such as "Late".
pub fn outcome_label(locale: Locale, outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::OnTime => td_string!(locale, reports.o_on_time),
        Outcome::Late => td_string!(locale, reports.o_late),
        Outcome::Overdue => td_string!(locale, reports.o_overdue),
        Outcome::Open => td_string!(locale, reports.o_open),
        Outcome::Canceled => td_string!(locale, reports.o_canceled),
    }
}

/// A §7102 category's name, such as "Requests to delete" (the published page is made on the
/// server only).
#[cfg(feature = "ssr")]
pub fn category_label(locale: Locale, category: domain::report::CcpaCategory) -> &'static str {
    use domain::report::CcpaCategory;
    match category {
        CcpaCategory::Know => td_string!(locale, reports.cat_know),
        CcpaCategory::Delete => td_string!(locale, reports.cat_delete),
        CcpaCategory::Correct => td_string!(locale, reports.cat_correct),
        CcpaCategory::OptOut => td_string!(locale, reports.cat_opt_out),
        CcpaCategory::Limit => td_string!(locale, reports.cat_limit),
    }
}

/// Days to one decimal in the page's language, or a dash with none to count.
pub fn days(locale: Locale, days: Option<f64>) -> String {
    let Some(days) = days else {
        return "–".to_owned();
    };
    let text = format!("{days:.1}");
    match locale {
        Locale::en => text,
        _ => text.replace('.', ","),
    }
}
