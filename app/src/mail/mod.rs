//! The app's notice writer: every mail worded from the locale files, in the reader's
//! language, as plain text and as HTML built from the same blocks (see `letter.rs`).

mod letter;

use backend::notices::NoticeWriter;
use domain::{
    Language, RequestKind,
    dto::AppealRoute,
    notice::{Letter, Notice},
};

use self::letter::{Block, Draft};
use crate::{
    i18n::{Locale, td_string},
    locale::{self, locale_of},
    pages::wording,
};

/// Words notices from `locales/`.
pub struct Notices;

impl NoticeWriter for Notices {
    fn write(&self, notice: &Notice, language: Language, site: &str) -> Letter {
        let locale = locale_of(language);
        draft(locale, notice, site).letter(locale)
    }
}

fn draft(locale: Locale, notice: &Notice, site: &str) -> Draft {
    use Block::{Code, Link, Para, Quote};
    let kind_of = |kind: &RequestKind| wording::kind_label(locale, *kind);
    let page = |id: &str| Link {
        label: td_string!(locale, mail.open_request).to_owned(),
        href: format!("{site}/requests/{id}"),
    };
    let reference = |id: &str| Para(td_string!(locale, mail.reference, id).to_string());
    match notice {
        Notice::SignInCode { code } => Draft {
            subject: td_string!(locale, mail.code_subject).to_owned(),
            blocks: vec![
                Para(td_string!(locale, mail.code_intro).to_owned()),
                Code(code.clone()),
                Para(td_string!(locale, mail.code_expiry).to_owned()),
            ],
        },
        Notice::AgentConfirm {
            request_id,
            kind,
            agent,
            until,
            token,
        } => {
            let kind = kind_of(kind);
            let date = locale::date_time(locale, *until);
            Draft {
                subject: td_string!(locale, mail.agent_subject).to_owned(),
                blocks: vec![
                    Para(td_string!(locale, mail.agent_intro, agent, kind).to_string()),
                    Para(td_string!(locale, mail.agent_until, date).to_string()),
                    Link {
                        label: td_string!(locale, mail.agent_link).to_owned(),
                        href: format!("{site}/requests/{request_id}/confirm?token={token}"),
                    },
                    reference(request_id),
                ],
            }
        }
        Notice::Receipt {
            request_id,
            kind,
            reply_by,
        } => {
            let promise = match (kind, reply_by) {
                (RequestKind::OptOutTraining, _) => {
                    td_string!(locale, mail.receipt_training).to_owned()
                }
                (_, Some(day)) => {
                    let date = locale::date(locale, *day);
                    td_string!(locale, mail.receipt_due, date).to_string()
                }
                (_, None) => td_string!(locale, mail.receipt_no_date).to_owned(),
            };
            let kind = kind_of(kind);
            Draft {
                subject: td_string!(locale, mail.receipt_subject, kind).to_string(),
                blocks: vec![
                    Para(td_string!(locale, mail.receipt_intro, kind).to_string()),
                    Para(promise),
                    page(request_id),
                    reference(request_id),
                ],
            }
        }
        Notice::DeletionScheduled { request_id, until } => {
            let date = locale::date_time(locale, *until);
            Draft {
                subject: td_string!(locale, mail.deletion_scheduled_subject, date = date.clone())
                    .to_string(),
                blocks: vec![
                    Para(td_string!(locale, mail.deletion_scheduled_intro, date).to_string()),
                    Link {
                        label: td_string!(locale, mail.deletion_cancel).to_owned(),
                        href: format!("{site}/requests/{request_id}"),
                    },
                    reference(request_id),
                ],
            }
        }
        Notice::Extended {
            request_id,
            kind,
            reply_by,
            reason,
        } => {
            let kind = kind_of(kind);
            let date = reply_by
                .map(|d| locale::date(locale, d))
                .unwrap_or_default();
            let mut blocks = vec![Para(
                td_string!(locale, mail.extended_intro, kind, date).to_string(),
            )];
            blocks.extend(reason.map(|r| Para(wording::extension_reason(locale, r).to_owned())));
            blocks.extend([page(request_id), reference(request_id)]);
            Draft {
                subject: td_string!(locale, mail.extended_subject, kind).to_string(),
                blocks,
            }
        }
        Notice::Completed { request_id, kind } => {
            let kind = kind_of(kind);
            Draft {
                subject: td_string!(locale, mail.completed_subject, kind).to_string(),
                blocks: vec![
                    Para(td_string!(locale, mail.completed_intro, kind).to_string()),
                    page(request_id),
                    reference(request_id),
                ],
            }
        }
        Notice::DeletionDone { request_id } => Draft {
            subject: td_string!(locale, mail.deletion_done_subject).to_owned(),
            blocks: vec![
                Para(td_string!(locale, mail.deletion_done_intro).to_owned()),
                reference(request_id),
            ],
        },
        Notice::ExportReady { request_id, until } => {
            let date = locale::date_time(locale, *until);
            Draft {
                subject: td_string!(locale, mail.export_subject).to_owned(),
                blocks: vec![
                    Para(td_string!(locale, mail.export_intro, date).to_string()),
                    Link {
                        label: td_string!(locale, mail.export_download).to_owned(),
                        href: format!("{site}/requests/{request_id}"),
                    },
                    reference(request_id),
                ],
            }
        }
        Notice::StaffMessage {
            request_id,
            kind,
            body,
        } => {
            let kind = kind_of(kind);
            Draft {
                subject: td_string!(locale, mail.staff_subject, kind).to_string(),
                blocks: vec![
                    Para(td_string!(locale, mail.staff_intro, kind).to_string()),
                    Quote(body.clone()),
                    Para(td_string!(locale, mail.staff_answer).to_owned()),
                    page(request_id),
                    reference(request_id),
                ],
            }
        }
        Notice::PersonWrote {
            request_id,
            kind,
            body,
        } => {
            let (id, kind) = (request_id, kind_of(kind));
            Draft {
                subject: td_string!(locale, mail.team_subject, id).to_string(),
                blocks: vec![
                    Para(td_string!(locale, mail.team_intro, id, kind).to_string()),
                    Quote(body.clone()),
                ],
            }
        }
        Notice::Denied {
            request_id,
            kind,
            received,
            reason,
            message,
            route,
        } => {
            let kind = kind_of(kind);
            let date = locale::date(locale, *received);
            let mut blocks = vec![Para(
                td_string!(locale, mail.denied_intro, kind, date).to_string(),
            )];
            blocks.extend(reason.map(|r| Para(wording::denial_reason(locale, r).to_owned())));
            blocks.extend(message.clone().map(Quote));
            blocks.push(Para(route_text(locale, route)));
            blocks.push(page(request_id));
            blocks.push(reference(request_id));
            Draft {
                subject: td_string!(locale, mail.denied_subject, kind).to_string(),
                blocks,
            }
        }
    }
}

/// How a denial can be contested, as the mail says it.
fn route_text(locale: Locale, route: &AppealRoute) -> String {
    let text = match route {
        AppealRoute::Open { decide_by } => {
            let date = locale::date(locale, *decide_by);
            return td_string!(locale, mail.denied_appeal, date).to_string();
        }
        AppealRoute::Filed { .. } | AppealRoute::AttorneyGeneral => {
            td_string!(locale, routes.attorney_general)
        }
        AppealRoute::Authority => td_string!(locale, routes.authority),
        AppealRoute::NoAppeal => td_string!(locale, routes.no_appeal),
    };
    text.to_owned()
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use domain::DenialReason;

    use super::*;

    fn write(notice: &Notice, language: Language) -> Letter {
        Notices.write(notice, language, "https://rightful.example")
    }

    #[test]
    fn the_code_is_alone_on_its_line_in_every_language() {
        for &language in Language::ALL {
            let code = Notice::SignInCode {
                code: "042917".into(),
            };
            let letter = write(&code, language);
            assert!(letter.text.lines().any(|l| l == "042917"), "{language}");
            assert!(letter.html.contains("<strong>042917</strong>"));
            assert!(letter.html.contains(&format!("lang=\"{language}\"")));
        }
    }

    #[test]
    fn a_receipt_gives_the_reply_date_in_the_readers_language() {
        let receipt = Notice::Receipt {
            request_id: "r-1".into(),
            kind: RequestKind::Export,
            reply_by: NaiveDate::from_ymd_opt(2027, 1, 4),
        };
        let en = write(&receipt, Language::En);
        assert_eq!(en.subject, "We received your request: Export your data");
        assert!(en.text.contains("until 4 January 2027"), "{}", en.text);
        assert!(en.text.contains("https://rightful.example/requests/r-1"));
        let de = write(&receipt, Language::De);
        assert!(de.text.contains("4. Januar 2027"), "{}", de.text);
        assert_ne!(de.subject, en.subject);
    }

    #[test]
    fn what_people_wrote_is_escaped_in_html() {
        let denial = Notice::Denied {
            request_id: "r-2".into(),
            kind: RequestKind::Correct,
            received: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default(),
            reason: Some(DenialReason::IdentityNotVerified),
            message: Some("<script>alert(1)</script> & \"more\"".into()),
            route: AppealRoute::Authority,
        };
        let letter = write(&denial, Language::Fr);
        assert!(!letter.html.contains("<script>"));
        assert!(
            letter
                .html
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;more&quot;")
        );
        assert!(
            letter.text.contains("> <script>alert(1)</script>"),
            "the text part is as written"
        );
    }
}
