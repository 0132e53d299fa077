//! Sign-in by e-mailed code, sessions and sign-out.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use backend::{Error, auth::SessionToken, testing::TestDb};
use chrono::Duration;
use domain::Email;

fn email(s: &str) -> Email {
    Email::parse(s).unwrap()
}

async fn a_code_signs_in_and_sign_out_revokes(t: TestDb) {
    let (backend, _) = t.backend();
    let ada = email("Ada@Example.com");
    backend.request_sign_in_code(&ada).await.unwrap();
    let code = t
        .last_code_for("ada@example.com")
        .expect("a code in the outbox");
    let signed_in = backend.verify_sign_in_code(&ada, &code).await.unwrap();
    assert_eq!(
        backend.authenticate(&signed_in.token).await.unwrap(),
        signed_in.subject
    );

    // The same code cannot be used twice.
    assert!(matches!(
        backend.verify_sign_in_code(&ada, &code).await,
        Err(Error::Validation(_))
    ));

    backend.sign_out(&signed_in.token).await.unwrap();
    assert!(matches!(
        backend.authenticate(&signed_in.token).await,
        Err(Error::Unauthenticated)
    ));
}

async fn the_same_address_is_the_same_person(t: TestDb) {
    let (backend, _) = t.backend();
    let mut subjects = Vec::new();
    for typed in ["grace@example.com", " GRACE@example.COM "] {
        backend.request_sign_in_code(&email(typed)).await.unwrap();
        let code = t.last_code_for("grace@example.com").unwrap();
        subjects.push(
            backend
                .verify_sign_in_code(&email(typed), &code)
                .await
                .unwrap()
                .subject,
        );
    }
    assert_eq!(subjects[0], subjects[1]);
}

async fn codes_expire_after_ten_minutes(t: TestDb) {
    let (backend, clock) = t.backend();
    let ada = email("ada@example.com");
    backend.request_sign_in_code(&ada).await.unwrap();
    let code = t.last_code_for("ada@example.com").unwrap();
    clock.advance(Duration::minutes(10) + Duration::seconds(1));
    assert!(matches!(
        backend.verify_sign_in_code(&ada, &code).await,
        Err(Error::Validation(_))
    ));
}

async fn five_wrong_guesses_burn_the_code(t: TestDb) {
    let (backend, _) = t.backend();
    let ada = email("ada@example.com");
    backend.request_sign_in_code(&ada).await.unwrap();
    let code = t.last_code_for("ada@example.com").unwrap();
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for _ in 0..5 {
        assert!(backend.verify_sign_in_code(&ada, wrong).await.is_err());
    }
    // The right code no longer works after five wrong ones.
    assert!(matches!(
        backend.verify_sign_in_code(&ada, &code).await,
        Err(Error::Validation(_))
    ));
}

async fn a_code_is_bound_to_its_address(t: TestDb) {
    let (backend, _) = t.backend();
    backend
        .request_sign_in_code(&email("ada@example.com"))
        .await
        .unwrap();
    backend
        .request_sign_in_code(&email("eve@example.com"))
        .await
        .unwrap();
    let ada_code = t.last_code_for("ada@example.com").unwrap();
    let eve_code = t.last_code_for("eve@example.com").unwrap();
    if ada_code != eve_code {
        assert!(
            backend
                .verify_sign_in_code(&email("eve@example.com"), &ada_code)
                .await
                .is_err()
        );
    }
}

async fn sending_is_rate_limited_per_address(t: TestDb) {
    let (backend, clock) = t.backend();
    let ada = email("ada@example.com");
    for _ in 0..5 {
        backend.request_sign_in_code(&ada).await.unwrap();
    }
    assert!(matches!(
        backend.request_sign_in_code(&ada).await,
        Err(Error::RateLimited)
    ));
    // Other addresses are unaffected, and the window passes.
    backend
        .request_sign_in_code(&email("bob@example.com"))
        .await
        .unwrap();
    clock.advance(Duration::minutes(16));
    backend.request_sign_in_code(&ada).await.unwrap();
}

async fn forged_and_expired_tokens_are_refused(t: TestDb) {
    let (backend, clock) = t.backend();
    let ada = email("ada@example.com");
    backend.request_sign_in_code(&ada).await.unwrap();
    let code = t.last_code_for("ada@example.com").unwrap();
    let signed_in = backend.verify_sign_in_code(&ada, &code).await.unwrap();

    let mut tampered = signed_in.token.0.clone();
    tampered.pop();
    tampered.push(if signed_in.token.0.ends_with('A') {
        'B'
    } else {
        'A'
    });
    for bad in [tampered, "not.a.jwt".to_owned(), String::new()] {
        assert!(matches!(
            backend.authenticate(&SessionToken(bad)).await,
            Err(Error::Unauthenticated)
        ));
    }
    // A token signed with `none` is refused: the algorithm list is explicit.
    let header = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0";
    let body = signed_in.token.0.split('.').nth(1).unwrap();
    let unsigned = SessionToken(format!("{header}.{body}."));
    assert!(matches!(
        backend.authenticate(&unsigned).await,
        Err(Error::Unauthenticated)
    ));

    clock.advance(Duration::days(7) + Duration::seconds(1));
    assert!(matches!(
        backend.authenticate(&signed_in.token).await,
        Err(Error::Unauthenticated)
    ));
}

async fn malformed_codes_are_a_validation_error(t: TestDb) {
    let (backend, _) = t.backend();
    for bad in ["", "12345", "1234567", "12a456"] {
        let err = backend
            .verify_sign_in_code(&email("ada@example.com"), bad)
            .await
            .unwrap_err();
        assert!(
            matches!(err, Error::Validation(ref v) if v.code == "code.malformed"),
            "{bad}"
        );
    }
}

backend::db_tests!(
    a_code_signs_in_and_sign_out_revokes,
    the_same_address_is_the_same_person,
    codes_expire_after_ten_minutes,
    five_wrong_guesses_burn_the_code,
    a_code_is_bound_to_its_address,
    sending_is_rate_limited_per_address,
    forged_and_expired_tokens_are_refused,
    malformed_codes_are_a_validation_error,
);
