//! The figures of a run, printed, and returned for the bench summary
//! (`server::ops::bench_summary`).

use crate::check::Verdict;
use crate::journal::{Journal, Kind};
use server::ops::bench_summary::Figure;
use std::time::Duration;

pub struct Run<'a> {
    pub label: &'a str,
    pub people: usize,
    pub scriptless: usize,
    pub seconds: u64,
    pub seed: u64,
    pub elapsed: Duration,
    /// The p95 save latency aimed for, in milliseconds.
    pub goal_p95_ms: u64,
}

/// The `q`-quantile (nearest rank) of sorted durations, in milliseconds.
fn quantile(sorted: &[Duration], q: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    Some(sorted[rank - 1].as_secs_f64() * 1000.0)
}

fn ms(value: Option<f64>) -> String {
    value.map_or_else(|| "-".into(), |v| format!("{v:.1}"))
}

/// Prints the run's figures; returns them for the summary.
pub fn print(run: &Run, journal: &Journal, verdict: &Verdict) -> Vec<Figure> {
    println!(
        "load, {}: {} people for {} s ({} with JavaScript off), seed {}",
        run.label, run.people, run.seconds, run.scriptless, run.seed
    );
    println!(
        "  {:<20} {:>7} {:>8} {:>8} {:>8}  (ms)",
        "request", "count", "p50", "p95", "p99"
    );
    let mut requests = 0;
    for kind in Kind::ALL {
        let mut times = journal.timings.get(&kind).cloned().unwrap_or_default();
        times.sort();
        requests += times.len();
        println!(
            "  {:<20} {:>7} {:>8} {:>8} {:>8}",
            kind.label(),
            times.len(),
            ms(quantile(&times, 0.5)),
            ms(quantile(&times, 0.95)),
            ms(quantile(&times, 0.99))
        );
    }
    let mut saves: Vec<Duration> = journal
        .timings
        .iter()
        .filter(|(kind, _)| kind.is_save())
        .flat_map(|(_, times)| times.iter().copied())
        .collect();
    saves.sort();
    let seconds = run.elapsed.as_secs_f64().max(0.001);
    let (p50, p95, p99) = (
        quantile(&saves, 0.5),
        quantile(&saves, 0.95),
        quantile(&saves, 0.99),
    );
    let errors = journal.errors.len();
    println!(
        "  saves: {} rows saved ({:.1}/s), {} changes acknowledged ({:.1}/s); {requests} requests ({:.1}/s) in {:.1} s",
        saves.len(),
        saves.len() as f64 / seconds,
        verdict.acknowledged,
        verdict.acknowledged as f64 / seconds,
        requests as f64 / seconds,
        seconds
    );
    println!(
        "  save latency: p50 {} ms, p95 {} ms (goal <= {} ms{}), p99 {} ms",
        ms(p50),
        ms(p95),
        run.goal_p95_ms,
        match p95 {
            Some(v) if v <= run.goal_p95_ms as f64 => ", met",
            Some(_) => ", MISSED",
            None => "",
        },
        ms(p99)
    );
    println!(
        "  audit trail: {} acknowledged changes, {} present once, {} lost, {} doubled; {} conflicts (allowed), {} pushes sent twice got the same answers",
        verdict.acknowledged,
        verdict.present,
        verdict.lost,
        verdict.doubled,
        journal.conflicts,
        journal.replays
    );
    println!(
        "  errors: {errors}{}",
        if journal.reconnects > 0 {
            format!(
                " ({} requests re-sent on a new connection after the server closed an idle one)",
                journal.reconnects
            )
        } else {
            String::new()
        }
    );
    for error in journal.errors.iter().take(20) {
        println!("    {error}");
    }
    if errors > 20 {
        println!("    … and {} more", errors - 20);
    }
    let area = format!("load: {}", run.label);
    let line = |figure: &str, value: String, goal: &str| Figure::new(&area, figure, value, goal);
    vec![
        line("save p50 (ms)", ms(p50), "-"),
        line("save p95 (ms)", ms(p95), &format!("<= {}", run.goal_p95_ms)),
        line("save p99 (ms)", ms(p99), "-"),
        line(
            "rows saved per second",
            format!("{:.1}", saves.len() as f64 / seconds),
            "-",
        ),
        line(
            "requests per second",
            format!("{:.1}", requests as f64 / seconds),
            "-",
        ),
        line("errors", errors.to_string(), "0"),
        line(
            "acknowledged changes present once",
            format!("{} of {}", verdict.present, verdict.acknowledged),
            "all",
        ),
        line("lost changes", verdict.lost.to_string(), "0"),
        line("doubled changes", verdict.doubled.to_string(), "0"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_are_nearest_rank() {
        let times: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        assert_eq!(quantile(&times, 0.5), Some(50.0));
        assert_eq!(quantile(&times, 0.95), Some(95.0));
        assert_eq!(quantile(&times, 0.99), Some(99.0));
        assert_eq!(quantile(&[], 0.5), None);
    }
}
