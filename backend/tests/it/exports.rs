//! Export packages: a ZIP with each system's JSON, CSV for tables, an uploaded file, a
//! readable index and a manifest whose SHA-256s match; only the person can download it; it
//! expires, is deleted, and can be issued again.

use std::io::{Cursor, Read};

use backend::{
    Backend, Error,
    fulfilment::Upload,
    jobs::Worker,
    systems::NewSystem,
    testing::{
        TestDb,
        receiver::{Behaviour, Receiver},
    },
};
use domain::{
    Actor, RequestKind, RequestStatus, SubjectId,
    system::{Capability, SystemKind},
};
use futures_util::StreamExt;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use uuid::Uuid;

async fn systems(backend: &Backend) -> Receiver {
    let shop = Receiver::start(Behaviour::Data(json!({
        "orders": [{ "id": 1, "item": "Tea, green" }, { "id": 2, "item": "<b>Cups</b>" }],
        "profile": { "name": "Ada" },
    })))
    .await;
    for (name, kind, endpoint) in [
        ("shop", SystemKind::Webhook, Some(shop.url.clone())),
        ("archive", SystemKind::Manual, None),
    ] {
        let new = NewSystem {
            name: name.into(),
            owner: "team".into(),
            kind,
            capabilities: vec![Capability::AccessExport],
            endpoint,
            timeout_ms: 2_000,
        };
        let secret = backend.add_system(new).await.unwrap();
        if name == "shop" {
            shop.set_secret(&secret.0);
        }
    }
    shop
}

/// Files an export for the signed-in person, lets the systems answer, and returns its id.
async fn exported(t: &TestDb, backend: &Backend, who: SubjectId) -> Uuid {
    let id = backend
        .submit_request(who, RequestKind::Export)
        .await
        .unwrap();
    let worker = Worker::new(backend.clone());
    worker.drain().await.unwrap();
    let archive = backend.open_manual_tasks().await.unwrap()[0].id;
    let upload = Upload {
        bytes: b"scanned letter".to_vec(),
    };
    backend
        .complete_manual_task(archive, "Scanned the paper file", Some(upload), Actor::Cli)
        .await
        .unwrap();
    assert_eq!(
        backend.request_view(id).await.unwrap().status,
        RequestStatus::InProgress,
        "complete only once packaged"
    );
    worker.drain().await.unwrap();
    let _ = t;
    id
}

async fn download(backend: &Backend, who: SubjectId, id: Uuid) -> Result<Vec<u8>, Error> {
    let file = backend.export_download(who, id).await?;
    let mut bytes = Vec::new();
    let mut body = file.body;
    while let Some(chunk) = body.next().await {
        bytes.extend_from_slice(&chunk.unwrap());
    }
    assert_eq!(bytes.len() as u64, file.size);
    Ok(bytes)
}

fn read(zip: &mut zip::ZipArchive<Cursor<Vec<u8>>>, name: &str) -> Vec<u8> {
    let mut out = Vec::new();
    zip.by_name(name).unwrap().read_to_end(&mut out).unwrap();
    out
}

async fn a_package_holds_every_systems_data_with_a_true_manifest(t: TestDb) {
    let (backend, _) = t.backend();
    systems(&backend).await;
    let ada = t.sign_in(&backend, "ada@example.com").await;
    let id = exported(&t, &backend, ada).await;
    assert_eq!(
        backend.request_view(id).await.unwrap().status,
        RequestStatus::Completed
    );

    let bytes = download(&backend, ada, id).await.unwrap();
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut names: Vec<String> = zip.file_names().map(|n| n.unwrap().into_owned()).collect();
    names.sort();
    assert_eq!(
        names,
        [
            "index.html",
            "manifest.json",
            "systems/archive.upload",
            "systems/shop.json",
            "systems/shop.orders.csv"
        ]
    );
    assert_eq!(read(&mut zip, "systems/archive.upload"), b"scanned letter");
    assert_eq!(
        String::from_utf8(read(&mut zip, "systems/shop.orders.csv")).unwrap(),
        "id,item\r\n1,\"Tea, green\"\r\n2,<b>Cups</b>\r\n"
    );
    let index = String::from_utf8(read(&mut zip, "index.html")).unwrap();
    assert!(index.contains("Scanned the paper file") && index.contains("&lt;b&gt;Cups"));
    assert!(!index.contains("<b>Cups"), "system data is escaped");
    let manifest: Value = serde_json::from_slice(&read(&mut zip, "manifest.json")).unwrap();
    assert_eq!(manifest["request_id"], id.to_string());
    let files = manifest["files"].as_array().unwrap();
    assert_eq!(files.len(), 4);
    for file in files {
        let content = read(&mut zip, file["path"].as_str().unwrap());
        assert_eq!(file["sha256"], hex::encode(Sha256::digest(&content)));
        assert_eq!(file["size"], content.len());
    }
}

async fn only_the_person_downloads_until_it_expires_then_asks_again(t: TestDb) {
    let (backend, clock) = t.backend();
    systems(&backend).await;
    let ada = t.sign_in(&backend, "ada@example.com").await;
    let eve = t.sign_in(&backend, "eve@example.com").await;
    let id = exported(&t, &backend, ada).await;
    assert!(matches!(
        download(&backend, eve, id).await,
        Err(Error::NotFound(_))
    ));
    let first = download(&backend, ada, id).await.unwrap();

    clock.advance(chrono::Duration::days(7) + chrono::Duration::seconds(1));
    assert!(matches!(
        download(&backend, ada, id).await,
        Err(Error::Conflict(_))
    ));
    assert_eq!(backend.expire_exports().await.unwrap(), 1);
    let kept = backend::testing::files_under(&t.dir.path().join("blobs/exports"));
    assert!(kept.is_empty(), "the expired package is deleted: {kept:?}");

    backend.reissue_export(ada, id).await.unwrap();
    Worker::new(backend.clone()).drain().await.unwrap();
    let again = download(&backend, ada, id).await.unwrap();
    let mut zip = zip::ZipArchive::new(Cursor::new(again)).unwrap();
    let first = zip::ZipArchive::new(Cursor::new(first)).unwrap();
    assert_eq!(zip.len(), first.len());
    assert_eq!(read(&mut zip, "systems/archive.upload"), b"scanned letter");
    assert_eq!(backend.expire_exports().await.unwrap(), 0);
}

async fn asking_again_builds_one_package_at_a_time_and_is_limited(t: TestDb) {
    let (backend, clock) = t.backend();
    systems(&backend).await;
    let ada = t.sign_in(&backend, "ada@example.com").await;
    let id = exported(&t, &backend, ada).await;
    let worker = Worker::new(backend.clone());
    let packages = || backend::testing::files_under(&t.dir.path().join("blobs/exports"));
    for round in 0..2 {
        clock.advance(chrono::Duration::days(8));
        backend.expire_exports().await.unwrap();
        for _ in 0..3 {
            backend.reissue_export(ada, id).await.unwrap();
        }
        worker.drain().await.unwrap();
        assert_eq!(packages().len(), 1, "round {round}: {:?}", packages());
        download(&backend, ada, id).await.unwrap();
    }
    for _ in 0..2 {
        backend.reissue_export(ada, id).await.unwrap();
    }
    assert!(matches!(
        backend.reissue_export(ada, id).await,
        Err(Error::RateLimited)
    ));
    clock.advance(chrono::Duration::minutes(61));
    backend.reissue_export(ada, id).await.unwrap();
}

backend::db_tests!(
    a_package_holds_every_systems_data_with_a_true_manifest,
    only_the_person_downloads_until_it_expires_then_asks_again,
    asking_again_builds_one_package_at_a_time_and_is_limited,
);
