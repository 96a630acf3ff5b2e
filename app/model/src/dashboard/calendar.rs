//! Which quarters of a fiscal year are over, and which has begun, on a given month.
//!
//! A quarter's report is *due* once the quarter has ended: staff report a quarter after it
//! closes, so a running quarter is never called late. From April the TW I report is due, from
//! July TW II, from October TW III, and from January of the next year TW IV. The running
//! quarter still counts as *started*: its realization so far is drawn, but not judged.

use crate::quarter::Quarter;
use crate::time::{Timestamp, Zone};
use serde::{Deserialize, Serialize};

/// A month of the calendar: what the dashboard needs to know about "today".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarMonth {
    pub year: i32,
    /// 1 = January .. 12 = December.
    pub month: u32,
}

impl CalendarMonth {
    /// The month a reader in `zone` is in at `at`: a quarter is due by the unit's own calendar.
    pub fn of(at: Timestamp, zone: Zone) -> CalendarMonth {
        let local = at.in_zone(zone);
        CalendarMonth {
            year: local.year(),
            month: local.month(),
        }
    }

    /// `November 2026`.
    pub fn label(self) -> String {
        let index = self.month.clamp(1, 12) as usize - 1;
        format!("{} {}", crate::time::MONTH_NAMES[index], self.year)
    }

    pub fn due_quarters(self, fiscal_year: i32) -> Vec<Quarter> {
        due_quarters(fiscal_year, self.year, self.month)
    }

    pub fn started_through(self, fiscal_year: i32) -> Option<Quarter> {
        started_through(fiscal_year, self.year, self.month)
    }
}

/// The quarters of `fiscal_year` whose report is due in `today_year`/`today_month`: all four
/// for a past year, the ended ones for the current year, none for a future year. A month outside
/// 1..=12 is read as the nearest valid one.
pub fn due_quarters(fiscal_year: i32, today_year: i32, today_month: u32) -> Vec<Quarter> {
    let ended = match fiscal_year.cmp(&today_year) {
        std::cmp::Ordering::Less => 4,
        std::cmp::Ordering::Equal => (today_month.clamp(1, 12) as usize - 1) / 3,
        std::cmp::Ordering::Greater => 0,
    };
    Quarter::ALL.into_iter().take(ended).collect()
}

/// The latest quarter of `fiscal_year` that has begun: TW IV for a past year, the running one
/// for the current year, none for a future year.
pub fn started_through(fiscal_year: i32, today_year: i32, today_month: u32) -> Option<Quarter> {
    match fiscal_year.cmp(&today_year) {
        std::cmp::Ordering::Less => Some(Quarter::Q4),
        std::cmp::Ordering::Equal => {
            Quarter::from_index((today_month.clamp(1, 12) as usize - 1) / 3)
        }
        std::cmp::Ordering::Greater => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Quarter::*;

    #[test]
    fn every_quarter_of_a_past_year_is_due() {
        assert_eq!(due_quarters(2024, 2025, 1), vec![Q1, Q2, Q3, Q4]);
        assert_eq!(started_through(2024, 2026, 7), Some(Q4));
    }

    #[test]
    fn in_the_current_year_a_quarter_is_due_once_it_has_ended() {
        let due = |month| due_quarters(2025, 2025, month);
        assert_eq!(due(1), vec![]);
        assert_eq!(due(3), vec![]);
        assert_eq!(due(4), vec![Q1]);
        assert_eq!(due(6), vec![Q1]);
        assert_eq!(due(7), vec![Q1, Q2]);
        assert_eq!(due(10), vec![Q1, Q2, Q3]);
        assert_eq!(due(12), vec![Q1, Q2, Q3]);
    }

    #[test]
    fn in_the_current_year_the_running_quarter_has_started() {
        let started = |month| started_through(2025, 2025, month);
        assert_eq!(started(1), Some(Q1));
        assert_eq!(started(3), Some(Q1));
        assert_eq!(started(4), Some(Q2));
        assert_eq!(started(9), Some(Q3));
        assert_eq!(started(12), Some(Q4));
    }

    #[test]
    fn nothing_of_a_future_year_is_due_or_started() {
        assert_eq!(due_quarters(2026, 2025, 12), vec![]);
        assert_eq!(started_through(2026, 2025, 12), None);
    }

    #[test]
    fn a_month_out_of_range_is_read_as_the_nearest_month() {
        assert_eq!(due_quarters(2025, 2025, 0), vec![]);
        assert_eq!(due_quarters(2025, 2025, 13), vec![Q1, Q2, Q3]);
    }

    fn month(year: i32, month: u32) -> CalendarMonth {
        CalendarMonth { year, month }
    }

    #[test]
    fn a_month_is_named_in_indonesian() {
        assert_eq!(month(2026, 11).label(), "November 2026");
        assert_eq!(month(2024, 1).label(), "Januari 2024");
        assert_eq!(month(2024, 8).label(), "Agustus 2024");
    }

    #[test]
    fn the_month_is_taken_in_the_readers_zone() {
        for (at, zone, expected) in [
            // 2024-03-31 16:59:59 UTC is 23:59:59 WIB, still March; a second later it is April.
            (1_711_904_399, Zone::Wib, month(2024, 3)),
            (1_711_904_400, Zone::Wib, month(2024, 4)),
            // An hour earlier it is already April at 00.00 WITA, and still March in WIB.
            (1_711_900_800, Zone::Wita, month(2024, 4)),
            (1_711_900_800, Zone::Wib, month(2024, 3)),
            // 2023-12-31 16:59:59 UTC is the last second of 2023 in WIB, and 2024 in WIT.
            (1_704_041_999, Zone::Wib, month(2023, 12)),
            (1_704_041_999, Zone::Wit, month(2024, 1)),
            (1_704_042_000, Zone::Wib, month(2024, 1)),
            // A leap day, and a moment before 1970.
            (951_825_600, Zone::Wib, month(2000, 2)),
            (-43_200 - 8 * 3600, Zone::Wib, month(1969, 12)),
        ] {
            assert_eq!(
                CalendarMonth::of(Timestamp(at), zone),
                expected,
                "{at} {zone:?}"
            );
        }
    }
}
