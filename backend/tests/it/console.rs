//! The staff console: accounts and sign-in (argon2id, TOTP, the lock), the queue (filters,
//! order, keyset pages), justified actions with roles enforced, and the seed.

use backend::{
    Error,
    audit::ChainCheck,
    console::{Action, seed::SeedPlan},
    staff::{LOCK_AFTER, NewStaff, Password, StaffCredentials, StaffMember, totp},
    testing::{TestDb, client},
};
use chrono::Duration;
use domain::{
    DenialReason, Email, ExtensionReason, JurisdictionCode, PauseReason, QueueFilter, RequestKind,
    RequestStatus, StaffRole, Statement,
};
use sea_orm::ConnectionTrait;

const PASSWORD: &str = "correct horse battery";

fn reason(text: &str) -> Statement {
    Statement::parse("reason", text).unwrap()
}

/// Creates an account of `role` and signs it in; returns the member as the console sees them.
async fn staff(backend: &backend::Backend, address: &str, role: StaffRole) -> StaffMember {
    let email = Email::parse(address).unwrap();
    backend
        .create_staff(NewStaff {
            email: email.clone(),
            role,
            password: Some(Password(PASSWORD.into())),
            totp: false,
        })
        .await
        .unwrap();
    let token = backend
        .staff_sign_in(credentials(address, PASSWORD, None), &client())
        .await
        .unwrap();
    backend.staff_session(&token).await.unwrap()
}

fn credentials(address: &str, password: &str, code: Option<String>) -> StaffCredentials {
    StaffCredentials {
        email: Email::parse(address).unwrap(),
        password: Password(password.into()),
        code,
    }
}

async fn accounts_sign_in_lock_and_disable(t: TestDb) {
    let (backend, clock) = t.backend();
    let created = backend
        .create_staff(NewStaff {
            email: Email::parse("ops@example.com").unwrap(),
            role: StaffRole::Operator,
            password: None,
            totp: false,
        })
        .await
        .unwrap();
    let generated = created.password.expect("a generated password").0;
    assert!(generated.len() >= 20);
    let stored = backend.list_staff().await.unwrap();
    assert_eq!(stored.len(), 1);
    let again = backend
        .create_staff(NewStaff {
            email: Email::parse("ops@example.com").unwrap(),
            role: StaffRole::Legal,
            password: Some(Password("short".into())),
            totp: false,
        })
        .await;
    assert!(
        matches!(again, Err(Error::Validation(_))),
        "too short first"
    );

    // An unknown address and a wrong password are refused alike.
    let unknown = backend
        .staff_sign_in(
            credentials("nobody@example.com", &generated, None),
            &client(),
        )
        .await;
    assert!(matches!(unknown, Err(Error::Unauthenticated)));
    for _ in 0..LOCK_AFTER {
        let wrong = backend
            .staff_sign_in(
                credentials("ops@example.com", "not the password", None),
                &client(),
            )
            .await;
        assert!(matches!(wrong, Err(Error::Unauthenticated)));
    }
    // Locked: even the right password is refused, in the same words.
    let locked = backend
        .staff_sign_in(credentials("ops@example.com", &generated, None), &client())
        .await;
    assert!(matches!(locked, Err(Error::Unauthenticated)));
    clock.advance(Duration::minutes(16));
    let token = backend
        .staff_sign_in(credentials("ops@example.com", &generated, None), &client())
        .await
        .unwrap();
    let member = backend.staff_session(&token).await.unwrap();
    assert_eq!(member.role, StaffRole::Operator);

    // A portal session's token opens nothing in the console.
    let portal = backend::staff::StaffToken("not-a-staff-token".into());
    assert!(matches!(
        backend.staff_session(&portal).await,
        Err(Error::Unauthenticated)
    ));

    backend
        .disable_staff(&Email::parse("ops@example.com").unwrap())
        .await
        .unwrap();
    assert!(matches!(
        backend.staff_session(&token).await,
        Err(Error::Unauthenticated)
    ));
    let after = backend
        .staff_sign_in(credentials("ops@example.com", &generated, None), &client())
        .await;
    assert!(matches!(after, Err(Error::Unauthenticated)));
}

async fn totp_is_asked_for_when_the_account_has_it(t: TestDb) {
    let (backend, clock) = t.backend();
    let created = backend
        .create_staff(NewStaff {
            email: Email::parse("legal@example.com").unwrap(),
            role: StaffRole::Legal,
            password: Some(Password(PASSWORD.into())),
            totp: true,
        })
        .await
        .unwrap();
    let uri = created.totp_uri.expect("an otpauth URI").0;
    let secret_b32 = uri
        .split("secret=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap();
    let secret = base32_decode(secret_b32);
    let without = backend
        .staff_sign_in(credentials("legal@example.com", PASSWORD, None), &client())
        .await;
    assert!(matches!(without, Err(Error::Unauthenticated)));
    let code = totp::code_at(&secret, clock.now());
    backend
        .staff_sign_in(
            credentials("legal@example.com", PASSWORD, Some(code)),
            &client(),
        )
        .await
        .unwrap();
}

fn base32_decode(text: &str) -> Vec<u8> {
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let (mut buffer, mut bits, mut out) = (0u32, 0u32, Vec::new());
    for c in text.bytes() {
        let value = alphabet.iter().position(|a| *a == c).unwrap() as u32;
        buffer = (buffer << 5) | value;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
        }
    }
    out
}

async fn the_queue_filters_sorts_and_pages(t: TestDb) {
    let (backend, clock) = t.backend();
    let operator = staff(&backend, "ops@example.com", StaffRole::Operator).await;
    let ada = t.sign_in(&backend, "ada@example.com").await;
    let mut ids = Vec::new();
    for kind in [
        RequestKind::Access,
        RequestKind::Export,
        RequestKind::OptOutSale,
    ] {
        ids.push(backend.submit_request(ada, kind).await.unwrap());
        clock.advance(Duration::days(1));
    }
    let grace = t.sign_in(&backend, "grace@example.com").await;
    backend
        .set_subject_jurisdiction(grace, &JurisdictionCode::parse("DE").unwrap())
        .await
        .unwrap();
    let german = backend
        .submit_request(grace, RequestKind::Access)
        .await
        .unwrap();

    let all = backend
        .queue(&operator, &QueueFilter::default())
        .await
        .unwrap();
    let dues: Vec<_> = all.rows.iter().map(|r| r.due_at.unwrap()).collect();
    let mut sorted = dues.clone();
    sorted.sort();
    assert_eq!(dues, sorted, "earliest deadline first");
    assert_eq!(all.rows.len(), 4);

    let filter = QueueFilter::parse([("jurisdiction", "DE")]).unwrap();
    let de = backend.queue(&operator, &filter).await.unwrap();
    assert_eq!(
        de.rows.iter().map(|r| r.id.clone()).collect::<Vec<_>>(),
        [german.to_string()]
    );

    let by_address = QueueFilter::parse([("q", "Ada@Example.com")]).unwrap();
    assert_eq!(
        backend
            .queue(&operator, &by_address)
            .await
            .unwrap()
            .rows
            .len(),
        3
    );
    let by_id = QueueFilter::parse([("q", ids[1].to_string().as_str())]).unwrap();
    assert_eq!(
        backend.queue(&operator, &by_id).await.unwrap().rows.len(),
        1
    );
    let nothing = QueueFilter::parse([("q", "no such thing")]).unwrap();
    assert!(
        backend
            .queue(&operator, &nothing)
            .await
            .unwrap()
            .rows
            .is_empty()
    );

    // Overdue: none yet; after 60 days all are.
    let overdue = QueueFilter::parse([("overdue", "true")]).unwrap();
    assert!(
        backend
            .queue(&operator, &overdue)
            .await
            .unwrap()
            .rows
            .is_empty()
    );
    clock.advance(Duration::days(60));
    let late = backend.queue(&operator, &overdue).await.unwrap();
    assert_eq!(late.rows.len(), 4);
    assert!(
        late.rows
            .iter()
            .all(|r| r.risk == domain::console::Risk::Overdue)
    );
    // The views' counts are shared for a few seconds: the first load after the clock moved
    // serves the old ones and starts one recount, which later loads show.
    let overdue_count = |page: &domain::console::QueuePage| {
        page.views
            .iter()
            .find(|v| v.view == domain::console::SavedView::Overdue)
            .map(|v| v.count)
    };
    assert_eq!(overdue_count(&late), Some(0), "stale, as designed");
    let mut fresh = None;
    for _ in 0..100 {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        let page = backend
            .queue(&operator, &QueueFilter::default())
            .await
            .unwrap();
        fresh = overdue_count(&page);
        if fresh == Some(4) {
            break;
        }
    }
    assert_eq!(fresh, Some(4), "recounted in the background");
}

async fn keyset_pages_cover_every_row_once(t: TestDb) {
    let (backend, _) = t.backend();
    let operator = staff(&backend, "ops@example.com", StaffRole::Operator).await;
    backend
        .seed(
            SeedPlan {
                requests: 400,
                seed: 7,
            },
            |_| {},
        )
        .await
        .unwrap();
    let mut filter = QueueFilter {
        unverified: true,
        ..QueueFilter::default()
    };
    let mut seen = Vec::new();
    loop {
        let page = backend.queue(&operator, &filter).await.unwrap();
        seen.extend(page.rows.iter().map(|r| (r.due_at, r.id.clone())));
        let Some(next) = page.next else { break };
        filter = QueueFilter::parse([("unverified", "true"), ("after", next.as_str())]).unwrap();
    }
    let mut sorted = seen.clone();
    sorted.sort();
    assert_eq!(seen, sorted, "pages follow on in order");
    sorted.dedup();
    assert_eq!(sorted.len(), seen.len(), "no row twice");
    let open = "SELECT COUNT(*) AS n FROM requests WHERE closed_at IS NULL";
    let row =
        t.db.query_one_raw(sea_orm::Statement::from_string(
            t.db.get_database_backend(),
            open,
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.try_get::<i64>("", "n").unwrap() as usize, seen.len());
}

async fn actions_are_justified_and_roles_enforced(t: TestDb) {
    let (backend, _) = t.backend();
    let operator = staff(&backend, "ops@example.com", StaffRole::Operator).await;
    let legal = staff(&backend, "legal@example.com", StaffRole::Legal).await;
    let ada = t.sign_in(&backend, "ada@example.com").await;
    let correction = domain::Filing::correction("My surname", "Lovelace").unwrap();
    let id = backend.submit(ada, &correction).await.unwrap();

    let refused = backend
        .staff_act(&legal, id, Action::Approve, &reason("looks fine"))
        .await;
    assert!(matches!(refused, Err(Error::Forbidden)));
    assert!(matches!(
        backend.staff_note(&legal, id, &reason("a note")).await,
        Err(Error::Forbidden)
    ));
    assert_eq!(
        backend.request_view(id).await.unwrap().status,
        RequestStatus::PendingApproval
    );

    let assign = Action::Assign {
        to: Some(operator.id),
    };
    backend
        .staff_act(&operator, id, assign, &reason("mine"))
        .await
        .unwrap();
    let bad = Action::Assign { to: Some(legal.id) };
    assert!(matches!(
        backend
            .staff_act(&operator, id, bad, &reason("theirs"))
            .await,
        Err(Error::Validation(_))
    ));
    backend
        .staff_act(
            &operator,
            id,
            Action::Approve,
            &reason("matches the account"),
        )
        .await
        .unwrap();
    let page = backend.console_request(&operator, id).await.unwrap();
    assert_eq!(page.row.assignee.as_deref(), Some("ops@example.com"));
    assert_eq!(page.chain_broken_at, None);
    let justified: Vec<_> = page
        .chain
        .iter()
        .filter(|e| e.action == "justified")
        .collect();
    assert_eq!(justified.len(), 2, "assign and approve");
    assert!(justified[1].detail.contains(&operator.id.to_string()));
    assert!(justified[1].detail.contains("\"approve\""));
    assert_eq!(page.notes.len(), 2);
    assert_eq!(page.notes[1].body, "matches the account");
    assert!(matches!(
        backend.verify_audit_chain(id).await.unwrap(),
        ChainCheck::Intact(_)
    ));

    // Denying what the systems already have is refused, and nothing is written.
    let again = Action::Deny {
        reason: DenialReason::Other,
        message: reason("No."),
    };
    assert!(matches!(
        backend
            .staff_act(&operator, id, again, &reason("late"))
            .await,
        Err(Error::Conflict(_))
    ));
    assert_eq!(
        backend
            .console_request(&operator, id)
            .await
            .unwrap()
            .notes
            .len(),
        2
    );
}

async fn the_clock_pauses_only_where_the_law_allows_and_extends_with_notice(t: TestDb) {
    let (backend, clock) = t.backend();
    let operator = staff(&backend, "ops@example.com", StaffRole::Operator).await;
    // California: the CCPA has no pause.
    let ada = t.sign_in(&backend, "ada@example.com").await;
    let correction = domain::Filing::correction("My surname", "Lovelace").unwrap();
    let ccpa = backend.submit(ada, &correction).await.unwrap();
    let paused = backend
        .staff_act(
            &operator,
            ccpa,
            Action::Pause {
                reason: PauseReason::IdentityCheck,
            },
            &reason("ID"),
        )
        .await;
    assert!(paused.is_err(), "{paused:?}");

    // Germany: the GDPR pauses for an identity check; resuming moves the date.
    let grace = t.sign_in(&backend, "grace@example.com").await;
    backend
        .set_subject_jurisdiction(grace, &JurisdictionCode::parse("DE").unwrap())
        .await
        .unwrap();
    let gdpr = backend.submit(grace, &correction).await.unwrap();
    let before = backend.request_view(gdpr).await.unwrap();
    backend
        .staff_act(
            &operator,
            gdpr,
            Action::Pause {
                reason: PauseReason::IdentityCheck,
            },
            &reason("asked for ID"),
        )
        .await
        .unwrap();
    assert_eq!(
        backend.request_view(gdpr).await.unwrap().status,
        RequestStatus::OnHold
    );
    clock.advance(Duration::days(5));
    backend
        .staff_act(&operator, gdpr, Action::Resume, &reason("ID arrived"))
        .await
        .unwrap();
    let after = backend.request_view(gdpr).await.unwrap();
    assert_eq!(after.status, RequestStatus::PendingApproval);
    assert!(
        after.respond_by > before.respond_by,
        "the pause moved the date"
    );
    let board = backend.deadline_dashboard().await.unwrap();
    let (why, used) = &board.pauses[0];
    assert_eq!(
        (*why, used.pauses, used.days),
        (Some(PauseReason::IdentityCheck), 1, 5)
    );

    let extend = Action::Extend {
        reason: ExtensionReason::Complex,
    };
    backend
        .staff_act(&operator, gdpr, extend, &reason("many systems"))
        .await
        .unwrap();
    let extended = backend.request_view(gdpr).await.unwrap();
    assert!(extended.extended);
    let notices = "SELECT COUNT(*) AS n FROM jobs WHERE kind = 'mail.request_extended'";
    let row =
        t.db.query_one_raw(sea_orm::Statement::from_string(
            t.db.get_database_backend(),
            notices,
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        row.try_get::<i64>("", "n").unwrap(),
        1,
        "the person is told"
    );
}

async fn bulk_changes_only_what_its_dry_run_listed(t: TestDb) {
    let (backend, _) = t.backend();
    let operator = staff(&backend, "ops@example.com", StaffRole::Operator).await;
    let correction = domain::Filing::correction("My surname", "Lovelace").unwrap();
    let mut ids = Vec::new();
    for n in 0..3 {
        let person = t.sign_in(&backend, &format!("p{n}@example.com")).await;
        ids.push(backend.submit(person, &correction).await.unwrap());
    }
    let filter = QueueFilter::default();
    let preview = backend
        .bulk_preview(&operator, &filter, domain::BulkKind::Approve)
        .await
        .unwrap();
    assert_eq!(preview.rows.len(), 3);
    // A fourth arrives after the dry run: applying it leaves that one alone.
    let late = t.sign_in(&backend, "late@example.com").await;
    let fourth = backend.submit(late, &correction).await.unwrap();
    let listed: Vec<_> = preview.rows.iter().map(|r| r.id.parse().unwrap()).collect();
    let outcome = backend
        .bulk_apply(&operator, &listed, &Action::Approve, &reason("batch"))
        .await
        .unwrap();
    assert_eq!((outcome.changed, outcome.skipped), (3, 0));
    for id in ids {
        assert_ne!(
            backend.request_view(id).await.unwrap().status,
            RequestStatus::PendingApproval
        );
    }
    assert_eq!(
        backend.request_view(fourth).await.unwrap().status,
        RequestStatus::PendingApproval
    );
    // Applied again, the same list changes nothing.
    let outcome = backend
        .bulk_apply(&operator, &listed, &Action::Approve, &reason("batch"))
        .await
        .unwrap();
    assert_eq!((outcome.changed, outcome.skipped), (0, 3));
}

async fn the_seed_is_reproducible_with_intact_chains(t: TestDb) {
    let (backend, _) = t.backend();
    let mut progress = Vec::new();
    let seeded = backend
        .seed(
            SeedPlan {
                requests: 2_500,
                seed: 11,
            },
            |n| progress.push(n),
        )
        .await
        .unwrap();
    assert_eq!(seeded.requests, 2_500);
    assert_eq!(progress.last(), Some(&2_500));
    assert!(seeded.events > 2 * 2_500);
    let again = backend
        .seed(
            SeedPlan {
                requests: 10,
                seed: 11,
            },
            |_| {},
        )
        .await;
    assert!(
        matches!(again, Err(Error::Conflict(_))),
        "an empty database only"
    );

    let count = |sql: &'static str| {
        let db = t.db.clone();
        async move {
            let row = db
                .query_one_raw(sea_orm::Statement::from_string(
                    db.get_database_backend(),
                    sql,
                ))
                .await
                .unwrap()
                .unwrap();
            row.try_get::<i64>("", "n").unwrap()
        }
    };
    for status in [
        "completed",
        "denied",
        "in_progress",
        "pending_approval",
        "on_hold",
    ] {
        let sql = format!("SELECT COUNT(*) AS n FROM requests WHERE status = '{status}'");
        let sql: &'static str = Box::leak(sql.into_boxed_str());
        assert!(count(sql).await > 0, "some {status}");
    }
    assert!(count("SELECT COUNT(*) AS n FROM requests WHERE extended").await > 0);
    assert!(count("SELECT COUNT(*) AS n FROM requests WHERE due_at IS NULL").await == 0);
    let sample = "SELECT id FROM requests ORDER BY id LIMIT 50";
    let rows =
        t.db.query_all_raw(sea_orm::Statement::from_string(
            t.db.get_database_backend(),
            sample,
        ))
        .await
        .unwrap();
    for row in rows {
        let id: uuid::Uuid = row.try_get("", "id").unwrap();
        assert!(matches!(
            backend.verify_audit_chain(id).await.unwrap(),
            ChainCheck::Intact(_)
        ));
    }

    // The same seed on another database gives the same requests.
    let other = TestDb::sqlite().await;
    let (other_backend, _) = other.backend();
    other_backend
        .seed(
            SeedPlan {
                requests: 2_500,
                seed: 11,
            },
            |_| {},
        )
        .await
        .unwrap();
    let first =
        t.db.query_one_raw(sea_orm::Statement::from_string(
            t.db.get_database_backend(),
            sample,
        ))
        .await
        .unwrap()
        .unwrap();
    let first_other = other
        .db
        .query_one_raw(sea_orm::Statement::from_string(
            other.db.get_database_backend(),
            sample,
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        first.try_get::<uuid::Uuid>("", "id").unwrap(),
        first_other.try_get::<uuid::Uuid>("", "id").unwrap()
    );
}

backend::db_tests!(
    accounts_sign_in_lock_and_disable,
    totp_is_asked_for_when_the_account_has_it,
    the_queue_filters_sorts_and_pages,
    keyset_pages_cover_every_row_once,
    actions_are_justified_and_roles_enforced,
    the_clock_pauses_only_where_the_law_allows_and_extends_with_notice,
    bulk_changes_only_what_its_dry_run_listed,
    the_seed_is_reproducible_with_intact_chains,
);
