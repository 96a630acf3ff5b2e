//! Saving edits: validate with the model's rules against the stored plan, then store every
//! value in one transaction. Nothing is stored when any edit is refused.

use crate::storage::{Store, StoreError};
use app::error::AppError;
use model::edit::structure::{new_name, Created, StructureEdit};
use model::edit::{apply, parse_value, EditError, FieldEdit};
use model::PlanId;

pub async fn save_fields(
    store: &Store,
    plan_id: PlanId,
    edits: Vec<FieldEdit>,
) -> Result<(), AppError> {
    let mut plan = store
        .load_plan(plan_id)
        .await
        .map_err(internal)?
        .ok_or_else(|| AppError::NotFound(format!("Rencana nomor {plan_id}")))?;
    let mut values = Vec::with_capacity(edits.len());
    for edit in edits {
        let value = parse_value(&edit.field, &edit.text).map_err(refused)?;
        apply(&mut plan, &edit.field, value.clone()).map_err(refused)?;
        values.push((edit.field, value));
    }
    store
        .update_fields(plan_id, &values)
        .await
        .map_err(|e| match e {
            StoreError::NotInPlan(what) => AppError::NotFound(what),
            other => internal(other),
        })?;
    announce(store, plan_id).await;
    Ok(())
}

/// Tells live dashboards about a save. The save itself has succeeded either way, so a failed
/// announcement is logged, not reported as a failed save.
async fn announce(store: &Store, plan: PlanId) {
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

pub(crate) fn internal(error: StoreError) -> AppError {
    tracing::error!(%error, "storage failure");
    AppError::Internal
}

/// Applies one change to the plan's shape; new names are checked by the model's rule.
pub async fn change_structure(
    store: &Store,
    plan: PlanId,
    edit: StructureEdit,
) -> Result<Created, AppError> {
    let name = |text: &str| new_name(text).map_err(AppError::Invalid);
    let result = match edit {
        StructureEdit::AddGoal { title } => store
            .add_goal(plan, &name(&title)?)
            .await
            .map(|g| Created::Goal(Box::new(g))),
        StructureEdit::RemoveGoal { goal } => store
            .remove_goal(plan, goal)
            .await
            .map(|_| Created::Nothing),
        StructureEdit::MoveGoal { goal, direction } => store
            .move_goal(plan, goal, direction)
            .await
            .map(|_| Created::Nothing),
        StructureEdit::AddIndicator { goal, name: text } => store
            .add_indicator(plan, goal, &name(&text)?)
            .await
            .map(|i| Created::Indicator(Box::new(i))),
        StructureEdit::RemoveIndicator { indicator } => store
            .remove_indicator(plan, indicator)
            .await
            .map(|_| Created::Nothing),
        StructureEdit::MoveIndicator {
            indicator,
            direction,
        } => store
            .move_indicator(plan, indicator, direction)
            .await
            .map(|_| Created::Nothing),
        StructureEdit::AddActivity { name: text } => store
            .add_activity(plan, &name(&text)?)
            .await
            .map(|a| Created::Activity(Box::new(a))),
        StructureEdit::RemoveActivity { activity } => store
            .remove_activity(plan, activity)
            .await
            .map(|_| Created::Nothing),
        StructureEdit::Link {
            indicator,
            activity,
        } => store
            .link_activity(plan, indicator, activity)
            .await
            .map(|_| Created::Nothing),
        StructureEdit::Unlink {
            indicator,
            activity,
        } => store
            .unlink_activity(plan, indicator, activity)
            .await
            .map(|_| Created::Nothing),
    };
    let created = result.map_err(|e| match e {
        StoreError::NotInPlan(what) => AppError::NotFound(what),
        other => internal(other),
    })?;
    announce(store, plan).await;
    Ok(created)
}
