//! Denying a request: only before the data systems have it, with a reason code and a message,
//! recorded in the audit chain, and mailed to the person with their route to contest it.

use backend::{
    Error,
    audit::ChainCheck,
    jobs::Worker,
    testing::{TestDb, receiver::Behaviour, webhook_receiver},
};
use domain::{
    Actor, DenialReason, JurisdictionCode, RequestKind, RequestStatus, system::Capability,
};
use sea_orm::ConnectionTrait;
use uuid::Uuid;

/// Every mail in the test's outbox that tells of a denial, with quoted-printable's soft line
/// breaks joined again.
fn denial_mails(t: &TestDb) -> Vec<String> {
    std::fs::read_dir(t.outbox())
        .map(|dir| {
            dir.filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
                .map(|text| {
                    text.replace("=\r\n", "")
                        .replace("=\n", "")
                        .replace("=3D", "=")
                })
                .filter(|text| text.contains("X-Rightful-Notice: denied"))
                .collect()
        })
        .unwrap_or_default()
}

/// A correction, which waits for staff and so can be denied.
fn correction() -> domain::Filing {
    domain::Filing::correction("My surname", "Lovelace").unwrap()
}

/// A filing of `kind`, with particulars where the kind needs them.
fn filing_of(kind: RequestKind) -> domain::Filing {
    match kind {
        RequestKind::Correct => correction(),
        other => domain::Filing::plain(other).unwrap(),
    }
}

async fn a_correction_waiting_for_approval_is_denied_and_the_person_told(t: TestDb) {
    let (backend, _) = t.backend();
    let ada = t.sign_in(&backend, "ada@example.com").await;
    let id = backend.submit(ada, &correction()).await.unwrap();
    let message = "  We could not match the account you named to the one you use.  ";
    let view = backend
        .deny_request(id, DenialReason::IdentityNotVerified, message, Actor::Api)
        .await
        .unwrap();
    assert_eq!(
        (view.status, view.denial_reason, view.closed_at.is_some()),
        (
            RequestStatus::Denied,
            Some(DenialReason::IdentityNotVerified),
            true
        )
    );
    assert!(matches!(
        backend.verify_audit_chain(id).await.unwrap(),
        ChainCheck::Intact(_)
    ));

    assert!(
        denial_mails(&t).is_empty(),
        "mailed by the queue, not inside the change"
    );
    Worker::new(backend.clone()).drain().await.unwrap();
    let mails = denial_mails(&t);
    assert_eq!(mails.len(), 1);
    assert!(mails[0].contains("reason: identity_not_verified"));
    assert!(mails[0].contains("We could not match the account you named"));
    // The person lives in California by default, and the CCPA gives no appeal to the business.
    assert!(mails[0].contains("route: none"), "{}", mails[0]);

    assert!(matches!(
        backend
            .deny_request(id, DenialReason::Other, "again", Actor::Api)
            .await,
        Err(Error::Conflict(_))
    ));
}

/// Denies a request of `kind` filed by `who`, living in `place`, and returns the mail.
async fn denial_mail_in(t: &TestDb, who: &str, place: &str, kind: RequestKind) -> String {
    let (backend, _) = t.backend();
    let ada = t.sign_in(&backend, who).await;
    let code = JurisdictionCode::parse(place).unwrap();
    backend.set_subject_jurisdiction(ada, &code).await.unwrap();
    let id = backend.submit(ada, &filing_of(kind)).await.unwrap();
    backend
        .deny_request(
            id,
            DenialReason::LegalExemption,
            "We must keep invoices.",
            Actor::Api,
        )
        .await
        .unwrap();
    Worker::new(backend.clone()).drain().await.unwrap();
    let mut mails = denial_mails(t);
    mails.retain(|m| m.contains(who));
    assert_eq!(mails.len(), 1, "one denial mail to {who}");
    mails.remove(0)
}

/// Files a correction in Virginia, has it denied, appeals, has the appeal denied, and returns
/// the mail about the appeal.
async fn denied_appeal_mail(t: &TestDb) -> String {
    let (backend, _) = t.backend();
    let ada = t.sign_in(&backend, "appeal@example.com").await;
    let code = JurisdictionCode::parse("US-VA").unwrap();
    backend.set_subject_jurisdiction(ada, &code).await.unwrap();
    let fix = domain::Filing::correction("wrong", "right").unwrap();
    let first = backend.submit(ada, &fix).await.unwrap();
    backend
        .deny_request(first, DenialReason::Other, "No.", Actor::Api)
        .await
        .unwrap();
    let appeal = backend
        .submit(ada, &domain::Filing::appeal(first))
        .await
        .unwrap();
    backend
        .deny_request(appeal, DenialReason::Other, "Still no.", Actor::Api)
        .await
        .unwrap();
    Worker::new(backend.clone()).drain().await.unwrap();
    let mut mails = denial_mails(t);
    mails.retain(|m| m.contains("appeal@example.com") && m.contains("Still no."));
    assert_eq!(mails.len(), 1, "one mail about the appeal");
    mails.remove(0)
}

async fn each_law_gets_its_own_route_to_contest(t: TestDb) {
    let virginia = denial_mail_in(&t, "va@example.com", "US-VA", RequestKind::Correct).await;
    assert!(virginia.contains("route: appeal by "), "{virginia}");
    let appeal = denied_appeal_mail(&t).await;
    assert!(appeal.contains("route: attorney general"), "{appeal}");
    let scotland = denial_mail_in(&t, "sct@example.com", "GB-SCT", RequestKind::Correct).await;
    assert!(
        scotland.contains("route: supervisory authority"),
        "{scotland}"
    );
    let japan = denial_mail_in(&t, "jp@example.com", "JP", RequestKind::Correct).await;
    assert!(japan.contains("route: none"), "{japan}");
}

async fn a_request_the_systems_have_cannot_be_denied(t: TestDb) {
    let (backend, _) = t.backend();
    let ada = t.sign_in(&backend, "ada@example.com").await;
    // With no system able to act, an access request waits in progress.
    let id = backend
        .submit_request(ada, RequestKind::Access)
        .await
        .unwrap();
    assert_eq!(
        backend.request_view(id).await.unwrap().status,
        RequestStatus::InProgress
    );
    assert!(matches!(
        backend
            .deny_request(id, DenialReason::Other, "too late", Actor::Api)
            .await,
        Err(Error::Conflict(_))
    ));
    assert_eq!(
        backend.request_view(id).await.unwrap().status,
        RequestStatus::InProgress
    );
}

async fn a_denial_needs_a_message_and_a_known_request(t: TestDb) {
    let (backend, _) = t.backend();
    let ada = t.sign_in(&backend, "ada@example.com").await;
    let id = backend.submit(ada, &correction()).await.unwrap();
    let too_long = "x".repeat(backend::requests::MAX_DENIAL_MESSAGE + 1);
    for message in ["   ", too_long.as_str()] {
        assert!(matches!(
            backend
                .deny_request(id, DenialReason::Other, message, Actor::Api)
                .await,
            Err(Error::Validation(_))
        ));
    }
    assert!(matches!(
        backend
            .deny_request(Uuid::new_v4(), DenialReason::Other, "why", Actor::Api)
            .await,
        Err(Error::NotFound(_))
    ));
    assert_eq!(
        backend.request_view(id).await.unwrap().status,
        RequestStatus::PendingApproval
    );
}

async fn a_deletion_denied_in_its_grace_period_never_reaches_the_systems(t: TestDb) {
    let (backend, clock) = t.backend();
    let crm = webhook_receiver(&backend, "crm", &[Capability::Delete], Behaviour::Receipt).await;
    let ada = t.sign_in(&backend, "ada@example.com").await;
    let id = backend
        .submit_request(ada, RequestKind::Delete)
        .await
        .unwrap();
    backend
        .deny_request(
            id,
            DenialReason::LegalExemption,
            "An open contract.",
            Actor::Api,
        )
        .await
        .unwrap();
    clock.advance(chrono::Duration::days(15));
    let worker = Worker::new(backend.clone());
    worker.drain().await.unwrap();
    assert_eq!(crm.deliveries(), 0);
    assert_eq!(
        backend.request_view(id).await.unwrap().status,
        RequestStatus::Denied
    );
}

async fn erasure_forgets_what_a_denial_said(t: TestDb) {
    let (backend, clock) = t.backend();
    let _crm = webhook_receiver(&backend, "crm", &[Capability::Delete], Behaviour::Receipt).await;
    let ada = t.sign_in(&backend, "ada@example.com").await;
    let correction = backend.submit(ada, &correction()).await.unwrap();
    let message = "Ada Lovelace, your account at Babbage & Co cannot be matched.";
    backend
        .deny_request(correction, DenialReason::Other, message, Actor::Api)
        .await
        .unwrap();
    let deletion = backend
        .submit_request(ada, RequestKind::Delete)
        .await
        .unwrap();
    clock.advance(chrono::Duration::days(15));
    let worker = Worker::new(backend.clone());
    worker.drain().await.unwrap();
    worker.drain().await.unwrap();
    assert_eq!(
        backend.request_view(deletion).await.unwrap().status,
        RequestStatus::Completed
    );
    let kept = "SELECT COUNT(*) AS n FROM requests WHERE denial_message IS NOT NULL";
    let row =
        t.db.query_one_raw(sea_orm::Statement::from_string(
            t.db.get_database_backend(),
            kept,
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        row.try_get::<i64>("", "n").unwrap(),
        0,
        "the message may name the person"
    );
}

backend::db_tests!(
    erasure_forgets_what_a_denial_said,
    a_correction_waiting_for_approval_is_denied_and_the_person_told,
    each_law_gets_its_own_route_to_contest,
    a_request_the_systems_have_cannot_be_denied,
    a_denial_needs_a_message_and_a_known_request,
    a_deletion_denied_in_its_grace_period_never_reaches_the_systems,
);
