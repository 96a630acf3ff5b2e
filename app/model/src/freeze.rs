//! Approval means the figures are frozen. While a quarter is submitted (waiting for the
//! pimpinan) or approved, no input that changes that quarter's figures is taken: its own cells,
//! and the inputs every quarter's figures are computed from (target, formula, kind, polarity,
//! aggregation, pagu, blokir, which activities an indicator counts, and removals).
//!
//! We refuse rather than snapshot: the approved figures stay the plan's live figures, so the
//! page, the dashboard, the export and the history always agree with what was approved, and a
//! change is made by reopening (or returning) the quarter, which the audit trail records.

use crate::edit::structure::StructureEdit;
use crate::edit::{ActivityField, Field, IndicatorField};
use crate::quarter::Quarter;
use crate::time::Zone;
use crate::workflow::{QuarterState, WorkflowError};

/// Which quarters' figures an input changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reach {
    /// Names and texts that no figure is computed from.
    Nothing,
    /// One quarter's own cells.
    Quarter(Quarter),
    /// Something every quarter's figures are computed from; the text names it for the refusal
    /// ("Target tidak dapat diubah").
    EveryQuarter(&'static str),
}

/// What changing `field` reaches.
pub fn field_reach(field: &Field) -> Reach {
    match field {
        Field::Report(_, q, _) | Field::ActivityQuarter(_, q, _) => Reach::Quarter(*q),
        Field::Indicator(_, f) => match f {
            IndicatorField::TargetValue => Reach::EveryQuarter("Target tidak dapat diubah"),
            IndicatorField::TargetUnit => Reach::EveryQuarter("Satuan target tidak dapat diubah"),
            IndicatorField::Formula => Reach::EveryQuarter("Rumus tidak dapat diubah"),
            IndicatorField::Kind => Reach::EveryQuarter("Jenis indikator tidak dapat diubah"),
            IndicatorField::Polarity => Reach::EveryQuarter("Arah tidak dapat diubah"),
            IndicatorField::Aggregation => Reach::EveryQuarter("Cara akumulasi tidak dapat diubah"),
            IndicatorField::Name
            | IndicatorField::NumeratorLabel
            | IndicatorField::DenominatorLabel => Reach::Nothing,
        },
        Field::Activity(_, f) => match f {
            ActivityField::Budget => Reach::EveryQuarter("Pagu tidak dapat diubah"),
            ActivityField::Blocked => Reach::EveryQuarter("Pagu blokir tidak dapat diubah"),
            ActivityField::Name => Reach::Nothing,
        },
        Field::Header(_) | Field::Goal(..) => Reach::Nothing,
    }
}

/// What a change of shape reaches. Adding and moving change no figure (a new indicator or
/// activity starts empty and its figures are frozen like the rest); linking, unlinking and
/// removing change totals, absorption and achievement.
pub fn structure_reach(edit: &StructureEdit) -> Reach {
    match edit {
        StructureEdit::Link { .. } | StructureEdit::Unlink { .. } => {
            Reach::EveryQuarter("tautan kegiatan tidak dapat diubah")
        }
        StructureEdit::RemoveGoal { .. } => Reach::EveryQuarter("sasaran tidak dapat dihapus"),
        StructureEdit::RemoveIndicator { .. } => {
            Reach::EveryQuarter("indikator tidak dapat dihapus")
        }
        StructureEdit::RemoveActivity { .. } => Reach::EveryQuarter("kegiatan tidak dapat dihapus"),
        StructureEdit::AddGoal { .. }
        | StructureEdit::MoveGoal { .. }
        | StructureEdit::AddIndicator { .. }
        | StructureEdit::MoveIndicator { .. }
        | StructureEdit::AddActivity { .. } => Reach::Nothing,
    }
}

/// Refuses an edit to `field` while a quarter whose figures it changes is submitted or approved.
/// The refusal names when, on the clock of the plan's unit (`zone`).
pub fn check_field(
    field: &Field,
    states: &[QuarterState; 4],
    zone: Zone,
) -> Result<(), WorkflowError> {
    check(field_reach(field), states, zone)
}

/// Refuses a change of shape while a quarter whose figures it changes is submitted or approved.
pub fn check_structure(
    edit: &StructureEdit,
    states: &[QuarterState; 4],
    zone: Zone,
) -> Result<(), WorkflowError> {
    check(structure_reach(edit), states, zone)
}

/// The rule: an input is refused while a quarter it reaches is submitted or approved; the
/// message names the (first such) quarter, its state, who and when (in `zone`), and who can
/// unfreeze it.
pub fn check(reach: Reach, states: &[QuarterState; 4], zone: Zone) -> Result<(), WorkflowError> {
    let frozen = match reach {
        Reach::Nothing => None,
        Reach::Quarter(q) => decided(q, &states[q.index()]).map(|d| (d, None)),
        Reach::EveryQuarter(what) => Quarter::ALL
            .into_iter()
            .find_map(|q| decided(q, &states[q.index()]))
            .map(|d| (d, Some(what))),
    };
    let Some((d, what)) = frozen else {
        return Ok(());
    };
    let q = d.quarter.label();
    let head = format!(
        "{q} sudah {} oleh {} pada {}",
        d.verb,
        d.by,
        d.at.in_zone(zone)
    );
    Err(WorkflowError(match what {
        None => format!(
            "{head}; perubahan ditolak. Minta pimpinan {} triwulan ini.",
            d.remedy
        ),
        Some(what) => format!(
            "{head}; {what} karena mengubah angka triwulan itu. Minta pimpinan {} triwulan itu.",
            d.remedy
        ),
    }))
}

struct Decided<'s> {
    quarter: Quarter,
    verb: &'static str,
    by: &'s str,
    at: crate::time::Timestamp,
    /// What the pimpinan does to unfreeze it.
    remedy: &'static str,
}

fn decided(quarter: Quarter, state: &QuarterState) -> Option<Decided<'_>> {
    let (verb, by, at, remedy) = match state {
        QuarterState::Submitted { by, at } => ("diajukan", by, at, "mengembalikan"),
        QuarterState::Approved { by, at } => ("disetujui", by, at, "membuka kembali"),
        QuarterState::Draft | QuarterState::Returned { .. } => return None,
    };
    Some(Decided {
        quarter,
        verb,
        by,
        at: *at,
        remedy,
    })
}

#[cfg(test)]
#[path = "freeze_tests.rs"]
mod tests;
