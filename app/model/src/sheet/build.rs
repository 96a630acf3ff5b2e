//! Assembles goals, indicators and activities from the data rows, in sheet order, checking that
//! every indicator runs TW I, TW II, TW III, TW IV.

use super::activities::{Occurrence, Registry, Shifted};
use super::cells::{blocked_amount, Row};
use super::error::{SheetError, SheetErrorKind, SheetWarning};
use super::formula::formula_labels;
use super::rows::{check_no_money, read_data_row, ContinuationRow, DataRow, StartRow};
use crate::money::Rupiah;
use crate::plan::{
    Activity, ActivityQuarter, Aggregation, Goal, Indicator, Polarity, QuarterReport,
};
use crate::quarter::Quarter;

/// What the data rows hold.
pub(super) struct Table {
    pub goals: Vec<Goal>,
    pub activities: Vec<Activity>,
    pub warnings: Vec<SheetWarning>,
}

#[derive(Default)]
pub(super) struct TableBuilder {
    pub(super) goals: Vec<Goal>,
    pub(super) open: Option<OpenIndicator>,
    pub(super) registry: Registry,
    pub(super) warnings: Vec<SheetWarning>,
}

/// The indicator whose quarters are being read.
pub(super) struct OpenIndicator {
    pub(super) indicator: Indicator,
    /// `goal.indicator`, e.g. `2.4`, for messages.
    pub(super) label: String,
    pub(super) start_line: usize,
    pub(super) last: Quarter,
    pub(super) last_line: usize,
    /// Its activities: one per block of four quarter rows (most indicators have one or none).
    pub(super) occurrences: Vec<Occurrence>,
    /// 0 for the first block; later blocks repeat the indicator for its next activity.
    pub(super) block: usize,
}

impl TableBuilder {
    /// Reads one data row: `quarter` is its first quarter label, at cell `label_at`.
    pub fn push(&mut self, row: &Row, label_at: usize, quarter: Quarter) -> Result<(), SheetError> {
        match read_data_row(row, label_at, quarter)? {
            DataRow::Start(start) => self.start(row, start),
            DataRow::Continuation(continuation) => self.continue_with(row, continuation),
            DataRow::NextActivity(next) => self.next_activity(row, next),
        }
    }

    /// A row without a quarter label ends the table. In a workbook, while an indicator still
    /// lacks quarters, a row with data under the column headers is that indicator's next quarter
    /// with its label missing: name the cell where the label belongs.
    pub fn check_unlabelled(&self, row: &Row) -> Result<(), SheetError> {
        let Some(open) = self.open.as_ref().filter(|open| open.last != Quarter::Q4) else {
            return Ok(());
        };
        if row.places.is_empty() || row.is_totals() {
            return Ok(());
        }
        let label_at = (0..row.cells.len()).find(|&i| row.header(i) == "RENCANA KEGIATAN");
        const QUARTER_COLUMNS: [&str; 4] = [
            "RENCANA PENARIKAN DANA",
            "REALISASI ANGGARAN",
            "RENCANA KEGIATAN",
            "CAPAIAN",
        ];
        let data_filled = (0..row.cells.len())
            .any(|i| !row.cell(i).is_empty() && QUARTER_COLUMNS.contains(&row.header(i).as_str()));
        match (label_at, Quarter::from_index(open.last.index() + 1)) {
            (Some(at), Some(expected)) if data_filled => Err(SheetError::at(
                row,
                at,
                SheetErrorKind::MissingQuarterLabel(expected),
            )),
            _ => Ok(()),
        }
    }

    /// Ends the table; `header_line` is where the column header was, for an empty table.
    pub fn finish(mut self, header_line: usize) -> Result<Table, SheetError> {
        if let Some(open) = self.open.take() {
            if open.last != Quarter::Q4 {
                return Err(incomplete(open.last_line, &open, "akhir tabel"));
            }
            self.close(open)?;
        }
        if self.goals.is_empty() {
            return Err(SheetError::new(header_line, SheetErrorKind::NoData));
        }
        Ok(Table {
            goals: self.goals,
            activities: self.registry.into_activities(),
            warnings: self.warnings,
        })
    }

    fn start(&mut self, row: &Row, start: StartRow) -> Result<(), SheetError> {
        let line = row.line;
        if let Some(open) = self.open.take() {
            if open.last != Quarter::Q4 {
                return Err(incomplete(line, &open, "indikator berikutnya"));
            }
            self.close(open)?;
        }
        if start.quarter != Quarter::Q1 {
            return Err(SheetError::new(
                line,
                SheetErrorKind::FirstQuarterNotQ1(start.quarter),
            ));
        }
        if let (None, Some((at, range))) = (&start.goal, &start.goal_merged) {
            let goal_has_indicators = self.goals.last().is_some_and(|g| !g.indicators.is_empty());
            if start.indicator.number == Some(1) && goal_has_indicators {
                let kind = SheetErrorKind::MergedAcrossGoals(range.clone());
                return Err(SheetError::at(row, *at, kind));
            }
        }
        if let Some(goal) = start.goal {
            let expected = u32::try_from(self.goals.len() + 1).unwrap_or(u32::MAX);
            let number = self.numbering(goal.number, expected, line, "sasaran kegiatan");
            self.goals.push(Goal {
                id: None,
                number,
                title: goal.text,
                indicators: Vec::new(),
            });
        }
        let Some(goal) = self.goals.last() else {
            return Err(SheetError::new(line, SheetErrorKind::IndicatorWithoutGoal));
        };
        let goal_number = goal.number;
        let expected = u32::try_from(goal.indicators.len() + 1).unwrap_or(u32::MAX);
        let number = self.numbering(start.indicator.number, expected, line, "indikator kinerja");

        let blocked = self.blocked_in(&start.report, line)?;
        let (numerator_label, denominator_label) = formula_labels(&start.formula);
        let mut quarters: [QuarterReport; 4] = Default::default();
        quarters[0] = start.report;
        let indicator = Indicator {
            id: None,
            number,
            name: start.indicator.text,
            target: start.target,
            formula: start.formula,
            numerator_label,
            denominator_label,
            kind: start.kind,
            polarity: Polarity::HigherIsBetter,
            aggregation: Aggregation::Sum,
            activity_ids: Vec::new(),
            quarters,
        };
        let occurrences = start
            .activity
            .map(|name| occurrence(name, start.budget, start.money, line))
            .into_iter()
            .collect();
        let mut open = OpenIndicator {
            indicator,
            label: format!("{goal_number}.{number}"),
            start_line: line,
            last: Quarter::Q1,
            last_line: line,
            occurrences,
            block: 0,
        };
        self.note_blocked(&mut open, blocked, line)?;
        self.open = Some(open);
        Ok(())
    }

    fn continue_with(&mut self, row: &Row, next: ContinuationRow) -> Result<(), SheetError> {
        let line = row.line;
        let quarter = next.quarter;
        let error = |kind| SheetError::new(line, kind);
        let blocked = self.blocked_in(&next.report, line)?;
        let Some(mut open) = self.open.take() else {
            return Err(error(SheetErrorKind::ContinuationWithoutIndicator(quarter)));
        };
        match Quarter::from_index(open.last.index() + 1) {
            None => return Err(error(SheetErrorKind::FifthQuarter(quarter))),
            Some(expected) if expected != quarter => {
                return Err(error(SheetErrorKind::QuarterOutOfOrder {
                    expected,
                    found: quarter,
                }));
            }
            Some(_) => {}
        }
        let i = quarter.index();
        if let (Some((shifted, message)), Some(occurrence)) =
            (next.shifted, open.occurrences.last_mut())
        {
            // Decided when the block's four rows are read.
            occurrence.shifted[i] = Some(Shifted {
                money: shifted,
                message,
                repeated: next.repeated_budget.clone(),
            });
        } else if let Some((amount, text)) = next.repeated_budget {
            match open.occurrences.last_mut() {
                Some(occurrence) if occurrence.budget == amount => occurrence.pagu_rows += 1,
                Some(occurrence) => {
                    let budget = occurrence.budget.to_string();
                    return Err(error(SheetErrorKind::RepeatedBudgetMismatch {
                        found: text,
                        budget,
                    }));
                }
                None => {
                    return Err(error(SheetErrorKind::MoneyWithoutActivity {
                        field: "pagu".into(),
                    }))
                }
            }
        }
        match open.occurrences.last_mut() {
            Some(occurrence) => {
                occurrence.quarters[i] = next.money;
                occurrence.lines[i] = line;
            }
            None => check_no_money(row, &next.money, quarter)?,
        }
        self.take_report(&mut open, quarter, next.report, line);
        open.last = quarter;
        open.last_line = line;
        self.note_blocked(&mut open, blocked, line)?;
        if quarter == Quarter::Q4 {
            if let Some(occurrence) = open.occurrences.last_mut() {
                self.settle_shifted(occurrence)?;
            }
        }
        self.open = Some(open);
        Ok(())
    }

    /// Files a finished indicator under the current goal, its activities into the registry.
    fn close(&mut self, open: OpenIndicator) -> Result<(), SheetError> {
        let mut indicator = open.indicator;
        for occurrence in open.occurrences {
            let id = self.registry.resolve(occurrence, &mut self.warnings)?;
            if !indicator.activity_ids.contains(&id) {
                indicator.activity_ids.push(id);
            }
        }
        if let Some(goal) = self.goals.last_mut() {
            goal.indicators.push(indicator);
        }
        Ok(())
    }

    /// The blocked amount a quarter's note declares (`Terdapat pagu blokir sebesar Rp ...`).
    pub(super) fn blocked_in(
        &mut self,
        report: &QuarterReport,
        line: usize,
    ) -> Result<Option<Rupiah>, SheetError> {
        match blocked_amount(&report.note) {
            None => Ok(None),
            Some(None) => {
                let message =
                    "keterangan menyebut pagu blokir tanpa jumlah; pagu blokir tidak diisi";
                self.warnings.push(SheetWarning::new(line, message));
                Ok(None)
            }
            Some(Some(text)) => Rupiah::parse(text).map(Some).map_err(|source| {
                let kind = SheetErrorKind::Number {
                    field: "pagu blokir".into(),
                    text: text.into(),
                    source,
                };
                SheetError::new(line, kind)
            }),
        }
    }

    pub(super) fn note_blocked(
        &mut self,
        open: &mut OpenIndicator,
        blocked: Option<Rupiah>,
        line: usize,
    ) -> Result<(), SheetError> {
        let Some(amount) = blocked else {
            return Ok(());
        };
        let Some(occurrence) = open.occurrences.last_mut() else {
            let message = format!(
                "keterangan menyebut pagu blokir Rp {amount}, tetapi indikator {} tidak memiliki \
                 kegiatan; pagu blokir diabaikan",
                open.label
            );
            self.warnings.push(SheetWarning::new(line, message));
            return Ok(());
        };
        match occurrence.blocked {
            Some((first, first_line)) if first != amount => Err(SheetError::new(
                line,
                SheetErrorKind::ActivityMismatch {
                    name: occurrence.name.clone(),
                    field: "pagu blokir".into(),
                    value: amount.to_string(),
                    first_value: first.to_string(),
                    first_line,
                },
            )),
            Some(_) => Ok(()),
            None => {
                occurrence.blocked = Some((amount, line));
                Ok(())
            }
        }
    }

    /// The number written in the sheet, or the next one when it has none (with a warning).
    fn numbering(&mut self, written: Option<u32>, expected: u32, line: usize, what: &str) -> u32 {
        match written {
            Some(number) if number == expected => number,
            Some(number) => {
                let message = format!(
                    "nomor {what} {number} tidak berurutan (diharapkan {expected}); nomor {number} \
                     tetap dipakai"
                );
                self.warnings.push(SheetWarning::new(line, message));
                number
            }
            None => {
                let message = format!("{what} tanpa nomor; diberi nomor {expected}");
                self.warnings.push(SheetWarning::new(line, message));
                expected
            }
        }
    }
}

/// An activity as its block's TW I row writes it.
pub(super) fn occurrence(
    name: String,
    budget: Option<Rupiah>,
    money: ActivityQuarter,
    line: usize,
) -> Occurrence {
    let mut quarters: [ActivityQuarter; 4] = Default::default();
    quarters[0] = money;
    Occurrence {
        name,
        line,
        budget: budget.unwrap_or_default(),
        blocked: None,
        quarters,
        lines: [line; 4],
        shifted: Default::default(),
        pagu_rows: 0,
    }
}

fn incomplete(line: usize, open: &OpenIndicator, next: &str) -> SheetError {
    SheetError::new(
        line,
        SheetErrorKind::IncompleteIndicator {
            indicator: open.label.clone(),
            start_line: open.start_line,
            last: open.last,
            next: next.to_owned(),
        },
    )
}
