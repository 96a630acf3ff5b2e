//! "Unduh Excel": a [`Document`] written as an `.xlsx` in the sheet's own layout: the title
//! rows, the column headings (repeated on every printed page), the body with its merged goal,
//! indicator and activity cells, the totals row, and the signature block under the table;
//! A4 landscape, fitted to the page width.
//!
//! Money and percentages are stored as numbers (with a thousands or percent format), so the
//! file adds up in a spreadsheet; every text is written as a string, never as a formula, whatever
//! it starts with (`=`, `+`, `-`, `@`).

use model::document::{Document, DocumentKind, FigureKind, Slot, Value};
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

/// A4 in the paper sizes of the spreadsheet format.
const A4: u8 = 9;

/// The first row of the column headings (0-based): two title rows and a spacer above it.
pub const HEADING_ROW: u32 = 3;

/// The sheet's name for a document.
pub fn sheet_name(document: &Document) -> String {
    match document.kind {
        DocumentKind::ActionPlan => "Rencana Kegiatan".to_owned(),
        DocumentKind::QuarterReport(q) => format!("Laporan {}", q.label()),
    }
}

/// The `.xlsx` file of `document`.
pub fn write(document: &Document) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(sheet_name(document))?;
    let formats = Formats::new();
    let width = u16::try_from(document.columns.len()).unwrap_or(u16::MAX);

    for (row, line) in (0u32..).zip(&document.title) {
        // Centred across the table, not merged: one cell holds the title.
        sheet.write_string_with_format(row, 0, line, &formats.title)?;
        for column in 1..width {
            sheet.write_blank(row, column, &formats.title)?;
        }
    }
    for (column, heading) in (0u16..).zip(&document.columns) {
        sheet.write_string_with_format(HEADING_ROW, column, &heading.title, &formats.heading)?;
        sheet.set_column_width(column, f64::from(heading.width))?;
    }

    let body = HEADING_ROW + 1;
    for (row, cells) in (body..).zip(document.rows.iter().map(|r| &r.cells)) {
        write_row(sheet, row, cells, &formats)?;
    }
    let totals_row = body + u32::try_from(document.rows.len()).unwrap_or(u32::MAX);
    write_row(sheet, totals_row, &document.totals, &formats.totals())?;

    // Under the table: the quarter's approval, then the signature block on the right.
    let mut row = totals_row + 2;
    if let Some(approval) = &document.approval {
        sheet.write_string_with_format(row, 0, approval, &formats.plain)?;
        row += 2;
    }
    if let Some(signature) = &document.signature {
        let column = width.saturating_sub(3);
        for line in signature.lines() {
            if !line.is_empty() {
                sheet.write_string_with_format(row, column, &line, &formats.plain)?;
            }
            row += 1;
        }
    }

    sheet
        .set_landscape()
        .set_paper_size(A4)
        .set_print_fit_to_pages(1, 0)
        .set_print_center_horizontally(true)
        .set_margins(0.4, 0.4, 0.5, 0.5, 0.3, 0.3);
    sheet.set_repeat_rows(HEADING_ROW, HEADING_ROW)?;
    sheet.set_freeze_panes(body, 0)?;
    workbook.save_to_buffer()
}

/// One row of the grid: a spanning cell is merged down its rows; covered places are left to
/// the merge above them.
fn write_row(
    sheet: &mut Worksheet,
    row: u32,
    cells: &[Slot],
    formats: &Formats,
) -> Result<(), XlsxError> {
    for (column, slot) in (0u16..).zip(cells) {
        let Slot::Cell(cell) = slot else {
            continue;
        };
        let format = formats.of(&cell.value);
        if cell.rows > 1 {
            // The merge writes an empty string; the value then goes in its first cell.
            sheet.merge_range(row, column, row + cell.rows - 1, column, "", format)?;
        }
        write_value(sheet, row, column, &cell.value, format)?;
    }
    Ok(())
}

fn write_value(
    sheet: &mut Worksheet,
    row: u32,
    column: u16,
    value: &Value,
    format: &Format,
) -> Result<(), XlsxError> {
    match value {
        Value::Text(_) | Value::Labelled { .. } => {
            sheet.write_string_with_format(row, column, value.shown(), format)?;
        }
        Value::Figure { number, kind, .. } => {
            let stored = number.and_then(|n| match kind {
                FigureKind::Percent => (n / rust_decimal::Decimal::ONE_HUNDRED).to_f64(),
                FigureKind::Money | FigureKind::Count => n.to_f64(),
            });
            match stored {
                Some(n) => {
                    sheet.write_number_with_format(row, column, n, format)?;
                }
                // A missing figure is the sheet's `-`, as the reader reads it.
                None => {
                    sheet.write_string_with_format(row, column, "-", format)?;
                }
            }
        }
    }
    Ok(())
}

/// The cell formats of one workbook.
struct Formats {
    title: Format,
    heading: Format,
    plain: Format,
    text: Format,
    money: Format,
    percent: Format,
    count: Format,
}

impl Formats {
    fn new() -> Formats {
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Top)
            .set_text_wrap()
            .set_font_size(9);
        Formats {
            title: Format::new()
                .set_bold()
                .set_font_size(12)
                .set_align(FormatAlign::CenterAcross),
            heading: cell
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color("#D9E1F2"),
            plain: Format::new().set_font_size(10),
            text: cell.clone(),
            money: cell.clone().set_num_format("#,##0"),
            percent: cell.clone().set_num_format("0.00%"),
            count: cell.set_num_format("General"),
        }
    }

    /// The totals row: the same formats, in bold.
    fn totals(&self) -> Formats {
        Formats {
            title: self.title.clone(),
            heading: self.heading.clone(),
            plain: self.plain.clone(),
            text: self.text.clone().set_bold(),
            money: self.money.clone().set_bold(),
            percent: self.percent.clone().set_bold(),
            count: self.count.clone().set_bold(),
        }
    }

    fn of(&self, value: &Value) -> &Format {
        match value {
            Value::Text(_) | Value::Labelled { .. } => &self.text,
            Value::Figure { kind, number, .. } => match (kind, number) {
                (_, None) => &self.text,
                (FigureKind::Money, _) => &self.money,
                (FigureKind::Percent, _) => &self.percent,
                (FigureKind::Count, _) => &self.count,
            },
        }
    }
}
