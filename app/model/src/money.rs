//! Rupiah amounts. Never a float: every amount is a `rust_decimal::Decimal`, and never negative.
//! An amount has at most two decimals (sen) and stays below 10^16 rupiah, so that it is stored
//! exactly as a 64-bit count of sen ([`Rupiah::sen`]) that SQL can add up.

use crate::number::{format_decimal, parse_decimal, NumberError, DASH};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::iter::Sum;
use std::ops::{Add, Sub};

/// Decimals an amount may have: sen, hundredths of a rupiah.
pub const SEN_DECIMALS: u32 = 2;

/// Amounts stay below this many rupiah (10^16): in sen, well inside a signed 64-bit integer.
pub const LIMIT_RUPIAH: i64 = 10_000_000_000_000_000;

#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Rupiah(Decimal);

impl Rupiah {
    pub const ZERO: Rupiah = Rupiah(Decimal::ZERO);

    /// A non-negative amount. Negative amounts are refused: a budget cannot be below zero. So
    /// are amounts with a third decimal (storing them would round) and amounts of 10^16 rupiah or
    /// more (past what 64 bits of sen hold; a whole state budget is about 10^15).
    pub fn new(amount: Decimal) -> Result<Rupiah, NumberError> {
        if amount.is_sign_negative() && !amount.is_zero() {
            return Err(NumberError::Negative);
        }
        let amount = amount.abs().normalize();
        if amount.scale() > SEN_DECIMALS {
            return Err(NumberError::MoneyTooManyDecimals);
        }
        if amount >= Decimal::from(LIMIT_RUPIAH) {
            return Err(NumberError::MoneyOutOfRange);
        }
        Ok(Rupiah(amount))
    }

    /// The amount `sen` hundredths of a rupiah (as stored), refused like [`Rupiah::new`].
    pub fn from_sen(sen: i64) -> Result<Rupiah, NumberError> {
        Rupiah::new(Decimal::new(sen, SEN_DECIMALS))
    }

    /// The amount in sen (hundredths), as it is stored. Every amount made by [`Rupiah::new`]
    /// fits; only a sum past 10^16 rupiah (a total, never stored) does not.
    pub fn sen(self) -> Result<i64, NumberError> {
        let mut sen = self.0;
        sen.rescale(SEN_DECIMALS);
        i64::try_from(sen.mantissa())
            .ok()
            .filter(|s| *s < LIMIT_RUPIAH.saturating_mul(100))
            .ok_or(NumberError::MoneyOutOfRange)
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
    fn an_amount_is_stored_as_its_sen_and_read_back_the_same() {
        for (text, sen) in [
            ("0", 0),
            ("1", 100),
            ("12,5", 1250),
            ("12,05", 1205),
            ("5.160.600.000", 516_060_000_000),
            ("9.999.999.999.999.999,99", 999_999_999_999_999_999),
        ] {
            let amount = Rupiah::parse(text).expect(text);
            assert_eq!(amount.sen(), Ok(sen), "{text}");
            assert_eq!(Rupiah::from_sen(sen), Ok(amount), "{text}");
        }
    }

    #[test]
    fn a_third_decimal_is_refused_rather_than_rounded() {
        assert_eq!(
            Rupiah::parse("12,345"),
            Err(NumberError::MoneyTooManyDecimals)
        );
        // Trailing zeros are no decimals: 12,500 is 12,5.
        assert_eq!(Rupiah::parse("12,500").map(|r| r.sen()), Ok(Ok(1250)));
        assert_eq!(
            NumberError::MoneyTooManyDecimals.to_string(),
            "rupiah paling banyak 2 angka di belakang koma (sen)"
        );
    }

    #[test]
    fn ten_to_the_sixteenth_rupiah_is_too_much() {
        assert_eq!(
            Rupiah::parse("10.000.000.000.000.000"),
            Err(NumberError::MoneyOutOfRange)
        );
        assert_eq!(
            Rupiah::from_sen(1_000_000_000_000_000_000),
            Err(NumberError::MoneyOutOfRange)
        );
        assert_eq!(Rupiah::from_sen(-1), Err(NumberError::Negative));
        // A sum may pass the limit; it is a total, and has no sen to store.
        let most = Rupiah::parse("9.999.999.999.999.999").expect("fits");
        assert_eq!((most + most).sen(), Err(NumberError::MoneyOutOfRange));
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
