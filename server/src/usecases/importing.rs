//! "Impor dari Excel": a person sends a workbook (or the text export); the server reads it,
//! checks that the person may import a plan for the unit the sheet names and that the unit has
//! no plan for that year yet, and shows what it read. Nothing is stored until the person confirms
//! with the same file, which is then read and checked again (no state is kept between the steps:
//! several servers may share the database) and stored in one transaction.

use super::guard::unit_tree;
use crate::ops::import::{parse_file, ImportError};
use crate::storage::{InsertOutcome, Store, StoreError, UnitPlacement};
use app::error::AppError;
use model::access::{check, Permission, Person, Unit};
use model::sheet::ParsedSheet;
use model::PlanId;

/// The largest file taken.
pub const MAX_UPLOAD_BYTES: usize = 5 * 1024 * 1024;

/// A refusal of an import step: its HTTP status and the words for the person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    pub status: u16,
    pub message: String,
}

impl From<AppError> for Refusal {
    fn from(error: AppError) -> Refusal {
        Refusal {
            status: error.status(),
            message: error.to_string(),
        }
    }
}

impl From<StoreError> for Refusal {
    fn from(error: StoreError) -> Refusal {
        Refusal::from(AppError::from(error))
    }
}

/// What the preview shows: the plan read, and the unit it is for.
pub struct Preview {
    pub parsed: ParsedSheet,
    pub unit: Unit,
}

/// Step 1: reads `bytes` and checks the person may import it, storing nothing.
pub async fn preview(store: &Store, who: &Person, bytes: &[u8]) -> Result<Preview, Refusal> {
    let parsed = read(bytes)?;
    let unit = admit(store, who, &parsed).await?;
    Ok(Preview { parsed, unit })
}

/// Step 2: reads and checks `bytes` again, then stores the plan in one transaction.
pub async fn save(store: &Store, who: &Person, bytes: &[u8]) -> Result<PlanId, Refusal> {
    let parsed = read(bytes)?;
    admit(store, who, &parsed).await?;
    match store
        .insert_plan(&parsed.plan, &UnitPlacement::ExistingOnly)
        .await?
    {
        InsertOutcome::Created(id) => {
            tracing::info!(user = %who.username, plan = %id, "imported a plan from a file");
            Ok(id)
        }
        // Stored by someone else between the check and the insert.
        InsertOutcome::AlreadyExists(id) => Err(exists(&parsed, id)),
    }
}

fn read(bytes: &[u8]) -> Result<ParsedSheet, Refusal> {
    if bytes.is_empty() {
        return Err(invalid(
            "Berkas kosong: pilih berkas Excel (.xlsx) rencana kegiatan yang akan diimpor",
        ));
    }
    if bytes.len() > MAX_UPLOAD_BYTES {
        return Err(Refusal {
            status: 413,
            message: format!(
                "Berkas terlalu besar: paling besar {} MB",
                MAX_UPLOAD_BYTES / (1024 * 1024)
            ),
        });
    }
    parse_file(bytes).map_err(|error| match error {
        ImportError::Storage(error) => Refusal::from(error),
        other => invalid(format!(
            "Berkas tidak dapat diimpor. {}",
            sentence(&other.to_string())
        )),
    })
}

/// The unit the sheet names, once the person may import for it and it has no plan that year.
async fn admit(store: &Store, who: &Person, parsed: &ParsedSheet) -> Result<Unit, Refusal> {
    let header = &parsed.plan.header;
    let unit = store
        .unit_named(&header.work_unit)
        .await?
        .ok_or_else(|| Refusal {
            status: 404,
            message: format!(
                "Unit \u{201c}{}\u{201d} yang disebut judul lembar ini tidak ditemukan di Pantau: \
                 minta admin menambahkannya lebih dulu; tidak ada yang disimpan.",
                header.work_unit
            ),
        })?;
    let tree = unit_tree(store).await?;
    check(who, &tree, Permission::CreatePlan, unit.id).map_err(|denied| {
        tracing::info!(user = %who.username, unit = %unit.name, "import refused");
        Refusal::from(AppError::Forbidden(denied.0))
    })?;
    if let Some(id) = store.plan_of(unit.id, header.fiscal_year).await? {
        return Err(exists(parsed, id));
    }
    Ok(unit)
}

fn exists(parsed: &ParsedSheet, id: PlanId) -> Refusal {
    let header = &parsed.plan.header;
    Refusal {
        status: 409,
        message: format!(
            "Rencana {} tahun {} sudah ada (rencana nomor {id}); impor tidak menimpa rencana yang \
             sudah ada, jadi tidak ada yang disimpan. Ubah rencana itu di halamannya.",
            header.work_unit, header.fiscal_year
        ),
    }
}

fn invalid(message: impl Into<String>) -> Refusal {
    Refusal::from(AppError::Invalid(message.into()))
}

/// A reader's message as a sentence: capital first letter, full stop.
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    let mut out: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    if !out.ends_with('.') {
        out.push('.');
    }
    out
}
