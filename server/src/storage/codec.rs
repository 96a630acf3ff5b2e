//! Conversions between model values and their stored text.

use super::StoreError;
use model::{Rupiah, Status};
use rust_decimal::Decimal;
use std::str::FromStr;

pub fn decimal(
    table: &'static str,
    column: &'static str,
    text: &str,
) -> Result<Decimal, StoreError> {
    Decimal::from_str(text).map_err(|e| StoreError::Corrupt {
        table,
        column,
        value: text.to_owned(),
        reason: e.to_string(),
    })
}

pub fn optional_decimal(
    table: &'static str,
    column: &'static str,
    text: Option<String>,
) -> Result<Option<Decimal>, StoreError> {
    text.map(|t| decimal(table, column, &t)).transpose()
}

pub fn rupiah(table: &'static str, column: &'static str, text: &str) -> Result<Rupiah, StoreError> {
    Rupiah::new(decimal(table, column, text)?).map_err(|e| StoreError::Corrupt {
        table,
        column,
        value: text.to_owned(),
        reason: e.to_string(),
    })
}

pub fn optional_rupiah(
    table: &'static str,
    column: &'static str,
    text: Option<String>,
) -> Result<Option<Rupiah>, StoreError> {
    text.map(|t| rupiah(table, column, &t)).transpose()
}

fn corrupt(table: &'static str, column: &'static str, value: &str) -> StoreError {
    StoreError::Corrupt {
        table,
        column,
        value: value.to_owned(),
        reason: "unknown code".into(),
    }
}

/// A stored code of one of the model's enums (`model::codes`), or `Corrupt` naming the column.
pub fn code<T>(
    table: &'static str,
    column: &'static str,
    text: &str,
    from_code: impl Fn(&str) -> Option<T>,
) -> Result<T, StoreError> {
    from_code(text).ok_or_else(|| corrupt(table, column, text))
}

pub fn status(text: Option<String>) -> Result<Option<Status>, StoreError> {
    text.map(|t| code("indicator_quarters", "status", &t, Status::from_code))
        .transpose()
}
