//! The text around the table: the title above it, the signature block below it.

use super::cells::Row;
use super::error::{excerpt, SheetError, SheetErrorKind, SheetWarning};
use crate::plan::{Nip, Signatory};

/// What the title lines say.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Title {
    pub title: String,
    pub work_unit: String,
    pub fiscal_year: i32,
}

/// Reads the lines above the column header: the title, then a line with the work unit and year
/// (`LEMBAGA PEMASYARAKATAN KELAS IIB LUWUK TAHUN 2024`). Markdown `**` around them is dropped.
pub(super) fn read_title(rows: &[Row], header_line: usize) -> Result<Title, SheetError> {
    let lines: Vec<(usize, String)> = rows
        .iter()
        .map(|row| (row.line, row.text().trim_matches('*').trim().to_owned()))
        .filter(|(_, text)| !text.is_empty())
        .collect();
    let Some(year_at) = lines.iter().rposition(|(_, text)| year_of(text).is_some()) else {
        return Err(SheetError::new(
            header_line,
            SheetErrorKind::MissingFiscalYear,
        ));
    };
    let (year_line, year_text) = &lines[year_at];
    let Some((fiscal_year, work_unit)) = year_of(year_text) else {
        return Err(SheetError::new(
            header_line,
            SheetErrorKind::MissingFiscalYear,
        ));
    };
    if year_at == 0 || work_unit.is_empty() {
        return Err(SheetError::new(*year_line, SheetErrorKind::MissingWorkUnit));
    }
    let title = lines[..year_at]
        .iter()
        .map(|(_, t)| t.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    Ok(Title {
        title,
        work_unit: work_unit.to_owned(),
        fiscal_year,
    })
}

/// `... TAHUN 2024` or `... TAHUN ANGGARAN 2024` at the end of a line: the year and the text
/// before `TAHUN`.
fn year_of(text: &str) -> Option<(i32, &str)> {
    let upper = text.to_ascii_uppercase();
    let at = upper.rfind("TAHUN")?;
    let after = upper[at + "TAHUN".len()..].trim();
    let after = after
        .strip_prefix("ANGGARAN")
        .map_or(after, str::trim_start);
    let is_year = after.len() == 4 && after.chars().all(|c| c.is_ascii_digit());
    let before = &text[..at];
    let separated = before.is_empty() || before.ends_with(char::is_whitespace);
    (is_year && separated)
        .then(|| after.parse().ok().map(|year| (year, before.trim())))
        .flatten()
}

/// What the lines below the table say.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Trailer {
    pub place_date: Option<String>,
    pub signatory: Option<Signatory>,
}

/// Reads the signature block: an optional place and date (`Luwuk, 2 Januari 2024`),
/// `Mengetahui,`, the position (one or more lines), the name, and `NIP. ...`. Anything else
/// below the table is an unrecognized row. `end_line` is the last line, for a missing block.
pub(super) fn read_trailer(
    rows: &[Row],
    end_line: usize,
    warnings: &mut Vec<SheetWarning>,
) -> Result<Trailer, SheetError> {
    let filled: Vec<&Row> = rows.iter().filter(|row| !row.is_blank()).collect();
    let lines: Vec<(usize, String)> = filled.iter().map(|row| (row.line, row.text())).collect();
    let Some((first_line, first)) = lines.first() else {
        let message = "blok tanda tangan (Mengetahui, jabatan, nama, NIP) tidak ditemukan; \
                       penanda tangan dikosongkan";
        warnings.push(SheetWarning::new(end_line, message));
        return Ok(Trailer::default());
    };
    let acknowledged_at = if is_acknowledgement(first) {
        0
    } else if is_place_date(first) && lines.get(1).is_some_and(|(_, t)| is_acknowledgement(t)) {
        1
    } else {
        return Err(unrecognized(*first_line, first));
    };
    // The block holds single-cell lines only; a data row here came after the table ended.
    let misplaced = filled
        .iter()
        .find(|r| r.non_empty().count() != 1 || r.first_quarter_label().is_some());
    if let Some(row) = misplaced {
        return Err(unrecognized(row.line, &row.text()));
    }
    let place_date = (acknowledged_at == 1).then(|| first.clone());
    let acknowledged_line = lines[acknowledged_at].0;
    let block = &lines[acknowledged_at + 1..];
    let nip_at = block
        .iter()
        .position(|(_, t)| t.to_ascii_uppercase().starts_with("NIP"));
    let Some(nip_at) = nip_at.filter(|&at| at >= 2) else {
        return Err(SheetError::new(
            acknowledged_line,
            SheetErrorKind::IncompleteSignature,
        ));
    };
    let (nip_line, nip_text) = &block[nip_at];
    let nip =
        Nip::parse(nip_text).map_err(|e| SheetError::new(*nip_line, SheetErrorKind::Nip(e)))?;
    if let Some((line, text)) = block.get(nip_at + 1) {
        return Err(unrecognized(*line, text));
    }
    let position = block[..nip_at - 1]
        .iter()
        .map(|(_, t)| t.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let name = block[nip_at - 1].1.clone();
    Ok(Trailer {
        place_date,
        signatory: Some(Signatory {
            position,
            name,
            nip: Some(nip),
        }),
    })
}

fn unrecognized(line: usize, text: &str) -> SheetError {
    SheetError::new(line, SheetErrorKind::UnrecognizedRow(excerpt(text)))
}

fn is_acknowledgement(text: &str) -> bool {
    text.to_ascii_uppercase().starts_with("MENGETAHUI")
}

/// `Luwuk, 2 Januari 2024`: a place, a comma, day, month name and year.
fn is_place_date(text: &str) -> bool {
    let Some((place, date)) = text.split_once(',') else {
        return false;
    };
    let words: Vec<&str> = date.split_whitespace().collect();
    let digits = |w: &str, lengths: std::ops::RangeInclusive<usize>| {
        lengths.contains(&w.len()) && w.chars().all(|c| c.is_ascii_digit())
    };
    !place.trim().is_empty()
        && matches!(words.as_slice(), [day, month, year]
            if digits(day, 1..=2) && month.chars().all(char::is_alphabetic) && digits(year, 4..=4))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<Row<'_>> {
        text.lines()
            .enumerate()
            .map(|(i, l)| Row::new(i + 1, l))
            .collect()
    }

    #[test]
    fn the_title_gives_work_unit_and_year() {
        let text = "\n**RENCANA KEGIATAN PK\nLAPAS KELAS IIB LUWUK TAHUN 2024**\n";
        let title = read_title(&rows(text), 5).expect("readable title");
        assert_eq!(
            title,
            Title {
                title: "RENCANA KEGIATAN PK".into(),
                work_unit: "LAPAS KELAS IIB LUWUK".into(),
                fiscal_year: 2024,
            }
        );
    }

    #[test]
    fn a_title_without_a_year_is_refused_at_the_header_line() {
        let error = read_title(&rows("RENCANA KEGIATAN\nLAPAS LUWUK"), 4).expect_err("no year");
        assert_eq!(
            (error.line, error.kind),
            (4, SheetErrorKind::MissingFiscalYear)
        );
    }

    #[test]
    fn a_single_title_line_with_the_year_lacks_the_work_unit() {
        let error = read_title(&rows("RENCANA KEGIATAN TAHUN 2024"), 3).expect_err("no unit");
        assert_eq!(
            (error.line, error.kind),
            (1, SheetErrorKind::MissingWorkUnit)
        );
    }

    #[test]
    fn a_place_and_date_before_mengetahui_is_kept() {
        let text =
            "Luwuk, 2 Januari 2024\nMengetahui,\nKepala Lapas\n\nBudi\nNIP. 197009121993031001";
        let trailer = read_trailer(&rows(text), 6, &mut Vec::new()).expect("readable");
        assert_eq!(trailer.place_date.as_deref(), Some("Luwuk, 2 Januari 2024"));
        let signatory = trailer.signatory.expect("signed");
        assert_eq!(
            (signatory.position.as_str(), signatory.name.as_str()),
            ("Kepala Lapas", "Budi")
        );
    }

    #[test]
    fn a_position_over_two_lines_is_joined() {
        let text = "Mengetahui,\nKepala Lembaga Pemasyarakatan\nKelas IIB Luwuk\nBudi\nNIP 197009121993031001";
        let signatory = read_trailer(&rows(text), 5, &mut Vec::new())
            .expect("ok")
            .signatory;
        assert_eq!(
            signatory.map(|s| s.position),
            Some("Kepala Lembaga Pemasyarakatan Kelas IIB Luwuk".to_owned())
        );
    }

    #[test]
    fn a_missing_signature_block_is_a_warning() {
        let mut warnings = Vec::new();
        let trailer = read_trailer(&rows("\n\n"), 9, &mut warnings).expect("ok");
        assert_eq!(trailer, Trailer::default());
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].line, 9);
    }

    #[test]
    fn a_bad_nip_is_refused_at_its_line() {
        let text = "Mengetahui,\nKepala Lapas\nBudi\nNIP. 1970091219930310";
        let error = read_trailer(&rows(text), 4, &mut Vec::new()).expect_err("short NIP");
        assert_eq!(error.line, 4);
        assert!(matches!(error.kind, SheetErrorKind::Nip(_)));
    }

    #[test]
    fn a_signature_without_a_name_is_incomplete() {
        let text = "Mengetahui,\nBudi\nNIP. 197009121993031001";
        let error = read_trailer(&rows(text), 3, &mut Vec::new()).expect_err("no position");
        assert_eq!(
            (error.line, error.kind),
            (1, SheetErrorKind::IncompleteSignature)
        );
    }

    #[test]
    fn a_stray_line_below_the_table_is_unrecognized() {
        let text = "\nJUMLAH\t9.485.886.000\nMengetahui,";
        let error = read_trailer(&rows(text), 3, &mut Vec::new()).expect_err("stray");
        assert_eq!(error.line, 2);
        assert!(matches!(error.kind, SheetErrorKind::UnrecognizedRow(_)));
    }
}
