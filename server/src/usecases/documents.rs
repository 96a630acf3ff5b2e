//! The official documents of a plan ("Cetak", "Unduh Excel"): whoever may read the plan may
//! have them. The model lays them out; this reads what they need.

use crate::storage::Store;
use crate::usecases::guard;
use app::error::AppError;
use model::access::{Permission, Person};
use model::document::{action_plan, quarter_report, Document};
use model::evidence::with_evidence;
use model::{PlanId, Quarter};

/// The Rencana Kegiatan of `plan`, or with a quarter its Laporan Capaian Kinerja.
pub async fn document(
    store: &Store,
    who: &Person,
    plan: PlanId,
    quarter: Option<Quarter>,
) -> Result<Document, AppError> {
    let (_, zone) = guard::plan_in_zone(store, who, plan, Permission::ReadPlan).await?;
    let loaded = store
        .load_plan_unchecked(plan)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("Rencana nomor {plan}")))?;
    // Each quarter's DATA DUKUNG lists its attachments too.
    let loaded = with_evidence(loaded, &store.plan_evidence(plan).await?);
    Ok(match quarter {
        None => action_plan(&loaded),
        Some(quarter) => {
            let states = store.quarter_states(plan).await?;
            quarter_report(&loaded, quarter, &states[quarter.index()], zone)
        }
    })
}
