//! Moments, as whole seconds since the Unix epoch (UTC), and how a reader sees them: in their
//! unit's zone (WIB, WITA or WIT), with its abbreviation. The model never reads a clock: the
//! server passes the time in, so every rule that depends on it is testable. Stored times stay UTC;
//! only what is shown is shifted.

pub mod zone;

pub use zone::{zone_of_person, zone_of_unit, Zone};

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
];

/// The months' names in full, as a date is written in a letter ("31 Desember 2024").
pub const MONTH_NAMES: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

impl Timestamp {
    pub fn plus_seconds(self, seconds: i64) -> Timestamp {
        Timestamp(self.0.saturating_add(seconds))
    }

    /// The moment as a reader in `zone` sees it. A moment beyond what the calendar covers
    /// (years -9999..=9999) reads as its nearest end.
    pub fn in_zone(self, zone: Zone) -> LocalTime {
        let moment = jiff::Timestamp::from_second(self.0).unwrap_or(if self.0 < 0 {
            jiff::Timestamp::MIN
        } else {
            jiff::Timestamp::MAX
        });
        LocalTime {
            civil: zone.offset().to_datetime(moment),
            zone,
        }
    }
}

/// A moment on a zone's wall clock: `28 Nov 2026 20.13 WITA` (Indonesian month names and the
/// period between hour and minute).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LocalTime {
    civil: jiff::civil::DateTime,
    zone: Zone,
}

impl LocalTime {
    pub fn year(self) -> i32 {
        i32::from(self.civil.year())
    }

    /// 1 = January .. 12 = December.
    pub fn month(self) -> u32 {
        u32::try_from(self.civil.month()).unwrap_or(1)
    }

    /// The day of the month, 1..=31.
    pub fn day(self) -> u32 {
        u32::try_from(self.civil.day()).unwrap_or(1)
    }

    pub fn zone(self) -> Zone {
        self.zone
    }

    /// `28 Nov 2026`: the day alone, for a document's date.
    pub fn date(self) -> String {
        let name = MONTHS
            .get(usize::try_from(self.civil.month() - 1).unwrap_or(0))
            .copied()
            .unwrap_or("?");
        format!("{} {name} {}", self.civil.day(), self.civil.year())
    }
}

impl fmt::Display for LocalTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {:02}.{:02} {}",
            self.date(),
            self.civil.hour(),
            self.civil.minute(),
            self.zone.code()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(at: i64, zone: Zone) -> String {
        Timestamp(at).in_zone(zone).to_string()
    }

    #[test]
    fn the_epoch_is_seven_in_the_morning_in_western_indonesia() {
        assert_eq!(shown(0, Zone::Wib), "1 Jan 1970 07.00 WIB");
    }

    #[test]
    fn one_moment_reads_in_each_of_the_three_zones_with_its_abbreviation() {
        // 2026-11-28T12:13:29Z
        let at = 1_795_868_009;
        assert_eq!(shown(at, Zone::Wib), "28 Nov 2026 19.13 WIB");
        assert_eq!(shown(at, Zone::Wita), "28 Nov 2026 20.13 WITA");
        assert_eq!(shown(at, Zone::Wit), "28 Nov 2026 21.13 WIT");
        // 2024-08-17T01:00:00Z
        assert_eq!(shown(1_723_856_400, Zone::Wit), "17 Agu 2024 10.00 WIT");
    }

    #[test]
    fn a_moment_before_midnight_in_utc_is_the_next_day_in_indonesia() {
        // 2024-02-28T16:59:00Z: still the 28th in WIB, already the 29th (a leap day) further east.
        let at = 1_709_139_540;
        assert_eq!(shown(at, Zone::Wib), "28 Feb 2024 23.59 WIB");
        assert_eq!(shown(at, Zone::Wita), "29 Feb 2024 00.59 WITA");
        assert_eq!(shown(at + 60, Zone::Wib), "29 Feb 2024 00.00 WIB");
        // 2024-02-29T15:00:00Z is midnight in WIT: 1 March there.
        assert_eq!(shown(1_709_218_800, Zone::Wit), "1 Mar 2024 00.00 WIT");
        assert_eq!(shown(1_709_218_800, Zone::Wita), "29 Feb 2024 23.00 WITA");
    }

    #[test]
    fn the_year_turns_at_each_zones_own_midnight() {
        // 2025-12-31T15:30:00Z
        let at = 1_767_195_000;
        assert_eq!(shown(at, Zone::Wib), "31 Des 2025 22.30 WIB");
        assert_eq!(shown(at, Zone::Wita), "31 Des 2025 23.30 WITA");
        assert_eq!(shown(at, Zone::Wit), "1 Jan 2026 00.30 WIT");
        let local = Timestamp(at).in_zone(Zone::Wit);
        assert_eq!((local.year(), local.month()), (2026, 1));
        assert_eq!(Timestamp(at).in_zone(Zone::Wita).year(), 2025);
    }

    #[test]
    fn a_day_alone_reads_without_the_hour() {
        assert_eq!(
            Timestamp(1_795_868_009).in_zone(Zone::Wita).date(),
            "28 Nov 2026"
        );
    }

    #[test]
    fn a_moment_beyond_the_calendar_reads_as_its_nearest_end() {
        assert!(shown(i64::MAX, Zone::Wib).contains("9999"));
        assert!(shown(i64::MIN, Zone::Wib).contains("-9999"));
    }
}
