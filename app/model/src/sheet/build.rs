//! Assembles goals, indicators and activities from the data rows, in sheet order, checking that
//! every indicator runs TW I, TW II, TW III, TW IV.

use super::activities::{Occurrence, Registry};
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
    goals: Vec<Goal>,
    open: Option<OpenIndicator>,
    registry: Registry,
    warnings: Vec<SheetWarning>,
}

/// The indicator whose quarters are being read.
struct OpenIndicator {
    indicator: Indicator,
    /// `goal.indicator`, e.g. `2.4`, for messages.
    label: String,
    start_line: usize,
    last: Quarter,
    last_line: usize,
    occurrence: Option<Occurrence>,
}

impl TableBuilder {
    /// Reads one data row: `quarter` is its first quarter label, at cell `label_at`.
    pub fn push(&mut self, row: &Row, label_at: usize, quarter: Quarter) -> Result<(), SheetError> {
        match read_data_row(row, label_at, quarter)? {
            DataRow::Start(start) => self.start(row, start),
            DataRow::Continuation(continuation) => self.continue_with(row, continuation),
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
        let occurrence = start.activity.map(|name| {
            let mut quarters: [ActivityQuarter; 4] = Default::default();
            quarters[0] = start.money;
            Occurrence {
                name,
                line,
                budget: start.budget.unwrap_or_default(),
                blocked: None,
                quarters,
                lines: [line; 4],
            }
        });
        let mut open = OpenIndicator {
            indicator,
            label: format!("{goal_number}.{number}"),
            start_line: line,
            last: Quarter::Q1,
            last_line: line,
            occurrence,
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
        if let Some((amount, text)) = next.repeated_budget {
            match &open.occurrence {
                Some(occurrence) if occurrence.budget == amount => {}
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
        let i = quarter.index();
        match open.occurrence.as_mut() {
            Some(occurrence) => {
                occurrence.quarters[i] = next.money;
                occurrence.lines[i] = line;
            }
            None => check_no_money(row, &next.money, quarter)?,
        }
        open.indicator.quarters[i] = next.report;
        open.last = quarter;
        open.last_line = line;
        self.note_blocked(&mut open, blocked, line)?;
        self.open = Some(open);
        Ok(())
    }

    /// Files a finished indicator under the current goal, its activity into the registry.
    fn close(&mut self, open: OpenIndicator) -> Result<(), SheetError> {
        let mut indicator = open.indicator;
        if let Some(occurrence) = open.occurrence {
            let id = self.registry.resolve(occurrence, &mut self.warnings)?;
            indicator.activity_ids.push(id);
        }
        if let Some(goal) = self.goals.last_mut() {
            goal.indicators.push(indicator);
        }
        Ok(())
    }

    /// The blocked amount a quarter's note declares (`Terdapat pagu blokir sebesar Rp ...`).
    fn blocked_in(
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

    fn note_blocked(
        &mut self,
        open: &mut OpenIndicator,
        blocked: Option<Rupiah>,
        line: usize,
    ) -> Result<(), SheetError> {
        let Some(amount) = blocked else {
            return Ok(());
        };
        let Some(occurrence) = open.occurrence.as_mut() else {
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
