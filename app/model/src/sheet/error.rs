//! What the importer reports: errors that stop the import, and warnings a person should read.

use super::cells::Row;
use super::grid::column_letters;
use crate::number::NumberError;
use crate::plan::NipError;
use crate::quarter::Quarter;
use serde::{Deserialize, Serialize};
use std::fmt;
use thiserror::Error;

/// Why a sheet could not be imported. Nothing is imported when this is returned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetError {
    /// 1-based line of the text (row of a workbook's sheet) the problem was found on.
    pub line: usize,
    /// The workbook cell, when the problem is in one cell of a workbook.
    pub cell: Option<Box<CellRef>>,
    pub kind: SheetErrorKind,
}

/// A workbook cell an error names: "kolom PAGU (F14)".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellRef {
    /// 0-based column.
    pub column: u32,
    /// The column header's text (`PAGU`), empty when there is none above it.
    pub header: String,
}

impl SheetError {
    pub(super) fn new(line: usize, kind: SheetErrorKind) -> SheetError {
        SheetError {
            line,
            cell: None,
            kind,
        }
    }

    /// An error in the cell at `index` of `row`: a workbook's error names the cell.
    pub(super) fn at(row: &Row, index: usize, kind: SheetErrorKind) -> SheetError {
        let cell = row.places.get(index).map(|place| {
            Box::new(CellRef {
                column: place.column,
                header: row.header(index),
            })
        });
        SheetError {
            line: row.line,
            cell,
            kind,
        }
    }
}

impl fmt::Display for SheetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let line = self.line;
        match &self.cell {
            None => write!(f, "baris {line}: {}", self.kind),
            Some(cell) => {
                let name = format!("{}{line}", column_letters(cell.column));
                if cell.header.is_empty() {
                    write!(f, "Baris {line}, sel {name}: {}", self.kind)
                } else {
                    write!(
                        f,
                        "Baris {line}, kolom {} ({name}): {}",
                        cell.header, self.kind
                    )
                }
            }
        }
    }
}

impl std::error::Error for SheetError {}

/// The kinds of [`SheetError`]; each message says what was expected, in Indonesian.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum SheetErrorKind {
    #[error(
        "baris judul kolom (SASARAN KEGIATAN, INDIKATOR KINERJA, TARGET KINERJA, ...) tidak \
         ditemukan: diharapkan sebelum baris data pertama"
    )]
    MissingHeader,
    #[error(
        "judul tidak memuat tahun anggaran: diharapkan baris judul seperti \u{201c}LEMBAGA \
         PEMASYARAKATAN KELAS IIB LUWUK TAHUN 2024\u{201d} sebelum baris judul kolom"
    )]
    MissingFiscalYear,
    #[error(
        "nama satuan kerja tidak ditemukan: diharapkan baris judul tersendiri berisi satuan kerja \
         dan tahun, mis. \u{201c}LEMBAGA PEMASYARAKATAN KELAS IIB LUWUK TAHUN 2024\u{201d}"
    )]
    MissingWorkUnit,
    #[error(
        "tidak ada baris data: diharapkan baris indikator dengan label TW I sampai TW IV setelah \
         baris judul kolom"
    )]
    NoData,
    #[error(
        "baris tidak dikenali (\u{201c}{0}\u{201d}): diharapkan baris data berlabel TW I\u{2013}TW IV, \
         atau blok tanda tangan (Mengetahui, jabatan, nama, NIP)"
    )]
    UnrecognizedRow(String),
    #[error(
        "target kinerja \u{201c}{0}\u{201d} tidak terbaca: diharapkan angka diikuti % atau satuan, \
         mis. 85% atau 1 Dokumen"
    )]
    UnreadableTarget(String),
    #[error("target kinerja \u{201c}{text}\u{201d} tidak terbaca: {source}")]
    TargetNumber { text: String, source: NumberError },
    #[error(
        "nama indikator kinerja kosong: diharapkan \u{201c}nomor. nama indikator\u{201d} tepat \
         sebelum target kinerja"
    )]
    EmptyIndicator,
    #[error(
        "indikator ini belum didahului sasaran kegiatan: diharapkan \u{201c}1. nama sasaran\u{201d} \
         di sebelah indikator pertama"
    )]
    IndicatorWithoutGoal,
    #[error(
        "sel sebelum {0} tidak lengkap: diharapkan rumus perhitungan, kegiatan, pagu, rencana \
         penarikan dana dan realisasi anggaran sesudah target kinerja"
    )]
    MissingMoneyCells(Quarter),
    #[error(
        "nama kegiatan lebih dari satu sel (\u{201c}{0}\u{201d} dan \u{201c}{1}\u{201d}): \
         diharapkan satu sel kegiatan antara rumus perhitungan dan pagu"
    )]
    SplitActivityName(String, String),
    #[error("{field} \u{201c}{text}\u{201d} tidak terbaca: {source}")]
    Number {
        field: String,
        text: String,
        source: NumberError,
    },
    #[error(
        "{field} terisi tetapi nama kegiatan kosong: diharapkan nama kegiatan, atau \u{201c}-\u{201d} \
         pada pagu, rencana penarikan dana dan realisasi"
    )]
    MoneyWithoutActivity { field: String },
    #[error(
        "sel pagu di baris lanjutan tertulis {found}, berbeda dari pagu kegiatan {budget}: \
         diharapkan pagu yang sama atau \u{201c}-\u{201d}"
    )]
    RepeatedBudgetMismatch { found: String, budget: String },
    #[error(
        "label triwulan kedua tidak ditemukan: diharapkan \u{201c}{0}\u{201d} lagi sesudah satu sel \
         rencana kegiatan"
    )]
    MissingSecondLabel(Quarter),
    #[error(
        "label triwulan capaian {achieved} tidak sama dengan label rencana kegiatan {planned}: \
         diharapkan keduanya sama"
    )]
    QuarterLabelMismatch { planned: Quarter, achieved: Quarter },
    #[error(
        "terlalu banyak isian sesudah label {quarter} ({count} sel teks): diharapkan capaian, \
         data dukung, status pelaksanaan dan keterangan"
    )]
    TooManyCells { quarter: Quarter, count: usize },
    #[error(
        "baris {0} tanpa indikator: diharapkan baris indikator (dengan target kinerja dan TW I) \
         sebelumnya"
    )]
    ContinuationWithoutIndicator(Quarter),
    #[error("indikator baru dimulai dengan {0}: diharapkan TW I")]
    FirstQuarterNotQ1(Quarter),
    #[error("urutan triwulan salah: diharapkan {expected}, tertulis {found}")]
    QuarterOutOfOrder { expected: Quarter, found: Quarter },
    #[error(
        "triwulan kelima ({0}): indikator ini sudah memiliki TW I sampai TW IV; diharapkan baris \
         indikator baru"
    )]
    FifthQuarter(Quarter),
    #[error(
        "indikator {indicator} (baris {start_line}) berhenti di {last}: diharapkan baris sampai \
         TW IV sebelum {next}"
    )]
    IncompleteIndicator {
        indicator: String,
        start_line: usize,
        last: Quarter,
        next: String,
    },
    #[error(
        "kegiatan \u{201c}{name}\u{201d} tertulis dengan {field} {value}, berbeda dari {first_value} \
         di baris {first_line}: kegiatan yang sama harus bernilai sama di setiap indikator"
    )]
    ActivityMismatch {
        name: String,
        field: String,
        value: String,
        first_value: String,
        first_line: usize,
    },
    #[error(
        "blok tanda tangan tidak lengkap: diharapkan \u{201c}Mengetahui,\u{201d}, jabatan, nama, \
         lalu \u{201c}NIP. 18 digit\u{201d}"
    )]
    IncompleteSignature,
    #[error("NIP penanda tangan tidak terbaca: {0}")]
    Nip(NipError),
    #[error("{field} \u{201c}{text}\u{201d} bukan rupiah utuh: diharapkan jumlah tanpa sen")]
    NotWholeRupiah { field: String, text: String },
    #[error(
        "sel gabungan {0} melintasi dua sasaran kegiatan: indikator nomor 1 dimulai lagi di dalamnya; \
         diharapkan satu gabungan sel per sasaran, dengan nama sasaran berikutnya di baris \
         pertamanya"
    )]
    MergedAcrossGoals(String),
    #[error(
        "sel gabungan {0} melintasi dua indikator: target kinerja baru tertulis di dalamnya; \
         diharapkan satu gabungan sel per indikator, dengan nama indikator berikutnya di baris \
         pertamanya"
    )]
    MergedAcrossIndicators(String),
    #[error(
        "baris TW I tanpa target kinerja sesudah TW IV dibaca sebagai kegiatan berikutnya dari \
         indikator {0}, tetapi nama kegiatannya kosong: diharapkan nama kegiatan dan pagu"
    )]
    NextActivityWithoutName(String),
    #[error(
        "label triwulan tidak ditemukan: diharapkan \u{201c}{0}\u{201d} di awal sel rencana \
         kegiatan dan capaian"
    )]
    MissingQuarterLabel(Quarter),
}

/// Something the importer decided on its own that a person should know about (and may fix).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetWarning {
    /// 1-based line the decision was made on.
    pub line: usize,
    pub message: String,
}

impl SheetWarning {
    pub(super) fn new(line: usize, message: impl Into<String>) -> SheetWarning {
        SheetWarning {
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for SheetWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "baris {}: {}", self.line, self.message)
    }
}

/// A cell's text shortened for a message: long goal texts would drown the point.
pub(super) fn excerpt(text: &str) -> String {
    crate::text::excerpt(text, 60)
}
