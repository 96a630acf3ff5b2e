//! How a storage failure reaches a person: a missing part of the plan is "not found", a taken
//! name is a refusal they can correct, anything else is the server's own fault (logged with a
//! request id, shown as an opaque failure; see [`AppError::internal`]). With this, `?` is the
//! whole conversion. Storage names what went wrong by type; the Indonesian words are here.

use crate::storage::{Part, StoreError, Taken};
use app::error::AppError;

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> AppError {
        match error {
            StoreError::NotInPlan(part) => AppError::NotFound(part_name(part)),
            StoreError::Duplicate(taken) => AppError::Invalid(refusal(&taken)),
            other => AppError::internal(format_args!("storage failure: {other}")),
        }
    }
}

/// The part as the person knows it ("… tidak ditemukan" follows).
fn part_name(part: Part) -> String {
    match part {
        Part::Plan => "Rencana",
        Part::Goal => "Sasaran",
        Part::Indicator => "Indikator",
        Part::Activity => "Kegiatan",
        Part::Link => "Kaitan indikator dengan kegiatan ini",
        Part::Field(field) => return field.label(),
    }
    .to_owned()
}

fn refusal(taken: &Taken) -> String {
    const UNIQUE: &str = "nama unit harus unik di seluruh pohon unit";
    match taken {
        Taken::UnitName { name, holder: None } => format!("Unit \u{201c}{name}\u{201d} sudah ada"),
        Taken::UnitName {
            name,
            holder: Some(holder),
        } if holder == name => format!("Unit \u{201c}{name}\u{201d} sudah ada; {UNIQUE}"),
        Taken::UnitName {
            name,
            holder: Some(holder),
        } => format!(
            "Nama unit \u{201c}{name}\u{201d} sudah dipakai oleh unit \u{201c}{holder}\u{201d}; {UNIQUE}"
        ),
        Taken::Username(username) => {
            format!("Nama pengguna \u{201c}{username}\u{201d} sudah dipakai")
        }
    }
}
