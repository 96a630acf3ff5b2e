//! The housekeeping job: what is kept only for a while goes when its time is up, and nothing
//! still in use goes with it.

#![allow(clippy::unwrap_used)]

mod common;

use model::access::Role;
use model::login::Failures;
use model::time::Timestamp;
use server::purge::purge;
use server::storage::Store;

const DAY: i64 = 24 * 60 * 60;
const NOW: Timestamp = Timestamp(1_800_000_000);

async fn expired_sessions_and_day_old_login_failures_go_and_the_rest_stay(store: &Store) {
    let unit = store
        .unit_or_new_top("LAPAS UJI", &common::cli())
        .await
        .unwrap();
    let who = common::person(
        store,
        &[Grant {
            unit,
            role: Role::Operator,
        }],
    )
    .await;
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
