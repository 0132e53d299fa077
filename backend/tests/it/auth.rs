//! Sign-in by e-mailed code, sessions and sign-out.

use backend::{
    Error,
    auth::{Client, SessionToken},
    testing::{TestDb, client},
};
use chrono::Duration;
use domain::Email;

fn email(s: &str) -> Email {
    Email::parse(s).unwrap()
}

async fn a_code_signs_in_and_sign_out_revokes(t: TestDb) {
    let (backend, _) = t.backend();
    let ada = email("Ada@Example.com");
    backend.request_sign_in_code(&ada, &client()).await.unwrap();
    let code = t
        .last_code_for("ada@example.com")
        .expect("a code in the outbox");
    let signed_in = backend
        .verify_sign_in_code(&ada, &code, &client())
        .await
        .unwrap();
    assert_eq!(
        backend.authenticate(&signed_in.token).await.unwrap(),
        signed_in.subject
    );

    // The same code cannot be used twice.
    assert!(matches!(
        backend.verify_sign_in_code(&ada, &code, &client()).await,
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
        backend
            .request_sign_in_code(&email(typed), &client())
            .await
            .unwrap();
        let code = t.last_code_for("grace@example.com").unwrap();
        subjects.push(
            backend
                .verify_sign_in_code(&email(typed), &code, &client())
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
    backend.request_sign_in_code(&ada, &client()).await.unwrap();
    let code = t.last_code_for("ada@example.com").unwrap();
    clock.advance(Duration::minutes(10) + Duration::seconds(1));
    assert!(matches!(
        backend.verify_sign_in_code(&ada, &code, &client()).await,
        Err(Error::Validation(_))
    ));
}

async fn five_wrong_guesses_burn_the_code(t: TestDb) {
    let (backend, _) = t.backend();
    let ada = email("ada@example.com");
    backend.request_sign_in_code(&ada, &client()).await.unwrap();
    let code = t.last_code_for("ada@example.com").unwrap();
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for _ in 0..5 {
        assert!(
            backend
                .verify_sign_in_code(&ada, wrong, &client())
                .await
                .is_err()
        );
    }
    // The right code no longer works after five wrong ones.
    assert!(matches!(
        backend.verify_sign_in_code(&ada, &code, &client()).await,
        Err(Error::Validation(_))
    ));
}

async fn a_code_is_bound_to_its_address(t: TestDb) {
    let (backend, _) = t.backend();
    backend
        .request_sign_in_code(&email("ada@example.com"), &client())
        .await
        .unwrap();
    backend
        .request_sign_in_code(&email("eve@example.com"), &client())
        .await
        .unwrap();
    let ada_code = t.last_code_for("ada@example.com").unwrap();
    let eve_code = t.last_code_for("eve@example.com").unwrap();
    if ada_code != eve_code {
        assert!(
            backend
                .verify_sign_in_code(&email("eve@example.com"), &ada_code, &client())
                .await
                .is_err()
        );
    }
}

fn from(ip: &str) -> Client {
    Client::new(ip.parse().unwrap())
}

fn mails(t: &TestDb) -> usize {
    std::fs::read_dir(t.outbox()).map_or(0, |dir| dir.count())
}

async fn one_client_is_limited_but_nobody_locks_the_owner_out(t: TestDb) {
    let (backend, clock) = t.backend();
    let ada = email("ada@example.com");
    let attacker = from("203.0.113.9");
    for _ in 0..3 {
        backend.request_sign_in_code(&ada, &attacker).await.unwrap();
    }
    assert!(matches!(
        backend.request_sign_in_code(&ada, &attacker).await,
        Err(Error::RateLimited)
    ));
    // Many clients asking for her codes fill neither her inbox nor her way in.
    for i in 0..40 {
        let botnet = from(&format!("198.51.100.{i}"));
        backend.request_sign_in_code(&ada, &botnet).await.unwrap();
        clock.advance(Duration::seconds(30));
    }
    assert!(
        mails(&t) <= 12,
        "{} codes in 20 minutes: the cooldown bounds the inbox",
        mails(&t)
    );
    backend
        .request_sign_in_code(&ada, &from("192.0.2.1"))
        .await
        .unwrap();
    let code = t.last_code_for("ada@example.com").unwrap();
    backend
        .verify_sign_in_code(&ada, &code, &from("192.0.2.1"))
        .await
        .unwrap();
}

async fn wrong_codes_for_an_address_bring_a_growing_wait(t: TestDb) {
    let (backend, clock) = t.backend();
    let ada = email("ada@example.com");
    let mut guesser = 0;
    let mut guess = async |code: &str| {
        guesser += 1;
        let client = from(&format!("198.51.100.{guesser}"));
        backend.verify_sign_in_code(&ada, code, &client).await
    };
    for _ in 0..2 {
        backend
            .request_sign_in_code(&ada, &from("192.0.2.1"))
            .await
            .unwrap();
        let code = t.last_code_for("ada@example.com").unwrap();
        let wrong = if code == "000000" { "000001" } else { "000000" };
        for _ in 0..5 {
            assert!(matches!(guess(wrong).await, Err(Error::Validation(_))));
        }
    }
    backend
        .request_sign_in_code(&ada, &from("192.0.2.2"))
        .await
        .unwrap();
    let code = t.last_code_for("ada@example.com").unwrap();
    let wrong = if code == "000000" { "000001" } else { "000000" };
    assert!(matches!(guess(wrong).await, Err(Error::Validation(_))));
    assert!(
        matches!(guess(&code).await, Err(Error::RateLimited)),
        "the eleventh wrong code across codes brings a wait, even for the right one"
    );
    clock.advance(Duration::seconds(31));
    guess(&code).await.unwrap();
}

async fn wrong_codes_from_one_network_are_capped(t: TestDb) {
    let (backend, _) = t.backend();
    for i in 0..30 {
        let someone = email(&format!("p{i}@example.com"));
        let client = from(&format!("2001:db8::{i:x}"));
        assert!(matches!(
            backend
                .verify_sign_in_code(&someone, "123456", &client)
                .await,
            Err(Error::Validation(_))
        ));
    }
    let next = email("next@example.com");
    assert!(
        matches!(
            backend
                .verify_sign_in_code(&next, "123456", &from("2001:db8::ffff"))
                .await,
            Err(Error::RateLimited)
        ),
        "one /64 is one network"
    );
    assert!(matches!(
        backend
            .verify_sign_in_code(&next, "123456", &from("2001:db8:1::1"))
            .await,
        Err(Error::Validation(_))
    ));
}

async fn forged_and_expired_tokens_are_refused(t: TestDb) {
    let (backend, clock) = t.backend();
    let ada = email("ada@example.com");
    backend.request_sign_in_code(&ada, &client()).await.unwrap();
    let code = t.last_code_for("ada@example.com").unwrap();
    let signed_in = backend
        .verify_sign_in_code(&ada, &code, &client())
        .await
        .unwrap();

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
            .verify_sign_in_code(&email("ada@example.com"), bad, &client())
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
    one_client_is_limited_but_nobody_locks_the_owner_out,
    wrong_codes_for_an_address_bring_a_growing_wait,
    wrong_codes_from_one_network_are_capped,
    forged_and_expired_tokens_are_refused,
    malformed_codes_are_a_validation_error,
);
