//! Activities as the sheet repeats them: one activity serving several indicators is written out
//! again under each. The registry turns the repeats into one [`Activity`] and checks they agree.

use super::cells::{name_key, within_edits};
use super::error::{SheetError, SheetErrorKind, SheetWarning};
use crate::ids::ActivityId;
use crate::money::Rupiah;
use crate::plan::{Activity, ActivityQuarter};
use crate::quarter::Quarter;

/// Names this close (in edits) are the same activity, if their figures are identical too.
const TYPO_DISTANCE: usize = 2;

/// An activity as written under one indicator.
#[derive(Clone, Debug)]
pub(super) struct Occurrence {
    pub name: String,
    /// The indicator's first row, where the name and pagu are.
    pub line: usize,
    pub budget: Rupiah,
    /// A blocked amount read from a note, and the note's line.
    pub blocked: Option<(Rupiah, usize)>,
    pub quarters: [ActivityQuarter; 4],
    /// The row of each quarter.
    pub lines: [usize; 4],
    /// Rows read with the pagu repeated that may instead hold RPD just before realization,
    /// until the block's four rows are read.
    pub shifted: [Option<Shifted>; 4],
    /// Continuation rows that repeat the pagu.
    pub pagu_rows: usize,
}

/// The other reading of a continuation row with three amounts, the last none.
#[derive(Clone, Debug)]
pub(super) struct Shifted {
    pub money: crate::plan::ActivityQuarter,
    pub message: String,
    /// The first amount read as the pagu repeated, and its text.
    pub repeated: Option<(Rupiah, String)>,
}

struct Entry {
    activity: Activity,
    /// Normalized names that mean this activity: its own and accepted misspellings.
    keys: Vec<String>,
    line: usize,
    lines: [usize; 4],
    blocked_line: Option<usize>,
}

#[derive(Default)]
pub(super) struct Registry {
    entries: Vec<Entry>,
}

impl Registry {
    /// The id of the activity `occurrence` is, adding it when new. A repeat must agree with the
    /// first occurrence on pagu, RPD, realization and blocked amount.
    pub fn resolve(
        &mut self,
        occurrence: Occurrence,
        warnings: &mut Vec<SheetWarning>,
    ) -> Result<ActivityId, SheetError> {
        let key = name_key(&occurrence.name);
        if let Some(entry) = self.entries.iter_mut().find(|e| e.keys.contains(&key)) {
            entry.merge(&occurrence)?;
            return Ok(entry.activity.id);
        }
        let near = self
            .entries
            .iter_mut()
            .find(|e| e.keys.iter().any(|k| within_edits(k, &key, TYPO_DISTANCE)));
        if let Some(entry) = near {
            let (first_name, first_line) = (entry.activity.name.clone(), entry.line);
            if entry.same_figures(&occurrence) {
                entry.merge(&occurrence)?;
                entry.keys.push(key);
                warnings.push(SheetWarning::new(
                    occurrence.line,
                    format!(
                        "kegiatan \u{201c}{}\u{201d} dianggap sama dengan \u{201c}{first_name}\u{201d} \
                         (baris {first_line}): namanya hampir sama dan pagu, rencana penarikan dana \
                         serta realisasinya identik; nama yang dipakai \u{201c}{first_name}\u{201d}",
                        occurrence.name
                    ),
                ));
                return Ok(entry.activity.id);
            }
            warnings.push(SheetWarning::new(
                occurrence.line,
                format!(
                    "kegiatan \u{201c}{}\u{201d} mirip dengan \u{201c}{first_name}\u{201d} (baris \
                     {first_line}) tetapi angkanya berbeda, jadi dicatat sebagai kegiatan tersendiri",
                    occurrence.name
                ),
            ));
        }
        let id = ActivityId(
            i64::try_from(self.entries.len())
                .unwrap_or(i64::MAX)
                .saturating_add(1),
        );
        self.entries.push(Entry::new(id, occurrence));
        Ok(id)
    }

    pub fn into_activities(self) -> Vec<Activity> {
        self.entries.into_iter().map(|e| e.activity).collect()
    }
}

impl Entry {
    fn new(id: ActivityId, occurrence: Occurrence) -> Entry {
        let key = name_key(&occurrence.name);
        Entry {
            activity: Activity {
                id,
                name: occurrence.name,
                budget: occurrence.budget,
                blocked: occurrence
                    .blocked
                    .map(|(amount, _)| amount)
                    .unwrap_or_default(),
                quarters: occurrence.quarters,
            },
            keys: vec![key],
            line: occurrence.line,
            lines: occurrence.lines,
            blocked_line: occurrence.blocked.map(|(_, line)| line),
        }
    }

    fn same_figures(&self, other: &Occurrence) -> bool {
        let blocked_agrees = match (self.blocked_line, other.blocked) {
            (Some(_), Some((amount, _))) => amount == self.activity.blocked,
            _ => true,
        };
        self.activity.budget == other.budget
            && self.activity.quarters == other.quarters
            && blocked_agrees
    }

    /// Checks a repeat against the first occurrence, field by field, and takes a blocked amount
    /// the first occurrence did not note.
    fn merge(&mut self, other: &Occurrence) -> Result<(), SheetError> {
        let mismatch =
            |line: usize, field: String, value: String, first_value: String, first_line| {
                SheetError::new(
                    line,
                    SheetErrorKind::ActivityMismatch {
                        name: other.name.clone(),
                        field,
                        value,
                        first_value,
                        first_line,
                    },
                )
            };
        let first = &self.activity;
        if first.budget != other.budget {
            let (value, first_value) = (other.budget.to_string(), first.budget.to_string());
            return Err(mismatch(
                other.line,
                "pagu".into(),
                value,
                first_value,
                self.line,
            ));
        }
        for quarter in Quarter::ALL {
            let i = quarter.index();
            let (mine, theirs) = (&first.quarters[i], &other.quarters[i]);
            let fields = [
                (
                    "rencana penarikan dana",
                    mine.withdrawal_plan,
                    theirs.withdrawal_plan,
                ),
                ("realisasi anggaran", mine.realization, theirs.realization),
            ];
            for (field, first_value, value) in fields {
                if first_value != value {
                    let field = format!("{field} {quarter}");
                    let (value, first_value) = (amount_text(value), amount_text(first_value));
                    return Err(mismatch(
                        other.lines[i],
                        field,
                        value,
                        first_value,
                        self.lines[i],
                    ));
                }
            }
        }
        if let Some((amount, line)) = other.blocked {
            match self.blocked_line {
                Some(first_line) if amount != first.blocked => {
                    let (value, first_value) = (amount.to_string(), first.blocked.to_string());
                    return Err(mismatch(
                        line,
                        "pagu blokir".into(),
                        value,
                        first_value,
                        first_line,
                    ));
                }
                Some(_) => {}
                None => {
                    self.activity.blocked = amount;
                    self.blocked_line = Some(line);
                }
            }
        }
        Ok(())
    }
}

fn amount_text(amount: Option<Rupiah>) -> String {
    amount.map_or_else(|| "-".to_owned(), |a| a.to_string())
}
