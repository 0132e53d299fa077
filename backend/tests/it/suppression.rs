//! The suppression check's in-memory index: every check reflects every training choice
//! committed before it, whichever process wrote it and whenever it took effect.

use backend::testing::TestDb;
use chrono::Duration;
use domain::Email;

fn emails(addresses: &[&str]) -> Vec<Email> {
    addresses.iter().map(|a| Email::parse(a).unwrap()).collect()
}

async fn a_check_sees_choices_made_here_and_by_another_process(t: TestDb) {
    let (backend, clock) = t.backend();
    let both = emails(&["ada@example.com", "bob@example.com"]);
    let ada = t.sign_in(&backend, "ada@example.com").await;
    assert!(backend.suppressed_emails(&both).await.unwrap().is_empty());

    backend.set_training_opt_out(ada, true).await.unwrap();
    assert_eq!(backend.suppressed_emails(&both).await.unwrap(), both[..1]);

    // A second backend over the same database is another process: its record reaches this
    // one's index at the next check.
    let (other, _) = t.backend();
    let bob = t.sign_in(&other, "bob@example.com").await;
    other.set_training_opt_out(bob, true).await.unwrap();
    assert_eq!(backend.suppressed_emails(&both).await.unwrap(), both);

    // Past the window the index reads again, Ada opts back in.
    clock.advance(Duration::minutes(1));
    backend.set_training_opt_out(ada, false).await.unwrap();
    assert_eq!(backend.suppressed_emails(&both).await.unwrap(), both[1..]);
    assert_eq!(backend.suppressed_emails(&both).await.unwrap(), both[1..]);
}

async fn a_record_dated_before_the_window_is_not_missed(t: TestDb) {
    let (backend, clock) = t.backend();
    let people = emails(&["person0@example.com", "person1@example.com"]);
    // The index is built a day ahead; the seeded opt-out is dated now, long before its window.
    clock.advance(Duration::days(1));
    assert!(backend.suppressed_emails(&people).await.unwrap().is_empty());
    backend::testing::seed_people(&t.db, &backend, 2, 2).await;
    assert_eq!(
        backend.suppressed_emails(&people).await.unwrap(),
        people[..1]
    );
}

backend::db_tests!(
    a_check_sees_choices_made_here_and_by_another_process,
    a_record_dated_before_the_window_is_not_missed,
);
