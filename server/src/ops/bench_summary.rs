//! The benchmark figures protocol, shared by every benchmark and figure-producing test: when
//! the environment variable `PANTAU_BENCH_SUMMARY` names a file, each figure is appended to it
//! as one line, `area<TAB>figure<TAB>value<TAB>goal` (goal `-` when there is none), and
//! `scripts/bench` prints that file as one table at the end. Without the variable nothing is
//! written. (The Playwright benchmarks write the same lines from `end2end/bench/summary.ts`.)

use std::io::Write;

pub const VARIABLE: &str = "PANTAU_BENCH_SUMMARY";

/// One line of the summary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Figure {
    pub area: String,
    pub name: String,
    pub value: String,
    pub goal: String,
}

impl Figure {
    pub fn new(
        area: impl Into<String>,
        name: impl Into<String>,
        value: impl Into<String>,
        goal: impl Into<String>,
    ) -> Figure {
        Figure {
            area: area.into(),
            name: name.into(),
            value: value.into(),
            goal: goal.into(),
        }
    }

    /// The line as the file holds it; tabs and line breaks inside a part become spaces.
    pub fn line(&self) -> String {
        let clean = |part: &str| part.replace(['\t', '\n', '\r'], " ");
        format!(
            "{}\t{}\t{}\t{}\n",
            clean(&self.area),
            clean(&self.name),
            clean(&self.value),
            clean(&self.goal)
        )
    }
}

/// Appends `figures` to the summary file, if `PANTAU_BENCH_SUMMARY` names one.
pub fn append(figures: &[Figure]) -> Result<(), String> {
    let Ok(path) = std::env::var(VARIABLE) else {
        return Ok(());
    };
    let text: String = figures.iter().map(Figure::line).collect();
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .and_then(|mut file| file.write_all(text.as_bytes()))
        .map_err(|e| format!("cannot append to {path} ({VARIABLE}): {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_figure_is_one_tab_separated_line_whatever_its_parts_hold() {
        let figure = Figure::new("load: SQLite", "save p95\t(ms)", "12.5", "<= 100");
        assert_eq!(figure.line(), "load: SQLite\tsave p95 (ms)\t12.5\t<= 100\n");
    }
}
