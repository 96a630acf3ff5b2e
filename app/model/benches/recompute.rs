//! Recomputes every derived figure of a 1000-indicator plan, as a page showing the whole plan
//! would, and reports how long that takes. Goal: at most 1 ms (p50).
//!
//!   cargo bench -p model --bench recompute [-- INDICATORS [RUNS]]
//!
//! A tiny harness on purpose (no criterion): warm up, time each run with `Instant`, print the
//! percentiles. Figures are reported, never asserted.
#![allow(clippy::unwrap_used)]

use model::checks::plan_checks;
use model::figures::{
    activity_totals, against_target, cumulative_value, goal_totals, plan_totals, quarter_value,
    Standing, StandingThresholds,
};
use model::synthetic::synthetic_plan;
use model::{Check, Plan, Quarter};
use rust_decimal::Decimal;
use std::hint::black_box;
use std::time::{Duration, Instant};

const DEFAULT_INDICATORS: usize = 1000;
const DEFAULT_RUNS: usize = 200;
const WARM_UP_RUNS: usize = 20;

/// Every figure the plan page derives, computed once. Returns a small digest of the results so
/// the work cannot be optimised away (and so two runs can be compared).
fn recompute(plan: &Plan, thresholds: &StandingThresholds) -> Digest {
    let mut digest = Digest::default();
    for part in PARTS {
        (part.run)(plan, thresholds, &mut digest);
    }
    digest
}

/// One part of the work, timed on its own for the breakdown.
struct Part {
    name: &'static str,
    run: fn(&Plan, &StandingThresholds, &mut Digest),
}

const PARTS: [Part; 4] = [
    Part {
        name: "indicator figures (value, cumulative, against target, standing)",
        run: indicator_figures,
    },
    Part {
        name: "plan and goal totals",
        run: plan_and_goal_totals,
    },
    Part {
        name: "activity totals and absorption per quarter",
        run: activity_figures,
    },
    Part {
        name: "plan checks",
        run: checks,
    },
];

fn indicator_figures(plan: &Plan, thresholds: &StandingThresholds, digest: &mut Digest) {
    for indicator in plan.indicators() {
        for quarter in Quarter::ALL {
            let value = quarter_value(indicator, quarter);
            let cumulative = cumulative_value(indicator, quarter);
            let against = value.and_then(|v| against_target(indicator, v));
            let standing = against.map(|a| thresholds.standing(a));
            digest.add(value);
            digest.add(cumulative);
            digest.add(against);
            digest.standings[standing.map_or(3, standing_index)] += 1;
        }
    }
}

fn plan_and_goal_totals(plan: &Plan, _: &StandingThresholds, digest: &mut Digest) {
    let totals = plan_totals(plan);
    digest.add(Some(totals.withdrawal_plan_total().amount()));
    digest.add(totals.cumulative_absorption(Quarter::Q4));
    for goal in &plan.goals {
        let totals = goal_totals(plan, goal);
        digest.add(Some(totals.budget.amount()));
        digest.add(Some(totals.withdrawal_plan_total().amount()));
    }
}

fn activity_figures(plan: &Plan, _: &StandingThresholds, digest: &mut Digest) {
    for activity in &plan.activities {
        let totals = activity_totals(activity);
        digest.add(Some(totals.withdrawal_plan_total().amount()));
        for quarter in Quarter::ALL {
            digest.add(totals.cumulative_absorption(quarter));
        }
    }
}

fn checks(plan: &Plan, _: &StandingThresholds, digest: &mut Digest) {
    let checks = plan_checks(plan);
    digest.checks = checks.len();
    for check in &checks {
        if let Check::WithdrawalPlanMismatch { difference, .. } = check {
            digest.add(Some(*difference));
        }
    }
}

fn standing_index(standing: Standing) -> usize {
    match standing {
        Standing::Met => 0,
        Standing::Close => 1,
        Standing::Behind => 2,
    }
}

#[derive(Debug, Default, PartialEq)]
struct Digest {
    /// A wrapping sum of every figure's exact representation: equal digests, equal figures.
    sum: u128,
    figures: usize,
    nones: usize,
    standings: [usize; 4],
    checks: usize,
}

impl Digest {
    fn add(&mut self, figure: Option<Decimal>) {
        match figure {
            Some(v) => {
                self.sum = self
                    .sum
                    .wrapping_mul(31)
                    .wrapping_add(u128::from_le_bytes(v.serialize()));
                self.figures += 1;
            }
            None => self.nones += 1,
        }
    }
}

fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The value below which `p` percent of the sorted samples fall (nearest rank).
fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// Runs `work` `runs` times after a warm-up; the sorted durations.
fn time(runs: usize, mut work: impl FnMut()) -> Vec<Duration> {
    for _ in 0..WARM_UP_RUNS {
        work();
    }
    let mut samples: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed()
        })
        .collect();
    samples.sort();
    samples
}

fn main() {
    // `cargo bench` passes `--bench`; the optional numbers come after `--`.
    let numbers: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let indicators = numbers.first().copied().unwrap_or(DEFAULT_INDICATORS);
    let runs = numbers.get(1).copied().unwrap_or(DEFAULT_RUNS).max(1);

    let plan = synthetic_plan(indicators);
    let thresholds = StandingThresholds::default();
    let expected = recompute(&plan, &thresholds);
    let samples = time(runs, || {
        let digest = recompute(black_box(&plan), black_box(&thresholds));
        assert_eq!(
            black_box(digest),
            expected,
            "every run computes the same figures"
        );
    });
    let mean = samples.iter().sum::<Duration>() / u32::try_from(runs).unwrap();

    println!(
        "recompute every derived figure: {indicators} indicators x 4 quarters, {} activities, {} goals, {} checks",
        plan.activities.len(),
        plan.goals.len(),
        expected.checks
    );
    println!(
        "  {} figures ({} none), {runs} runs after {WARM_UP_RUNS} warm-up, digest {:032x}",
        expected.figures, expected.nones, expected.sum
    );
    println!(
        "  p50 {:.3} ms  p95 {:.3} ms  mean {:.3} ms  min {:.3} ms  max {:.3} ms  (goal: <= 1 ms)",
        millis(percentile(&samples, 50.0)),
        millis(percentile(&samples, 95.0)),
        millis(mean),
        millis(samples[0]),
        millis(samples[samples.len() - 1]),
    );
    summarize(
        &format!("recompute: {indicators} indicators"),
        &[
            ("p50 (ms)", millis(percentile(&samples, 50.0)), "<= 1"),
            ("p95 (ms)", millis(percentile(&samples, 95.0)), "-"),
        ],
    );
    println!("  breakdown (p50 of each part timed alone):");
    for part in PARTS {
        let samples = time(runs, || {
            let mut digest = Digest::default();
            (part.run)(black_box(&plan), black_box(&thresholds), &mut digest);
            black_box(digest);
        });
        println!(
            "    {:>7.3} ms  {}",
            millis(percentile(&samples, 50.0)),
            part.name
        );
    }
}

/// The bench summary (the protocol of `server::ops::bench_summary`, which this pure crate cannot
/// use): one `area<TAB>figure<TAB>value<TAB>goal` line per figure, appended to the file
/// `PANTAU_BENCH_SUMMARY` names, if any.
fn summarize(area: &str, figures: &[(&str, f64, &str)]) {
    use std::io::Write;
    let Ok(path) = std::env::var("PANTAU_BENCH_SUMMARY") else {
        return;
    };
    let text: String = figures
        .iter()
        .map(|(figure, value, goal)| format!("{area}\t{figure}\t{value:.3}\t{goal}\n"))
        .collect();
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .and_then(|mut file| file.write_all(text.as_bytes()))
        .unwrap_or_else(|e| panic!("cannot append to {path}: {e}"));
}
