//! Words people read about requests: what each kind does, each step of a request's life, and
//! each reason for a denial. Kept here, in the app, rather than in `domain`.

use domain::{
    DenialReason, RequestKind,
    dto::{ExportState, Step},
};

/// What will happen when a request of `kind` is filed, in plain words.
pub fn what_happens(kind: RequestKind) -> &'static str {
    match kind {
        RequestKind::Access => {
            "We gather what every one of our systems holds about you and send you a readable report of it, with where it came from and why we keep it."
        }
        RequestKind::Export => {
            "We collect your data from every system that holds it into one file, in common formats you can open or move elsewhere. We e-mail you when it is ready to download."
        }
        RequestKind::Delete => {
            "We delete your account and erase your data from every system that holds it. Nothing happens for the first few days: until then you can change your mind and cancel. We keep only proof that we did it, and your opt-outs, so they still hold."
        }
        RequestKind::Correct => {
            "Tell us what is wrong and what it should say. A member of our team checks it, then we correct it in every system that holds it."
        }
        RequestKind::OptOutTraining => {
            "We stop using what you write or upload to train AI models, from now on, in every system."
        }
        RequestKind::OptOutSale => {
            "We stop selling or sharing your personal data, and stop using it for targeted advertising."
        }
        RequestKind::LimitSensitive => {
            "We use your sensitive personal information, such as health or precise location, only for what is needed to provide the service you asked for."
        }
        RequestKind::RemoveFromOutputs => {
            "We stop our AI models from producing personal data about you. Tell us which prompts produced it, what the model said, and why it is about you."
        }
        RequestKind::Appeal => {
            "A different member of our team reviews the decision on your request and tells you the outcome, with the reasons."
        }
    }
}

/// What the button that files a request of `kind` says.
pub fn file_button(kind: RequestKind) -> &'static str {
    match kind {
        RequestKind::Delete => "Delete my data and account",
        RequestKind::Appeal => "Send my appeal",
        _ => "Send my request",
    }
}

/// One step of a request's timeline.
pub fn step(step: &Step) -> String {
    match step {
        Step::Received => "We received your request.".into(),
        Step::AwaitingVerification => "We are waiting for you to confirm who you are.".into(),
        Step::Verified => "Your identity is confirmed.".into(),
        Step::PendingApproval => "A member of our team is reviewing it.".into(),
        Step::GracePeriod { until } => format!(
            "Nothing will be deleted before {}: until then you can cancel.",
            until.format("%-d %B %Y, %H:%M UTC")
        ),
        Step::SentToSystems { systems: 1 } => {
            "We sent it to the one system that holds your data.".into()
        }
        Step::SentToSystems { systems } => {
            format!("We sent it to the {systems} systems that hold your data.")
        }
        Step::InProgress => "We are carrying it out.".into(),
        Step::OnHold => "It is on hold.".into(),
        Step::Extended {
            reply_by: Some(date),
        } => format!(
            "We extended the reply date, as the law allows for complex or numerous requests: we will reply by {}.",
            date.format("%-d %B %Y")
        ),
        Step::Extended { reply_by: None } => {
            "We extended the reply date, as the law allows for complex or numerous requests.".into()
        }
        Step::ClockChanged => {
            "The legal clock was paused while we waited for something from you.".into()
        }
        Step::ExportReady => "Your file is ready to download.".into(),
        Step::ExportReissued => "Your file was made available again.".into(),
        Step::Failed => "Something went wrong; we are trying again.".into(),
        Step::Completed => "Done.".into(),
        Step::Denied => "We declined it.".into(),
        Step::Canceled => "It was canceled.".into(),
        Step::IdentityErased => "We erased your identity.".into(),
    }
}

/// Why a request was denied.
pub fn denial_reason(reason: DenialReason) -> &'static str {
    match reason {
        DenialReason::IdentityNotVerified => "We could not verify your identity.",
        DenialReason::UnfoundedOrExcessive => "The request is manifestly unfounded or excessive.",
        DenialReason::LegalExemption => "A legal exemption applies.",
        DenialReason::NotCovered => "The law you invoked does not cover this request.",
        DenialReason::Other => "For the reason below.",
    }
}

/// Where an export file stands.
pub fn export_state(state: &ExportState) -> &'static str {
    match state {
        ExportState::Preparing => {
            "We are preparing your file. We will e-mail you when it is ready."
        }
        ExportState::Ready { .. } => "Your file is ready.",
        ExportState::Expired => "The download link has expired.",
    }
}
