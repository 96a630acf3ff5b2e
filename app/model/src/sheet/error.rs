//! What the importer reports: errors that stop the import, and warnings a person should read.

use crate::number::NumberError;
use crate::plan::NipError;
use crate::quarter::Quarter;
use serde::{Deserialize, Serialize};
use std::fmt;
use thiserror::Error;

/// Why a sheet could not be imported. Nothing is imported when this is returned.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("baris {line}: {kind}")]
pub struct SheetError {
    /// 1-based line of the text the problem was found on.
    pub line: usize,
    pub kind: SheetErrorKind,
}

impl SheetError {
    pub(super) fn new(line: usize, kind: SheetErrorKind) -> SheetError {
        SheetError { line, kind }
    }
}

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
