//! An indicator's blocks of four quarter rows: the next activity's block, the quarter texts a
//! later block carries, and how a block decides line 91's extra amount.

use super::activities::Occurrence;
use super::build::{occurrence, OpenIndicator, TableBuilder};
use super::cells::Row;
use super::error::{SheetError, SheetErrorKind, SheetWarning};
use super::rows::NextActivityRow;
use crate::plan::QuarterReport;
use crate::quarter::Quarter;

impl TableBuilder {
    /// A block's rows with three amounts, the last none: when the pagu is written again on
    /// no more than one of the block's rows, that amount is an extra cell and RPD sits just
    /// before realization (seed line 91), said in a warning; when it is repeated on two or more
    /// (a sheet that writes the pagu on every row), it is the pagu.
    pub(super) fn settle_shifted(&mut self, occurrence: &mut Occurrence) -> Result<(), SheetError> {
        let candidates = occurrence.shifted.iter().flatten().count();
        let pagu_layout = occurrence.pagu_rows + candidates >= 2
            && occurrence.shifted.iter().flatten().all(|s| {
                s.repeated
                    .as_ref()
                    .is_some_and(|(amount, _)| *amount == occurrence.budget)
            });
        for (i, shifted) in occurrence.shifted.iter_mut().enumerate() {
            let Some(shifted) = shifted.take() else {
                continue;
            };
            let line = occurrence.lines[i];
            if pagu_layout {
                continue;
            }
            occurrence.quarters[i] = shifted.money;
            self.warnings.push(SheetWarning::new(line, shifted.message));
        }
        Ok(())
    }

    /// A TW I row without a target after the open indicator's TW IV: its next activity.
    pub(super) fn next_activity(
        &mut self,
        row: &Row,
        next: NextActivityRow,
    ) -> Result<(), SheetError> {
        let line = row.line;
        let error = |kind| SheetError::new(line, kind);
        let blocked = self.blocked_in(&next.report, line)?;
        let Some(mut open) = self.open.take() else {
            return Err(error(SheetErrorKind::ContinuationWithoutIndicator(
                Quarter::Q1,
            )));
        };
        if open.last != Quarter::Q4 {
            let expected = Quarter::from_index(open.last.index() + 1).unwrap_or(Quarter::Q4);
            let kind = SheetErrorKind::QuarterOutOfOrder {
                expected,
                found: Quarter::Q1,
            };
            return Err(error(kind));
        }
        let Some(name) = next.activity else {
            return Err(error(SheetErrorKind::NextActivityWithoutName(
                open.label.clone(),
            )));
        };
        open.occurrences
            .push(occurrence(name, next.budget, next.money, line));
        open.block += 1;
        self.take_report(&mut open, Quarter::Q1, next.report, line);
        open.last = Quarter::Q1;
        open.last_line = line;
        self.note_blocked(&mut open, blocked, line)?;
        self.open = Some(open);
        Ok(())
    }

    /// A quarter's texts: the first block's are the indicator's. A later block (another activity
    /// of the same indicator) carries them only once, in the first; different texts there are
    /// left out with a warning.
    pub(super) fn take_report(
        &mut self,
        open: &mut OpenIndicator,
        quarter: Quarter,
        report: QuarterReport,
        line: usize,
    ) {
        let i = quarter.index();
        if open.block == 0 {
            open.indicator.quarters[i] = report;
            return;
        }
        let first = &open.indicator.quarters[i];
        let differs = |mine: &str, theirs: &str| !theirs.is_empty() && mine != theirs;
        if differs(&first.planned_work, &report.planned_work)
            || differs(&first.achievement, &report.achievement)
            || differs(&first.evidence, &report.evidence)
            || (report.status.is_some() && report.status != first.status)
        {
            let message = format!(
                "teks {quarter} pada blok kegiatan ke-{} indikator {} berbeda dari blok pertama \
                 dan diabaikan: rencana kegiatan, capaian, data dukung dan status dibaca dari blok \
                 pertama",
                open.block + 1,
                open.label
            );
            self.warnings.push(SheetWarning::new(line, message));
        }
    }
}
