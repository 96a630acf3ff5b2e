//! Rupiah amounts. Never a float: every amount is a `rust_decimal::Decimal`, and never negative.

use crate::number::{format_decimal, parse_decimal, NumberError, DASH};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::iter::Sum;
use std::ops::{Add, Sub};

#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Rupiah(Decimal);

impl Rupiah {
    pub const ZERO: Rupiah = Rupiah(Decimal::ZERO);

    /// A non-negative amount. Negative amounts are refused: a budget cannot be below zero.
    pub fn new(amount: Decimal) -> Result<Rupiah, NumberError> {
        if amount.is_sign_negative() && !amount.is_zero() {
            return Err(NumberError::Negative);
        }
        Ok(Rupiah(amount.normalize()))
    }

    /// Reads `5.160.600.000`, `5160600000`, `Rp 464.229.000`.
    pub fn parse(text: &str) -> Result<Rupiah, NumberError> {
        Rupiah::new(parse_decimal(text)?)
    }

    /// `-` or blank mean none.
    pub fn parse_optional(text: &str) -> Result<Option<Rupiah>, NumberError> {
        match text.trim() {
            "" | "-" | "\u{2013}" => Ok(None),
            other => Rupiah::parse(other).map(Some),
        }
    }

    pub fn amount(self) -> Decimal {
        self.0
    }

    /// The difference, which may be negative (so it is a plain decimal, not an amount).
    pub fn minus(self, other: Rupiah) -> Decimal {
        self.0 - other.0
    }
}

impl Add for Rupiah {
    type Output = Rupiah;
    fn add(self, rhs: Rupiah) -> Rupiah {
        Rupiah(self.0 + rhs.0)
    }
}

/// Saturates at zero: what remains of a budget is never negative.
impl Sub for Rupiah {
    type Output = Rupiah;
    fn sub(self, rhs: Rupiah) -> Rupiah {
        Rupiah((self.0 - rhs.0).max(Decimal::ZERO))
    }
}

impl Sum for Rupiah {
    fn sum<I: Iterator<Item = Rupiah>>(iter: I) -> Rupiah {
        iter.fold(Rupiah::ZERO, Add::add)
    }
}

impl<'a> Sum<&'a Rupiah> for Rupiah {
    fn sum<I: Iterator<Item = &'a Rupiah>>(iter: I) -> Rupiah {
        iter.copied().sum()
    }
}

/// `5.160.600.000`, the way the sheet writes amounts.
impl fmt::Display for Rupiah {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_decimal(self.0, 2))
    }
}

/// An amount that may be missing (a quarter with no realization yet): `–` like every figure
/// that is not there (`number::DASH`).
pub fn format_money_or_dash(amount: Option<Rupiah>) -> String {
    amount
        .map(|a| a.to_string())
        .unwrap_or_else(|| DASH.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::rp;

    #[test]
    fn amounts_are_read_and_written_the_indonesian_way() {
        let pagu = Rupiah::parse("5.160.600.000").expect("valid");
        assert_eq!(pagu.to_string(), "5.160.600.000");
        assert_eq!(
            Rupiah::parse("Rp 464.229.000").expect("valid").to_string(),
            "464.229.000"
        );
    }

    #[test]
    fn negative_money_is_refused() {
        assert_eq!(Rupiah::parse("-1.000"), Err(NumberError::Negative));
    }

    #[test]
    fn a_dash_is_no_amount() {
        assert_eq!(Rupiah::parse_optional("-"), Ok(None));
        assert_eq!(Rupiah::parse_optional(" "), Ok(None));
    }

    #[test]
    fn a_missing_amount_reads_as_the_figures_dash() {
        assert_eq!(
            format_money_or_dash(Some(rp("1.243.291.585"))),
            "1.243.291.585"
        );
        assert_eq!(format_money_or_dash(None), "\u{2013}");
    }

    #[test]
    fn subtraction_never_goes_below_zero() {
        let a = Rupiah::parse("1.000").expect("valid");
        let b = Rupiah::parse("3.000").expect("valid");
        assert_eq!(a - b, Rupiah::ZERO);
        assert_eq!(a.minus(b).to_string(), "-2000");
    }
}
