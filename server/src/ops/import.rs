//! Importing an action-plan sheet (the text export, or a workbook): parse it with the model's
//! reader, then store it in one transaction. Either the whole plan lands or nothing does.

use super::workbook::{is_workbook, read_workbook, WorkbookError};
use crate::storage::{InsertOutcome, Store, StoreError, UnitPlacement};
use model::figures::plan_totals;
use model::sheet::{parse_grid, parse_sheet, ParsedSheet, SheetError, SheetWarning};
use model::{plan_checks, PlanId};
use thiserror::Error;

/// The user's own sheet, shipped as demo data (`pantau serve --demo`) and test fixture.
pub const DEMO_SHEET: &str = include_str!("../../../seed/rencana-kegiatan-pk-2024-lapas-luwuk.txt");

#[derive(Debug, Error)]
pub enum ImportError {
    #[error("{0}")]
    Sheet(#[from] SheetError),
    #[error("{0}")]
    Workbook(#[from] WorkbookError),
    #[error(
        "berkas ini bukan berkas Excel (.xlsx) dan bukan teks lembar rencana (tab-separated, UTF-8)"
    )]
    NotASheet,
    #[error(transparent)]
    Storage(#[from] StoreError),
}

/// What an import did, for the person who ran it.
#[derive(Debug)]
pub struct ImportReport {
    pub outcome: InsertOutcome,
    pub warnings: Vec<SheetWarning>,
    pub summary: String,
}

impl ImportReport {
    pub fn plan_id(&self) -> PlanId {
        match self.outcome {
            InsertOutcome::Created(id) | InsertOutcome::AlreadyExists(id) => id,
        }
    }
}

/// Reads a file as sent: a workbook when it starts as a zip archive (whatever its name), else
/// the text export (UTF-8).
pub fn parse_file(bytes: &[u8]) -> Result<ParsedSheet, ImportError> {
    if is_workbook(bytes) {
        return Ok(parse_grid(&read_workbook(bytes)?)?);
    }
    let text = std::str::from_utf8(bytes).map_err(|_| ImportError::NotASheet)?;
    Ok(parse_sheet(text)?)
}

/// Imports a file (workbook or text export) as [`import_sheet`] does.
pub async fn import_file(
    store: &Store,
    bytes: &[u8],
    placement: &UnitPlacement,
) -> Result<ImportReport, ImportError> {
    let parsed = parse_file(bytes)?;
    store_parsed(store, parsed, placement).await
}

async fn store_parsed(
    store: &Store,
    parsed: ParsedSheet,
    placement: &UnitPlacement,
) -> Result<ImportReport, ImportError> {
    let outcome = store.insert_plan(&parsed.plan, placement).await?;
    Ok(ImportReport {
        outcome,
        summary: describe(&parsed.plan),
        warnings: parsed.warnings,
    })
}

/// Imports a sheet for the unit its header names. A unit that does not exist yet is created
/// only as `placement` says (`UnitPlacement::ExistingOnly` refuses the sheet).
pub async fn import_sheet(
    store: &Store,
    text: &str,
    placement: &UnitPlacement,
) -> Result<ImportReport, ImportError> {
    let parsed = parse_sheet(text)?;
    store_parsed(store, parsed, placement).await
}

pub fn describe(plan: &model::Plan) -> String {
    let totals = plan_totals(plan);
    let checks = plan_checks(plan);
    let mut lines = vec![
        format!("{} {}: {}", plan.header.work_unit, plan.header.fiscal_year, plan.header.title),
        format!(
            "{} sasaran, {} indikator, {} kegiatan; total pagu Rp {}, blokir Rp {}, RPD Rp {}, realisasi Rp {}",
            plan.goals.len(),
            plan.indicators().count(),
            totals.activity_count,
            totals.budget,
            totals.blocked,
            totals.withdrawal_plan_total(),
            totals.realization_total(),
        ),
        format!("{} pemeriksaan gagal:", checks.len()),
    ];
    for check in &checks {
        lines.push(format!(
            "  - {}: {}",
            check_place(plan, check),
            check.message()
        ));
    }
    lines.join("\n")
}

/// Where a check of `plan` points: the activity's name, or "indikator 1.2".
pub fn check_place(plan: &model::Plan, check: &model::Check) -> String {
    match (check.activity(), check.indicator()) {
        (Some(id), _) => plan
            .activity(id)
            .map(|a| a.name.clone())
            .unwrap_or_default(),
        (None, Some(at)) => format!("indikator {}.{}", at.goal, at.indicator),
        (None, None) => String::new(),
    }
}
