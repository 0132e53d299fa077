//! The data-system registry: validation, one-time secrets, listing without secrets.

use backend::{
    Error,
    systems::NewSystem,
    testing::{TestDb, webhook_system},
};
use domain::system::{Capability, SystemKind};

fn crm() -> NewSystem {
    NewSystem {
        timeout_ms: 5_000,
        ..webhook_system(
            "crm",
            "https://crm.internal/rightful",
            &[
                Capability::Delete,
                Capability::AccessExport,
                Capability::Delete,
            ],
        )
    }
}

async fn systems_are_added_listed_and_disabled(t: TestDb) {
    let (backend, _) = t.backend();
    let secret = backend.add_system(crm()).await.unwrap();
    assert!(secret.0.starts_with("whsec_") && secret.0.len() == 70);
    assert!(!format!("{secret:?}").contains(&secret.0));
    let manual = NewSystem {
        name: "hr".into(),
        kind: SystemKind::Manual,
        endpoint: None,
        ..crm()
    };
    backend.add_system(manual).await.unwrap();

    let listed = backend.list_systems().await.unwrap();
    assert_eq!(
        listed.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(),
        ["crm", "hr"]
    );
    assert_eq!(
        listed[0].capabilities,
        [Capability::AccessExport, Capability::Delete]
    );
    assert!(!serde_json::to_string(&listed).unwrap().contains("whsec_"));

    backend.disable_system("crm").await.unwrap();
    assert!(!backend.list_systems().await.unwrap()[0].enabled);
    assert!(matches!(
        backend.disable_system("nope").await,
        Err(Error::NotFound(_))
    ));
}

async fn bad_systems_are_refused(t: TestDb) {
    let (backend, _) = t.backend();
    backend.add_system(crm()).await.unwrap();
    assert!(matches!(
        backend.add_system(crm()).await,
        Err(Error::Conflict(_))
    ));
    let cases = [
        NewSystem {
            name: "Has Spaces".into(),
            ..crm()
        },
        NewSystem {
            name: "x".into(),
            capabilities: vec![],
            ..crm()
        },
        NewSystem {
            name: "x".into(),
            endpoint: None,
            ..crm()
        },
        NewSystem {
            name: "x".into(),
            endpoint: Some("ftp://x".into()),
            ..crm()
        },
        NewSystem {
            name: "x".into(),
            kind: SystemKind::Manual,
            ..crm()
        },
        NewSystem {
            name: "x".into(),
            timeout_ms: 10,
            ..crm()
        },
        NewSystem {
            name: "x".into(),
            owner: " ".into(),
            ..crm()
        },
    ];
    for case in cases {
        assert!(
            matches!(
                backend.add_system(case.clone()).await,
                Err(Error::Validation(_))
            ),
            "{case:?}"
        );
    }
}

async fn endpoints_are_checked_again_at_every_connection(t: TestDb) {
    use backend::{
        jobs::Worker,
        testing::{
            Options,
            receiver::{Behaviour, Receiver},
        },
        webhooks::SystemNetworks,
    };
    let (allowed, _) = t.backend();
    let receiver = Receiver::start(Behaviour::Receipt).await;
    let local = NewSystem {
        endpoint: Some(receiver.url.clone()),
        capabilities: vec![Capability::Delete],
        ..crm()
    };
    receiver.set_secret(&allowed.add_system(local).await.unwrap().0);
    // The operator then narrows the networks: loopback is no longer a place for systems.
    let (narrowed, _) = t.backend_with(Options {
        system_networks: Some(SystemNetworks::default()),
        ..Options::default()
    });
    let ada = domain::Email::parse("ada@example.com").unwrap();
    let id = narrowed
        .file_request_for(&ada, None, domain::RequestKind::RemoveFromOutputs, None)
        .await
        .unwrap()
        .id;
    Worker::new(narrowed.clone()).drain().await.unwrap();
    assert_eq!(receiver.deliveries(), 0, "nothing was sent");
    let task = narrowed.tasks_of(id).await.unwrap().remove(0);
    assert!(
        task.last_error
            .as_deref()
            .unwrap_or_default()
            .starts_with("endpoint refused"),
        "{task:?}"
    );
}

backend::db_tests!(
    endpoints_are_checked_again_at_every_connection,
    systems_are_added_listed_and_disabled,
    bad_systems_are_refused
);
