//! Evidence files attached to a request to remove data from model outputs: stored with the
//! filing, seen only by their owner, refused for other kinds, swept when a filing died
//! half-way, and erased with the person.

use backend::{
    Error,
    jobs::Worker,
    testing::{
        TestDb, files_under,
        receiver::{Behaviour, Receiver},
        webhook_system,
    },
};
use domain::{Email, Filing, RequestKind, evidence, system::Capability};

use futures_util::TryStreamExt;
use uuid::Uuid;

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR screenshot";

fn files() -> Vec<evidence::EvidenceFile> {
    evidence::check(vec![
        ("chat.png".to_owned(), PNG.to_vec()),
        (
            "prompt.txt".to_owned(),
            b"Who is Ada Lovelace of Leeds?".to_vec(),
        ),
    ])
    .unwrap()
}

fn removal() -> Filing {
    Filing::output_removal(
        "who is Ada?",
        "Ada lives at 1 Main St",
        "that is my address",
    )
    .unwrap()
}

async fn body_of(download: backend::requests::EvidenceDownload) -> Vec<u8> {
    let chunks: Vec<_> = download.body.try_collect().await.unwrap();
    chunks.concat()
}

async fn evidence_is_kept_with_its_request_and_only_its_owner_reads_it(t: TestDb) {
    let (backend, _) = t.backend();
    let ada = t.sign_in(&backend, "ada@example.com").await;
    let eve = t.sign_in(&backend, "eve@example.com").await;
    let id = backend
        .submit_with_evidence(ada, &removal(), &files())
        .await
        .unwrap();

    let page = backend.request_page(ada, id).await.unwrap();
    let names: Vec<_> = page.evidence.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["chat.png", "prompt.txt"]);
    assert_eq!(page.evidence[0].size, PNG.len() as u64);
    let file: Uuid = page.evidence[0].id.parse().unwrap();
    let download = backend.evidence_download(ada, id, file).await.unwrap();
    assert_eq!(download.media_type, evidence::EvidenceType::Png);
    assert_eq!(body_of(download).await, PNG);

    for (who, request) in [(eve, id), (ada, Uuid::new_v4())] {
        assert!(matches!(
            backend.evidence_download(who, request, file).await,
            Err(Error::NotFound(_))
        ));
    }
    let other = backend
        .submit_with_evidence(ada, &Filing::correction("a", "b").unwrap(), &[])
        .await
        .unwrap();
    assert!(
        matches!(
            backend.evidence_download(ada, other, file).await,
            Err(Error::NotFound(_))
        ),
        "a file is reached only through its own request"
    );
}

async fn other_kinds_take_no_files_and_a_refused_filing_leaves_none(t: TestDb) {
    let (backend, _) = t.backend();
    let ada = t.sign_in(&backend, "ada@example.com").await;
    let correction = Filing::correction("my name", "Ada").unwrap();
    let refused = backend
        .submit_with_evidence(ada, &correction, &files())
        .await;
    assert!(matches!(refused, Err(Error::Validation(v)) if v.code == "evidence.not_for_kind"));

    backend
        .submit_with_evidence(ada, &removal(), &files())
        .await
        .unwrap();
    // A filing refused after its files were stored (here: nobody is behind the session).
    let nobody = domain::SubjectId::from_uuid(Uuid::new_v4());
    let refused = backend
        .submit_with_evidence(nobody, &removal(), &files())
        .await;
    assert!(matches!(refused, Err(Error::NotFound(_))), "{refused:?}");
    let stored = files_under(&t.dir.path().join("blobs/evidence"));
    assert_eq!(
        stored.len(),
        2,
        "only the filed request's files: {stored:?}"
    );
}

async fn stray_files_are_swept_and_recorded_ones_kept(t: TestDb) {
    let (backend, clock) = t.backend();
    let ada = t.sign_in(&backend, "ada@example.com").await;
    backend
        .submit_with_evidence(ada, &removal(), &files())
        .await
        .unwrap();
    let folder = t.dir.path().join("blobs/evidence");
    std::fs::write(folder.join(Uuid::new_v4().to_string()), PNG).unwrap();
    assert_eq!(
        backend.sweep_stray_evidence().await.unwrap(),
        0,
        "too new: it may belong to a filing under way"
    );
    clock.advance(chrono::Duration::hours(2));
    assert_eq!(backend.sweep_stray_evidence().await.unwrap(), 1);
    assert_eq!(files_under(&folder).len(), 2);
}

async fn evidence_is_erased_with_the_person(t: TestDb) {
    let (backend, clock) = t.backend();
    let crm = Receiver::start(Behaviour::Receipt).await;
    let system = webhook_system("crm", &crm.url, &[Capability::Delete]);
    crm.set_secret(&backend.add_system(system).await.unwrap().0);
    let ada = t.sign_in(&backend, "ada@example.com").await;
    let id = backend
        .submit_with_evidence(ada, &removal(), &files())
        .await
        .unwrap();
    let address = Email::parse("ada@example.com").unwrap();
    backend
        .file_request_for(&address, None, RequestKind::Delete, None)
        .await
        .unwrap();
    clock.advance(chrono::Duration::days(15));
    let worker = Worker::new(backend.clone());
    worker.drain().await.unwrap();
    worker.drain().await.unwrap();

    let folder = t.dir.path().join("blobs/evidence");
    assert!(
        files_under(&folder).is_empty(),
        "{:?}",
        files_under(&folder)
    );
    let page = backend.request_page(ada, id).await;
    assert!(
        page.is_ok_and(|p| p.evidence.is_empty()),
        "no row names a file"
    );
}

backend::db_tests!(
    evidence_is_kept_with_its_request_and_only_its_owner_reads_it,
    other_kinds_take_no_files_and_a_refused_filing_leaves_none,
    stray_files_are_swept_and_recorded_ones_kept,
    evidence_is_erased_with_the_person,
);
