//! Runs one property for the configured number of cases and reports it.

use proptest::strategy::Strategy;
use proptest::test_runner::{Config, TestCaseResult, TestError, TestRunner};
use std::cell::Cell;
use std::fmt::Debug;
use std::io::Write;
use std::time::Instant;

const DEFAULT_CASES: u32 = 5_000;

/// Cases per property: `PANTAU_FUZZ_CASES`, else 5,000. A value that does not read stops the
/// run rather than quietly testing less.
pub fn cases() -> u32 {
    match std::env::var("PANTAU_FUZZ_CASES") {
        Ok(text) => text
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("PANTAU_FUZZ_CASES={text:?} is not a number of cases")),
        Err(_) => DEFAULT_CASES,
    }
}

/// Runs `test` on `cases()` values of `strategy`. A failure panics with proptest's smallest
/// failing input; either way the property's line goes to the bench summary when asked for.
pub fn check<S>(name: &str, strategy: S, test: impl Fn(S::Value) -> TestCaseResult)
where
    S: Strategy,
    S::Value: Debug,
{
    let cases = cases();
    let config = Config {
        cases,
        // Regressions are kept as named tests beside the code they guard, not as seed files.
        failure_persistence: None,
        ..Config::default()
    };
    let run = Cell::new(0_u64);
    let started = Instant::now();
    let mut runner = TestRunner::new(config);
    let result = runner.run(&strategy, |value| {
        run.set(run.get() + 1);
        test(value)
    });
    let failures = u32::from(result.is_err());
    // Seen with `--nocapture`: where the test command's time goes.
    println!("{name}: {} cases in {:.1?}", run.get(), started.elapsed());
    report(name, run.get(), failures);
    match result {
        Ok(()) => {}
        Err(TestError::Fail(why, value)) => {
            panic!("{name}: {why}\nsmallest failing input: {value:#?}")
        }
        Err(TestError::Abort(why)) => panic!("{name}: aborted: {why}"),
    }
}

/// One line per property for `scripts/bench`: area, figure, value, goal (tab-separated).
fn report(name: &str, cases_run: u64, failures: u32) {
    let Ok(path) = std::env::var("PANTAU_BENCH_SUMMARY") else {
        return;
    };
    let line = format!(
        "fuzz\t{name}\t{cases_run} cases, {failures} failures\t\u{2265} 100000 cases, 0 failures\n"
    );
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .unwrap_or_else(|e| panic!("cannot append to PANTAU_BENCH_SUMMARY {path}: {e}"));
    file.write_all(line.as_bytes())
        .unwrap_or_else(|e| panic!("cannot append to PANTAU_BENCH_SUMMARY {path}: {e}"));
}
