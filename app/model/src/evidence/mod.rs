//! Evidence (data dukung): files and links attached to an indicator's or an activity's
//! quarter. The rules here are pure: what a file is (from its content, never its name), which
//! links are taken, how long a caption may be, how large a file may be, and how a size and a
//! file name are shown. The server streams and stores; these decide.

mod document;
mod kind;
mod limits;
mod place;
mod sniff;

pub use document::with_evidence;
pub use kind::EvidenceKind;
pub use limits::{
    check_caption, check_link, check_size, format_size, safe_file_name, DEFAULT_MAX_FILE_BYTES,
    MAX_CAPTION_CHARS, MAX_LINK_CHARS,
};
pub use place::{evidence_change, place};
pub use sniff::{sniff_head, zip_kind, Sniffed, SNIFF_WINDOW};

use crate::ids::{ActivityId, IndicatorId, PlanId};
use crate::quarter::Quarter;
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// One attachment in storage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EvidenceId(pub i64);

impl std::fmt::Display for EvidenceId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// What evidence is attached to: an indicator's report or an activity's budget row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Owner {
    Indicator(IndicatorId),
    Activity(ActivityId),
}

/// One quarter of one indicator or activity: where a list of evidence sits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Slot {
    pub owner: Owner,
    pub quarter: Quarter,
}

impl Slot {
    /// The slot's address under `/rencana/{plan}/bukti/`: `indikator/5/tw/1`.
    pub fn path(&self) -> String {
        let (kind, id) = match self.owner {
            Owner::Indicator(id) => ("indikator", id.0),
            Owner::Activity(id) => ("kegiatan", id.0),
        };
        format!("{kind}/{id}/tw/{}", self.quarter.number())
    }

    /// Reads an address's parts (`indikator`, `5`, `1`); `None` when they name no slot.
    pub fn from_path(kind: &str, id: &str, quarter: &str) -> Option<Slot> {
        let id = id.parse::<i64>().ok().filter(|id| *id > 0)?;
        let owner = match kind {
            "indikator" => Owner::Indicator(IndicatorId(id)),
            "kegiatan" => Owner::Activity(ActivityId(id)),
            _ => return None,
        };
        let quarter = Quarter::from_query(quarter).ok()?;
        Some(Slot { owner, quarter })
    }
}

/// How many attachments each slot of a plan has (slots with none left out): the plan page
/// shows the count in each quarter row and links to the slot's page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceCounts(pub Vec<(Slot, u32)>);

impl EvidenceCounts {
    pub fn of(&self, slot: &Slot) -> u32 {
        self.0
            .iter()
            .find(|(s, _)| s == slot)
            .map_or(0, |(_, n)| *n)
    }
}

/// Where the evidence is: bytes stored under their SHA-256, or a link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Source {
    /// A stored file: its SHA-256 (hex) and whether the bytes are still there.
    File {
        sha256: String,
        present: bool,
    },
    Link(String),
}

/// One attachment as lists show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub id: EvidenceId,
    pub plan: PlanId,
    pub slot: Slot,
    pub kind: EvidenceKind,
    /// The file's name as sent (made safe), or the link's text.
    pub name: String,
    pub caption: String,
    /// Bytes; 0 for a link.
    pub size: u64,
    pub source: Source,
    pub by: String,
    pub at: Timestamp,
}

impl Evidence {
    /// A file whose bytes are gone (`berkas hilang`): listed, never served.
    pub fn is_missing(&self) -> bool {
        matches!(self.source, Source::File { present: false, .. })
    }
}

/// Why evidence is refused; every message names what to fix, in Indonesian.
#[derive(Clone, Debug, PartialEq, Eq, Error, Serialize, Deserialize)]
pub enum EvidenceError {
    #[error(
        "Berkas \u{201c}{0}\u{201d} tidak dapat dilampirkan: hanya PDF, JPG, PNG, DOCX atau XLSX \
         (jenisnya dikenali dari isinya, bukan dari namanya)"
    )]
    UnknownType(String),
    #[error("Berkas \u{201c}{name}\u{201d} terlalu besar: paling besar {limit}")]
    TooLarge { name: String, limit: String },
    #[error("Berkas \u{201c}{0}\u{201d} kosong: tidak ada isinya")]
    Empty(String),
    #[error(
        "Tautan \u{201c}{0}\u{201d} tidak dapat dipakai: tulis alamat lengkap yang diawali \
         http:// atau https://"
    )]
    BadLink(String),
    #[error("Tautan paling panjang {MAX_LINK_CHARS} karakter")]
    LinkTooLong,
    #[error("Keterangan paling panjang {MAX_CAPTION_CHARS} karakter")]
    CaptionTooLong,
    #[error("Keterangan tidak boleh berisi karakter kendali")]
    CaptionControl,
    #[error("Pilih berkas atau tulis tautan data dukung")]
    Nothing,
    #[error("Kirim berkas atau tautan, tidak keduanya sekaligus")]
    Both,
}

#[cfg(test)]
mod tests;
