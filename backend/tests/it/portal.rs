//! The portal's side of requests: filing with particulars, appeals, the preview of a filing
//! and the status page, which only the request's owner sees.

use backend::{
    Backend, Error,
    fulfilment::Upload,
    jobs::Worker,
    testing::{TestDb, manual_system},
};
use domain::{
    Actor, DenialReason, Filing, JurisdictionCode, Particulars, RequestKind, RequestStatus,
    SubjectId,
    dto::{AppealRoute, ExportState, Step},
    system::Capability,
};
use uuid::Uuid;

async fn living_in(t: &TestDb, backend: &Backend, who: &str, place: &str) -> SubjectId {
    let person = t.sign_in(backend, who).await;
    let code = JurisdictionCode::parse(place).unwrap();
    backend
        .set_subject_jurisdiction(person, &code)
        .await
        .unwrap();
    person
}

async fn denied(backend: &Backend, who: SubjectId, filing: &Filing) -> Uuid {
    let id = backend.submit(who, filing).await.unwrap();
    backend
        .deny_request(
            id,
            DenialReason::LegalExemption,
            "We must keep it.",
            Actor::Api,
        )
        .await
        .unwrap();
    id
}

async fn only_the_owner_sees_a_request_and_what_they_wrote(t: TestDb) {
    let (backend, _) = t.backend();
    let ada = t.sign_in(&backend, "ada@example.com").await;
    let eve = t.sign_in(&backend, "eve@example.com").await;
    let filing = Filing::correction("My name is spelt Lovelase", "Lovelace").unwrap();
    let id = backend.submit(ada, &filing).await.unwrap();

    let page = backend.request_page(ada, id).await.unwrap();
    assert_eq!(page.particulars.as_ref(), filing.particulars());
    assert_eq!(page.summary.status, RequestStatus::PendingApproval);
    assert!(page.can_cancel);
    let steps: Vec<_> = page.timeline.iter().map(|e| e.step.clone()).collect();
    assert_eq!(
        steps,
        [Step::Received, Step::Verified, Step::PendingApproval]
    );
    assert!(!page.why_this_date.is_empty());

    for stranger in [eve] {
        assert!(matches!(
            backend.request_page(stranger, id).await,
            Err(Error::NotFound(_))
        ));
        assert!(matches!(
            backend
                .cancel_request(Some(stranger), id, Actor::Subject)
                .await,
            Err(Error::NotFound(_))
        ));
    }
    assert!(matches!(
        backend.request_page(ada, Uuid::new_v4()).await,
        Err(Error::NotFound(_))
    ));
}

async fn an_appeal_is_of_ones_own_denial_once(t: TestDb) {
    let (backend, _) = t.backend();
    let ada = living_in(&t, &backend, "ada@example.com", "US-VA").await;
    let eve = living_in(&t, &backend, "eve@example.com", "US-VA").await;
    let fix = Filing::correction("wrong", "right").unwrap();
    let open = backend.submit(ada, &fix).await.unwrap();
    assert!(matches!(
        backend.submit(ada, &Filing::appeal(open)).await,
        Err(Error::Conflict(_))
    ));
    let id = denied(&backend, ada, &fix).await;
    let page = backend.request_page(ada, id).await.unwrap();
    let route = page.denial.unwrap().route;
    assert!(matches!(route, AppealRoute::Open { .. }), "{route:?}");
    assert!(matches!(
        backend.submit(eve, &Filing::appeal(id)).await,
        Err(Error::NotFound(_))
    ));

    let appeal = backend.submit(ada, &Filing::appeal(id)).await.unwrap();
    let route = backend
        .request_page(ada, id)
        .await
        .unwrap()
        .denial
        .unwrap()
        .route;
    assert_eq!(
        route,
        AppealRoute::Filed {
            id: appeal.to_string()
        }
    );
    assert!(matches!(
        backend.submit(ada, &Filing::appeal(id)).await,
        Err(Error::Conflict(_))
    ));
    let page = backend.request_page(ada, appeal).await.unwrap();
    assert_eq!(page.summary.status, RequestStatus::PendingApproval);
    assert_eq!(page.particulars, Some(Particulars::Appeal { of: id }));
    assert_eq!(page.regime, "VCDPA");

    backend
        .deny_request(appeal, DenialReason::Other, "Upheld.", Actor::Api)
        .await
        .unwrap();
    let route = backend
        .request_page(ada, appeal)
        .await
        .unwrap()
        .denial
        .unwrap()
        .route;
    assert_eq!(route, AppealRoute::AttorneyGeneral);
    assert!(matches!(
        backend.submit(ada, &Filing::appeal(appeal)).await,
        Err(Error::Conflict(_))
    ));

    // The CCPA gives no appeal to the business: the page says where to go instead.
    let cal = living_in(&t, &backend, "cal@example.com", "US-CA").await;
    let id = denied(&backend, cal, &fix).await;
    let route = backend
        .request_page(cal, id)
        .await
        .unwrap()
        .denial
        .unwrap()
        .route;
    assert!(matches!(route, AppealRoute::NoAppeal), "{route:?}");
    assert!(matches!(
        backend.submit(cal, &Filing::appeal(id)).await,
        Err(Error::Validation(_))
    ));

    // Where no law Rightful knows gives an appeal, none is filed either.
    let jp = living_in(&t, &backend, "jp@example.com", "JP").await;
    let id = denied(&backend, jp, &fix).await;
    let route = backend
        .request_page(jp, id)
        .await
        .unwrap()
        .denial
        .unwrap()
        .route;
    assert!(matches!(route, AppealRoute::NoAppeal), "{route:?}");
    assert!(matches!(
        backend.submit(jp, &Filing::appeal(id)).await,
        Err(Error::Validation(_))
    ));
}

async fn the_preview_asks_where_the_person_lives_then_names_law_and_date(t: TestDb) {
    let (backend, _) = t.backend();
    let ada = t.sign_in(&backend, "ada@example.com").await;
    let unknown = backend
        .filing_preview(ada, RequestKind::Export)
        .await
        .unwrap();
    assert_eq!((unknown.jurisdiction, unknown.reply_by), (None, None));

    let code = JurisdictionCode::parse("GB-ENG").unwrap();
    backend.set_subject_jurisdiction(ada, &code).await.unwrap();
    let export = backend
        .filing_preview(ada, RequestKind::Export)
        .await
        .unwrap();
    assert_eq!(export.regime.as_deref(), Some("UK GDPR"));
    assert!(export.reply_by.is_some() && export.unavailable.is_none());
    let id = backend
        .submit_request(ada, RequestKind::Export)
        .await
        .unwrap();
    let filed = backend.request_page(ada, id).await.unwrap();
    assert_eq!(
        filed.summary.due_on, export.reply_by,
        "the promised date is kept"
    );

    let appeal = backend
        .filing_preview(ada, RequestKind::Appeal)
        .await
        .unwrap();
    assert!(appeal.reply_by.is_none() && appeal.unavailable.is_some());
}

async fn the_status_page_follows_an_export_to_its_file_and_past_its_expiry(t: TestDb) {
    let (backend, clock) = t.backend();
    for name in ["archive", "billing"] {
        backend
            .add_system(manual_system(name, &[Capability::AccessExport]))
            .await
            .unwrap();
    }
    let ada = t.sign_in(&backend, "ada@example.com").await;
    let id = backend
        .submit_request(ada, RequestKind::Export)
        .await
        .unwrap();
    let worker = Worker::new(backend.clone());
    worker.drain().await.unwrap();
    let tasks = backend.open_manual_tasks().await.unwrap();
    let upload = || {
        Some(Upload {
            bytes: b"letter".to_vec(),
        })
    };
    backend
        .complete_manual_task(tasks[0].id, "Found a letter", upload(), Actor::Cli)
        .await
        .unwrap();
    let page = backend.request_page(ada, id).await.unwrap();
    assert_eq!((page.systems_done, page.systems_total), (1, 2));
    assert_eq!(page.export, None, "no file before it is done");
    assert!(!page.can_cancel, "the systems have it");

    backend
        .complete_manual_task(tasks[1].id, "Found a letter", upload(), Actor::Cli)
        .await
        .unwrap();
    worker.drain().await.unwrap();
    let page = backend.request_page(ada, id).await.unwrap();
    assert!(
        matches!(page.export, Some(ExportState::Ready { .. })),
        "{:?}",
        page.export
    );
    assert!(page.summary.download_until.is_some());
    let steps: Vec<_> = page.timeline.iter().map(|e| e.step.clone()).collect();
    assert!(
        steps.contains(&Step::SentToSystems { systems: 2 }),
        "{steps:?}"
    );
    assert!(
        steps.ends_with(&[Step::ExportReady, Step::Completed]),
        "{steps:?}"
    );

    // Revoked early, the same file is issued again at once.
    assert!(backend.revoke_export(id).await.unwrap());
    assert!(
        !backend.revoke_export(id).await.unwrap(),
        "nothing left to revoke"
    );
    let page = backend.request_page(ada, id).await.unwrap();
    assert_eq!(page.export, Some(ExportState::Expired));
    backend.reissue_export(ada, id).await.unwrap();
    let page = backend.request_page(ada, id).await.unwrap();
    assert!(matches!(page.export, Some(ExportState::Ready { .. })));

    clock.advance(chrono::Duration::days(backend::exports::LINK_DAYS + 1));
    backend.expire_exports().await.unwrap();
    let page = backend.request_page(ada, id).await.unwrap();
    assert_eq!(page.export, Some(ExportState::Expired));
    backend.reissue_export(ada, id).await.unwrap();
    let page = backend.request_page(ada, id).await.unwrap();
    assert_eq!(page.export, Some(ExportState::Preparing));
    worker.drain().await.unwrap();
    let page = backend.request_page(ada, id).await.unwrap();
    assert!(matches!(page.export, Some(ExportState::Ready { .. })));
}

async fn a_deletion_is_canceled_from_its_page_in_its_grace_period(t: TestDb) {
    let (backend, _) = t.backend();
    let ada = t.sign_in(&backend, "ada@example.com").await;
    let id = backend
        .submit_request(ada, RequestKind::Delete)
        .await
        .unwrap();
    let page = backend.request_page(ada, id).await.unwrap();
    assert!(page.can_cancel);
    assert!(matches!(
        page.timeline.last().map(|e| &e.step),
        Some(Step::GracePeriod { .. })
    ));
    backend
        .cancel_request(Some(ada), id, Actor::Subject)
        .await
        .unwrap();
    let page = backend.request_page(ada, id).await.unwrap();
    assert_eq!(page.summary.status, RequestStatus::Canceled);
    assert!(!page.can_cancel);
    assert_eq!(page.timeline.last().map(|e| &e.step), Some(&Step::Canceled));
}

async fn the_training_opt_out_filed_from_its_page_is_the_switch(t: TestDb) {
    let (backend, _) = t.backend();
    let ada = t.sign_in(&backend, "ada@example.com").await;
    let filing = Filing::plain(RequestKind::OptOutTraining).unwrap();
    let id = backend.submit(ada, &filing).await.unwrap();
    let overview = backend.privacy_overview(ada).await.unwrap();
    assert!(overview.training_opted_out);
    assert_eq!(overview.requests[0].id, id.to_string());
    assert!(matches!(
        backend.submit(ada, &filing).await,
        Err(Error::Conflict(_))
    ));
}

/// Every mail in the outbox, as text.
fn mails(t: &TestDb) -> Vec<String> {
    std::fs::read_dir(t.outbox())
        .map(|dir| {
            dir.filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
                .map(|text| text.replace("=\r\n", "").replace("=\n", ""))
                .collect()
        })
        .unwrap_or_default()
}

async fn staff_and_the_person_write_to_each_other_by_mail(t: TestDb) {
    let (backend, clock) = t.backend();
    let ada = t.sign_in(&backend, "ada@example.com").await;
    let eve = t.sign_in(&backend, "eve@example.com").await;
    let id = backend
        .submit(ada, &Filing::correction("x", "y").unwrap())
        .await
        .unwrap();
    backend
        .message_person(id, "Which account is this about?", Actor::Api)
        .await
        .unwrap();
    backend
        .message_staff(ada, id, "  The one I use for the shop.  ")
        .await
        .unwrap();
    assert!(matches!(
        backend.message_staff(eve, id, "let me in").await,
        Err(Error::NotFound(_))
    ));
    assert!(matches!(
        backend.message_staff(ada, id, "   ").await,
        Err(Error::Validation(_))
    ));
    let page = backend.request_page(ada, id).await.unwrap();
    let said: Vec<_> = page
        .messages
        .iter()
        .map(|m| (m.author, m.body.as_str()))
        .collect();
    assert_eq!(
        said,
        [
            (domain::MessageAuthor::Staff, "Which account is this about?"),
            (
                domain::MessageAuthor::Subject,
                "The one I use for the shop."
            ),
        ]
    );
    Worker::new(backend.clone()).drain().await.unwrap();
    let mails = mails(&t);
    let to_ada = mails
        .iter()
        .find(|m| m.contains("To: ada@example.com") && m.contains("Which account"))
        .expect("staff's message mailed to the person");
    assert!(to_ada.contains(&format!("/requests/{id}")), "{to_ada}");
    assert!(
        mails
            .iter()
            .any(|m| m.contains("To: privacy@example.com") && m.contains("The one I use")),
        "the person's answer mailed to the privacy team"
    );
    // Ten an hour: one above, nine more here.
    for _ in 0..9 {
        backend.message_staff(ada, id, "again").await.unwrap();
    }
    assert!(matches!(
        backend.message_staff(ada, id, "once too often").await,
        Err(Error::RateLimited)
    ));

    // Erasure deletes the conversation: it names the person.
    let deletion = backend
        .submit_request(ada, RequestKind::Delete)
        .await
        .unwrap();
    backend
        .add_system(manual_system("crm", &[Capability::Delete]))
        .await
        .unwrap();
    clock.advance(chrono::Duration::days(15));
    let worker = Worker::new(backend.clone());
    worker.drain().await.unwrap();
    let task = backend.open_manual_tasks().await.unwrap()[0].id;
    backend
        .complete_manual_task(task, "Deleted", None, Actor::Cli)
        .await
        .unwrap();
    worker.drain().await.unwrap();
    assert_eq!(
        backend.request_view(deletion).await.unwrap().status,
        RequestStatus::Completed
    );
    assert!(backend.messages_of(id).await.unwrap().is_empty());
    assert!(
        matches!(
            backend
                .message_person(id, "Are you there?", Actor::Api)
                .await,
            Err(Error::Conflict(_))
        ),
        "nothing new is stored for an erased person, whose messages erasure already deleted"
    );
}

async fn systems_receive_what_the_person_wrote(t: TestDb) {
    let (backend, _) = t.backend();
    let crm = backend::testing::webhook_receiver(
        &backend,
        "crm",
        &[Capability::Correct],
        backend::testing::receiver::Behaviour::Receipt,
    )
    .await;
    let ada = t.sign_in(&backend, "ada@example.com").await;
    let filing = Filing::correction("Lovelase", "Lovelace").unwrap();
    let id = backend.submit(ada, &filing).await.unwrap();
    backend.approve_request(id, Actor::Api).await.unwrap();
    Worker::new(backend.clone()).drain().await.unwrap();
    let events = crm.events();
    assert_eq!(events.len(), 1);
    assert_eq!(
        events[0]["particulars"],
        serde_json::json!({ "type": "correction", "wrong": "Lovelase", "right": "Lovelace" })
    );
    assert_eq!(
        backend.request_view(id).await.unwrap().status,
        RequestStatus::Completed
    );
}

backend::db_tests!(
    systems_receive_what_the_person_wrote,
    staff_and_the_person_write_to_each_other_by_mail,
    only_the_owner_sees_a_request_and_what_they_wrote,
    an_appeal_is_of_ones_own_denial_once,
    the_preview_asks_where_the_person_lives_then_names_law_and_date,
    the_status_page_follows_an_export_to_its_file_and_past_its_expiry,
    a_deletion_is_canceled_from_its_page_in_its_grace_period,
    the_training_opt_out_filed_from_its_page_is_the_switch,
);
