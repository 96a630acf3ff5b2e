//! Laporan Capaian Kinerja Triwulan N: one quarter's achievement and budget, one row per
//! indicator and activity (one row for an indicator without an activity), the quarter's
//! approval above the signature.

use super::{
    activities_of, file_stem, goal_rows, heading, plain_count, signature, span, span_indicator,
    totals_row, unit_and_year, Document, DocumentKind, Heading, Row, Slot, Value,
};
use crate::figures::{activity_totals, against_target, format_value, plan_totals, quarter_value};
use crate::plan::{Activity, Indicator, IndicatorKind, Plan};
use crate::quarter::Quarter;
use crate::time::Zone;
use crate::workflow::QuarterState;

// Column positions.
const NUMERATOR: usize = 3;
const DENOMINATOR: usize = 4;
const VALUE: usize = 5;
const AGAINST_TARGET: usize = 6;
const ACHIEVEMENT: usize = 7;
const ACTIVITY: usize = 8;
const BUDGET: usize = 9;
const AVAILABLE: usize = 10;
const WITHDRAWAL: usize = 11;
const REALIZATION: usize = 12;
const AGAINST_PLAN: usize = 13;
const ABSORPTION: usize = 14;
const EVIDENCE: usize = 15;
const STATUS: usize = 16;
const COLUMNS: usize = 17;

/// The columns of the report of `quarter`.
fn columns(quarter: Quarter) -> Vec<Heading> {
    let q = quarter.label();
    vec![
        heading("SASARAN KEGIATAN", 20, false),
        heading("INDIKATOR KINERJA", 24, false),
        heading("TARGET KINERJA", 9, false),
        heading("A (PEMBILANG)", 9, true),
        heading("B (PENYEBUT)", 9, true),
        heading(&format!("CAPAIAN {q}"), 10, true),
        heading("CAPAIAN TERHADAP TARGET", 10, true),
        heading("URAIAN CAPAIAN", 22, false),
        heading("KEGIATAN", 20, false),
        heading("PAGU", 14, true),
        heading("PAGU \u{2212} BLOKIR", 14, true),
        heading(&format!("RENCANA PENARIKAN DANA {q}"), 14, true),
        heading(&format!("REALISASI ANGGARAN {q}"), 14, true),
        heading("REALISASI TERHADAP RPD", 10, true),
        heading(&format!("PENYERAPAN S.D. {q}"), 10, true),
        heading("DATA DUKUNG", 18, false),
        heading("STATUS PELAKSANAAN", 11, false),
    ]
}

/// The report of `quarter`, with its workflow `state` (who approved it, when, on the clock of
/// the plan's unit, `zone`).
pub fn quarter_report(plan: &Plan, quarter: Quarter, state: &QuarterState, zone: Zone) -> Document {
    let rows = goal_rows(plan, |indicator, rows| {
        indicator_rows(plan, indicator, quarter, rows)
    });
    let totals = plan_totals(plan);
    let i = quarter.index();
    let mut total_row = totals_row(COLUMNS);
    total_row[BUDGET] = Slot::one(Value::money(Some(totals.budget)));
    total_row[AVAILABLE] = Slot::one(Value::money(Some(totals.available())));
    total_row[WITHDRAWAL] = Slot::one(Value::money(Some(totals.withdrawal_plan[i])));
    total_row[REALIZATION] = Slot::one(Value::money(Some(totals.realization[i])));
    total_row[AGAINST_PLAN] = Slot::one(Value::percent(totals.realization_against_plan(quarter)));
    total_row[ABSORPTION] = Slot::one(Value::percent(totals.cumulative_absorption(quarter)));
    let roman = quarter.label().trim_start_matches("TW ");
    Document {
        kind: DocumentKind::QuarterReport(quarter),
        title: vec![
            format!("LAPORAN CAPAIAN KINERJA TRIWULAN {roman}"),
            unit_and_year(&plan.header),
        ],
        columns: columns(quarter),
        rows,
        totals: total_row,
        approval: Some(approval(quarter, state, zone)),
        signature: signature(&plan.header),
        file_stem: file_stem(
            &format!("laporan capaian kinerja tw{}", quarter.number()),
            &plan.header,
        ),
    }
}

/// An indicator's rows: one per activity (one without), its own cells spanning them.
fn indicator_rows(plan: &Plan, indicator: &Indicator, quarter: Quarter, rows: &mut Vec<Row>) {
    let first_of_indicator = rows.len();
    let activities = activities_of(plan, indicator);
    if activities.is_empty() {
        rows.push(activity_row(None, quarter));
    }
    for activity in activities {
        rows.push(activity_row(Some(activity), quarter));
    }
    rows[first_of_indicator].starts_indicator = true;
    let report = indicator.quarter(quarter);
    let value = quarter_value(indicator, quarter);
    let shown = format_value(indicator, value);
    let value_cell = match indicator.kind {
        IndicatorKind::Ratio => Value::percent(value),
        IndicatorKind::Count => Value::count(value, shown),
    };
    let against = value.and_then(|v| against_target(indicator, v));
    let at = first_of_indicator;
    span_indicator(rows, at, indicator);
    span(rows, at, NUMERATOR, plain_count(report.numerator));
    span(rows, at, DENOMINATOR, plain_count(report.denominator));
    span(rows, at, VALUE, value_cell);
    span(rows, at, AGAINST_TARGET, Value::percent(against));
    span(
        rows,
        at,
        ACHIEVEMENT,
        Value::text(report.achievement.clone()),
    );
    span(rows, at, EVIDENCE, Value::text(report.evidence.clone()));
    let status = report.status.map_or("", |s| s.label());
    span(rows, at, STATUS, Value::text(status));
}

/// `Persetujuan TW II: Disetujui oleh Budi, 28 Nov 2026 20.13 WITA`, or where it stands.
fn approval(quarter: Quarter, state: &QuarterState, zone: Zone) -> String {
    let q = quarter.label();
    let described = state.describe(zone);
    match state {
        QuarterState::Approved { .. } => format!("Persetujuan {q}: {described}"),
        _ => format!("Persetujuan {q}: {described} (belum disetujui)"),
    }
}

/// One activity's row (the indicator's cells are spanned over it afterwards).
fn activity_row(activity: Option<&Activity>, quarter: Quarter) -> Row {
    let mut cells = vec![Slot::Covered; COLUMNS];
    let none = || Slot::one(Value::money(None));
    match activity {
        Some(a) => {
            let totals = activity_totals(a);
            let money = a.quarter(quarter);
            cells[ACTIVITY] = Slot::one(Value::text(a.name.clone()));
            cells[BUDGET] = Slot::one(Value::money(Some(a.budget)));
            cells[AVAILABLE] = Slot::one(Value::money(Some(totals.available())));
            cells[WITHDRAWAL] = Slot::one(Value::money(money.withdrawal_plan));
            cells[REALIZATION] = Slot::one(Value::money(money.realization));
            cells[AGAINST_PLAN] =
                Slot::one(Value::percent(totals.realization_against_plan(quarter)));
            cells[ABSORPTION] = Slot::one(Value::percent(totals.cumulative_absorption(quarter)));
        }
        None => {
            cells[ACTIVITY] = Slot::one(Value::text(""));
            for column in [BUDGET, AVAILABLE, WITHDRAWAL, REALIZATION] {
                cells[column] = none();
            }
            cells[AGAINST_PLAN] = Slot::one(Value::percent(None));
            cells[ABSORPTION] = Slot::one(Value::percent(None));
        }
    }
    Row {
        starts_indicator: false,
        cells,
    }
}
