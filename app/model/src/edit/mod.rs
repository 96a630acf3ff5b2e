//! Edits: one field of a plan changed to a value typed by a person.
//!
//! The same code validates an edit in the browser (as the person types) and on the server (before
//! it is stored), so both refuse the same input with the same message.

mod apply;
mod field;
mod read;
pub mod structure;
mod value;

pub use apply::{apply, apply_to_activity, apply_to_header, apply_to_indicator};
pub use field::{
    ActivityField, Field, GoalField, HeaderField, IndicatorField, MoneyField, ReportField,
    UnknownField,
};
pub use read::{
    activity_value, current_value, describe_place, header_value, indicator_value,
    quarter_money_value, report_value,
};
pub use value::{parse_value, Value};

use crate::number::NumberError;
use crate::plan::NipError;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The longest text a field takes; a longer paste is refused rather than cut.
pub const MAX_TEXT_CHARS: usize = 10_000;

/// One field and the text typed into it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldEdit {
    pub field: Field,
    pub text: String,
}

/// Why an edit was refused. Shown next to the field, in Indonesian.
#[derive(Clone, Debug, PartialEq, Eq, Error, Serialize, Deserialize)]
pub enum EditError {
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },
    #[error("{0} tidak ditemukan di rencana ini")]
    NotFound(String),
}

impl EditError {
    pub fn invalid(field: &Field, message: impl Into<String>) -> EditError {
        EditError::Invalid {
            field: field.label(),
            message: message.into(),
        }
    }

    pub(crate) fn number(field: &Field, error: NumberError) -> EditError {
        EditError::invalid(field, error.to_string())
    }

    pub(crate) fn nip(field: &Field, error: NipError) -> EditError {
        EditError::invalid(field, error.to_string())
    }

    /// The message without the field's name, for showing right next to the field.
    pub fn message(&self) -> String {
        match self {
            EditError::Invalid { message, .. } => message.clone(),
            EditError::NotFound(_) => self.to_string(),
        }
    }
}

#[cfg(test)]
mod tests;
