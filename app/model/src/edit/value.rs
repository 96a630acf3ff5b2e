//! Reading the text typed into a field as the field's value.

use super::field::{
    ActivityField, Field, GoalField, HeaderField, IndicatorField, MoneyField, ReportField,
};
use super::{EditError, MAX_TEXT_CHARS};
use crate::money::Rupiah;
use crate::number::{format_exact, parse_non_negative, parse_optional_decimal};
use crate::plan::{Aggregation, IndicatorKind, Nip, Polarity, Status};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A validated value, ready to be applied to a plan and stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Value {
    /// Text that may not be empty (names, titles).
    Name(String),
    /// Free text; empty is allowed.
    Text(String),
    Year(i32),
    Nip(Option<Nip>),
    Decimal(Decimal),
    OptionalDecimal(Option<Decimal>),
    Money(Rupiah),
    OptionalMoney(Option<Rupiah>),
    Status(Option<Status>),
    Kind(IndicatorKind),
    Polarity(Polarity),
    Aggregation(Aggregation),
}

/// Validates `text` for `field`. The same rules run in the browser and on the server.
pub fn parse_value(field: &Field, text: &str) -> Result<Value, EditError> {
    if text.chars().count() > MAX_TEXT_CHARS {
        return Err(EditError::invalid(
            field,
            format!("terlalu panjang: paling banyak {MAX_TEXT_CHARS} karakter"),
        ));
    }
    let name = |text: &str| {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            Err(EditError::invalid(field, "tidak boleh kosong"))
        } else {
            Ok(Value::Name(trimmed.to_owned()))
        }
    };
    let free = |text: &str| Ok(Value::Text(text.trim().to_owned()));
    let decimal = |text: &str| {
        parse_non_negative(text)
            .map(Value::Decimal)
            .map_err(|e| EditError::number(field, e))
    };
    let optional_count = |text: &str| match parse_optional_decimal(text) {
        Ok(Some(v)) if v.is_sign_negative() && !v.is_zero() => Err(EditError::number(
            field,
            crate::number::NumberError::Negative,
        )),
        Ok(v) => Ok(Value::OptionalDecimal(v)),
        Err(e) => Err(EditError::number(field, e)),
    };
    match field {
        Field::Header(h) => match h {
            HeaderField::WorkUnit | HeaderField::Title => name(text),
            HeaderField::SignatoryPosition
            | HeaderField::SignatoryName
            | HeaderField::PlaceDate => free(text),
            HeaderField::FiscalYear => parse_year(field, text),
            HeaderField::SignatoryNip => match text.trim() {
                "" | "-" => Ok(Value::Nip(None)),
                nip => Nip::parse(nip)
                    .map(|n| Value::Nip(Some(n)))
                    .map_err(|e| EditError::nip(field, e)),
            },
        },
        Field::Goal(_, GoalField::Title) => name(text),
        Field::Indicator(_, f) => match f {
            IndicatorField::Name | IndicatorField::TargetUnit => name(text),
            IndicatorField::Formula
            | IndicatorField::NumeratorLabel
            | IndicatorField::DenominatorLabel => free(text),
            IndicatorField::TargetValue => decimal(text),
            IndicatorField::Kind => choice(field, text, IndicatorKind::from_code, Value::Kind),
            IndicatorField::Polarity => choice(field, text, Polarity::from_code, Value::Polarity),
            IndicatorField::Aggregation => {
                choice(field, text, Aggregation::from_code, Value::Aggregation)
            }
        },
        Field::Report(_, _, f) => match f {
            ReportField::Numerator | ReportField::Denominator => optional_count(text),
            ReportField::Status => match text.trim() {
                "" | "-" => Ok(Value::Status(None)),
                other => Status::parse_label(other)
                    .or_else(|| Status::from_code(other))
                    .map(|s| Value::Status(Some(s)))
                    .ok_or_else(|| EditError::invalid(field, "pilih Belum, Berjalan atau Selesai")),
            },
            ReportField::PlannedWork
            | ReportField::Achievement
            | ReportField::Evidence
            | ReportField::Note => free(text),
        },
        Field::Activity(_, f) => match f {
            ActivityField::Name => name(text),
            ActivityField::Budget | ActivityField::Blocked => match text.trim() {
                "" | "-" => Ok(Value::Money(Rupiah::ZERO)),
                other => Rupiah::parse(other)
                    .map(Value::Money)
                    .map_err(|e| EditError::number(field, e)),
            },
        },
        Field::ActivityQuarter(_, _, MoneyField::WithdrawalPlan | MoneyField::Realization) => {
            Rupiah::parse_optional(text)
                .map(Value::OptionalMoney)
                .map_err(|e| EditError::number(field, e))
        }
    }
}

fn parse_year(field: &Field, text: &str) -> Result<Value, EditError> {
    match text.trim().parse::<i32>() {
        Ok(year) if crate::rollup::FISCAL_YEARS.contains(&year) => Ok(Value::Year(year)),
        _ => Err(EditError::invalid(
            field,
            "tahun anggaran harus tahun empat angka antara 2000 dan 2100",
        )),
    }
}

/// One of an enum's codes (`model::codes`).
fn choice<T>(
    field: &Field,
    text: &str,
    from_code: impl Fn(&str) -> Option<T>,
    value: impl Fn(T) -> Value,
) -> Result<Value, EditError> {
    from_code(text.trim()).map(value).ok_or_else(|| {
        EditError::invalid(
            field,
            format!(
                "pilihan \u{201c}{}\u{201d} tidak dikenal",
                crate::text::excerpt(text, 40)
            ),
        )
    })
}

impl Value {
    /// The text the field shows and an input holds: `5.160.600.000`, `12,5`, empty for none.
    pub fn input_text(&self) -> String {
        match self {
            Value::Name(t) | Value::Text(t) => t.clone(),
            Value::Year(y) => y.to_string(),
            Value::Nip(n) => n.as_ref().map(|n| n.to_string()).unwrap_or_default(),
            // Every digit the value holds: saving the text an input shows must store the same
            // value (a rounded `0,12345678901` would be saved back as `0,1234567890`).
            Value::Decimal(d) => format_exact(*d),
            Value::OptionalDecimal(d) => d.map(format_exact).unwrap_or_default(),
            Value::Money(m) => format_exact(m.amount()),
            Value::OptionalMoney(m) => m.map(|m| format_exact(m.amount())).unwrap_or_default(),
            Value::Status(s) => s.map(|s| s.label().to_owned()).unwrap_or_default(),
            Value::Kind(kind) => kind.code().into(),
            Value::Polarity(polarity) => polarity.code().into(),
            Value::Aggregation(aggregation) => aggregation.code().into(),
        }
    }
}
