//! The number parser: `5.160.600.000,25`, `Rp 464.229.000`, `85%`, `-`.

use crate::harness::check;
use crate::strategies::{any_decimal, group, number_like_text, typed_number};
use model::number::{
    format_decimal, format_exact, parse_decimal, parse_non_negative, parse_optional_decimal,
    NumberError, MAX_DIGITS, MAX_WHOLE_DIGITS,
};
use model::Rupiah;
use proptest::prelude::*;
use rust_decimal::{Decimal, RoundingStrategy};

/// Whether the model takes `value` as typed. Two kinds of decimal are refused by design, so
/// they cannot round-trip and the property checks they are refused by name instead:
/// - `MAX_WHOLE_DIGITS`: 10^18 and above (either sign). Figures add amounts and counts up
///   (plan totals, year-to-date sums, chart axes), and `Decimal` arithmetic panics past its
///   range (about 7.9 × 10^28); below 10^18 no sum of a plan can get there.
/// - `MAX_DIGITS`: more than 28 significant digits. A `Decimal` holds any 28 digits exactly but
///   only some of 29 (its mantissa is 96 bits); a plain 28-digit rule is one a person can read,
///   where silently rounding the 29th digit would store something other than what was typed.
fn accepted(value: Decimal) -> bool {
    let n = value.normalize();
    let whole_limit = Decimal::from(10_i64.pow(MAX_WHOLE_DIGITS as u32));
    let digit_limit = 10_u128.pow(MAX_DIGITS as u32);
    n.abs() < whole_limit && n.mantissa().unsigned_abs() < digit_limit
}

fn refused_by_design(result: &Result<Decimal, NumberError>) -> bool {
    matches!(
        result,
        Err(NumberError::OutOfRange | NumberError::TooManyDigits)
    )
}

/// A non-negative number as an amount: whole sen below 10^16 rupiah, or why not.
fn as_money(x: Decimal) -> Result<Decimal, NumberError> {
    if x.normalize().scale() > 2 {
        Err(NumberError::MoneyTooManyDecimals)
    } else if x >= Decimal::from(model::money::LIMIT_RUPIAH) {
        Err(NumberError::MoneyOutOfRange)
    } else {
        Ok(x)
    }
}

#[test]
fn every_decimal_reads_back_from_the_text_it_is_written_as() {
    check("number: parse(format(x)) == x", any_decimal(), |x| {
        let text = format_exact(x);
        let read = parse_decimal(&text);
        if accepted(x) {
            prop_assert_eq!(&read, &Ok(x), "written as {}", text);
            // One text per value: writing what was read gives the same text.
            prop_assert_eq!(format_exact(x.normalize()), text.clone());
            if !x.is_sign_negative() || x.is_zero() {
                prop_assert_eq!(Rupiah::parse(&text).map(Rupiah::amount), as_money(x));
            }
        } else {
            prop_assert!(refused_by_design(&read), "{} read as {:?}", text, read);
        }
        // Displays round on purpose (a percentage shows 2 decimals, an amount on the sheet 2):
        // they read back as the rounded value, never as anything else.
        for decimals in [0, 2, 10] {
            let shown = format_decimal(x, decimals);
            let rounded =
                x.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
            let read = parse_decimal(&shown);
            if accepted(rounded) {
                prop_assert_eq!(&read, &Ok(rounded), "shown as {}", shown);
            } else {
                prop_assert!(refused_by_design(&read), "{} read as {:?}", shown, read);
            }
        }
        Ok(())
    });
}

#[test]
fn typed_digits_read_as_exactly_the_number_written_or_are_refused() {
    check(
        "number: typed digits read as written",
        typed_number(),
        |typed| {
            let read = parse_decimal(&typed.text);
            let whole = typed.whole.trim_start_matches('0');
            let fraction = typed.fraction.trim_end_matches('0');
            if typed.whole.is_empty() && typed.fraction.is_empty() {
                prop_assert_eq!(read, Err(NumberError::Empty));
                return Ok(());
            }
            if whole.len() > MAX_WHOLE_DIGITS {
                prop_assert_eq!(read, Err(NumberError::OutOfRange));
                return Ok(());
            }
            if whole.len() + fraction.len() > MAX_DIGITS {
                prop_assert_eq!(read, Err(NumberError::TooManyDigits));
                return Ok(());
            }
            let value = read.map_err(|e| TestCaseError::fail(format!("refused: {e}")))?;
            let zero = whole.is_empty() && fraction.is_empty();
            let mut expected = String::new();
            if typed.negative && !zero {
                expected.push('-');
            }
            expected.push_str(&if whole.is_empty() {
                "0".to_owned()
            } else {
                group(whole)
            });
            if !fraction.is_empty() {
                expected.push(',');
                expected.push_str(fraction);
            }
            prop_assert_eq!(format_exact(value), expected);
            Ok(())
        },
    );
}

#[test]
fn any_text_in_a_number_field_is_read_or_refused_without_panicking() {
    check(
        "number: any text read or refused",
        number_like_text(),
        |text| {
            let read = parse_decimal(&text);
            // The readers built on it agree with it.
            let non_negative = parse_non_negative(&text);
            match &read {
                Ok(v) if v.is_sign_negative() && !v.is_zero() => {
                    prop_assert_eq!(&non_negative, &Err(NumberError::Negative));
                    prop_assert_eq!(Rupiah::parse(&text), Err(NumberError::Negative));
                }
                Ok(v) => {
                    prop_assert_eq!(&non_negative, &Ok(*v));
                    prop_assert_eq!(Rupiah::parse(&text).map(Rupiah::amount), as_money(*v));
                }
                Err(e) => {
                    prop_assert_eq!(&non_negative, &Err(e.clone()));
                }
            }
            let none = matches!(text.trim(), "" | "-" | "\u{2013}");
            match parse_optional_decimal(&text) {
                Ok(None) => prop_assert!(none),
                Ok(Some(v)) => prop_assert_eq!(&read, &Ok(v)),
                Err(e) => prop_assert_eq!(&read, &Err(e)),
            }
            prop_assert_eq!(
                Rupiah::parse_optional(&text).map(|r| r.map(Rupiah::amount)),
                if none {
                    Ok(None)
                } else {
                    Rupiah::parse(&text).map(|r| Some(r.amount()))
                }
            );
            // Whatever is accepted is held exactly as its text says, and writes back to itself.
            if let Ok(v) = read {
                prop_assert!(accepted(v));
                prop_assert_eq!(parse_decimal(&format_exact(v)), Ok(v));
            }
            Ok(())
        },
    );
}
