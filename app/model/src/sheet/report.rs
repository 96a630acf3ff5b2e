//! A quarter's texts: planned work, achievement, evidence, status and note, from the first
//! quarter label on.

use super::cells::Row;
use super::error::{SheetError, SheetErrorKind};
use crate::plan::{QuarterReport, Status};
use crate::quarter::Quarter;

/// The cells from the first quarter label on: planned work, the label again, then achievement,
/// evidence, status and note, whichever are filled.
pub(super) fn read_report(
    row: &Row,
    label_at: usize,
    quarter: Quarter,
) -> Result<QuarterReport, SheetError> {
    let error = |kind| SheetError::new(row.line, kind);
    // One planned-work cell sits between the labels; a row that lost it has the labels adjacent.
    let (planned_work, second_at) = match Quarter::parse_label(row.cell(label_at + 1)) {
        Some(_) => ("", label_at + 1),
        None => (row.cell(label_at + 1), label_at + 2),
    };
    match Quarter::parse_label(row.cell(second_at)) {
        None => {
            let kind = SheetErrorKind::MissingSecondLabel(quarter);
            return Err(SheetError::at(row, second_at, kind));
        }
        Some(achieved) if achieved != quarter => {
            let kind = SheetErrorKind::QuarterLabelMismatch {
                planned: quarter,
                achieved,
            };
            return Err(SheetError::at(row, second_at, kind));
        }
        Some(_) => {}
    }
    if let Some(report) = read_by_header(row, label_at, second_at, planned_work) {
        return Ok(report);
    }
    let rest: Vec<&str> = row
        .cells
        .iter()
        .skip(second_at + 1)
        .copied()
        .filter(|c| !c.is_empty())
        .collect();
    let status_at = rest.iter().position(|c| Status::parse_label(c).is_some());
    let too_many = |count| error(SheetErrorKind::TooManyCells { quarter, count });
    let (texts, status, note) = match status_at {
        Some(at) => (
            &rest[..at],
            Status::parse_label(rest[at]),
            rest[at + 1..].join("; "),
        ),
        None if rest.len() == 3 => (&rest[..2], None, rest[2].to_owned()),
        None => (&rest[..], None, String::new()),
    };
    let (achievement, evidence) = match texts {
        [] => ("", ""),
        [evidence] => ("", *evidence),
        [achievement, evidence] => (*achievement, *evidence),
        more => return Err(too_many(more.len())),
    };
    Ok(QuarterReport {
        planned_work: planned_work.to_owned(),
        numerator: None,
        denominator: None,
        achievement: achievement.to_owned(),
        evidence: evidence.to_owned(),
        status,
        note,
    })
}

/// A workbook row whose labels sit under RENCANA KEGIATAN and CAPAIAN and whose cells after
/// them sit under their own headers (DATA DUKUNG, STATUS PELAKSANAAN, KETERANGAN) is read by
/// column, so a lone note is a note. A drifted row is read by content instead (`None`).
fn read_by_header(
    row: &Row,
    label_at: usize,
    second_at: usize,
    planned_work: &str,
) -> Option<QuarterReport> {
    let label_column = row.places.get(second_at)?.column;
    if row.header(label_at) != "RENCANA KEGIATAN" || row.header(second_at) != "CAPAIAN" {
        return None;
    }
    let mut report = QuarterReport {
        planned_work: planned_work.to_owned(),
        ..QuarterReport::default()
    };
    for at in second_at + 1..row.cells.len() {
        let text = row.cell(at);
        if text.is_empty() {
            continue;
        }
        let place = row.places.get(at)?;
        match row.header(at).as_str() {
            _ if place.column == label_column => report.achievement = text.to_owned(),
            "DATA DUKUNG" => report.evidence = text.to_owned(),
            "STATUS PELAKSANAAN" => report.status = Some(Status::parse_label(text)?),
            "KETERANGAN" => report.note = text.to_owned(),
            _ => return None,
        }
    }
    Some(report)
}
