//! Slowing down password guessing: after a few failures in a row, an account (or an address)
//! must wait before the next attempt, twice as long after each further failure.

use crate::time::Timestamp;

/// Failures allowed in a row for one account before it must wait.
pub const FREE_FAILURES_PER_ACCOUNT: u32 = 5;
/// Failures allowed in a row from one address (offices share one) before it must wait.
pub const FREE_FAILURES_PER_ADDRESS: u32 = 20;
/// The longest wait.
pub const MAX_WAIT_SECONDS: i64 = 15 * 60;

/// Seconds to wait before the next attempt, after `failures` failures in a row, the last at
/// `last`; `None` when an attempt may be made now.
pub fn wait_seconds(failures: u32, free: u32, last: Timestamp, now: Timestamp) -> Option<i64> {
    if failures < free {
        return None;
    }
    let extra = (failures - free).min(20);
    let wait = (1_i64 << extra).min(MAX_WAIT_SECONDS);
    let remaining = last.0.saturating_add(wait).saturating_sub(now.0);
    (remaining > 0).then_some(remaining)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_failures_cost_nothing() {
        assert_eq!(wait_seconds(4, 5, Timestamp(100), Timestamp(100)), None);
    }

    #[test]
    fn each_failure_past_the_free_ones_doubles_the_wait_up_to_fifteen_minutes() {
        assert_eq!(wait_seconds(5, 5, Timestamp(100), Timestamp(100)), Some(1));
        assert_eq!(wait_seconds(8, 5, Timestamp(100), Timestamp(100)), Some(8));
        assert_eq!(wait_seconds(8, 5, Timestamp(100), Timestamp(105)), Some(3));
        assert_eq!(wait_seconds(8, 5, Timestamp(100), Timestamp(108)), None);
        assert_eq!(
            wait_seconds(60, 5, Timestamp(0), Timestamp(0)),
            Some(MAX_WAIT_SECONDS)
        );
    }
}
