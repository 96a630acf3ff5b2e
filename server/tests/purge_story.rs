//! The housekeeping job: what is kept only for a while goes when its time is up, and nothing
//! still in use goes with it.

#![allow(clippy::unwrap_used)]

mod common;

use model::access::Role;
use model::login::Failures;
use model::time::Timestamp;
use server::ops::purge::purge;
use server::storage::Store;

const DAY: i64 = 24 * 60 * 60;
const NOW: Timestamp = Timestamp(1_800_000_000);

async fn expired_sessions_and_day_old_login_failures_go_and_the_rest_stay(store: &Store) {
    let who = common::person_in_unit(store, "LAPAS UJI", Role::Operator).await;
    store
        .create_session("expired", who.id, NOW.plus_seconds(-1))
        .await
        .unwrap();
    store
        .create_session("alive", who.id, NOW.plus_seconds(DAY))
        .await
        .unwrap();
    for (key, at) in [
        ("user:lama", NOW.plus_seconds(-2 * DAY)),
        ("user:baru", NOW),
    ] {
        assert!(store
            .count_login_attempt(key, Failures::NONE, at)
            .await
            .unwrap());
    }

    let purged = purge(store, NOW).await.unwrap();
    assert_eq!((purged.sessions, purged.login_failures), (1, 1));
    assert!(store
        .session("expired", NOW.plus_seconds(-10))
        .await
        .unwrap()
        .is_none());
    assert!(store.session("alive", NOW).await.unwrap().is_some());
    assert_eq!(store.login_failure_keys().await.unwrap(), ["user:baru"]);

    // A second run finds nothing more to do.
    assert_eq!(purge(store, NOW).await.unwrap(), Default::default());
}
both!(
    sessions_and_failures,
    expired_sessions_and_day_old_login_failures_go_and_the_rest_stay
);

/// Three tabs answered: one last seen 100 days ago, one still seen today, one seen both then
/// and today. The purge removes the first only: a late copy of its edit is decided anew (a
/// conflict with the newer value, never an overwrite), the other tabs still get their stored
/// answers.
async fn answers_of_a_client_unseen_for_90_days_go_and_the_rest_stay(kind: common::Kind) {
    use model::edit::{Field, ReportField};
    use model::sync::{Mutation, Outcome};
    use model::Quarter;

    let _serial = common::SERIAL.lock().await;
    let db = common::TestDb::new(kind).await;
    let store = &db.store;
    let plan = common::demo_plan(store).await;
    let loaded = store.load_plan_unchecked(plan).await.unwrap().unwrap();
    let indicator = loaded.goals[0].indicators[0].id.unwrap();
    let operator = common::operator(store, plan).await;
    let edit = |client: &str, seq: u64, quarter: Quarter| Mutation {
        client: client.into(),
        seq,
        plan,
        field: Field::Report(indicator, quarter, ReportField::Note),
        text: format!("{client} {seq}"),
        base_version: 0,
        after: None,
    };
    let sent = vec![
        edit("tab-lama-0001", 1, Quarter::Q1),
        edit("tab-baru-0001", 1, Quarter::Q2),
        edit("tab-campur-01", 1, Quarter::Q3),
        edit("tab-campur-01", 2, Quarter::Q4),
    ];
    let answers = server::usecases::sync::push(store, &operator, sent.clone())
        .await
        .unwrap();
    assert!(
        answers.iter().all(|a| matches!(a, Outcome::Applied { .. })),
        "{answers:?}"
    );
    let hundred_days = 100 * DAY;
    let backdate = format!(
        "UPDATE sync_mutations SET created_at = created_at - {hundred_days} \
         WHERE client_id = 'tab-lama-0001' OR (client_id = 'tab-campur-01' AND seq = 1)"
    );
    db.execute_script((&backdate, &backdate)).await;

    let purged = purge(store, server::clock::now()).await.unwrap();
    assert_eq!(purged.answers, 1);

    // Someone else changes the purged tab's field meanwhile.
    let mut later = edit("tab-baru-0001", 2, Quarter::Q1);
    later.text = "ditimpa".into();
    later.base_version = 1;
    let overwritten = server::usecases::sync::push(store, &operator, vec![later])
        .await
        .unwrap();
    assert_eq!(overwritten, [Outcome::Applied { version: 2 }]);

    let again = server::usecases::sync::push(store, &operator, sent)
        .await
        .unwrap();
    assert_eq!(&again[1..], &answers[1..], "kept answers are replayed");
    assert!(
        matches!(again[0], Outcome::Conflict { .. }),
        "a purged tab's late copy is decided anew, and meets the newer value: {:?}",
        again[0]
    );
    let stored = store.load_plan_unchecked(plan).await.unwrap().unwrap();
    let note = stored.goals[0].indicators[0]
        .quarter(Quarter::Q1)
        .note
        .clone();
    assert_eq!(note, "ditimpa", "never silently overwritten");
    db.finish().await;
}

both_kinds!(
    answers,
    answers_of_a_client_unseen_for_90_days_go_and_the_rest_stay
);
