//! Counters for monitoring, in the Prometheus text format (served at `GET /metrics` by
//! `http::health` only when `PANTAU_METRICS=1`). Counted in this process since it started:
//! requests by status class, how long answers took to start, sync pushes, the edits in them,
//! the conflicts they met, and failed sign-ins.

use http::StatusCode;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Upper bounds of the latency buckets, in seconds (as Prometheus names them: `le`).
const BUCKETS: [f64; 10] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0];
const BUCKET_MICROS: [u64; 10] = [
    5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000, 2_500_000, 10_000_000,
];

struct Metrics {
    /// Requests by the first digit of their status: 1xx..5xx.
    by_class: [AtomicU64; 5],
    /// Answers at or under each bucket's bound (cumulative, as Prometheus wants them).
    buckets: [AtomicU64; 10],
    micros_sum: AtomicU64,
    pushes: AtomicU64,
    pushed_edits: AtomicU64,
    conflicts: AtomicU64,
    failed_sign_ins: AtomicU64,
}

// Counters of the one process: a static, so that every layer can count without a handle.
static METRICS: Metrics = Metrics {
    by_class: [const { AtomicU64::new(0) }; 5],
    buckets: [const { AtomicU64::new(0) }; 10],
    micros_sum: AtomicU64::new(0),
    pushes: AtomicU64::new(0),
    pushed_edits: AtomicU64::new(0),
    conflicts: AtomicU64::new(0),
    failed_sign_ins: AtomicU64::new(0),
};

/// One answered request (called by `http::errors::answer` for every request).
pub fn request(status: StatusCode, took: Duration) {
    let class = usize::from(status.as_u16() / 100).clamp(1, 5) - 1;
    METRICS.by_class[class].fetch_add(1, Ordering::Relaxed);
    let micros = u64::try_from(took.as_micros()).unwrap_or(u64::MAX);
    METRICS.micros_sum.fetch_add(micros, Ordering::Relaxed);
    for (bound, bucket) in BUCKET_MICROS.iter().zip(&METRICS.buckets) {
        if micros <= *bound {
            bucket.fetch_add(1, Ordering::Relaxed);
        }
    }
}

/// One sync push of `edits` edits, `conflicts` of which met a newer value.
pub fn push(edits: usize, conflicts: usize) {
    METRICS.pushes.fetch_add(1, Ordering::Relaxed);
    METRICS
        .pushed_edits
        .fetch_add(u64::try_from(edits).unwrap_or(u64::MAX), Ordering::Relaxed);
    METRICS.conflicts.fetch_add(
        u64::try_from(conflicts).unwrap_or(u64::MAX),
        Ordering::Relaxed,
    );
}

/// One refused sign-in (a wrong password, an unknown name, the throttle).
pub fn failed_sign_in() {
    METRICS.failed_sign_ins.fetch_add(1, Ordering::Relaxed);
}

/// Every counter in the Prometheus text format.
pub fn text() -> String {
    let get = |counter: &AtomicU64| counter.load(Ordering::Relaxed);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# HELP pantau_requests_total Requests answered, by status class.\n\
         # TYPE pantau_requests_total counter"
    );
    for (i, counter) in METRICS.by_class.iter().enumerate() {
        let _ = writeln!(
            out,
            "pantau_requests_total{{class=\"{}xx\"}} {}",
            i + 1,
            get(counter)
        );
    }
    let _ = writeln!(
        out,
        "# HELP pantau_request_duration_seconds Time until the answer started.\n\
         # TYPE pantau_request_duration_seconds histogram"
    );
    for (bound, bucket) in BUCKETS.iter().zip(&METRICS.buckets) {
        let _ = writeln!(
            out,
            "pantau_request_duration_seconds_bucket{{le=\"{bound}\"}} {}",
            get(bucket)
        );
    }
    let count: u64 = METRICS.by_class.iter().map(get).sum();
    let sum = Duration::from_micros(get(&METRICS.micros_sum)).as_secs_f64();
    let _ = writeln!(
        out,
        "pantau_request_duration_seconds_bucket{{le=\"+Inf\"}} {count}\n\
         pantau_request_duration_seconds_sum {sum}\n\
         pantau_request_duration_seconds_count {count}"
    );
    for (name, help, counter) in [
        (
            "pantau_sync_pushes_total",
            "Sync pushes received.",
            &METRICS.pushes,
        ),
        (
            "pantau_sync_edits_total",
            "Edits in the sync pushes.",
            &METRICS.pushed_edits,
        ),
        (
            "pantau_sync_conflicts_total",
            "Pushed edits that met a newer value (a conflict for a person to settle).",
            &METRICS.conflicts,
        ),
        (
            "pantau_sign_in_failures_total",
            "Refused sign-ins.",
            &METRICS.failed_sign_ins,
        ),
    ] {
        let _ = writeln!(
            out,
            "# HELP {name} {help}\n# TYPE {name} counter\n{name} {}",
            get(counter)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The value of the line that starts with `series `.
    fn value(text: &str, series: &str) -> f64 {
        text.lines()
            .find_map(|l| l.strip_prefix(&format!("{series} ")))
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("{series} in\n{text}"))
    }

    #[test]
    fn an_answer_counts_in_its_class_and_in_every_bucket_at_or_above_its_time() {
        let before = text();
        request(StatusCode::NOT_FOUND, Duration::from_millis(30));
        let after = text();
        let grew = |series: &str| value(&after, series) - value(&before, series);
        assert_eq!(grew("pantau_requests_total{class=\"4xx\"}"), 1.0);
        assert_eq!(
            grew("pantau_request_duration_seconds_bucket{le=\"0.025\"}"),
            0.0
        );
        assert_eq!(
            grew("pantau_request_duration_seconds_bucket{le=\"0.05\"}"),
            1.0
        );
        assert_eq!(
            grew("pantau_request_duration_seconds_bucket{le=\"+Inf\"}"),
            1.0
        );
        assert!(grew("pantau_request_duration_seconds_sum") >= 0.03);
    }
}
