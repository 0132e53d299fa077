//! The rules of the Americas: California's CCPA, the other US state laws in docs/legal.md,
//! Brazil's LGPD, Canada's PIPEDA and Québec's Law 25. All count from receipt and never pause.

use super::{
    DeadlineError,
    plan::{Extension, IMMEDIATE, Period, Plan, unavailable},
    registry::{Regime, StateLaw},
};
use crate::RequestKind::{self, *};

const CCPA_CLOCK: &str =
    "the clock starts at receipt regardless of time required to verify (11 CCR §7021)";
const LIKE_SALE: &str = "opt_out_training is treated like an opt-out of sale or sharing \
    (Rightful's policy: no law names this right); it takes effect immediately on receipt, so \
    the deadline is always met";
const FROM_RECEIPT: &str =
    "the period runs in calendar days from receipt and the law provides no suspension";

fn ccpa_know(basis: &'static str, note: Option<&'static str>) -> Plan {
    Plan {
        regime: "CCPA",
        basis,
        acknowledge: Some(10),
        period: Period::Days(45),
        clamp: "",
        roll: "",
        extension: Ok(Extension::Days(45)),
        pause: Err(CCPA_CLOCK),
        restart: Err(CCPA_CLOCK),
        note,
    }
}

fn ccpa_opt_out(basis: &'static str, note: Option<&'static str>) -> Plan {
    Plan {
        acknowledge: None,
        period: Period::BusinessDays(15),
        extension: Err(
            "opt-outs and limits must be honoured within 15 business days, with no \
             extension (11 CCR §7026, §7027)",
        ),
        ..ccpa_know(basis, note)
    }
}

pub(super) fn ccpa(kind: RequestKind) -> Result<Plan, DeadlineError> {
    const TO_DELETE: &str =
        "remove_from_outputs is not named by the CCPA: Rightful handles it as a request to delete";
    Ok(match kind {
        Access | Export => ccpa_know(
            "right to know (11 CCR §7021; Cal. Civ. Code §1798.130)",
            None,
        ),
        Delete => ccpa_know(
            "right to delete (11 CCR §7021; Cal. Civ. Code §1798.130)",
            None,
        ),
        Correct => ccpa_know(
            "right to correct (11 CCR §7021; Cal. Civ. Code §1798.130)",
            None,
        ),
        RemoveFromOutputs => ccpa_know(
            "right to delete (11 CCR §7021; Cal. Civ. Code §1798.130)",
            Some(TO_DELETE),
        ),
        OptOutSale => ccpa_opt_out("opt-out of sale or sharing (11 CCR §7026)", None),
        LimitSensitive => ccpa_opt_out(
            "limit use of sensitive personal information (11 CCR §7027)",
            None,
        ),
        OptOutTraining => {
            ccpa_opt_out("opt-out of sale or sharing (11 CCR §7026)", Some(LIKE_SALE))
        }
        Appeal => {
            let reason = "the CCPA gives no right to appeal to the business";
            return Err(unavailable("CCPA", kind, reason));
        }
    })
}

pub(super) fn us_state(law: &'static StateLaw, kind: RequestKind) -> Result<Plan, DeadlineError> {
    let mut plan = Plan {
        regime: law.act,
        basis: "consumer request: calendar days from receipt, no roll (the state's privacy act)",
        acknowledge: None,
        period: Period::Days(law.respond),
        clamp: "",
        roll: "",
        extension: Ok(Extension::Days(law.extension)),
        pause: Err(FROM_RECEIPT),
        restart: Err(FROM_RECEIPT),
        note: None,
    };
    match kind {
        Appeal => {
            let days = law.appeal.ok_or_else(|| {
                unavailable(
                    law.act,
                    kind,
                    "the state's privacy act gives no right to appeal",
                )
            })?;
            plan.basis = "appeal decision: calendar days from receipt of the appeal (the state's privacy act)";
            plan.period = Period::Days(days);
            plan.extension =
                Err("the state's privacy act provides no extension for an appeal decision");
        }
        OptOutTraining => {
            plan.note = Some(LIKE_SALE);
        }
        RemoveFromOutputs => {
            plan.note = Some("remove_from_outputs is handled as a request to delete");
        }
        _ => {}
    }
    Ok(plan)
}

pub(super) fn other(regime: Regime, kind: RequestKind) -> Result<Plan, DeadlineError> {
    let (name, basis, days, extension, appeal) = match regime {
        Regime::Lgpd => (
            "LGPD",
            "Art 19: 15 calendar days from the request",
            15,
            Err("LGPD Art 19 provides no extension"),
            "a data subject may petition the ANPD (LGPD Art 18 §1); there is no appeal to \
             the controller",
        ),
        Regime::Pipeda => (
            "PIPEDA",
            "s.8(3): 30 calendar days; one extension of up to 30 days (s.8(4))",
            30,
            Ok(Extension::Days(30)),
            "a person may complain to the Privacy Commissioner (s.11); there is no appeal to \
             the organization",
        ),
        _ => (
            "Law 25",
            "Québec: 30 calendar days from receipt",
            30,
            Err("Law 25 provides no extension"),
            "a person may apply to the Commission d'accès à l'information; there is no appeal \
             to the business",
        ),
    };
    if kind == Appeal {
        return Err(unavailable(name, kind, appeal));
    }
    let note = match kind {
        Access | Export => None,
        OptOutTraining => Some(IMMEDIATE),
        _ => Some(
            "the statute sets this period for access requests; Rightful applies it to \
                 every kind of request",
        ),
    };
    Ok(Plan {
        regime: name,
        basis,
        acknowledge: None,
        period: Period::Days(days),
        clamp: "",
        roll: "",
        extension,
        pause: Err(FROM_RECEIPT),
        restart: Err(FROM_RECEIPT),
        note,
    })
}
