//! The rule for one (regime, request kind): how the periods are counted, whether an extension,
//! a pause or a restart exists, and the decisions Rightful took where docs/legal.md is silent.

use chrono::NaiveDate;

use super::{DeadlineError, americas, registry::Regime};
use crate::RequestKind::{self, *};

/// How the respond-by period is counted from the start of the clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Period {
    /// One calendar month, month-end clamp, then roll off days that are not working days.
    Month,
    /// Calendar days, no roll.
    Days(u32),
    /// Working days after the start (the start day is not counted).
    BusinessDays(u32),
}

/// How far an extension reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Extension {
    /// Three calendar months from the start, clamped and rolled (GDPR and UK policy).
    ThreeMonths,
    /// This many calendar days more than the first period.
    Days(u32),
}

/// The rule the engine follows for one computation.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Plan {
    /// E.g. `GDPR`.
    pub(crate) regime: &'static str,
    /// The rule and its source, for the trail's first step.
    pub(crate) basis: &'static str,
    /// Business days to acknowledge, where the law requires an acknowledgement.
    pub(crate) acknowledge: Option<u32>,
    /// The first period.
    pub(crate) period: Period,
    /// The source of the month-end clamp, for [`Period::Month`].
    pub(crate) clamp: &'static str,
    /// The source of the roll to the next working day, for [`Period::Month`].
    pub(crate) roll: &'static str,
    /// The extension, or why there is none.
    pub(crate) extension: Result<Extension, &'static str>,
    /// The source of the pause, or why the clock cannot be paused.
    pub(crate) pause: Result<&'static str, &'static str>,
    /// Whether the clock can be restarted (UK Art 12A), or why not.
    pub(crate) restart: Result<(), &'static str>,
    /// A decision Rightful took for this kind, for the trail.
    pub(crate) note: Option<&'static str>,
}

/// The day UK GDPR Art 12A starts to apply to new requests.
pub(crate) const ART_12A_FROM: NaiveDate = match NaiveDate::from_ymd_opt(2026, 2, 5) {
    Some(date) => date,
    None => NaiveDate::MIN,
};

pub(super) const IMMEDIATE: &str = "opt_out_training takes effect immediately on receipt \
    (policy), so its statutory deadline is always met; the deadline is still shown for reports";
const EU_CLAMP: &str = "Reg 1182/71 Art 3(2)(c)";
const EU_ROLL: &str = "Reg 1182/71 Art 3(4)";
const UK_CLAMP: &str = "ICO guidance; Reg 1182/71 Art 3(2)(c)";
const UK_ROLL: &str = "ICO guidance; Reg 1182/71 Art 3(4)";
const GDPR_PAUSE: &str = "EDPB Guidelines 01/2022 para 159";
const UK_PAUSE: &str = "ICO guidance; UK GDPR Art 12A";
const NO_12A: &str = "Art 12A (the clock runs from receipt of ID or fee) applies only to \
    requests received on or after 2026-02-05; use a pause for earlier requests";
const GDPR_NO_RESTART: &str = "identity checks suspend the clock (EDPB Guidelines 01/2022 \
    para 159): use a pause; only UK GDPR Art 12A restarts it";
const DEFAULT_CLOCK: &str = "no statutory deadline applies, so there is no statutory clock";

pub(super) fn unavailable(
    regime: &'static str,
    kind: RequestKind,
    reason: &'static str,
) -> DeadlineError {
    DeadlineError::KindUnavailable {
        regime,
        kind,
        reason,
    }
}

/// The rule for `kind` under `regime`, or why the kind has no deadline there.
pub(crate) fn plan(
    regime: Regime,
    kind: RequestKind,
    received_on: NaiveDate,
    default_days: u32,
) -> Result<Plan, DeadlineError> {
    match regime {
        Regime::Gdpr | Regime::UkGdpr => gdpr(regime, kind, received_on),
        Regime::Ccpa => americas::ccpa(kind),
        Regime::UsState(law) => americas::us_state(law, kind),
        Regime::Lgpd | Regime::Pipeda | Regime::Law25 => americas::other(regime, kind),
        Regime::Default => Ok(Plan {
            regime: "default",
            basis: "no statutory deadline known: Rightful's default period in calendar days",
            acknowledge: None,
            period: Period::Days(default_days),
            clamp: "",
            roll: "",
            extension: Err("no statutory deadline, so no statutory extension"),
            pause: Err(DEFAULT_CLOCK),
            restart: Err(DEFAULT_CLOCK),
            note: None,
        }),
    }
}

fn gdpr(regime: Regime, kind: RequestKind, received_on: NaiveDate) -> Result<Plan, DeadlineError> {
    let uk = matches!(regime, Regime::UkGdpr);
    let name = if uk { "UK GDPR" } else { "GDPR" };
    let (basis, note) = match kind {
        Access => ("Art 12(3), right of access (Art 15)", None),
        Export => ("Art 12(3), right to data portability (Art 20)", None),
        Delete => ("Art 12(3), right to erasure (Art 17)", None),
        Correct => ("Art 12(3), right to rectification (Art 16)", None),
        OptOutTraining => ("Art 12(3), objection (Art 21)", Some(IMMEDIATE)),
        RemoveFromOutputs => ("Art 12(3), erasure or objection (Art 17/21)", None),
        OptOutSale => (
            "Art 12(3), objection (Art 21(2)-(3))",
            Some(
                "opt_out_sale is not a GDPR term: Rightful treats it as an objection to \
                 processing for direct marketing, Art 21(2)-(3)",
            ),
        ),
        LimitSensitive => (
            "Art 12(3), restriction of processing (Art 18)",
            Some(
                "limit_sensitive is not a GDPR term: Rightful treats it as a request to \
                 restrict processing, Art 18",
            ),
        ),
        Appeal => {
            let reason = "there is no appeal to the controller; the person may complain to \
                a supervisory authority (Art 77)";
            return Err(unavailable(name, kind, reason));
        }
    };
    let restart = match (uk, received_on >= ART_12A_FROM) {
        (true, true) => Ok(()),
        (true, false) => Err(NO_12A),
        (false, _) => Err(GDPR_NO_RESTART),
    };
    Ok(Plan {
        regime: name,
        basis,
        acknowledge: None,
        period: Period::Month,
        clamp: if uk { UK_CLAMP } else { EU_CLAMP },
        roll: if uk { UK_ROLL } else { EU_ROLL },
        extension: Ok(Extension::ThreeMonths),
        pause: Ok(if uk { UK_PAUSE } else { GDPR_PAUSE }),
        restart,
        note,
    })
}
