//! Saving edits: validate with the model's rules against the stored plan, then store every
//! value in one transaction. Nothing is stored when any edit is refused.

use crate::storage::{Store, StoreError};
use app::error::AppError;
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
        })
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
