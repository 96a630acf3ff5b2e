//! Axis scales for the dashboard's charts: round tops and ticks, and amounts short enough for
//! an axis label (`Rp 2,5 M`), written the Indonesian way.

use crate::number::format_decimal;
use rust_decimal::Decimal;

/// The top of a percentage axis: at least 100 % (so the target line always shows), rounded
/// up to a multiple of 25 above that.
pub fn percent_axis_top(values: impl IntoIterator<Item = Decimal>) -> Decimal {
    let step = Decimal::from(25);
    let max = values
        .into_iter()
        .fold(Decimal::ONE_HUNDRED, |max, v| max.max(v));
    (max / step).ceil() * step
}

/// The top of an amount axis: the smallest 1, 2, 2,5 or 5 × 10ⁿ at or above `max` (1 when
/// everything is zero), so four equal ticks land on round numbers.
pub fn amount_axis_top(max: Decimal) -> Decimal {
    if max <= Decimal::ZERO {
        return Decimal::ONE;
    }
    let mut power = Decimal::ONE;
    while power * Decimal::TEN <= max {
        power *= Decimal::TEN;
    }
    [1, 2, 5, 10]
        .iter()
        .map(|&m| Decimal::from(m) * power)
        .chain([Decimal::new(25, 1) * power])
        .filter(|&candidate| candidate >= max)
        .min()
        .unwrap_or(max)
}

/// `count + 1` evenly spaced ticks from zero to `top`.
pub fn ticks(top: Decimal, count: u32) -> Vec<Decimal> {
    let count = count.max(1);
    (0..=count)
        .map(|i| top * Decimal::from(i) / Decimal::from(count))
        .collect()
}

/// An amount for an axis: `Rp 2,5 M` (miliar), `Rp 750 jt` (juta), `Rp 12 rb` (ribu).
pub fn short_rupiah(amount: Decimal) -> String {
    let units = [
        (Decimal::from(1_000_000_000_000_i64), "T"),
        (Decimal::from(1_000_000_000), "M"),
        (Decimal::from(1_000_000), "jt"),
        (Decimal::from(1_000), "rb"),
    ];
    for (size, suffix) in units {
        if amount.abs() >= size {
            return format!("Rp {} {suffix}", format_decimal(amount / size, 2));
        }
    }
    format!("Rp {}", format_decimal(amount, 2))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::d;

    #[test]
    fn a_percentage_axis_reaches_at_least_a_hundred_and_rounds_up_to_a_quarter() {
        assert_eq!(percent_axis_top([]), d("100"));
        assert_eq!(percent_axis_top([d("87.5"), d("99")]), d("100"));
        assert_eq!(percent_axis_top([d("105.88")]), d("125"));
        assert_eq!(percent_axis_top([d("150")]), d("150"));
    }

    #[test]
    fn an_amount_axis_tops_at_a_round_number() {
        assert_eq!(amount_axis_top(d("9485886000")), d("10000000000"));
        assert_eq!(amount_axis_top(d("1243291585")), d("2000000000"));
        assert_eq!(amount_axis_top(d("2100000")), d("2500000"));
        assert_eq!(amount_axis_top(d("3979232000")), d("5000000000"));
        assert_eq!(amount_axis_top(d("1000")), d("1000"));
        assert_eq!(amount_axis_top(d("0.5")), d("1"));
        assert_eq!(amount_axis_top(Decimal::ZERO), d("1"));
    }

    #[test]
    fn ticks_divide_the_axis_evenly() {
        assert_eq!(
            ticks(d("10000000000"), 4),
            vec![
                d("0"),
                d("2500000000"),
                d("5000000000"),
                d("7500000000"),
                d("10000000000")
            ]
        );
    }

    #[test]
    fn axis_amounts_are_short_and_indonesian() {
        assert_eq!(short_rupiah(d("2500000000")), "Rp 2,5 M");
        assert_eq!(short_rupiah(d("10000000000")), "Rp 10 M");
        assert_eq!(short_rupiah(d("750000000")), "Rp 750 jt");
        assert_eq!(short_rupiah(d("9450276000")), "Rp 9,45 M");
        assert_eq!(short_rupiah(d("12000")), "Rp 12 rb");
        assert_eq!(short_rupiah(d("0")), "Rp 0");
        assert_eq!(short_rupiah(d("2000000000000")), "Rp 2 T");
    }
}
