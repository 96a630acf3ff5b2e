//! Moments, as whole seconds since the Unix epoch (UTC). The model never reads a clock: the
//! server passes the time in, so every rule that depends on it is testable.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
];

impl Timestamp {
    pub fn plus_seconds(self, seconds: i64) -> Timestamp {
        Timestamp(self.0.saturating_add(seconds))
    }

    /// (year, month 1..=12, day 1..=31, hour, minute) in UTC.
    fn civil(self) -> (i64, usize, i64, i64, i64) {
        let days = self.0.div_euclid(86_400);
        let seconds = self.0.rem_euclid(86_400);
        // Howard Hinnant's days-to-civil algorithm.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        (
            year,
            month as usize,
            day,
            seconds / 3_600,
            seconds % 3_600 / 60,
        )
    }
}

/// `28 Nov 2026 12.13 UTC`: Indonesian month names and the period between hour and minute.
impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (year, month, day, hour, minute) = self.civil();
        let name = MONTHS.get(month.wrapping_sub(1)).copied().unwrap_or("?");
        write!(f, "{day} {name} {year} {hour:02}.{minute:02} UTC")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_epoch_is_the_first_of_january_1970() {
        assert_eq!(Timestamp(0).to_string(), "1 Jan 1970 00.00 UTC");
    }

    #[test]
    fn a_moment_reads_with_indonesian_month_names() {
        // 2026-11-28T12:13:29Z
        assert_eq!(
            Timestamp(1_795_868_009).to_string(),
            "28 Nov 2026 12.13 UTC"
        );
        // 2024-02-29T23:59:00Z, a leap day
        assert_eq!(
            Timestamp(1_709_251_140).to_string(),
            "29 Feb 2024 23.59 UTC"
        );
        // 2024-08-17T08:00:00Z
        assert_eq!(
            Timestamp(1_723_881_600).to_string(),
            "17 Agu 2024 08.00 UTC"
        );
    }
}
