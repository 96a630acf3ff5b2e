//! The roll-up's SQL sums against the model's own figures (`model::figures`, `model::checks`)
//! for made-up plans (`model::synthetic`: shared activities, blocked budgets, RPD off by a
//! million in every seventh activity): a Kanwil with several UPTs, every row and the total, to
//! the sen. `PANTAU_ROLLUP_UNITS=N` sets the number of UPTs (6 by default); the time of one
//! roll-up is printed (median and slowest of 20).

use super::common;
use model::checks::withdrawal_plan_check;
use model::dashboard::standing_counts_at;
use model::figures::plan_totals;
use model::figures::StandingThresholds;
use model::{Quarter, Rupiah};
use server::storage::{InsertOutcome, Store, UnitPlacement};
use server::usecases::rollup::rollup;
use std::time::{Duration, Instant};

async fn the_sums_equal_the_models_figures_of_every_plan(store: &Store) {
    let upts: usize = std::env::var("PANTAU_ROLLUP_UNITS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(6);
    let cli = common::cli();
    let kanwil = store.create_unit("KANWIL UJI", None, &cli).await.unwrap();
    let mut plans = Vec::new();
    for n in 0..upts {
        let name = format!("UPT UJI {n:03}");
        let unit = store.create_unit(&name, Some(kanwil), &cli).await.unwrap();
        // 60 indicators over 15 activities; a different number of indicators every few UPTs.
        let mut plan = model::synthetic::synthetic_plan(60 + 4 * (n % 3));
        plan.header.work_unit = name;
        plan.header.fiscal_year = 2026;
        match store
            .insert_plan(&plan, &UnitPlacement::ExistingOnly)
            .await
            .unwrap()
        {
            InsertOutcome::Created(_) => plans.push((unit, plan)),
            other => panic!("{other:?}"),
        }
    }
    let head = common::person(
        store,
        &[model::access::Grant {
            unit: kanwil,
            role: model::access::Role::Pimpinan,
        }],
    )
    .await;
    for quarter in Quarter::ALL {
        let r = rollup(store, &head, kanwil, Some(2026), Some(quarter))
            .await
            .unwrap();
        assert_eq!(r.rows.len(), upts + 1);
        let mut budget = Rupiah::ZERO;
        let mut realized = Rupiah::ZERO;
        for (unit, plan) in &plans {
            let row = r.rows.iter().find(|row| row.unit == *unit).unwrap();
            let totals = plan_totals(plan);
            let mismatches = plan
                .activities
                .iter()
                .filter(|a| withdrawal_plan_check(a).is_some())
                .count();
            assert_eq!(row.sums.budget, totals.budget, "{}", row.name);
            assert_eq!(row.sums.blocked, totals.blocked, "{}", row.name);
            assert_eq!(
                row.sums.realized,
                totals.cumulative_realization(quarter),
                "{} {quarter:?}",
                row.name
            );
            assert_eq!(
                row.sums.absorption(),
                totals.cumulative_absorption(quarter),
                "{}",
                row.name
            );
            assert_eq!(row.sums.rpd_mismatches as usize, mismatches, "{}", row.name);
            assert_eq!(row.sums.activities as usize, plan.activities.len());
            // Indicators by standing, kept beside the plan when it was stored, as the
            // dashboard's rule counts them.
            assert_eq!(
                row.sums.standings,
                standing_counts_at(plan, &StandingThresholds::default(), quarter),
                "{} {quarter:?}",
                row.name
            );
            assert_eq!(row.sums.standings.indicators() as usize, indicators(plan));
            budget = budget + totals.budget;
            realized = realized + totals.cumulative_realization(quarter);
        }
        assert_eq!(r.total.budget, budget);
        assert_eq!(r.total.realized, realized);
        assert_eq!(r.total.plans as usize, upts);
    }
    // One roll-up, timed.
    let mut times: Vec<Duration> = Vec::new();
    for _ in 0..20 {
        let started = Instant::now();
        rollup(store, &head, kanwil, Some(2026), Some(Quarter::Q3))
            .await
            .unwrap();
        times.push(started.elapsed());
    }
    times.sort();
    eprintln!(
        "roll-up of a Kanwil with {upts} UPTs ({} activities) on {:?}: median {:?}, slowest {:?}",
        plans.iter().map(|(_, p)| p.activities.len()).sum::<usize>(),
        store.backend(),
        times[times.len() / 2],
        times[times.len() - 1]
    );
}
fn indicators(plan: &model::Plan) -> usize {
    plan.goals.iter().map(|g| g.indicators.len()).sum()
}

crate::both!(
    the_roll_up_of_made_up_plans_equals_the_models_figures,
    the_sums_equal_the_models_figures_of_every_plan
);
