//! `verify_audit_log` and anchors: a tampered entry is named with its request, position and
//! id; a chain's deleted last entry, which leaves the chain itself whole, is caught by the
//! anchor; a request whose whole chain is deleted is named.

use backend::{
    audit::{BrokenAnchor, BrokenChain},
    console::seed::SeedPlan,
    testing::TestDb,
};
use chrono::Duration;
use sea_orm::{ConnectionTrait, Statement};
use uuid::Uuid;

/// The first row `sql` returns, as (request id, entry id).
async fn entry(t: &TestDb, sql: &str) -> (Uuid, i64) {
    let row =
        t.db.query_one_raw(Statement::from_string(t.db.get_database_backend(), sql))
            .await
            .unwrap()
            .unwrap();
    (
        row.try_get("", "request_id").unwrap(),
        row.try_get("", "id").unwrap(),
    )
}

async fn tampering_and_deletions_are_named(t: TestDb) {
    let (backend, clock) = t.backend();
    let empty = backend.verify_audit_log(|_, _| {}).await.unwrap();
    assert!(empty.intact() && empty.chains == 0);
    backend
        .seed(
            SeedPlan {
                requests: 40,
                seed: 3,
            },
            |_| {},
        )
        .await
        .unwrap();
    // Seeded entries go up to now: an anchor takes them once they are a minute old.
    clock.advance(Duration::minutes(2));
    let anchor = backend.anchor_audit_log().await.unwrap().unwrap();
    assert!(backend.anchor_audit_log().await.unwrap().is_none());
    let mut steps = Vec::new();
    let report = backend
        .verify_audit_log(|step, _| steps.push(step))
        .await
        .unwrap();
    assert!(report.intact(), "{report:?}");
    assert_eq!((report.chains, report.anchors), (40, 1));
    assert_eq!(report.events as i64, anchor.events);
    assert!(steps.contains(&"chains") && steps.contains(&"anchors"));

    // An entry's detail rewritten: its chain is named at that entry; the anchor, over the
    // stored hashes, still matches.
    let sql = "SELECT request_id, id FROM request_events WHERE seq = 2 ORDER BY id LIMIT 1";
    let (tampered, event) = entry(&t, sql).await;
    let update = format!("UPDATE request_events SET detail = '{{\"x\":1}}' WHERE id = {event}");
    t.db.execute_unprepared(&update).await.unwrap();
    let report = backend.verify_audit_log(|_, _| {}).await.unwrap();
    let named = BrokenChain {
        request_id: tampered,
        seq: 2,
        event_id: Some(event),
    };
    assert_eq!(report.broken, vec![named.clone()]);
    assert!(report.anchor.is_none() && !report.intact());

    // Another chain's last entry deleted: what is left of the chain verifies, the anchor
    // does not.
    let sql = format!(
        "SELECT request_id, MAX(id) AS id FROM request_events WHERE request_id <> \
         (SELECT request_id FROM request_events WHERE id = {event}) \
         GROUP BY request_id HAVING COUNT(*) >= 2 ORDER BY MAX(id) LIMIT 1"
    );
    let (_, last) = entry(&t, &sql).await;
    let delete = format!("DELETE FROM request_events WHERE id = {last}");
    t.db.execute_unprepared(&delete).await.unwrap();
    let report = backend.verify_audit_log(|_, _| {}).await.unwrap();
    assert_eq!(report.broken, vec![named]);
    assert_eq!(
        report.anchor,
        Some(BrokenAnchor {
            anchor_id: anchor.id,
            after_event: 0,
            up_to_event: anchor.up_to_event,
            recorded: anchor.events,
            found: anchor.events - 1,
        })
    );

    // A whole chain deleted: its request is named.
    let sql = format!(
        "SELECT request_id, id FROM request_events WHERE seq = 1 AND id > {event} \
         AND request_id <> (SELECT request_id FROM request_events WHERE id = {event}) \
         ORDER BY id LIMIT 1"
    );
    let (gone, first) = entry(&t, &sql).await;
    let delete = format!(
        "DELETE FROM request_events WHERE request_id = \
         (SELECT request_id FROM request_events WHERE id = {first})"
    );
    t.db.execute_unprepared(&delete).await.unwrap();
    let report = backend.verify_audit_log(|_, _| {}).await.unwrap();
    assert_eq!(report.missing, vec![gone]);
    assert_eq!(report.chains, 39);
}

backend::db_tests!(tampering_and_deletions_are_named);
