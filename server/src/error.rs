//! How a storage failure reaches a person: a missing part of the plan is "not found", a taken
//! name is a refusal they can correct, anything else is the server's own fault (logged with a
//! request id, shown as an opaque failure; see [`AppError::internal`]). With this, `?` is the
//! whole conversion.

use crate::storage::StoreError;
use app::error::AppError;

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> AppError {
        match error {
            StoreError::NotInPlan(what) => AppError::NotFound(what),
            StoreError::Duplicate(message) => AppError::Invalid(message),
            other => AppError::internal(format_args!("storage failure: {other}")),
        }
    }
}
