//! The figures the dashboard's charts draw, computed from the plan: per indicator per quarter,
//! the budget's S-curve, and absorption against its targets. Charts and their tables read the
//! same values from here, so a bar and its table cell never disagree.

use super::thresholds::AbsorptionThresholds;
use crate::figures::{against_target, cumulative_value, quarter_value, BudgetTotals};
use crate::money::Rupiah;
use crate::plan::Indicator;
use crate::quarter::Quarter;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// One indicator in one quarter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorPoint {
    pub quarter: Quarter,
    /// The quarter's own value (A/B × 100, or A).
    pub value: Option<Decimal>,
    /// The year-to-date value at the end of the quarter.
    pub cumulative: Option<Decimal>,
    /// The quarter's value against the target, in percent.
    pub against_target: Option<Decimal>,
    /// The year-to-date value against the target, in percent.
    pub cumulative_against_target: Option<Decimal>,
}

/// TW I .. TW IV of one indicator.
pub fn indicator_points(indicator: &Indicator) -> [IndicatorPoint; 4] {
    Quarter::ALL.map(|quarter| {
        let value = quarter_value(indicator, quarter);
        let cumulative = cumulative_value(indicator, quarter);
        IndicatorPoint {
            quarter,
            value,
            cumulative,
            against_target: value.and_then(|v| against_target(indicator, v)),
            cumulative_against_target: cumulative.and_then(|v| against_target(indicator, v)),
        }
    })
}

/// The year-to-date achievement against target: every quarter entered so far, combined per the
/// indicator's aggregation (what the plan page shows as "Capaian s.d. TW IV").
pub fn year_to_date_against_target(indicator: &Indicator) -> Option<Decimal> {
    cumulative_value(indicator, Quarter::Q4).and_then(|v| against_target(indicator, v))
}

/// One quarter of a budget's S-curve.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SCurvePoint {
    pub quarter: Quarter,
    /// RPD of the quarter.
    pub planned: Rupiah,
    /// RPD up to the end of the quarter.
    pub planned_cumulative: Rupiah,
    /// Realization of the quarter; `None` for a quarter that has not begun.
    pub realized: Option<Rupiah>,
    /// Realization up to the end of the quarter; `None` for a quarter that has not begun, so a
    /// chart does not draw a flat line into the future.
    pub realized_cumulative: Option<Rupiah>,
}

/// Cumulative RPD against cumulative realization, per quarter. Realization is given through
/// `started_through` (the latest quarter that has begun; `None` before the year starts).
pub fn s_curve(totals: &BudgetTotals, started_through: Option<Quarter>) -> [SCurvePoint; 4] {
    Quarter::ALL.map(|quarter| {
        let begun = started_through.is_some_and(|last| quarter <= last);
        SCurvePoint {
            quarter,
            planned: totals.withdrawal_plan[quarter.index()],
            planned_cumulative: totals.cumulative_withdrawal_plan(quarter),
            realized: begun.then(|| totals.realization[quarter.index()]),
            realized_cumulative: begun.then(|| totals.cumulative_realization(quarter)),
        }
    })
}

/// Cumulative absorption at the end of one quarter against that quarter's target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AbsorptionPoint {
    pub quarter: Quarter,
    /// `None` for a quarter that has not begun, or when nothing may be spent (pagu = blokir).
    pub absorption: Option<Decimal>,
    pub threshold: Decimal,
}

impl AbsorptionPoint {
    /// Below the target; `None` when there is no absorption to judge.
    pub fn below_threshold(&self) -> Option<bool> {
        self.absorption.map(|a| a < self.threshold)
    }
}

pub fn absorption_points(
    totals: &BudgetTotals,
    thresholds: &AbsorptionThresholds,
    started_through: Option<Quarter>,
) -> [AbsorptionPoint; 4] {
    Quarter::ALL.map(|quarter| AbsorptionPoint {
        quarter,
        absorption: started_through
            .filter(|last| quarter <= *last)
            .and_then(|_| totals.cumulative_absorption(quarter)),
        threshold: thresholds.target(quarter),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{Aggregation, IndicatorKind};
    use crate::testkit::*;
    use Quarter::*;

    #[test]
    fn indicator_points_give_each_quarter_its_value_cumulative_value_and_standing_against_target() {
        // Target 85 %. TW I 45/50 = 90 % (105,88 % of target); TW II 30/50 = 60 % (70,59 %);
        // cumulative after TW II (45 + 30) / (50 + 50) = 75 % (88,24 %); TW III and IV empty.
        let ind = indicator(
            IndicatorKind::Ratio,
            "85",
            [
                (Some("45"), Some("50")),
                (Some("30"), Some("50")),
                (None, None),
                (None, None),
            ],
        );
        let points = indicator_points(&ind);
        let round = |v: Option<Decimal>| v.map(|v| v.round_dp(2));
        assert_eq!(points[0].value, Some(d("90")));
        assert_eq!(round(points[0].against_target), Some(d("105.88")));
        assert_eq!(points[1].value, Some(d("60")));
        assert_eq!(round(points[1].against_target), Some(d("70.59")));
        assert_eq!(points[1].cumulative, Some(d("75")));
        assert_eq!(round(points[1].cumulative_against_target), Some(d("88.24")));
        assert_eq!(points[2].value, None);
        assert_eq!(points[3].cumulative, Some(d("75")));
        assert_eq!(round(year_to_date_against_target(&ind)), Some(d("88.24")));
    }

    #[test]
    fn a_count_indicator_adds_up_towards_its_yearly_target() {
        let mut ind = indicator(
            IndicatorKind::Count,
            "4",
            [
                (Some("1"), None),
                (Some("2"), None),
                (None, None),
                (None, None),
            ],
        );
        ind.aggregation = Aggregation::Sum;
        let points = indicator_points(&ind);
        assert_eq!(points[0].against_target, Some(d("25")));
        assert_eq!(points[1].cumulative, Some(d("3")));
        assert_eq!(points[1].cumulative_against_target, Some(d("75")));
    }

    fn budget() -> BudgetTotals {
        // Pagu 1.000.000, blokir 200.000: 800.000 may be spent.
        BudgetTotals::of(&[activity(
            1,
            "1.000.000",
            "200.000",
            ["100.000", "300.000", "200.000", "400.000"],
            ["80.000", "240.000", "-", "-"],
        )])
    }

    #[test]
    fn the_s_curve_accumulates_rpd_and_realization_quarter_by_quarter() {
        let points = s_curve(&budget(), Some(Q3));
        let planned: Vec<Rupiah> = points.iter().map(|p| p.planned_cumulative).collect();
        assert_eq!(
            planned,
            vec![rp("100.000"), rp("400.000"), rp("600.000"), rp("1.000.000")]
        );
        let realized: Vec<Option<Rupiah>> = points.iter().map(|p| p.realized_cumulative).collect();
        assert_eq!(
            realized,
            vec![
                Some(rp("80.000")),
                Some(rp("320.000")),
                Some(rp("320.000")),
                None
            ]
        );
        assert_eq!(points[2].realized, Some(Rupiah::ZERO));
        assert_eq!(points[3].planned, rp("400.000"));
    }

    #[test]
    fn before_the_year_begins_the_s_curve_has_no_realization() {
        assert!(s_curve(&budget(), None)
            .iter()
            .all(|p| p.realized_cumulative.is_none()));
    }

    #[test]
    fn absorption_is_cumulative_realization_over_spendable_budget_against_each_target() {
        let thresholds = AbsorptionThresholds::default_for(2024);
        let points = absorption_points(&budget(), &thresholds, Some(Q3));
        // 80.000 / 800.000 = 10 %; 320.000 / 800.000 = 40 %.
        assert_eq!(points[0].absorption, Some(d("10")));
        assert_eq!(points[0].threshold, d("15"));
        assert_eq!(points[0].below_threshold(), Some(true));
        assert_eq!(points[1].absorption, Some(d("40")));
        assert_eq!(points[1].below_threshold(), Some(false));
        assert_eq!(points[2].absorption, Some(d("40")));
        assert_eq!(points[2].below_threshold(), Some(true));
        assert_eq!(points[3].absorption, None);
        assert_eq!(points[3].threshold, d("90"));
        assert_eq!(points[3].below_threshold(), None);
    }

    #[test]
    fn with_nothing_to_spend_there_is_no_absorption() {
        let blocked = BudgetTotals::of(&[activity(1, "500", "500", ["-"; 4], ["-"; 4])]);
        let points =
            absorption_points(&blocked, &AbsorptionThresholds::default_for(2024), Some(Q4));
        assert!(points.iter().all(|p| p.absorption.is_none()));
    }
}
