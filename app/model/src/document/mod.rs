//! The official documents as a pure description: the Rencana Kegiatan PK in the sheet's own
//! layout ([`action_plan`]) and the quarterly achievement report ([`quarter_report`]).
//!
//! A [`Document`] is a grid: title rows, column headings, body rows whose cells may span rows
//! (a goal over all its rows, an indicator over its own), a totals row, and the signature
//! block. Every figure in it is computed and written by the functions the plan page uses
//! (`figures`, `money`, `number`), so the print page and the Excel file, which only lay it out,
//! show what the page shows. A figure keeps its number beside its text, for a spreadsheet to
//! store it as a number.

mod action_plan;
mod report;
#[cfg(test)]
mod tests;

pub use action_plan::{action_plan, HEADINGS};
pub use report::quarter_report;

use crate::money::{format_money_or_dash, Rupiah};
use crate::number::{format_decimal, format_percent_or_dash};
use crate::plan::{Activity, Indicator, Plan, PlanHeader, Signatory};
use crate::quarter::Quarter;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Which document it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DocumentKind {
    /// Rencana Kegiatan Perjanjian Kinerja: the whole plan, four rows per indicator.
    ActionPlan,
    /// Laporan Capaian Kinerja Triwulan N: one quarter's figures, one row per indicator and
    /// activity.
    QuarterReport(Quarter),
}

/// A whole document, ready to be laid out on paper or in a spreadsheet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub kind: DocumentKind,
    /// The lines above the table, e.g. the plan's title, then `<UNIT> TAHUN <YEAR>`.
    pub title: Vec<String>,
    pub columns: Vec<Heading>,
    /// The body; every row has one slot per column.
    pub rows: Vec<Row>,
    /// The `JUMLAH` row under the body, one slot per column.
    pub totals: Vec<Slot>,
    /// The quarter's approval (who, when), written above the signature of a quarterly report.
    pub approval: Option<String>,
    pub signature: Option<SignatureBlock>,
    /// The file name without extension: `rencana-kegiatan-pk-2024-lapas-kelas-iib-luwuk`.
    pub file_stem: String,
}

/// A column heading, with how wide the column is, in characters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Heading {
    pub title: String,
    pub width: u16,
    /// A column of figures, aligned right.
    pub numeric: bool,
}

/// One body row.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Row {
    /// Whether this row starts an indicator (a place where a page may break).
    pub starts_indicator: bool,
    pub cells: Vec<Slot>,
}

/// A position in the grid: a cell, or a place covered by a cell above that spans down.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Slot {
    Cell(Cell),
    Covered,
}

/// A cell and the number of rows it spans (1 for a plain cell).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    pub value: Value,
    pub rows: u32,
}

/// What a cell holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Value {
    Text(String),
    /// A quarter label above a text: `TW I` and the planned work, as the sheet writes them.
    Labelled {
        label: String,
        text: String,
    },
    /// A figure: its number when there is one, and the text the plan page shows for it.
    Figure {
        number: Option<Decimal>,
        kind: FigureKind,
        shown: String,
    },
}

/// How a figure is stored in a spreadsheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FigureKind {
    /// Rupiah: a whole number with thousands separators.
    Money,
    /// A percentage: the number is in percent (87.5 for 87,5 %).
    Percent,
    /// A count (A, B, an indicator counted in documents).
    Count,
}

impl Value {
    pub fn text(text: impl Into<String>) -> Value {
        Value::Text(text.into())
    }

    pub fn money(amount: Option<Rupiah>) -> Value {
        Value::Figure {
            number: amount.map(Rupiah::amount),
            kind: FigureKind::Money,
            shown: format_money_or_dash(amount),
        }
    }

    pub fn percent(value: Option<Decimal>) -> Value {
        Value::Figure {
            number: value,
            kind: FigureKind::Percent,
            shown: format_percent_or_dash(value),
        }
    }

    /// A count with the text the page shows for it (`3 Dokumen`, or `–`).
    pub fn count(value: Option<Decimal>, shown: String) -> Value {
        Value::Figure {
            number: value,
            kind: FigureKind::Count,
            shown,
        }
    }

    /// The cell as one line of text (a label and its text on separate lines).
    pub fn shown(&self) -> String {
        match self {
            Value::Text(text) => text.clone(),
            Value::Labelled { label, text } if text.is_empty() => label.clone(),
            Value::Labelled { label, text } => format!("{label}\n{text}"),
            Value::Figure { shown, .. } => shown.clone(),
        }
    }
}

impl Slot {
    /// A one-row cell.
    pub fn one(value: Value) -> Slot {
        Slot::Cell(Cell { value, rows: 1 })
    }

    pub fn cell(&self) -> Option<&Cell> {
        match self {
            Slot::Cell(cell) => Some(cell),
            Slot::Covered => None,
        }
    }
}

/// The signature block: `Mengetahui,`, the position, room to sign, the name and the NIP.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignatureBlock {
    /// `Luwuk, 2 Januari 2024`, when the plan gives it.
    pub place_date: Option<String>,
    pub position: String,
    pub name: String,
    /// `NIP. 197009121993031001`, when the plan gives it.
    pub nip: Option<String>,
}

impl SignatureBlock {
    fn of(place_date: Option<&String>, signatory: &Signatory) -> SignatureBlock {
        SignatureBlock {
            place_date: place_date.cloned(),
            position: signatory.position.clone(),
            name: signatory.name.clone(),
            nip: signatory.nip.as_ref().map(|nip| format!("NIP. {nip}")),
        }
    }

    /// The block line by line, as the sheet writes it: an empty line is the room to sign.
    pub fn lines(&self) -> Vec<String> {
        let mut lines: Vec<String> = self.place_date.iter().cloned().collect();
        lines.push(ACKNOWLEDGED.to_owned());
        lines.push(self.position.clone());
        lines.push(String::new());
        lines.push(self.name.clone());
        lines.extend(self.nip.iter().cloned());
        lines
    }
}

/// The line the signature block opens with.
pub const ACKNOWLEDGED: &str = "Mengetahui,";

/// The first cell of the totals row.
pub const TOTALS_LABEL: &str = "JUMLAH";

/// `Terdapat pagu blokir sebesar Rp. 464.229.000`: how the sheet states a blocked amount, and
/// what the sheet reader takes it from.
pub fn blocked_statement(amount: Rupiah) -> String {
    format!("Terdapat pagu blokir sebesar Rp. {amount}")
}

fn signature(header: &PlanHeader) -> Option<SignatureBlock> {
    header
        .signatory
        .as_ref()
        .map(|s| SignatureBlock::of(header.place_date.as_ref(), s))
}

/// `<UNIT> TAHUN <YEAR>`, the title line the sheet reader takes the unit and year from.
fn unit_and_year(header: &PlanHeader) -> String {
    format!("{} TAHUN {}", header.work_unit, header.fiscal_year)
}

fn heading(title: &str, width: u16, numeric: bool) -> Heading {
    Heading {
        title: title.to_owned(),
        width,
        numeric,
    }
}

/// `1. Meningkatnya ...`: a numbered goal or indicator as the sheet writes it.
fn numbered(number: u32, text: &str) -> String {
    format!("{number}. {text}")
}

/// A count as the page writes one (`12`, `3,5`), with its number.
fn plain_count(value: Option<Decimal>) -> Value {
    let shown = value.map_or_else(|| crate::number::DASH.to_owned(), |v| format_decimal(v, 2));
    Value::count(value, shown)
}

/// A file name for the document: lower case, words joined by `-`, `LEMBAGA PEMASYARAKATAN`
/// shortened to `lapas` as units write it.
fn file_stem(prefix: &str, header: &PlanHeader) -> String {
    let unit = header
        .work_unit
        .to_lowercase()
        .replace("lembaga pemasyarakatan", "lapas")
        .replace("rumah tahanan negara", "rutan");
    let words = format!("{prefix} {} {unit}", header.fiscal_year);
    let mut stem = String::with_capacity(words.len());
    for c in words.chars() {
        if c.is_ascii_alphanumeric() {
            stem.push(c.to_ascii_lowercase());
        } else if !stem.is_empty() && !stem.ends_with('-') {
            stem.push('-');
        }
    }
    stem.trim_end_matches('-').to_owned()
}

/// Puts `value` in `column` of row `first`, spanning down to the last row so far.
fn span(rows: &mut [Row], first: usize, column: usize, value: Value) {
    let count = u32::try_from(rows.len().saturating_sub(first)).unwrap_or(u32::MAX);
    if let Some(row) = rows.get_mut(first) {
        row.cells[column] = Slot::Cell(Cell { value, rows: count });
    }
}

/// The body: each goal's rows, made by `indicator_rows` for each of its indicators, with the
/// goal in the first column spanning them all.
fn goal_rows(plan: &Plan, mut indicator_rows: impl FnMut(&Indicator, &mut Vec<Row>)) -> Vec<Row> {
    let mut rows = Vec::new();
    for goal in &plan.goals {
        let first = rows.len();
        for indicator in &goal.indicators {
            indicator_rows(indicator, &mut rows);
        }
        let title = Value::text(numbered(goal.number, &goal.title));
        span(&mut rows, first, 0, title);
    }
    rows
}

/// A totals row of `columns` cells: `JUMLAH` first, the others empty until filled.
fn totals_row(columns: usize) -> Vec<Slot> {
    let mut row = vec![Slot::one(Value::text("")); columns];
    row[0] = Slot::one(Value::text(TOTALS_LABEL));
    row
}

/// The indicator's name and target, in the columns both documents put them (B and C),
/// spanning its rows from `first`.
fn span_indicator(rows: &mut [Row], first: usize, indicator: &Indicator) {
    let name = numbered(indicator.number, &indicator.name);
    span(rows, first, 1, Value::text(name));
    span(rows, first, 2, Value::text(indicator.target.to_string()));
}

/// The activities that fund `indicator`, in its order.
fn activities_of<'a>(plan: &'a Plan, indicator: &Indicator) -> Vec<&'a Activity> {
    indicator
        .activity_ids
        .iter()
        .filter_map(|id| plan.activity(*id))
        .collect()
}
