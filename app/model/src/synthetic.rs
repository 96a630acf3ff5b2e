//! A large, made-up plan for load tests and benchmarks: `pantau generate N` stores one, and the
//! model's `recompute` benchmark recomputes every figure of one.
//!
//! Deterministic (the same `indicators` always gives the same plan) and built from plain
//! arithmetic, so it needs no random-number crate. The values vary like a real plan's: ratios
//! around the 85 % target, a few quarters where A exceeds B, activities shared between goals,
//! some RPD that does not add up to the pagu, some pagu blokir.

use crate::ids::ActivityId;
use crate::money::Rupiah;
use crate::plan::{
    Activity, ActivityQuarter, Aggregation, Goal, Indicator, IndicatorKind, Nip, Plan, PlanHeader,
    Polarity, QuarterReport, Signatory, Status, Target,
};
use rust_decimal::Decimal;

pub mod national;

/// How many goals the indicators are spread over (fewer when there are fewer indicators).
pub const GOALS: usize = 10;

/// The work unit of `synthetic_plan(indicators)`, which also names it on the home page.
pub fn work_unit(indicators: usize) -> String {
    format!("SATKER UJI BEBAN {indicators} INDIKATOR")
}

/// A plan for fiscal year 2024 with `indicators` percentage indicators (target 85 %, A and B
/// filled in every quarter) spread evenly over up to [`GOALS`] goals, and `indicators / 4`
/// activities (at least one when there are indicators) with ids `ActivityId(1..)`. Every
/// indicator funds from the activity of its block of four; every third one also from a second
/// activity elsewhere in the plan, so activities are shared across goals. Goal and indicator ids
/// are `None`: the plan is not stored yet.
pub fn synthetic_plan(indicators: usize) -> Plan {
    let goal_count = GOALS.min(indicators);
    let activity_count = if indicators == 0 {
        0
    } else {
        (indicators / 4).max(1)
    };
    let goals = (0..goal_count)
        .map(|g| {
            let first = g * indicators / goal_count;
            let end = (g + 1) * indicators / goal_count;
            Goal {
                id: None,
                number: number(g),
                title: format!("Sasaran uji {}: layanan pemasyarakatan yang terukur", g + 1),
                indicators: (first..end)
                    .map(|i| indicator(i, number(i - first), activity_count))
                    .collect(),
            }
        })
        .collect();
    Plan {
        id: None,
        header: PlanHeader {
            work_unit: work_unit(indicators),
            fiscal_year: 2024,
            title: "RENCANA AKSI PERJANJIAN KINERJA (DATA UJI BEBAN)".to_owned(),
            signatory: Some(Signatory {
                position: "Kepala Satuan Kerja Uji".to_owned(),
                name: "Nama Penandatangan Uji".to_owned(),
                nip: Nip::parse("197001012000031001").ok(),
            }),
            place_date: Some("Jakarta, 2 Januari 2024".to_owned()),
        },
        goals,
        activities: (0..activity_count).map(activity).collect(),
    }
}

/// A 1-based number from a 0-based position.
fn number(position: usize) -> u32 {
    u32::try_from(position + 1).unwrap_or(u32::MAX)
}

/// A well-mixed, deterministic value in `0..modulus` for position `i` and a salt.
fn vary(i: usize, salt: u64, modulus: u64) -> u64 {
    let mut x = (i as u64)
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add(salt.wrapping_mul(0xBF58_476D_1CE4_E5B9));
    x ^= x >> 31;
    x = x.wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^= x >> 29;
    x % modulus
}

fn indicator(i: usize, number: u32, activity_count: usize) -> Indicator {
    let own = i / 4 % activity_count.max(1);
    let mut activity_ids = vec![activity_id(own)];
    if i.is_multiple_of(3) {
        let shared = (i * 7 + 3) % activity_count.max(1);
        if shared != own {
            activity_ids.push(activity_id(shared));
        }
    }
    let quarters = std::array::from_fn(|q| quarter_report(i, q));
    Indicator {
        id: None,
        number,
        name: format!(
            "Persentase layanan uji nomor {} yang diselesaikan tepat waktu",
            i + 1
        ),
        target: Target {
            value: Decimal::from(85),
            unit: "%".to_owned(),
        },
        formula: "A/B x 100%".to_owned(),
        numerator_label: format!("Jumlah layanan uji {} yang diselesaikan tepat waktu", i + 1),
        denominator_label: format!("Jumlah seluruh layanan uji {}", i + 1),
        kind: IndicatorKind::Ratio,
        polarity: Polarity::HigherIsBetter,
        aggregation: Aggregation::Sum,
        activity_ids,
        quarters,
    }
}

fn quarter_report(i: usize, q: usize) -> QuarterReport {
    let salt = q as u64;
    let denominator = 40 + vary(i, salt, 160);
    // Mostly 55..100 % of B; about one quarter in a hundred has A above B (a data-entry slip).
    let percent = if vary(i, salt + 10, 100) == 0 {
        105 + vary(i, salt + 20, 10)
    } else {
        55 + vary(i, salt + 30, 46)
    };
    let numerator = denominator * percent / 100;
    let status = match vary(i, salt + 40, 3) {
        0 => Status::Done,
        1 => Status::Running,
        _ => Status::NotStarted,
    };
    QuarterReport {
        planned_work: format!("Pelaksanaan layanan uji {} triwulan {}", i + 1, q + 1),
        numerator: Some(Decimal::from(numerator)),
        denominator: Some(Decimal::from(denominator)),
        achievement: format!("{numerator} dari {denominator} layanan selesai"),
        evidence: "Laporan triwulan".to_owned(),
        status: Some(status),
        note: String::new(),
    }
}

fn activity_id(position: usize) -> ActivityId {
    ActivityId(i64::try_from(position + 1).unwrap_or(i64::MAX))
}

fn rupiah(amount: u64) -> Rupiah {
    Rupiah::new(Decimal::from(amount)).unwrap_or(Rupiah::ZERO)
}

fn activity(k: usize) -> Activity {
    // Pagu from Rp 10.000.000 to Rp 5.000.000.000, in whole hundred thousands.
    let budget = (100 + vary(k, 100, 49_900)) * 100_000;
    let blocked = if k % 5 == 4 { budget / 10 } else { 0 };
    // RPD: 20 / 25 / 25 / 30 % of the pagu; every seventh activity's TW IV is off by a million.
    let mut plan = [budget / 5, budget / 4, budget / 4, 0];
    plan[3] = budget - plan[0] - plan[1] - plan[2];
    if k % 7 == 3 {
        plan[3] += 1_000_000;
    }
    // Realization: 80..100 % of the RPD in TW I to TW III, nothing yet in TW IV.
    let quarters: [ActivityQuarter; 4] = std::array::from_fn(|q| ActivityQuarter {
        withdrawal_plan: Some(rupiah(plan[q])),
        realization: (q < 3).then(|| rupiah(plan[q] / 100 * (80 + vary(k, 200 + q as u64, 21)))),
    });
    Activity {
        id: activity_id(k),
        name: format!("Kegiatan uji {}: dukungan layanan", k + 1),
        budget: rupiah(budget),
        blocked: rupiah(blocked),
        quarters,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::{plan_checks, Check};
    use std::collections::{BTreeSet, HashMap};

    #[test]
    fn a_thousand_indicators_spread_over_ten_goals_with_a_quarter_as_many_activities() {
        let plan = synthetic_plan(1000);
        assert_eq!(plan.header.work_unit, "SATKER UJI BEBAN 1000 INDIKATOR");
        assert_eq!(plan.header.fiscal_year, 2024);
        assert_eq!(plan.goals.len(), 10);
        assert!(plan.goals.iter().all(|g| g.indicators.len() == 100));
        assert_eq!(plan.indicators().count(), 1000);
        assert_eq!(plan.activities.len(), 250);
        let ids: Vec<ActivityId> = plan.activities.iter().map(|a| a.id).collect();
        assert_eq!(ids, (1..=250).map(ActivityId).collect::<Vec<_>>());
        assert!(plan.goals.iter().all(|g| g.id.is_none()));
        assert!(plan.indicators().all(|i| i.id.is_none()));
    }

    #[test]
    fn every_indicator_is_a_ratio_aiming_at_85_percent_with_a_and_b_in_every_quarter() {
        let plan = synthetic_plan(1000);
        for indicator in plan.indicators() {
            assert_eq!(indicator.kind, IndicatorKind::Ratio);
            assert_eq!(indicator.target.to_string(), "85%");
            assert!(indicator
                .quarters
                .iter()
                .all(|q| q.numerator.is_some() && q.denominator.is_some()));
        }
        let distinct: BTreeSet<Decimal> = plan
            .indicators()
            .filter_map(|i| i.quarters[0].numerator)
            .collect();
        assert!(distinct.len() > 50, "values vary: {}", distinct.len());
    }

    #[test]
    fn every_link_points_to_an_activity_and_some_activities_serve_several_goals() {
        let plan = synthetic_plan(1000);
        let mut goals_per_activity: HashMap<ActivityId, BTreeSet<u32>> = HashMap::new();
        for goal in &plan.goals {
            for indicator in &goal.indicators {
                assert!(!indicator.activity_ids.is_empty());
                for &id in &indicator.activity_ids {
                    assert!(plan.activity(id).is_some(), "{id} exists");
                    goals_per_activity
                        .entry(id)
                        .or_default()
                        .insert(goal.number);
                }
            }
        }
        assert_eq!(goals_per_activity.len(), 250, "every activity is linked");
        assert!(goals_per_activity.values().any(|goals| goals.len() > 1));
    }

    #[test]
    fn the_checks_find_rpd_that_does_not_add_up_but_not_everywhere() {
        let plan = synthetic_plan(1000);
        let checks = plan_checks(&plan);
        let mismatches = checks
            .iter()
            .filter(|c| matches!(c, Check::WithdrawalPlanMismatch { .. }))
            .count();
        assert!(mismatches >= 1);
        assert!(mismatches < plan.activities.len() / 2);
        assert!(checks
            .iter()
            .any(|c| matches!(c, Check::NumeratorExceedsDenominator { .. })));
        assert!(
            checks.len() < 200,
            "a few checks, not a wall: {}",
            checks.len()
        );
    }

    #[test]
    fn the_same_size_gives_the_same_plan_and_small_sizes_work() {
        assert_eq!(synthetic_plan(1000), synthetic_plan(1000));
        let empty = synthetic_plan(0);
        assert!(empty.goals.is_empty() && empty.activities.is_empty());
        let tiny = synthetic_plan(3);
        assert_eq!(tiny.goals.len(), 3);
        assert_eq!(tiny.indicators().count(), 3);
        assert_eq!(tiny.activities.len(), 1);
        let odd = synthetic_plan(37);
        assert_eq!(odd.goals.len(), 10);
        assert_eq!(odd.indicators().count(), 37);
        assert!(odd
            .indicators()
            .all(|i| i.activity_ids.iter().all(|&id| odd.activity(id).is_some())));
    }
}
