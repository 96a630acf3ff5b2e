//! How many of a plan's indicators have met their target, are close to it or are behind, at
//! the end of each quarter: the roll-up's "Tercapai / Mendekati / Tertinggal" column. The rule
//! is the dashboard's: each indicator's year-to-date achievement against target up to the
//! quarter (`IndicatorPoint::cumulative_against_target`), judged by [`StandingThresholds`]. At
//! TW IV it is exactly what "Perlu perhatian" judges (`year_to_date_against_target`). An
//! indicator with nothing entered up to the quarter stands nowhere: it is counted as
//! unreported, never as behind.

use super::series::indicator_points;
use crate::figures::{Standing, StandingThresholds};
use crate::plan::Plan;
use crate::quarter::Quarter;
use serde::{Deserialize, Serialize};

/// Indicators by standing, for one plan or summed over many.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StandingCounts {
    pub met: u32,
    pub close: u32,
    pub behind: u32,
    /// Indicators with no value up to the quarter.
    pub unreported: u32,
}

impl StandingCounts {
    pub fn indicators(&self) -> u32 {
        self.met + self.close + self.behind + self.unreported
    }

    pub fn add(&mut self, other: StandingCounts) {
        self.met += other.met;
        self.close += other.close;
        self.behind += other.behind;
        self.unreported += other.unreported;
    }

    fn count(&mut self, standing: Option<Standing>) {
        match standing {
            Some(Standing::Met) => self.met += 1,
            Some(Standing::Close) => self.close += 1,
            Some(Standing::Behind) => self.behind += 1,
            None => self.unreported += 1,
        }
    }
}

/// The plan's counts at the end of TW I .. TW IV.
pub fn standing_counts(plan: &Plan, thresholds: &StandingThresholds) -> [StandingCounts; 4] {
    let mut counts = [StandingCounts::default(); 4];
    for indicator in plan.goals.iter().flat_map(|g| &g.indicators) {
        for point in indicator_points(indicator) {
            let standing = point
                .cumulative_against_target
                .map(|v| thresholds.standing(v));
            counts[point.quarter.index()].count(standing);
        }
    }
    counts
}

/// The counts at the end of `quarter`.
pub fn standing_counts_at(
    plan: &Plan,
    thresholds: &StandingThresholds,
    quarter: Quarter,
) -> StandingCounts {
    standing_counts(plan, thresholds)[quarter.index()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dashboard::year_to_date_against_target;
    use crate::plan::IndicatorKind;
    use crate::testkit::*;

    /// 1.1: 45/50 = 90 % in TW I against 85 (105,88 %: met), TW I+II 88/100 = 88 % (met).
    /// 1.2: 7/8 = 87,5 % against 98 (89,29 %: close), nothing later.
    /// 2.1: a count of 1 against 4 (25 %: behind).
    /// 2.2: nothing entered (unreported in every quarter).
    fn sample() -> Plan {
        let met = indicator(
            IndicatorKind::Ratio,
            "85",
            [
                (Some("45"), Some("50")),
                (Some("43"), Some("50")),
                (None, None),
                (None, None),
            ],
        );
        let close = indicator(
            IndicatorKind::Ratio,
            "98",
            [
                (Some("7"), Some("8")),
                (None, None),
                (None, None),
                (None, None),
            ],
        );
        let behind = indicator(
            IndicatorKind::Count,
            "4",
            [(Some("1"), None), (None, None), (None, None), (None, None)],
        );
        let empty = indicator(IndicatorKind::Count, "4", [(None, None); 4]);
        plan(
            vec![goal(1, vec![met, close]), goal(2, vec![behind, empty])],
            vec![],
        )
    }

    #[test]
    fn each_indicator_is_counted_once_per_quarter_by_its_standing() {
        let counts = standing_counts(&sample(), &StandingThresholds::default());
        let expected = StandingCounts {
            met: 1,
            close: 1,
            behind: 1,
            unreported: 1,
        };
        assert_eq!(counts, [expected; 4]);
        assert_eq!(counts[0].indicators(), 4);
    }

    #[test]
    fn an_indicator_entered_from_tw_ii_is_unreported_in_tw_i() {
        let later = indicator(
            IndicatorKind::Ratio,
            "50",
            [
                (None, None),
                (Some("1"), Some("4")),
                (None, None),
                (None, None),
            ],
        );
        let plan = plan(vec![goal(1, vec![later])], vec![]);
        let counts = standing_counts(&plan, &StandingThresholds::default());
        assert_eq!(counts[0].unreported, 1);
        // 25 % against 50: 50 % of target, behind.
        assert_eq!(counts[1].behind, 1);
        assert_eq!(counts[3].behind, 1);
    }

    #[test]
    fn tw_iv_judges_as_the_dashboards_attention_does() {
        let plan = sample();
        let thresholds = StandingThresholds::default();
        let at_q4 = standing_counts_at(&plan, &thresholds, Quarter::Q4);
        let mut by_dashboard = StandingCounts::default();
        for indicator in plan.goals.iter().flat_map(|g| &g.indicators) {
            by_dashboard
                .count(year_to_date_against_target(indicator).map(|v| thresholds.standing(v)));
        }
        assert_eq!(at_q4, by_dashboard);
    }

    #[test]
    fn other_thresholds_move_an_indicator_between_standings() {
        let strict = StandingThresholds {
            met_from: rust_decimal::Decimal::new(110, 0),
            close_from: rust_decimal::Decimal::new(100, 0),
        };
        let counts = standing_counts_at(&sample(), &strict, Quarter::Q1);
        // 105,88 % is now only close; 89,29 % is behind.
        assert_eq!((counts.met, counts.close, counts.behind), (0, 1, 2));
    }
}
