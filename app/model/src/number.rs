//! Numbers the way Indonesian staff write and read them: `5.160.600.000` (dot for thousands),
//! `12,5` (comma for decimals), `Rp 464.229.000`, `85%`, and `-` for none.

use rust_decimal::{Decimal, RoundingStrategy};
use std::str::FromStr;
use thiserror::Error;

/// Why a typed number was refused. The messages are shown next to the field, in Indonesian.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum NumberError {
    #[error("isian kosong: masukkan angka")]
    Empty,
    #[error("karakter \u{201c}{0}\u{201d} tidak dikenal: gunakan angka, titik untuk ribuan dan koma untuk desimal")]
    InvalidCharacter(char),
    #[error("koma desimal lebih dari satu")]
    MultipleDecimalCommas,
    #[error(
        "titik pemisah ribuan salah tempat: tulis 5.160.600.000, dan koma untuk desimal (12,5)"
    )]
    BadThousandsGrouping,
    #[error("nilai tidak boleh negatif")]
    Negative,
    #[error("angka terlalu besar: paling banyak 18 angka sebelum koma")]
    OutOfRange,
    #[error("angka terlalu panjang: paling banyak 28 angka, termasuk angka di belakang koma")]
    TooManyDigits,
    /// Money is kept in sen (hundredths of a rupiah): a third decimal would have to be rounded.
    #[error("rupiah paling banyak 2 angka di belakang koma (sen)")]
    MoneyTooManyDecimals,
    /// Money is kept as a 64-bit count of sen, so an amount stays below 10^16 rupiah.
    #[error("jumlah rupiah terlalu besar: paling banyak 16 angka sebelum koma")]
    MoneyOutOfRange,
}

/// The most digits before the decimal comma (so below 10^18, either sign). Figures add amounts
/// and counts up (plan totals, year-to-date sums, chart axes) and `Decimal` arithmetic panics
/// past about 7.9 × 10^28; below 10^18 no plan's sums come near. A whole state budget is ~10^15.
pub const MAX_WHOLE_DIGITS: usize = 18;

/// The most significant digits in all. A `Decimal` holds any 28 digits exactly but only some of
/// 29; more would be rounded, storing something other than what was typed.
pub const MAX_DIGITS: usize = 28;

/// Reads a number typed the Indonesian way. Accepts an optional `Rp`/`Rp.` prefix and `%` suffix,
/// a leading minus (so that callers can say *why* a negative is wrong), thousands dots in groups
/// of three, and one decimal comma.
pub fn parse_decimal(text: &str) -> Result<Decimal, NumberError> {
    let mut s = text.trim();
    if let Some(rest) = strip_prefix_ignore_case(s, "rp") {
        s = rest.strip_prefix('.').unwrap_or(rest).trim_start();
    }
    if let Some(rest) = s.strip_suffix('%') {
        s = rest.trim_end();
    }
    let (negative, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, s),
    };
    if s.is_empty() {
        return Err(NumberError::Empty);
    }
    if let Some(c) = s
        .chars()
        .find(|c| !c.is_ascii_digit() && *c != '.' && *c != ',')
    {
        return Err(NumberError::InvalidCharacter(c));
    }
    let mut parts = s.split(',');
    let whole = parts.next().unwrap_or_default();
    let fraction = parts.next();
    if parts.next().is_some() {
        return Err(NumberError::MultipleDecimalCommas);
    }
    let whole_digits = ungroup_thousands(whole)?;
    let fraction = fraction.unwrap_or_default();
    if fraction.contains('.') {
        return Err(NumberError::BadThousandsGrouping);
    }
    if whole_digits.is_empty() && fraction.is_empty() {
        return Err(NumberError::Empty);
    }
    // Only significant digits count against the limits: `007` is 7 and `12,50` is 12,5.
    let whole = whole_digits.trim_start_matches('0');
    let fraction = fraction.trim_end_matches('0');
    if whole.len() > MAX_WHOLE_DIGITS {
        return Err(NumberError::OutOfRange);
    }
    if whole.len() + fraction.len() > MAX_DIGITS {
        return Err(NumberError::TooManyDigits);
    }
    let canonical = match (whole.is_empty(), fraction.is_empty()) {
        (true, true) => "0".to_owned(),
        (false, true) => whole.to_owned(),
        (true, false) => format!("0.{fraction}"),
        (false, false) => format!("{whole}.{fraction}"),
    };
    // Within the limits every digit fits a `Decimal` exactly, so this reads what was typed.
    let value = Decimal::from_str(&canonical).map_err(|_| NumberError::OutOfRange)?;
    if negative && !value.is_zero() {
        return Ok(-value);
    }
    Ok(value)
}

/// Like [`parse_decimal`], but `-` or an empty cell mean "none".
pub fn parse_optional_decimal(text: &str) -> Result<Option<Decimal>, NumberError> {
    match text.trim() {
        "" | "-" | "\u{2013}" => Ok(None),
        other => parse_decimal(other).map(Some),
    }
}

/// Reads a count or measure that cannot be negative (A and B of an indicator, a target).
pub fn parse_non_negative(text: &str) -> Result<Decimal, NumberError> {
    let value = parse_decimal(text)?;
    if value.is_sign_negative() && !value.is_zero() {
        return Err(NumberError::Negative);
    }
    Ok(value)
}

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// `5.160.600.000` -> `5160600000`; a bare `5160600000` passes as it is.
fn ungroup_thousands(whole: &str) -> Result<String, NumberError> {
    if !whole.contains('.') {
        return Ok(whole.to_owned());
    }
    let groups: Vec<&str> = whole.split('.').collect();
    let first_ok = (1..=3).contains(&groups[0].len());
    let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
    if !first_ok || !rest_ok {
        return Err(NumberError::BadThousandsGrouping);
    }
    Ok(groups.concat())
}

/// Writes a number the Indonesian way with at most `max_decimals` decimals, trailing zeros
/// dropped: `5160600000` -> `5.160.600.000`, `12.50` -> `12,5`.
pub fn format_decimal(value: Decimal, max_decimals: u32) -> String {
    let rounded = value
        .round_dp_with_strategy(max_decimals, RoundingStrategy::MidpointAwayFromZero)
        .normalize();
    let text = rounded.abs().to_string();
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (text.as_str(), None),
    };
    let mut out = String::with_capacity(text.len() + whole.len() / 3 + 1);
    if rounded.is_sign_negative() && !rounded.is_zero() {
        out.push('-');
    }
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(digit);
    }
    if let Some(fraction) = fraction {
        out.push(',');
        out.push_str(fraction);
    }
    out
}

/// Writes a number the Indonesian way with every digit it holds, for an input to show: what is
/// shown must read back as the same value, or saving a field unchanged would change it.
pub fn format_exact(value: Decimal) -> String {
    // No decimal has more than MAX_SCALE decimals, so nothing is rounded.
    format_decimal(value, Decimal::MAX_SCALE)
}

/// A percentage as shown on the sheet: `12,5%`, `87,53%`.
pub fn format_percent(value: Decimal) -> String {
    format!("{}%", format_decimal(value, 2))
}

/// A figure that may be missing (division by zero, no data): `–` rather than NaN or an error.
pub fn format_percent_or_dash(value: Option<Decimal>) -> String {
    value.map(format_percent).unwrap_or_else(|| DASH.to_owned())
}

/// Shown wherever a figure cannot be computed.
pub const DASH: &str = "\u{2013}";

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("test literal")
    }

    #[test]
    fn thousands_dots_are_read_as_grouping() {
        assert_eq!(parse_decimal("5.160.600.000"), Ok(d("5160600000")));
        assert_eq!(parse_decimal("5160600000"), Ok(d("5160600000")));
        assert_eq!(parse_decimal("800.000"), Ok(d("800000")));
    }

    #[test]
    fn a_decimal_comma_is_read_as_a_fraction() {
        assert_eq!(parse_decimal("12,5"), Ok(d("12.5")));
        assert_eq!(parse_decimal("1.234,75"), Ok(d("1234.75")));
        assert_eq!(parse_decimal(",5"), Ok(d("0.5")));
    }

    #[test]
    fn rupiah_prefix_and_percent_suffix_are_accepted() {
        assert_eq!(parse_decimal("Rp 464.229.000"), Ok(d("464229000")));
        assert_eq!(parse_decimal("Rp. 10.257.000"), Ok(d("10257000")));
        assert_eq!(parse_decimal("rp464.229.000"), Ok(d("464229000")));
        assert_eq!(parse_decimal("85%"), Ok(d("85")));
        assert_eq!(parse_decimal(" 12,5 % "), Ok(d("12.5")));
    }

    #[test]
    fn letters_are_refused_naming_the_character() {
        assert_eq!(
            parse_decimal("12a"),
            Err(NumberError::InvalidCharacter('a'))
        );
        assert_eq!(
            parse_decimal("lima"),
            Err(NumberError::InvalidCharacter('l'))
        );
    }

    #[test]
    fn two_decimal_commas_are_refused() {
        assert_eq!(
            parse_decimal("1,2,3"),
            Err(NumberError::MultipleDecimalCommas)
        );
    }

    #[test]
    fn misplaced_thousands_dots_are_refused() {
        assert_eq!(
            parse_decimal("12.5"),
            Err(NumberError::BadThousandsGrouping)
        );
        assert_eq!(
            parse_decimal("1234.567"),
            Err(NumberError::BadThousandsGrouping)
        );
        assert_eq!(
            parse_decimal("1,5.000"),
            Err(NumberError::BadThousandsGrouping)
        );
    }

    #[test]
    fn values_past_the_decimal_range_are_refused() {
        assert_eq!(parse_decimal(&"9".repeat(40)), Err(NumberError::OutOfRange));
    }

    #[test]
    fn digits_a_decimal_cannot_hold_are_refused_rather_than_rounded_away() {
        // Found by fuzzing: these read as 0 and as 1,1234567890123456789012345679 before.
        let tiny = format!("0,{}1", "0".repeat(28));
        assert_eq!(parse_decimal(&tiny), Err(NumberError::TooManyDigits));
        assert_eq!(
            parse_decimal("1,12345678901234567890123456789"),
            Err(NumberError::TooManyDigits)
        );
        assert_eq!(
            parse_decimal("0,1234567890123456789012345678"),
            Ok(d("0.1234567890123456789012345678"))
        );
        // Zeros that say nothing do not count.
        assert_eq!(
            parse_decimal(&format!("1,5{}", "0".repeat(40))),
            Ok(d("1.5"))
        );
        assert_eq!(parse_decimal(&format!("{}7", "0".repeat(40))), Ok(d("7")));
    }

    #[test]
    fn numbers_of_a_quintillion_or_more_are_refused_so_no_total_can_overflow() {
        // Found by fuzzing: two activities with a pagu near Decimal::MAX were accepted, and
        // adding them up for the plan's totals panicked.
        assert_eq!(
            parse_decimal("1.000.000.000.000.000.000"),
            Err(NumberError::OutOfRange)
        );
        assert_eq!(
            parse_decimal("-1000000000000000000"),
            Err(NumberError::OutOfRange)
        );
        assert_eq!(
            parse_decimal("999.999.999.999.999.999,99"),
            Ok(d("999999999999999999.99"))
        );
        assert_eq!(
            NumberError::OutOfRange.to_string(),
            "angka terlalu besar: paling banyak 18 angka sebelum koma"
        );
    }

    #[test]
    fn every_digit_a_value_holds_is_written_for_an_input() {
        assert_eq!(format_exact(d("0.123456789012345")), "0,123456789012345");
        assert_eq!(format_exact(d("1000.555")), "1.000,555");
        assert_eq!(format_exact(d("5160600000.00")), "5.160.600.000");
        assert_eq!(
            format_exact(d("-0.0000000000000000000000000001")),
            "-0,0000000000000000000000000001"
        );
    }

    #[test]
    fn empty_input_is_refused_and_dash_means_none() {
        assert_eq!(parse_decimal("  "), Err(NumberError::Empty));
        assert_eq!(parse_decimal("Rp"), Err(NumberError::Empty));
        assert_eq!(parse_optional_decimal("-"), Ok(None));
        assert_eq!(parse_optional_decimal(""), Ok(None));
        assert_eq!(parse_optional_decimal("2.910.000"), Ok(Some(d("2910000"))));
    }

    #[test]
    fn negative_counts_are_refused_with_their_own_message() {
        assert_eq!(parse_decimal("-5"), Ok(d("-5")));
        assert_eq!(parse_non_negative("-5"), Err(NumberError::Negative));
        assert_eq!(parse_non_negative("-0"), Ok(d("0")));
    }

    #[test]
    fn numbers_are_written_with_dots_and_a_decimal_comma() {
        assert_eq!(format_decimal(d("5160600000"), 2), "5.160.600.000");
        assert_eq!(format_decimal(d("464229000.00"), 2), "464.229.000");
        assert_eq!(format_decimal(d("12.50"), 2), "12,5");
        assert_eq!(format_decimal(d("999"), 2), "999");
        assert_eq!(format_decimal(d("1000"), 2), "1.000");
        assert_eq!(format_decimal(d("-10200000"), 0), "-10.200.000");
        assert_eq!(format_decimal(d("0"), 2), "0");
    }

    #[test]
    fn percentages_round_to_two_decimals() {
        assert_eq!(format_percent(d("12.5")), "12,5%");
        assert_eq!(format_percent(d("87.5349")), "87,53%");
        assert_eq!(format_percent(d("66.665")), "66,67%");
        assert_eq!(format_percent_or_dash(None), "\u{2013}");
    }

    #[test]
    fn what_is_written_reads_back_as_the_same_value() {
        for text in ["5.160.600.000", "12,5", "0,25", "1.000,75"] {
            let value = parse_decimal(text).expect("valid");
            assert_eq!(format_decimal(value, 4), text);
        }
    }
}
