//! Conversions between model values and their stored text.

use super::StoreError;
use model::{Aggregation, IndicatorKind, Polarity, Rupiah, Status};
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

pub fn kind_code(kind: IndicatorKind) -> &'static str {
    match kind {
        IndicatorKind::Ratio => "ratio",
        IndicatorKind::Count => "count",
    }
}

pub fn kind(code: &str) -> Result<IndicatorKind, StoreError> {
    match code {
        "ratio" => Ok(IndicatorKind::Ratio),
        "count" => Ok(IndicatorKind::Count),
        other => Err(corrupt("indicators", "kind", other)),
    }
}

pub fn polarity_code(polarity: Polarity) -> &'static str {
    match polarity {
        Polarity::HigherIsBetter => "higher_is_better",
        Polarity::LowerIsBetter => "lower_is_better",
    }
}

pub fn polarity(code: &str) -> Result<Polarity, StoreError> {
    match code {
        "higher_is_better" => Ok(Polarity::HigherIsBetter),
        "lower_is_better" => Ok(Polarity::LowerIsBetter),
        other => Err(corrupt("indicators", "polarity", other)),
    }
}

pub fn aggregation_code(aggregation: Aggregation) -> &'static str {
    match aggregation {
        Aggregation::Sum => "sum",
        Aggregation::Last => "last",
        Aggregation::Average => "average",
    }
}

pub fn aggregation(code: &str) -> Result<Aggregation, StoreError> {
    match code {
        "sum" => Ok(Aggregation::Sum),
        "last" => Ok(Aggregation::Last),
        "average" => Ok(Aggregation::Average),
        other => Err(corrupt("indicators", "aggregation", other)),
    }
}

pub fn status(code: Option<String>) -> Result<Option<Status>, StoreError> {
    code.map(|c| Status::from_code(&c).ok_or_else(|| corrupt("indicator_quarters", "status", &c)))
        .transpose()
}
