//! Failed logins slowed down without locking the owner out: counted per account at an address
//! first, then per address and per account; counted before the password is checked, so a
//! parallel burst gets no more guesses than a sequence; old failures purged; Argon2 kept off
//! the async workers.

#![allow(clippy::unwrap_used)]

mod common;
mod signin;

use futures::future::join_all;
use model::login::{
    FREE_FAILURES_PER_ACCOUNT, FREE_FAILURES_PER_ACCOUNT_AT_ADDRESS, FREE_FAILURES_PER_ADDRESS,
};
use model::time::Timestamp;
use server::http::auth::{sign_in, LoginRefused};
use server::storage::Store;
use server::usecases::password::{hash_limit, hashes_finished, hashes_running};
use signin::{named, someone, PASSWORD};
use std::net::IpAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

const T0: Timestamp = Timestamp(1_800_000_000);

fn address(last: u16) -> Option<IpAddr> {
    let [high, low] = last.to_be_bytes();
    Some(IpAddr::from([10, 1, high, low]))
}

async fn a_burst_of_parallel_guesses_gets_no_more_through_than_the_free_ones(store: &Store) {
    let username = someone(store).await;
    let burst = 3 * FREE_FAILURES_PER_ACCOUNT_AT_ADDRESS;
    let guesses = (0..burst).map(|n| {
        let username = username.clone();
        async move { sign_in(store, &username, &format!("tebakan-{n}"), address(1), T0).await }
    });
    let results = join_all(guesses).await;
    let checked = results
        .iter()
        .filter(|r| **r == Err(LoginRefused::WrongCredentials))
        .count();
    let held = results
        .iter()
        .filter(|r| matches!(r, Err(LoginRefused::Wait(_))))
        .count();
    assert_eq!(
        (checked, held),
        (
            FREE_FAILURES_PER_ACCOUNT_AT_ADDRESS as usize,
            (burst - FREE_FAILURES_PER_ACCOUNT_AT_ADDRESS) as usize
        ),
        "{results:?}"
    );
    let pair = format!("pair:10.1.0.1|{username}");
    assert_eq!(
        store.login_failures(&pair).await.unwrap().count,
        FREE_FAILURES_PER_ACCOUNT_AT_ADDRESS
    );
    // The refused ones were not counted under the account either.
    assert_eq!(
        store
            .login_failures(&format!("user:{username}"))
            .await
            .unwrap()
            .count,
        FREE_FAILURES_PER_ACCOUNT_AT_ADDRESS
    );
}
both!(
    burst,
    a_burst_of_parallel_guesses_gets_no_more_through_than_the_free_ones
);

async fn someone_guessing_from_elsewhere_does_not_keep_the_owner_out(store: &Store) {
    let username = someone(store).await;
    let (guesser, owner) = (address(66), address(7));
    // The guesser keeps going, twice as many as their free failures, at the same moment.
    for _ in 0..2 * FREE_FAILURES_PER_ACCOUNT_AT_ADDRESS {
        let _ = sign_in(store, &username, "salah", guesser, T0).await;
    }
    assert_eq!(
        sign_in(store, &username, PASSWORD, guesser, T0).await,
        Err(LoginRefused::Wait(1))
    );
    // The owner, on their own address, signs in at once.
    assert!(sign_in(store, &username, PASSWORD, owner, T0).await.is_ok());
    // Their own mistakes do slow them down.
    for _ in 0..FREE_FAILURES_PER_ACCOUNT_AT_ADDRESS {
        assert_eq!(
            sign_in(store, &username, "salah", owner, T0).await,
            Err(LoginRefused::WrongCredentials)
        );
    }
    assert_eq!(
        sign_in(store, &username, PASSWORD, owner, T0).await,
        Err(LoginRefused::Wait(1))
    );
}
both!(
    elsewhere,
    someone_guessing_from_elsewhere_does_not_keep_the_owner_out
);

async fn guesses_spread_over_many_addresses_meet_the_account_ceiling(store: &Store) {
    let username = someone(store).await;
    // Each address stays under its own limit; together they reach the account's.
    let per_address = FREE_FAILURES_PER_ACCOUNT_AT_ADDRESS - 1;
    let addresses = FREE_FAILURES_PER_ACCOUNT.div_ceil(per_address);
    let mut failed = 0;
    'guessing: for a in 0..addresses {
        for _ in 0..per_address {
            if failed == FREE_FAILURES_PER_ACCOUNT {
                break 'guessing;
            }
            let guess = sign_in(store, &username, "salah", address(100 + a as u16), T0).await;
            assert_eq!(guess, Err(LoginRefused::WrongCredentials));
            failed += 1;
        }
    }
    // Now even the owner from a fresh address waits, 1 s for the first failure past the free.
    assert_eq!(
        sign_in(store, &username, PASSWORD, address(7), T0).await,
        Err(LoginRefused::Wait(1))
    );
    // That refusal was taken back from their own key: only the account holds it up.
    assert_eq!(
        store
            .login_failures(&format!("pair:10.1.0.7|{username}"))
            .await
            .unwrap()
            .count,
        0
    );
    assert!(
        sign_in(store, &username, PASSWORD, address(7), T0.plus_seconds(1))
            .await
            .is_ok()
    );
}
both!(
    ceiling,
    guesses_spread_over_many_addresses_meet_the_account_ceiling
);

async fn a_successful_login_forgives_only_its_own_failures_on_the_address(store: &Store) {
    // The guesser holds an account of their own and signs in to it between guesses.
    let own = named(store, "penebak").await;
    let from = address(9);
    let key = "addr:10.1.0.9";
    for _ in 0..2 {
        let _ = sign_in(store, &own, "salah-ketik", from, T0).await;
    }
    for n in 0..FREE_FAILURES_PER_ADDRESS - 3 {
        let _ = sign_in(store, &format!("tebakan{n}"), "salah", from, T0).await;
    }
    assert_eq!(
        store.login_failures(key).await.unwrap().count,
        FREE_FAILURES_PER_ADDRESS - 1
    );
    assert!(sign_in(store, &own, PASSWORD, from, T0).await.is_ok());
    // Their own two typos and the success are forgiven; the guesses at others stay.
    assert_eq!(
        store.login_failures(key).await.unwrap().count,
        FREE_FAILURES_PER_ADDRESS - 3
    );
    for n in 0..3 {
        let _ = sign_in(store, &format!("lagi{n}"), "salah", from, T0).await;
    }
    assert_eq!(
        sign_in(store, "lagi.lagi", "salah", from, T0).await,
        Err(LoginRefused::Wait(1))
    );
}
both!(
    forgive,
    a_successful_login_forgives_only_its_own_failures_on_the_address
);

async fn failures_a_day_old_are_purged_at_the_next_attempt(store: &Store) {
    someone(store).await;
    let _ = sign_in(store, "lama", "salah", address(1), T0).await;
    let day = model::login::FORGET_AFTER_SECONDS;
    let recent = T0.plus_seconds(day - 10);
    let _ = sign_in(store, "baru", "salah", address(2), recent).await;
    assert_eq!(store.login_failure_keys().await.unwrap().len(), 6);
    let _ = sign_in(
        store,
        "operator.uji",
        PASSWORD,
        address(3),
        T0.plus_seconds(day + 1),
    )
    .await;
    assert_eq!(
        store.login_failure_keys().await.unwrap(),
        ["addr:10.1.0.2", "pair:10.1.0.2|baru", "user:baru"]
    );
    // A purge removes nothing a day has not passed over.
    assert_eq!(
        store.purge_login_failures(recent).await.unwrap(),
        0,
        "rows counted at the cut-off stay"
    );
}
both!(purge, failures_a_day_old_are_purged_at_the_next_attempt);

async fn sign_ins_hash_off_the_async_workers_so_other_tasks_keep_running(store: &Store) {
    // One thread runs every task here: had Argon2 run on it, no other task could ever see a
    // hash in progress.
    assert_eq!(
        tokio::runtime::Handle::current().runtime_flavor(),
        tokio::runtime::RuntimeFlavor::CurrentThread
    );
    let username = someone(store).await;
    let finished_before = hashes_finished();
    let done = Arc::new(AtomicBool::new(false));
    let watcher = tokio::spawn({
        let done = done.clone();
        async move {
            let mut peak = 0;
            while !done.load(Ordering::SeqCst) {
                peak = peak.max(hashes_running());
                tokio::task::yield_now().await;
            }
            peak
        }
    });
    // Right passwords, wrong ones and unknown names (checked against the decoy), at once.
    let attempts = (0..6u16).map(|n| {
        let username = if n % 3 == 2 {
            format!("tidak.ada{n}")
        } else {
            username.clone()
        };
        let password = if n % 3 == 0 { PASSWORD } else { "salah" };
        async move { sign_in(store, &username, password, address(n), T0).await }
    });
    let results = join_all(attempts).await;
    done.store(true, Ordering::SeqCst);
    let peak = watcher.await.unwrap();
    assert_eq!(
        results.iter().filter(|r| r.is_ok()).count(),
        2,
        "{results:?}"
    );
    assert_eq!(
        results
            .iter()
            .filter(|r| **r == Err(LoginRefused::WrongCredentials))
            .count(),
        4
    );
    assert!(peak >= 1, "no other task ran while a password was checked");
    assert!(
        peak <= hash_limit(),
        "{peak} hashes ran at once, over the bound of {}",
        hash_limit()
    );
    assert!(hashes_finished() - finished_before >= 6);
}
both!(
    off_the_workers,
    sign_ins_hash_off_the_async_workers_so_other_tasks_keep_running
);
