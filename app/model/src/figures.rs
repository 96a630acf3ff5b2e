//! Figures derived from a plan: indicator achievement, budget totals and absorption.
//!
//! Every function here returns `None` where a figure cannot be computed (no data, division by
//! zero); the UI shows those as `–`. Nothing here panics on user data.

use crate::ids::ActivityId;
use crate::money::Rupiah;
use crate::number::{format_decimal, format_percent_or_dash, DASH};
use crate::plan::{Activity, Aggregation, Goal, Indicator, IndicatorKind, Plan, Polarity};
use crate::quarter::Quarter;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

const HUNDRED: Decimal = Decimal::ONE_HUNDRED;

/// `part / whole × 100`, or `None` when `whole` is zero.
pub fn percent_of(part: Decimal, whole: Decimal) -> Option<Decimal> {
    if whole.is_zero() {
        return None;
    }
    part.checked_mul(HUNDRED)?.checked_div(whole)
}

/// The indicator's value in one quarter: A/B × 100 for a ratio, A for a count.
pub fn quarter_value(indicator: &Indicator, quarter: Quarter) -> Option<Decimal> {
    let report = indicator.quarter(quarter);
    match indicator.kind {
        IndicatorKind::Ratio => percent_of(report.numerator?, report.denominator?),
        IndicatorKind::Count => report.numerator,
    }
}

/// An indicator's value as the page writes it: a ratio as a percentage (`87,5%`), a count as
/// the number with its unit (`3 Dokumen`), `–` where there is no value.
pub fn format_value(indicator: &Indicator, value: Option<Decimal>) -> String {
    match (indicator.kind, value) {
        (IndicatorKind::Ratio, v) => format_percent_or_dash(v),
        (IndicatorKind::Count, Some(v)) => {
            format!("{} {}", format_decimal(v, 2), indicator.target.unit)
        }
        (IndicatorKind::Count, None) => DASH.to_owned(),
    }
}

/// The year-to-date value at the end of `quarter`, combined per the indicator's aggregation.
pub fn cumulative_value(indicator: &Indicator, quarter: Quarter) -> Option<Decimal> {
    match indicator.aggregation {
        Aggregation::Sum => cumulative_sum(indicator, quarter),
        Aggregation::Last => quarter
            .up_to()
            .filter_map(|q| quarter_value(indicator, q))
            .last(),
        Aggregation::Average => {
            // Summed in quarter order from zero, as `Sum` would, without collecting first.
            let (total, count) = quarter
                .up_to()
                .filter_map(|q| quarter_value(indicator, q))
                .fold((Decimal::ZERO, 0_usize), |(total, count), v| {
                    (total + v, count + 1)
                });
            (count > 0).then(|| total / Decimal::from(count))
        }
    }
}

fn cumulative_sum(indicator: &Indicator, quarter: Quarter) -> Option<Decimal> {
    // Folded in quarter order from zero, exactly as summing collected values would, but without
    // allocating: this runs for every indicator and quarter on every keystroke.
    let reports = quarter.up_to().map(|q| indicator.quarter(q));
    match indicator.kind {
        IndicatorKind::Ratio => {
            // Only quarters with both counts take part: a half-filled quarter must not skew it.
            let (a, b) = reports
                .filter_map(|r| Some((r.numerator?, r.denominator?)))
                .fold(None, |sums: Option<(Decimal, Decimal)>, (a, b)| {
                    let (sum_a, sum_b) = sums.unwrap_or((Decimal::ZERO, Decimal::ZERO));
                    Some((sum_a + a, sum_b + b))
                })?;
            percent_of(a, b)
        }
        IndicatorKind::Count => reports
            .filter_map(|r| r.numerator)
            .fold(None, |sum: Option<Decimal>, n| {
                Some(sum.unwrap_or(Decimal::ZERO) + n)
            }),
    }
}

/// Capaian terhadap target: how far `value` meets the target, in percent.
///
/// Higher is better: value / target × 100. Lower is better ("semakin kecil semakin baik"):
/// (2 × target − value) / target × 100, the inverse used in SAKIP reporting, so meeting the target
/// exactly is 100 % and every unit below it counts as much as a unit above it would against.
pub fn against_target(indicator: &Indicator, value: Decimal) -> Option<Decimal> {
    let target = indicator.target.value;
    match indicator.polarity {
        Polarity::HigherIsBetter => percent_of(value, target),
        Polarity::LowerIsBetter => percent_of(target.checked_mul(Decimal::TWO)? - value, target),
    }
}

/// How an indicator stands against its target, for its colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Standing {
    /// At or above the target.
    Met,
    /// Below the target but within reach.
    Close,
    /// Well behind the target.
    Behind,
}

impl Standing {
    pub fn code(self) -> &'static str {
        match self {
            Standing::Met => "met",
            Standing::Close => "close",
            Standing::Behind => "behind",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Standing::Met => "Tercapai",
            Standing::Close => "Mendekati",
            Standing::Behind => "Tertinggal",
        }
    }
}

/// Where the colours change, in percent of the target: data, so that a unit (or a later
/// settings page) can choose them, never constants inside components.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StandingThresholds {
    /// From this achievement against target on, the indicator has met its target.
    pub met_from: Decimal,
    /// From this on (and below `met_from`), it is close.
    pub close_from: Decimal,
}

impl Default for StandingThresholds {
    fn default() -> Self {
        StandingThresholds {
            met_from: Decimal::ONE_HUNDRED,
            close_from: Decimal::new(80, 0),
        }
    }
}

impl StandingThresholds {
    pub fn standing(&self, against_target: Decimal) -> Standing {
        if against_target >= self.met_from {
            Standing::Met
        } else if against_target >= self.close_from {
            Standing::Close
        } else {
            Standing::Behind
        }
    }
}

/// Budget figures of a set of activities, each activity counted once.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BudgetTotals {
    pub activity_count: u32,
    pub budget: Rupiah,
    pub blocked: Rupiah,
    pub withdrawal_plan: [Rupiah; 4],
    pub realization: [Rupiah; 4],
}

impl BudgetTotals {
    pub fn of<'a>(activities: impl IntoIterator<Item = &'a Activity>) -> BudgetTotals {
        let mut totals = BudgetTotals::default();
        for activity in activities {
            totals.add(activity);
        }
        totals
    }

    /// Counts one more activity in: for callers that hold their activities one at a time (the
    /// page's signals), so nothing needs copying into a list first.
    pub fn add(&mut self, activity: &Activity) {
        self.activity_count += 1;
        self.budget = self.budget + activity.budget;
        self.blocked = self.blocked + activity.blocked;
        for q in Quarter::ALL {
            let i = q.index();
            let aq = activity.quarter(q);
            self.withdrawal_plan[i] =
                self.withdrawal_plan[i] + aq.withdrawal_plan.unwrap_or_default();
            self.realization[i] = self.realization[i] + aq.realization.unwrap_or_default();
        }
    }

    /// Pagu − blokir: what may actually be spent.
    pub fn available(&self) -> Rupiah {
        self.budget - self.blocked
    }

    pub fn withdrawal_plan_total(&self) -> Rupiah {
        self.withdrawal_plan.iter().sum()
    }

    pub fn realization_total(&self) -> Rupiah {
        self.realization.iter().sum()
    }

    pub fn cumulative_withdrawal_plan(&self, quarter: Quarter) -> Rupiah {
        quarter
            .up_to()
            .map(|q| self.withdrawal_plan[q.index()])
            .sum()
    }

    pub fn cumulative_realization(&self, quarter: Quarter) -> Rupiah {
        quarter.up_to().map(|q| self.realization[q.index()]).sum()
    }

    /// Penyerapan up to the end of `quarter`: cumulative realization / (pagu − blokir) × 100.
    pub fn cumulative_absorption(&self, quarter: Quarter) -> Option<Decimal> {
        percent_of(
            self.cumulative_realization(quarter).amount(),
            self.available().amount(),
        )
    }

    /// Penyerapan within one quarter: that quarter's realization / (pagu − blokir) × 100.
    pub fn quarter_absorption(&self, quarter: Quarter) -> Option<Decimal> {
        percent_of(
            self.realization[quarter.index()].amount(),
            self.available().amount(),
        )
    }

    /// Realization against the withdrawal plan in one quarter, in percent.
    pub fn realization_against_plan(&self, quarter: Quarter) -> Option<Decimal> {
        let i = quarter.index();
        percent_of(
            self.realization[i].amount(),
            self.withdrawal_plan[i].amount(),
        )
    }
}

/// The whole plan's budget: every activity once, however many indicators it serves.
pub fn plan_totals(plan: &Plan) -> BudgetTotals {
    BudgetTotals::of(unique_activities(
        plan,
        plan.activities.iter().map(|a| a.id),
    ))
}

/// A goal's budget: the activities of its indicators, a shared one counted once.
pub fn goal_totals(plan: &Plan, goal: &Goal) -> BudgetTotals {
    let ids = goal
        .indicators
        .iter()
        .flat_map(|i| i.activity_ids.iter().copied());
    BudgetTotals::of(unique_activities(plan, ids))
}

/// One activity's own figures.
pub fn activity_totals(activity: &Activity) -> BudgetTotals {
    BudgetTotals::of([activity])
}

/// The activities with these ids, each once, in id order; for an id that occurs twice in the
/// plan, the first such activity (as [`Plan::activity`] finds it).
fn unique_activities(plan: &Plan, ids: impl Iterator<Item = ActivityId>) -> Vec<&Activity> {
    let mut unique: Vec<ActivityId> = ids.collect();
    unique.sort_unstable();
    unique.dedup();
    // Look up by binary search in the activities sorted by id (stable, so the first of equal
    // ids comes first) instead of scanning the plan once per id.
    let mut by_id: Vec<&Activity> = plan.activities.iter().collect();
    by_id.sort_by_key(|a| a.id);
    unique
        .into_iter()
        .filter_map(|id| {
            let at = by_id.partition_point(|a| a.id < id);
            by_id.get(at).copied().filter(|a| a.id == id)
        })
        .collect()
}

#[cfg(test)]
#[path = "figures_tests.rs"]
mod tests;
