//! The official documents of a plan, for the print page (`/rencana/{id}/cetak`).

use crate::error::AppError;
use leptos::prelude::*;
use model::document::Document;
use model::PlanId;

/// The plan's Rencana Kegiatan, or with `quarter` (1 to 4) its Laporan Capaian Kinerja.
#[server]
pub async fn get_document(id: PlanId, quarter: Option<u8>) -> Result<Document, AppError> {
    let who = super::ssr::person()?;
    let quarter = quarter.map(super::ssr::quarter).transpose()?;
    super::ssr::backend()?.document(&who, id, quarter).await
}
