//! Saving edits: check the person may edit the plan, then, inside one write that holds the
//! plan's lock, validate every edit with the model's rules against the stored plan, refuse
//! what would change the figures of a submitted or approved quarter (`model::freeze`), store
//! the values and one audit entry per changed field. Nothing is stored when any edit is refused.

use crate::storage::{PlanWrite, Stamp, Store};
use crate::usecases::guard;
use app::error::AppError;
use model::access::{Permission, Person};
use model::audit::{field_change, structure_change};
use model::edit::structure::{Created, StructureEdit};
use model::edit::{apply, parse_value, EditError, FieldEdit};
use model::freeze;
use model::PlanId;

pub async fn save_fields(
    store: &Store,
    who: &Person,
    plan_id: PlanId,
    edits: Vec<FieldEdit>,
) -> Result<(), AppError> {
    // A refusal of a frozen field names when the quarter was decided, on the unit's clock.
    let (_, zone) = guard::plan_in_zone(store, who, plan_id, Permission::EditPlan).await?;
    let mut write = begin(store, plan_id).await?;
    let mut plan = write.plan().await?;
    let states = write.quarter_states().await?;
    let mut values = Vec::with_capacity(edits.len());
    let mut changes = Vec::new();
    for edit in edits {
        let value = parse_value(&edit.field, &edit.text).map_err(refused)?;
        // Only a value that changes counts: a row saved whole leaves its other cells alone,
        // even the frozen ones.
        let Some(change) = field_change(&plan, &edit.field, &value).map_err(refused)? else {
            continue;
        };
        freeze::check_field(&edit.field, &states, zone).map_err(|e| AppError::Locked(e.0))?;
        apply(&mut plan, &edit.field, value.clone()).map_err(refused)?;
        changes.push(change);
        values.push((edit.field, value));
    }
    if values.is_empty() {
        return Ok(());
    }
    write.update_fields(&values).await?;
    // Offline edits made on the old values now meet a newer version: a conflict, not a loss.
    let fields: Vec<model::edit::Field> = values.iter().map(|(f, _)| *f).collect();
    write.bump_versions(&fields, None).await?;
    write.record(&stamp(who), &changes).await?;
    finish(store, write).await?;
    Ok(())
}

/// Applies one change to the plan's shape; new names are checked by the model's rule.
pub async fn change_structure(
    store: &Store,
    who: &Person,
    plan_id: PlanId,
    edit: StructureEdit,
) -> Result<Created, AppError> {
    let (_, zone) = guard::plan_in_zone(store, who, plan_id, Permission::EditPlan).await?;
    let edit = edit.checked().map_err(AppError::Invalid)?;
    let mut write = begin(store, plan_id).await?;
    let before = write.plan().await?;
    let states = write.quarter_states().await?;
    freeze::check_structure(&edit, &states, zone).map_err(|e| AppError::Locked(e.0))?;
    let created = write.change_structure(&edit).await?;
    let change = structure_change(&before, &edit, &created);
    write.record(&stamp(who), &[change]).await?;
    finish(store, write).await?;
    Ok(created)
}

pub(crate) async fn begin(store: &Store, plan: PlanId) -> Result<PlanWrite, AppError> {
    store
        .write_plan(plan)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("Rencana nomor {plan}")))
}

pub(crate) fn stamp(who: &Person) -> Stamp {
    Stamp {
        user: who.id,
        name: who.name.clone(),
        at: crate::clock::now(),
    }
}

/// Tells live dashboards about a save. The save itself has succeeded either way, so a failed
/// announcement is logged, not reported as a failed save.
/// Commits a write to a plan, then announces the change.
pub(crate) async fn finish(store: &Store, write: PlanWrite) -> Result<(), AppError> {
    let plan = write.plan_id();
    write.commit().await?;
    announce(store, plan).await;
    Ok(())
}

pub(crate) async fn announce(store: &Store, plan: PlanId) {
    if let Err(error) = store.plan_changed(plan).await {
        tracing::warn!(%error, %plan, "cannot announce the change");
    }
}

fn refused(error: EditError) -> AppError {
    match error {
        EditError::NotFound(what) => AppError::NotFound(what),
        invalid => AppError::Invalid(invalid.to_string()),
    }
}
