//! Evidence (data dukung): who may see, attach and remove it, and what doing so stores. Reading
//! follows the plan's read rule, and a file of a plan the person may not read is "not found"
//! (its existence is not told). Attaching and removing need the edit rule, and are refused
//! while the quarter is submitted or approved (`model::freeze`, as its cells are); each is
//! recorded in the audit trail in the same transaction.

use crate::storage::{NewEvidence, Store};
use crate::usecases::editing::{announce, begin, stamp};
use crate::usecases::guard;
use app::error::AppError;
use model::access::{check, Permission, Person};
use model::evidence::{evidence_change, place, Evidence, EvidenceId, Slot};
use model::freeze::{self, Reach};
use model::time::Zone;
use model::{Plan, PlanId};

/// One quarter's evidence, as its page shows it.
pub struct SlotView {
    pub plan: PlanId,
    pub plan_title: String,
    pub slot: Slot,
    /// `Indikator 1.1`.
    pub place: String,
    pub zone: Zone,
    pub evidence: Vec<Evidence>,
    /// Whether the person may attach and remove here; the reason when not (read-only, frozen).
    pub locked: Option<String>,
}

/// The slot's evidence, for whoever may read the plan; a slot not in the plan is not found.
pub async fn view(
    store: &Store,
    who: &Person,
    plan_id: PlanId,
    slot: Slot,
) -> Result<SlotView, AppError> {
    let unit = guard::plan(store, who, plan_id, Permission::ReadPlan).await?;
    let plan = load(store, plan_id).await?;
    let place = slot_place(&plan, &slot)?;
    let zone = store.unit_zone(unit).await?;
    let tree = guard::unit_tree(store).await?;
    let locked = match check(who, &tree, Permission::EditPlan, unit) {
        Err(denied) => Some(denied.0),
        Ok(()) => {
            let states = store.quarter_states(plan_id).await?;
            freeze::check(Reach::Quarter(slot.quarter), &states, zone)
                .err()
                .map(|e| e.0)
        }
    };
    let evidence = store
        .plan_evidence(plan_id)
        .await?
        .into_iter()
        .filter(|e| e.slot == slot)
        .collect();
    Ok(SlotView {
        plan: plan_id,
        plan_title: format!("{} {}", plan.header.work_unit, plan.header.fiscal_year),
        slot,
        place,
        zone,
        evidence,
        locked,
    })
}

/// Whether `who` may attach to the slot now: asked before an upload is read, so a refused one
/// costs no bytes. Attaching asks again, in its transaction.
pub async fn may_attach(
    store: &Store,
    who: &Person,
    plan_id: PlanId,
    slot: Slot,
) -> Result<(), AppError> {
    let unit = guard::plan(store, who, plan_id, Permission::EditPlan).await?;
    let plan = load(store, plan_id).await?;
    slot_place(&plan, &slot)?;
    let zone = store.unit_zone(unit).await?;
    let states = store.quarter_states(plan_id).await?;
    freeze::check(Reach::Quarter(slot.quarter), &states, zone).map_err(|e| AppError::Locked(e.0))
}

/// Stores an attachment (its bytes already written, see `http::evidence`), audited.
pub async fn attach(
    store: &Store,
    who: &Person,
    plan_id: PlanId,
    new: &NewEvidence,
) -> Result<EvidenceId, AppError> {
    let unit = guard::plan(store, who, plan_id, Permission::EditPlan).await?;
    let zone = store.unit_zone(unit).await?;
    let mut write = begin(store, plan_id).await?;
    let plan = write.plan().await?;
    let place = slot_place(&plan, &new.slot)?;
    let states = write.quarter_states().await?;
    freeze::check(Reach::Quarter(new.slot.quarter), &states, zone)
        .map_err(|e| AppError::Locked(e.0))?;
    let id = write.attach(new).await?;
    let change = evidence_change(place, &new.slot, &new.name, true);
    write.record(&stamp(who), &[change]).await?;
    let plan = write.plan_id();
    write.commit().await?;
    announce(store, plan).await;
    Ok(id)
}

/// Removes an attachment, audited; its bytes go when no other attachment names them. Returns
/// where it was.
pub async fn detach(
    store: &Store,
    who: &Person,
    id: EvidenceId,
) -> Result<(PlanId, Slot), AppError> {
    let evidence = readable(store, who, id).await?;
    let unit = guard::plan(store, who, evidence.plan, Permission::EditPlan).await?;
    let zone = store.unit_zone(unit).await?;
    let mut write = begin(store, evidence.plan).await?;
    let states = write.quarter_states().await?;
    freeze::check(Reach::Quarter(evidence.slot.quarter), &states, zone)
        .map_err(|e| AppError::Locked(e.0))?;
    let plan = write.plan().await?;
    let Some(removed) = write.detach(id).await? else {
        return Err(not_found(id));
    };
    let place = place(&plan, &removed.slot).unwrap_or_default();
    let change = evidence_change(place, &removed.slot, &removed.name, false);
    write.record(&stamp(who), &[change]).await?;
    write.commit().await?;
    announce(store, evidence.plan).await;
    Ok((evidence.plan, evidence.slot))
}

/// One attachment, for whoever may read its plan; anyone else is told it does not exist.
pub async fn readable(store: &Store, who: &Person, id: EvidenceId) -> Result<Evidence, AppError> {
    let evidence = store.evidence(id).await?.ok_or_else(|| not_found(id))?;
    match guard::plan(store, who, evidence.plan, Permission::ReadPlan).await {
        Ok(_) => Ok(evidence),
        Err(AppError::Forbidden(_) | AppError::NotFound(_)) => Err(not_found(id)),
        Err(other) => Err(other),
    }
}

fn not_found(id: EvidenceId) -> AppError {
    AppError::NotFound(format!("Data dukung nomor {id}"))
}

async fn load(store: &Store, plan: PlanId) -> Result<Plan, AppError> {
    store
        .load_plan_unchecked(plan)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("Rencana nomor {plan}")))
}

fn slot_place(plan: &Plan, slot: &Slot) -> Result<String, AppError> {
    place(plan, slot).ok_or_else(|| {
        AppError::NotFound(match slot.owner {
            model::evidence::Owner::Indicator(id) => format!("Indikator nomor {id} di rencana ini"),
            model::evidence::Owner::Activity(id) => format!("Kegiatan nomor {id} di rencana ini"),
        })
    })
}
