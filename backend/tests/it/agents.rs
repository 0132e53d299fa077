//! Requests an authorized agent files for a consumer (CCPA §7063): nothing happens until the
//! consumer confirms by the link mailed to them; they may decline; unconfirmed, it expires.

use backend::{Error, jobs::Worker, testing::TestDb};
use domain::{
    RequestKind, RequestStatus,
    agent::{AgentFiling, check_permission},
    dto::AgentRequestState,
};
use uuid::Uuid;

fn filing(consumer: &str, kind: &str) -> AgentFiling {
    let pairs = [
        ("consumer", consumer),
        ("kind", kind),
        ("jurisdiction", "US-CA"),
        ("authorized", "yes"),
    ];
    AgentFiling::from_form(|n| pairs.iter().find(|(p, _)| *p == n).map(|(_, v)| *v)).unwrap()
}

fn permission() -> domain::evidence::EvidenceFile {
    check_permission(vec![(
        "signed.pdf".to_owned(),
        b"%PDF-1.7\nsigned".to_vec(),
    )])
    .unwrap()
}

/// The token of the newest confirmation link mailed for `id`.
fn link_token(t: &TestDb, id: Uuid) -> String {
    let marker = format!("/requests/{id}/confirm?token=");
    std::fs::read_dir(t.outbox())
        .unwrap()
        .filter_map(|e| {
            let path = e.ok()?.path();
            let modified = path.metadata().ok()?.modified().ok()?;
            let text = std::fs::read_to_string(&path).ok()?;
            // Quoted-printable: soft line breaks, and `=` written as `=3D`.
            let text = text
                .replace("=\r\n", "")
                .replace("=\n", "")
                .replace("=3D", "=");
            let start = text.find(&marker)? + marker.len();
            Some((modified, text[start..start + 64].to_owned()))
        })
        .max()
        .map(|(_, token)| token)
        .expect("a confirmation link in the outbox")
}

async fn status(backend: &backend::Backend, id: Uuid) -> RequestStatus {
    backend.request_view(id).await.unwrap().status
}

async fn nothing_is_done_until_the_consumer_confirms(t: TestDb) {
    let (backend, _) = t.backend();
    let agent = t.sign_in(&backend, "agent@example.com").await;
    let id = backend
        .file_as_agent(agent, &filing("ada@example.com", "access"), &permission())
        .await
        .unwrap();
    assert_eq!(
        status(&backend, id).await,
        RequestStatus::AwaitingVerification
    );
    let worker = Worker::new(backend.clone());
    worker.drain().await.unwrap();
    assert_eq!(
        status(&backend, id).await,
        RequestStatus::AwaitingVerification,
        "the receipt job asked the consumer; nothing went further"
    );
    let token = link_token(&t, id);

    let wrong = "0".repeat(64);
    assert!(matches!(
        backend.agent_request(id, &wrong).await,
        Err(Error::NotFound(_))
    ));
    assert!(matches!(
        backend.confirm_agent_request(id, &wrong).await,
        Err(Error::NotFound(_))
    ));
    assert!(matches!(
        backend.confirm_agent_request(Uuid::new_v4(), &token).await,
        Err(Error::NotFound(_))
    ));
    let seen = backend.agent_request(id, &token).await.unwrap();
    assert_eq!(
        (seen.kind, seen.agent.as_str(), seen.state),
        (
            RequestKind::Access,
            "agent@example.com",
            AgentRequestState::Waiting
        )
    );

    backend.confirm_agent_request(id, &token).await.unwrap();
    assert_eq!(status(&backend, id).await, RequestStatus::InProgress);
    assert_eq!(
        backend.agent_request(id, &token).await.unwrap().state,
        AgentRequestState::Confirmed
    );
    assert!(matches!(
        backend.decline_agent_request(id, &token).await,
        Err(Error::Conflict(_))
    ));
    worker.drain().await.unwrap();
    let receipts = std::fs::read_dir(t.outbox())
        .unwrap()
        .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
        .filter(|m| m.contains("X-Rightful-Notice: receipt") && m.contains("To: ada@example.com"))
        .count();
    assert_eq!(receipts, 1, "the consumer's receipt, once confirmed");
    // The consumer's own page shows it, and that an agent filed it.
    let ada = t.sign_in(&backend, "ada@example.com").await;
    let page = backend.request_page(ada, id).await.unwrap();
    assert!(
        page.timeline
            .iter()
            .any(|e| e.step == domain::dto::Step::FiledByAgent)
    );
    assert_eq!(page.evidence.len(), 1, "the permission is kept with it");
    assert!(matches!(
        backend.request_page(agent, id).await,
        Err(Error::NotFound(_))
    ));
}

async fn the_consumer_can_decline_and_an_unconfirmed_request_expires(t: TestDb) {
    let (backend, clock) = t.backend();
    let agent = t.sign_in(&backend, "agent@example.com").await;
    let worker = Worker::new(backend.clone());
    let declined = backend
        .file_as_agent(agent, &filing("ada@example.com", "delete"), &permission())
        .await
        .unwrap();
    let expires = backend
        .file_as_agent(
            agent,
            &filing("bob@example.com", "opt_out_sale"),
            &permission(),
        )
        .await
        .unwrap();
    worker.drain().await.unwrap();
    let token = link_token(&t, declined);
    backend
        .decline_agent_request(declined, &token)
        .await
        .unwrap();
    assert_eq!(status(&backend, declined).await, RequestStatus::Canceled);
    assert_eq!(
        backend.agent_request(declined, &token).await.unwrap().state,
        AgentRequestState::Declined
    );

    clock.advance(chrono::Duration::days(13));
    worker.drain().await.unwrap();
    assert_eq!(
        status(&backend, expires).await,
        RequestStatus::AwaitingVerification
    );
    clock.advance(chrono::Duration::days(2));
    worker.drain().await.unwrap();
    assert_eq!(status(&backend, expires).await, RequestStatus::Canceled);
    let token = link_token(&t, expires);
    assert_eq!(
        backend.agent_request(expires, &token).await.unwrap().state,
        AgentRequestState::Expired
    );
    assert!(matches!(
        backend.confirm_agent_request(expires, &token).await,
        Err(Error::Conflict(_))
    ));
}

async fn an_agent_cannot_file_for_themselves(t: TestDb) {
    let (backend, _) = t.backend();
    let agent = t.sign_in(&backend, "agent@example.com").await;
    let refused = backend
        .file_as_agent(agent, &filing("agent@example.com", "export"), &permission())
        .await;
    assert!(matches!(refused, Err(Error::Validation(v)) if v.code == "agent.self"));
    let blobs = t.dir.path().join("blobs");
    assert!(backend::testing::files_under(&blobs).is_empty());
}

async fn one_address_is_asked_at_most_three_times_a_day(t: TestDb) {
    let (backend, clock) = t.backend();
    let agent = t.sign_in(&backend, "agent@example.com").await;
    let (for_ada, signed) = (filing("ada@example.com", "access"), permission());
    let file = || backend.file_as_agent(agent, &for_ada, &signed);
    for _ in 0..3 {
        file().await.unwrap();
    }
    assert!(matches!(file().await, Err(Error::RateLimited)));
    clock.advance(chrono::Duration::days(1) + chrono::Duration::minutes(1));
    file().await.unwrap();
}

backend::db_tests!(
    one_address_is_asked_at_most_three_times_a_day,
    nothing_is_done_until_the_consumer_confirms,
    the_consumer_can_decline_and_an_unconfirmed_request_expires,
    an_agent_cannot_file_for_themselves,
);
