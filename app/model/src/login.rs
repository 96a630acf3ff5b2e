//! Slowing down password guessing. Every attempt is counted under three keys, checked in this
//! order: the account from this address, the address (spraying many accounts from one place),
//! and the account from anywhere (guessing one account from many places). After a key's free
//! failures in a row, the next attempt under it must wait, twice as long after each further
//! failure. The account-from-this-address key comes first and has the fewest free failures, so
//! a person on their own address is slowed by their own mistakes, while someone guessing from
//! elsewhere runs into their own key long before the account's (much higher) ceiling.

use crate::time::Timestamp;

/// Failures allowed in a row for one account from one address before it must wait.
pub const FREE_FAILURES_PER_ACCOUNT_AT_ADDRESS: u32 = 5;
/// Failures allowed in a row from one address (offices share one) before it must wait.
pub const FREE_FAILURES_PER_ADDRESS: u32 = 20;
/// Failures allowed in a row for one account from all addresses together before it must wait:
/// the ceiling for guessing spread over many addresses.
pub const FREE_FAILURES_PER_ACCOUNT: u32 = 50;
/// The longest wait.
pub const MAX_WAIT_SECONDS: i64 = 15 * 60;
/// Failures older than this are forgotten (and their rows removed): far longer than the
/// longest wait, so a pause of one wait does not wipe the count.
pub const FORGET_AFTER_SECONDS: i64 = 24 * 60 * 60;
/// A longer username is refused before it is looked up or any password is hashed.
pub const MAX_USERNAME_CHARS: usize = 64;

/// Failed attempts in a row under one key, and when the last one was counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Failures {
    pub count: u32,
    pub last: Timestamp,
}

impl Failures {
    pub const NONE: Failures = Failures {
        count: 0,
        last: Timestamp(0),
    };
}

/// What a throttle key counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    AccountAtAddress,
    Address,
    Account,
}

/// One key an attempt is counted under, with its free failures.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Throttle {
    pub scope: Scope,
    pub key: String,
    pub free: u32,
}

/// The username as it is looked up (trimmed, lower case); `None` when it is longer than
/// [`MAX_USERNAME_CHARS`], which no account can have.
pub fn login_username(text: &str) -> Option<String> {
    let name = text.trim().to_lowercase();
    (name.chars().count() <= MAX_USERNAME_CHARS).then_some(name)
}

/// The keys an attempt for `username` from `address` (an IP address in text; empty when
/// unknown) is counted under, in the order they are checked.
pub fn throttles(username: &str, address: &str) -> [Throttle; 3] {
    [
        Throttle {
            scope: Scope::AccountAtAddress,
            // An address never contains `|`, so no username can make two pairs share a key.
            key: format!("pair:{address}|{username}"),
            free: FREE_FAILURES_PER_ACCOUNT_AT_ADDRESS,
        },
        Throttle {
            scope: Scope::Address,
            key: format!("addr:{address}"),
            free: FREE_FAILURES_PER_ADDRESS,
        },
        Throttle {
            scope: Scope::Account,
            key: format!("user:{username}"),
            free: FREE_FAILURES_PER_ACCOUNT,
        },
    ]
}

/// Seconds to wait before the next attempt under a key with these `failures` and `free`
/// failures allowed; `None` when an attempt may be made at `now`. The wait after the free
/// failures is 1 s, then doubles with each failure, up to [`MAX_WAIT_SECONDS`], counted from
/// the last failure.
pub fn wait_seconds(failures: Failures, free: u32, now: Timestamp) -> Option<i64> {
    if failures.count < free {
        return None;
    }
    let extra = (failures.count - free).min(20);
    let wait = (1_i64 << extra).min(MAX_WAIT_SECONDS);
    let remaining = failures.last.0.saturating_add(wait).saturating_sub(now.0);
    (remaining > 0).then_some(remaining)
}

/// Failures last counted before this moment are forgotten.
pub fn forget_before(now: Timestamp) -> Timestamp {
    now.plus_seconds(-FORGET_AFTER_SECONDS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failures(count: u32, last: i64) -> Failures {
        Failures {
            count,
            last: Timestamp(last),
        }
    }

    #[test]
    fn the_first_failures_cost_nothing() {
        assert_eq!(wait_seconds(failures(4, 100), 5, Timestamp(100)), None);
        assert_eq!(wait_seconds(Failures::NONE, 5, Timestamp(100)), None);
    }

    #[test]
    fn each_failure_past_the_free_ones_doubles_the_wait_up_to_fifteen_minutes() {
        // 5 free: the 5th failure costs 2^0 = 1 s, the 8th 2^3 = 8 s, counted from the last.
        assert_eq!(wait_seconds(failures(5, 100), 5, Timestamp(100)), Some(1));
        assert_eq!(wait_seconds(failures(8, 100), 5, Timestamp(100)), Some(8));
        assert_eq!(wait_seconds(failures(8, 100), 5, Timestamp(105)), Some(3));
        assert_eq!(wait_seconds(failures(8, 100), 5, Timestamp(108)), None);
        // 2^10 = 1024 s is over the cap of 900 s.
        assert_eq!(
            wait_seconds(failures(15, 0), 5, Timestamp(0)),
            Some(MAX_WAIT_SECONDS)
        );
        assert_eq!(
            wait_seconds(failures(60, 0), 5, Timestamp(0)),
            Some(MAX_WAIT_SECONDS)
        );
    }

    #[test]
    fn an_attempt_is_counted_for_the_account_at_its_address_first_then_the_address_then_the_account(
    ) {
        let keys = throttles("operator.luwuk", "10.1.2.3");
        assert_eq!(
            keys.each_ref().map(|t| (t.scope, t.key.as_str(), t.free)),
            [
                (
                    Scope::AccountAtAddress,
                    "pair:10.1.2.3|operator.luwuk",
                    FREE_FAILURES_PER_ACCOUNT_AT_ADDRESS
                ),
                (Scope::Address, "addr:10.1.2.3", FREE_FAILURES_PER_ADDRESS),
                (
                    Scope::Account,
                    "user:operator.luwuk",
                    FREE_FAILURES_PER_ACCOUNT
                ),
            ]
        );
    }

    #[test]
    fn the_account_at_its_address_is_the_strictest_key_and_the_account_alone_the_most_lenient() {
        let [pair, address, account] = throttles("operator.luwuk", "10.1.2.3").map(|t| t.free);
        assert!(
            pair < address && address < account,
            "{pair} {address} {account}"
        );
    }

    #[test]
    fn a_username_is_looked_up_trimmed_in_lower_case_and_refused_past_64_characters() {
        assert_eq!(
            login_username(" Operator.Luwuk "),
            Some("operator.luwuk".into())
        );
        assert_eq!(login_username(&"a".repeat(64)), Some("a".repeat(64)));
        assert_eq!(login_username(&"a".repeat(65)), None);
        // Characters, not bytes: 64 two-byte letters are still 64.
        assert!(login_username(&"é".repeat(64)).is_some());
    }

    #[test]
    fn failures_are_forgotten_a_day_after_the_last() {
        assert_eq!(
            forget_before(Timestamp(100_000)),
            Timestamp(100_000 - 86_400)
        );
    }
}
