//! Conversions between model values and their stored text (and numbers): every stored value
//! that can fail to read back is read here, and fails as `Corrupt` naming its table and column.

use super::StoreError;
use model::{Quarter, Rupiah, Status};
use rust_decimal::Decimal;
use std::fmt::Display;
use std::str::FromStr;

/// A stored value that cannot be read back as what its column holds.
pub fn corrupt(
    table: &'static str,
    column: &'static str,
    value: impl ToString,
    reason: impl Display,
) -> StoreError {
    StoreError::Corrupt {
        table,
        column,
        value: value.to_string(),
        reason: reason.to_string(),
    }
}

/// `text` read by `parse`, or `Corrupt` with the parser's reason.
pub fn parsed<T, E: Display>(
    table: &'static str,
    column: &'static str,
    text: &str,
    parse: impl FnOnce(&str) -> Result<T, E>,
) -> Result<T, StoreError> {
    parse(text).map_err(|e| corrupt(table, column, text, e))
}

pub fn decimal(
    table: &'static str,
    column: &'static str,
    text: &str,
) -> Result<Decimal, StoreError> {
    parsed(table, column, text, Decimal::from_str)
}

pub fn optional_decimal(
    table: &'static str,
    column: &'static str,
    text: Option<String>,
) -> Result<Option<Decimal>, StoreError> {
    text.map(|t| decimal(table, column, &t)).transpose()
}

/// A stored amount in sen (`migrations/*/0010_money_in_sen.sql`), or `Corrupt` naming the column.
pub fn rupiah(table: &'static str, column: &'static str, sen: i64) -> Result<Rupiah, StoreError> {
    Rupiah::from_sen(sen).map_err(|e| corrupt(table, column, sen, e))
}

pub fn optional_rupiah(
    table: &'static str,
    column: &'static str,
    sen: Option<i64>,
) -> Result<Option<Rupiah>, StoreError> {
    sen.map(|s| rupiah(table, column, s)).transpose()
}

/// An amount as it is stored: its sen. Every amount the model makes fits; one that does not
/// (a sum past 10^16 rupiah) is refused, never rounded.
pub fn sen(column: &'static str, amount: Rupiah) -> Result<i64, StoreError> {
    amount.sen().map_err(|e| StoreError::Unstorable {
        column,
        value: amount.to_string(),
        reason: e.to_string(),
    })
}

pub fn optional_sen(
    column: &'static str,
    amount: Option<Rupiah>,
) -> Result<Option<i64>, StoreError> {
    amount.map(|a| sen(column, a)).transpose()
}

/// A stored code of one of the model's enums (`model::codes`), or `Corrupt` naming the column.
pub fn code<T>(
    table: &'static str,
    column: &'static str,
    text: &str,
    from_code: impl Fn(&str) -> Option<T>,
) -> Result<T, StoreError> {
    from_code(text).ok_or_else(|| corrupt(table, column, text, "unknown code"))
}

pub fn status(text: Option<String>) -> Result<Option<Status>, StoreError> {
    text.map(|t| code("indicator_quarters", "status", &t, Status::from_code))
        .transpose()
}

/// A stored quarter number (1 to 4, [`Quarter::number`]), or `Corrupt` naming the column.
pub fn quarter(table: &'static str, stored: i64) -> Result<Quarter, StoreError> {
    u8::try_from(stored)
        .ok()
        .and_then(Quarter::from_number)
        .ok_or_else(|| corrupt(table, "quarter", stored, "a quarter is 1 to 4"))
}

/// A stored count or number (never negative, never past `u32`), read leniently as before.
pub fn count(value: i64) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

pub fn year(value: i64) -> i32 {
    i32::try_from(value).unwrap_or(i32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quarter_is_stored_as_its_number_and_read_back() {
        for q in Quarter::ALL {
            assert_eq!(quarter("t", i64::from(q.number())).ok(), Some(q));
        }
        assert_eq!(quarter("t", 1).ok(), Some(Quarter::ALL[0]));
        assert!(matches!(
            quarter("activity_quarters", 5),
            Err(StoreError::Corrupt {
                table: "activity_quarters",
                column: "quarter",
                ..
            })
        ));
        assert!(quarter("t", 0).is_err());
    }

    #[test]
    fn a_negative_amount_or_a_word_is_corrupt() {
        assert_eq!(
            rupiah("activities", "budget_sen", 1250)
                .map(|r| r.to_string())
                .ok(),
            Some("12,5".to_owned())
        );
        assert!(matches!(
            rupiah("activities", "budget_sen", -1),
            Err(StoreError::Corrupt {
                column: "budget_sen",
                ..
            })
        ));
        assert!(matches!(
            decimal("indicators", "target_value", "banyak"),
            Err(StoreError::Corrupt {
                column: "target_value",
                ..
            })
        ));
    }
}
