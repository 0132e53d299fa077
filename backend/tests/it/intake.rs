//! The API's filings, written many to a transaction: each is refused or filed on its own.

use backend::{audit::ChainCheck, testing::TestDb};
use domain::{Email, RequestKind, RequestStatus};

/// Twenty filings at once, one giving a user id that belongs to somebody else: it alone is
/// refused; the others are filed with intact chains, and one person filed for twice is one
/// person.
async fn a_refused_filing_leaves_those_beside_it_filed(t: TestDb) {
    let (backend, _) = t.backend();
    let ada = Email::parse("ada@example.com").unwrap();
    backend
        .file_request_for(&ada, Some("u-1"), RequestKind::Access, None)
        .await
        .unwrap();
    let filings = (0..20).map(|i| {
        let backend = backend.clone();
        async move {
            // The fifth claims Ada's user id; the last two are the same new person.
            let email = Email::parse(&format!("p{}@example.com", i.min(18))).unwrap();
            let user_id = (i == 5).then_some("u-1");
            backend
                .file_request_for(&email, user_id, RequestKind::Access, None)
                .await
        }
    });
    let results = futures_util::future::join_all(filings).await;
    for (i, result) in results.iter().enumerate() {
        match result {
            Ok(view) => {
                assert_ne!(i, 5);
                assert_eq!(view.status, RequestStatus::InProgress);
                let chain = backend.verify_audit_chain(view.id).await.unwrap();
                assert!(matches!(chain, ChainCheck::Intact(_)), "{chain:?}");
            }
            Err(err) => assert!(
                i == 5 && matches!(err, backend::Error::Conflict(_)),
                "{i}: {err:?}"
            ),
        }
    }
    assert_eq!(t.count("SELECT COUNT(*) FROM requests").await, 20);
    assert_eq!(t.count("SELECT COUNT(*) FROM subjects").await, 19);
}

/// A person on file gets the user id a later filing gives, once; a second person cannot.
async fn a_user_id_is_recorded_once_across_a_batch(t: TestDb) {
    let (backend, _) = t.backend();
    let filings = ["ada", "ada", "bob"].into_iter().map(|name| {
        let backend = backend.clone();
        async move {
            let email = Email::parse(&format!("{name}@example.com")).unwrap();
            backend
                .file_request_for(&email, Some("u-7"), RequestKind::Access, None)
                .await
        }
    });
    let results = futures_util::future::join_all(filings).await;
    assert!(results[0].is_ok() && results[1].is_ok(), "{results:?}");
    assert!(matches!(results[2], Err(backend::Error::Conflict(_))));
    let holders = t
        .count("SELECT COUNT(*) FROM subjects WHERE user_id = 'u-7'")
        .await;
    assert_eq!(holders, 1);
}

backend::db_tests!(
    a_refused_filing_leaves_those_beside_it_filed,
    a_user_id_is_recorded_once_across_a_batch,
);
