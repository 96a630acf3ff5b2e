//! The Rencana Kegiatan PK in the seed sheet's layout: the thirteen columns A..M, four rows per
//! indicator (TW I..TW IV), and for an indicator with k ≥ 2 activities, k blocks of four.
//! The layout is agreed with the sheet reader (see `/tmp/brief/layout-decisions.md` of issue
//! 16): it writes only what the reader reads back.

use super::{
    activities_of, blocked_statement, file_stem, goal_rows, heading, signature, span,
    span_indicator, totals_row, unit_and_year, Document, DocumentKind, Heading, Row, Slot, Value,
};
use crate::figures::plan_totals;
use crate::plan::{Activity, Indicator, Plan};
use crate::quarter::Quarter;

/// The columns, in the sheet's order.
pub const HEADINGS: [&str; 13] = [
    "SASARAN KEGIATAN",
    "INDIKATOR KINERJA",
    "TARGET KINERJA",
    "RUMUS PERHITUNGAN",
    "KEGIATAN",
    "PAGU",
    "RENCANA PENARIKAN DANA",
    "REALISASI ANGGARAN",
    "RENCANA KEGIATAN",
    "CAPAIAN",
    "DATA DUKUNG",
    "STATUS PELAKSANAAN",
    "KETERANGAN",
];

/// Column widths in characters: the long texts (planned work, achievement) get the most room.
const WIDTHS: [u16; 13] = [18, 22, 8, 22, 16, 13, 13, 13, 30, 24, 16, 10, 16];
const NUMERIC: [bool; 13] = [
    false, false, false, false, false, true, true, true, false, false, false, false, false,
];

// Column positions.
const FORMULA: usize = 3;
const ACTIVITY: usize = 4;
const BUDGET: usize = 5;
const WITHDRAWAL: usize = 6;
const REALIZATION: usize = 7;
const PLANNED: usize = 8;
const ACHIEVED: usize = 9;
const EVIDENCE: usize = 10;
const STATUS: usize = 11;
const NOTE: usize = 12;

/// The whole plan as the Rencana Kegiatan sheet.
pub fn action_plan(plan: &Plan) -> Document {
    let columns: Vec<Heading> = (0..HEADINGS.len())
        .map(|i| heading(HEADINGS[i], WIDTHS[i], NUMERIC[i]))
        .collect();
    let rows = goal_rows(plan, |indicator, rows| {
        indicator_rows(plan, indicator, rows)
    });
    let totals = plan_totals(plan);
    let mut total_row = totals_row(HEADINGS.len());
    total_row[BUDGET] = Slot::one(Value::money(Some(totals.budget)));
    total_row[WITHDRAWAL] = Slot::one(Value::money(Some(totals.withdrawal_plan_total())));
    total_row[REALIZATION] = Slot::one(Value::money(Some(totals.realization_total())));
    Document {
        kind: DocumentKind::ActionPlan,
        title: vec![plan.header.title.clone(), unit_and_year(&plan.header)],
        columns,
        rows,
        totals: total_row,
        approval: None,
        signature: signature(&plan.header),
        file_stem: file_stem("rencana kegiatan pk", &plan.header),
    }
}

/// An indicator's blocks of four quarter rows: one per activity, one when it has none.
fn indicator_rows(plan: &Plan, indicator: &Indicator, rows: &mut Vec<Row>) {
    let first = rows.len();
    let activities = activities_of(plan, indicator);
    let blocks: Vec<Option<&Activity>> = if activities.is_empty() {
        vec![None]
    } else {
        activities.into_iter().map(Some).collect()
    };
    for (block, activity) in blocks.into_iter().enumerate() {
        let block_first = rows.len();
        for quarter in Quarter::ALL {
            rows.push(quarter_row(indicator, activity, quarter, block == 0));
        }
        rows[first].starts_indicator = true;
        let (name, budget) = match activity {
            Some(a) => (Value::text(a.name.clone()), Value::money(Some(a.budget))),
            None => (Value::text(""), Value::money(None)),
        };
        span(rows, block_first, ACTIVITY, name);
        span(rows, block_first, BUDGET, budget);
    }
    span_indicator(rows, first, indicator);
    span(rows, first, FORMULA, Value::text(indicator.formula.clone()));
}

/// One quarter of one activity block. The quarter's texts are written in the first block only;
/// later blocks carry the labels, their money and their own blocked amount.
fn quarter_row(
    indicator: &Indicator,
    activity: Option<&Activity>,
    quarter: Quarter,
    first_block: bool,
) -> Row {
    let report = indicator.quarter(quarter);
    let labelled = |text: &str| Value::Labelled {
        label: quarter.label().to_owned(),
        text: text.to_owned(),
    };
    let mut cells = vec![Slot::Covered; HEADINGS.len()];
    let money = activity.map(|a| a.quarter(quarter));
    cells[WITHDRAWAL] = Slot::one(Value::money(money.and_then(|m| m.withdrawal_plan)));
    cells[REALIZATION] = Slot::one(Value::money(money.and_then(|m| m.realization)));
    let empty = String::new();
    let (planned, achieved, evidence, note) = if first_block {
        (
            &report.planned_work,
            &report.achievement,
            &report.evidence,
            &report.note,
        )
    } else {
        (&empty, &empty, &empty, &empty)
    };
    cells[PLANNED] = Slot::one(labelled(planned));
    cells[ACHIEVED] = Slot::one(labelled(achieved));
    cells[EVIDENCE] = Slot::one(Value::text(evidence.clone()));
    let status = report.status.filter(|_| first_block);
    cells[STATUS] = Slot::one(Value::text(status.map_or("", |s| s.label())));
    let blocked = activity
        .filter(|a| quarter == Quarter::Q1 && !a.blocked.amount().is_zero())
        .map(|a| a.blocked);
    cells[NOTE] = Slot::one(Value::text(with_blocked(note, blocked)));
    Row {
        starts_indicator: false,
        cells,
    }
}

/// The note, with the blocked amount stated when it has one the note does not mention yet.
fn with_blocked(note: &str, blocked: Option<crate::money::Rupiah>) -> String {
    match blocked {
        Some(amount) if !note.to_lowercase().contains("pagu blokir") => {
            if note.trim().is_empty() {
                blocked_statement(amount)
            } else {
                format!("{note}; {}", blocked_statement(amount))
            }
        }
        _ => note.to_owned(),
    }
}
