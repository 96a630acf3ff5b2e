//! A made-up national tree for the roll-up's benchmark (`pantau generate-national`): 34 Kanwil,
//! 1,000 UPTs spread evenly under them, and each UPT's plan per year with 30 indicators over 15
//! activities. Every unit's plan differs (figures shifted by the unit's number and the year) so
//! that sorting, filtering and the attention list have something to tell apart.

use super::{synthetic_plan, vary};
use crate::money::Rupiah;
use crate::plan::Plan;
use rust_decimal::Decimal;

/// The sizes.
pub const KANWIL: usize = 34;
pub const UNITS: usize = 1_000;
pub const INDICATORS: usize = 30;
pub const ACTIVITIES: usize = 15;

pub fn kanwil_name(k: usize) -> String {
    format!("KANWIL UJI NASIONAL {:02}", k + 1)
}

pub fn unit_name(u: usize) -> String {
    format!("UPT UJI NASIONAL {:04}", u + 1)
}

/// Which Kanwil unit `u` of `units` lies under (evenly spread over `kanwil`).
pub fn kanwil_of(u: usize, units: usize, kanwil: usize) -> usize {
    u * kanwil.max(1) / units.max(1)
}

/// Unit `u`'s plan of `year`: 30 indicators (three in each of ten goals) over 15 activities,
/// indicators' A lowered and realization scaled by amounts that depend on `u` and `year`.
pub fn national_plan(u: usize, year: i32) -> Plan {
    // 60 indicators give 15 activities; keep the first three of each goal's six.
    let mut plan = synthetic_plan(INDICATORS * 2);
    for goal in &mut plan.goals {
        goal.indicators.truncate(INDICATORS / 10);
    }
    plan.header.work_unit = unit_name(u);
    plan.header.fiscal_year = year;
    let salt = u64::try_from(year).unwrap_or(0);
    // 0..=30 % fewer in A: some units meet their targets, some fall behind.
    let lower = Decimal::from(100 - vary(u, salt, 31)) / Decimal::ONE_HUNDRED;
    for indicator in plan.goals.iter_mut().flat_map(|g| &mut g.indicators) {
        for report in &mut indicator.quarters {
            report.numerator = report.numerator.map(|a| (a * lower).floor());
        }
    }
    // Realization at 40..=110 % of what the synthetic plan spends.
    let scale = Decimal::from(40 + vary(u, salt + 1, 71)) / Decimal::ONE_HUNDRED;
    for activity in &mut plan.activities {
        for quarter in &mut activity.quarters {
            quarter.realization = quarter
                .realization
                .and_then(|r| Rupiah::new((r.amount() * scale).floor()).ok());
        }
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dashboard::standing_counts_at;
    use crate::figures::{plan_totals, StandingThresholds};
    use crate::Quarter;

    #[test]
    fn a_units_plan_has_thirty_indicators_over_fifteen_activities() {
        let plan = national_plan(7, 2026);
        assert_eq!(plan.indicators().count(), INDICATORS);
        assert_eq!(plan.activities.len(), ACTIVITIES);
        assert_eq!(plan.header.work_unit, "UPT UJI NASIONAL 0008");
        assert_eq!(plan.header.fiscal_year, 2026);
        // Every link names an activity the plan has.
        let ids: Vec<_> = plan.activities.iter().map(|a| a.id).collect();
        assert!(plan
            .indicators()
            .flat_map(|i| &i.activity_ids)
            .all(|id| ids.contains(id)));
    }

    #[test]
    fn units_differ_in_standing_and_absorption() {
        let thresholds = StandingThresholds::default();
        let behind: std::collections::BTreeSet<u32> = (0..40)
            .map(|u| standing_counts_at(&national_plan(u, 2026), &thresholds, Quarter::Q3).behind)
            .collect();
        assert!(behind.len() > 3, "{behind:?}");
        let absorption: std::collections::BTreeSet<_> = (0..40)
            .map(|u| plan_totals(&national_plan(u, 2026)).cumulative_absorption(Quarter::Q3))
            .collect();
        assert!(absorption.len() > 10);
    }

    #[test]
    fn a_thousand_units_spread_evenly_over_34_kanwil() {
        let mut per = [0usize; KANWIL];
        for u in 0..UNITS {
            per[kanwil_of(u, UNITS, KANWIL)] += 1;
        }
        assert!(per.iter().all(|n| (29..=30).contains(n)), "{per:?}");
    }
}
