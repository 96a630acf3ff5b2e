//! Report deadlines: the last day on which a quarter's report may still be approved, stored per
//! fiscal year as data (migration 0013). A year nobody has set follows the dashboard's rule
//! (`dashboard::due_quarters`): a quarter's report is due once the quarter has ended, so its
//! deadline is the quarter's last day. From the day after the deadline, in the unit's own
//! zone, a quarter that is not approved is "terlambat".

use crate::quarter::Quarter;
use crate::time::{Timestamp, Zone};
use crate::workflow::QuarterState;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A calendar day, valid by construction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Day {
    year: i32,
    month: u32,
    day: u32,
}

impl Day {
    /// `None` for a day the calendar does not have (31 April) or a year outside 1..=9999.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Day> {
        let y = i16::try_from(year).ok()?;
        let m = i8::try_from(month).ok()?;
        let d = i8::try_from(day).ok()?;
        jiff::civil::Date::new(y, m, d).ok()?;
        (year >= 1).then_some(Day { year, month, day })
    }

    /// `2026-04-15`, the form a date field posts and the database stores.
    pub fn parse(text: &str) -> Result<Day, String> {
        let refuse = || {
            format!(
                "Tanggal \u{201c}{}\u{201d} tidak sah: tulis TTTT-BB-HH, misalnya 2026-04-15",
                crate::text::excerpt(text, 20)
            )
        };
        let mut parts = text.trim().splitn(3, '-');
        let mut next = || {
            parts
                .next()
                .filter(|p| p.chars().all(|c| c.is_ascii_digit()))
        };
        let (Some(y), Some(m), Some(d)) = (next(), next(), next()) else {
            return Err(refuse());
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(refuse());
        }
        match (y.parse(), m.parse(), d.parse()) {
            (Ok(y), Ok(m), Ok(d)) => Day::new(y, m, d).ok_or_else(refuse),
            _ => Err(refuse()),
        }
    }

    /// The day a reader in `zone` is in at `at`.
    pub fn of(at: Timestamp, zone: Zone) -> Day {
        let local = at.in_zone(zone);
        Day {
            year: local.year(),
            month: local.month(),
            day: local.day(),
        }
    }

    /// The last day of `quarter` of `year`: 31 March, 30 June, 30 September, 31 December.
    pub fn quarter_end(year: i32, quarter: Quarter) -> Day {
        let (month, day) = match quarter {
            Quarter::Q1 => (3, 31),
            Quarter::Q2 => (6, 30),
            Quarter::Q3 => (9, 30),
            Quarter::Q4 => (12, 31),
        };
        Day { year, month, day }
    }

    /// `15 April 2026`.
    pub fn label(self) -> String {
        let index = usize::try_from(self.month.clamp(1, 12) - 1).unwrap_or(0);
        format!(
            "{} {} {}",
            self.day,
            crate::time::MONTH_NAMES[index],
            self.year
        )
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A fiscal year's four deadlines.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportDeadlines {
    pub fiscal_year: i32,
    pub quarters: [Day; 4],
}

impl ReportDeadlines {
    /// The dashboard's rule: each quarter's last day.
    pub fn default_for(fiscal_year: i32) -> ReportDeadlines {
        ReportDeadlines {
            fiscal_year,
            quarters: Quarter::ALL.map(|q| Day::quarter_end(fiscal_year, q)),
        }
    }

    /// The year's deadlines with `quarter`'s set to `day`: refused when the day comes before the
    /// quarter ends (a report cannot be due before its quarter is over) or more than a year after
    /// the fiscal year.
    pub fn with(mut self, quarter: Quarter, day: Day) -> Result<ReportDeadlines, String> {
        let end = Day::quarter_end(self.fiscal_year, quarter);
        if day < end {
            return Err(format!(
                "Batas laporan {} tidak boleh sebelum triwulan berakhir ({})",
                quarter.label(),
                end.label()
            ));
        }
        let latest = Day::quarter_end(self.fiscal_year + 1, Quarter::Q4);
        if day > latest {
            return Err(format!(
                "Batas laporan {} paling lambat {}",
                quarter.label(),
                latest.label()
            ));
        }
        self.quarters[quarter.index()] = day;
        Ok(self)
    }

    pub fn deadline(&self, quarter: Quarter) -> Day {
        self.quarters[quarter.index()]
    }

    /// Whether `quarter`'s deadline has passed on the day a reader in `zone` is in at `now`.
    pub fn has_passed(&self, quarter: Quarter, now: Timestamp, zone: Zone) -> bool {
        Day::of(now, zone) > self.deadline(quarter)
    }

    /// Terlambat: the deadline has passed and the quarter is not approved.
    pub fn is_overdue(
        &self,
        quarter: Quarter,
        state: &QuarterState,
        now: Timestamp,
        zone: Zone,
    ) -> bool {
        !matches!(state, QuarterState::Approved { .. }) && self.has_passed(quarter, now, zone)
    }
}

#[cfg(test)]
#[path = "deadlines_tests.rs"]
mod tests;
