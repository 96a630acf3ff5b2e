//! Generators shared by the properties: decimals, numbers written the Indonesian way, fields,
//! and text that mixes the awkward with the plausible.

use model::edit::{
    ActivityField, Field, GoalField, HeaderField, IndicatorField, MoneyField, ReportField,
};
use model::{ActivityId, GoalId, IndicatorId, Quarter};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// Any decimal at all: every mantissa of 96 bits, either sign, every scale (0..=28), weighted
/// towards the shapes the model meets (amounts in rupiah, percentages, small counts) and the
/// edges (zero, the largest and smallest, the finest fraction).
pub fn any_decimal() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        4 => (any::<u32>(), any::<u32>(), any::<u32>(), any::<bool>(), 0..=28_u32)
            .prop_map(|(lo, mid, hi, negative, scale)| Decimal::from_parts(lo, mid, hi, negative, scale)),
        3 => (any::<i64>(), 0..=28_u32).prop_map(|(m, scale)| Decimal::new(m, scale)),
        2 => (0..1_000_000_000_000_000_i64, 0..=2_u32).prop_map(|(m, scale)| Decimal::new(m, scale)),
        1 => (0..100_000_i64, 0..=4_u32).prop_map(|(m, scale)| Decimal::new(m, scale)),
        1 => prop::sample::select(vec![
            Decimal::ZERO,
            Decimal::ONE,
            Decimal::NEGATIVE_ONE,
            Decimal::MAX,
            Decimal::MIN,
            Decimal::new(1, 28),
            Decimal::new(-1, 28),
            Decimal::from_parts(0, 0, 0, true, 0),
            Decimal::from_parts(0, 0, 0, true, 28),
            Decimal::new(999_999_999_999_999_999, 0),
            Decimal::new(1_000_000_000_000_000_000, 0),
        ]),
    ]
}

/// A number as a person might type it, with what they meant: the sign, the digits before the
/// comma as written (leading zeros, thousands dots or none) and after it, with an optional `Rp`
/// prefix, `%` suffix and stray spaces.
#[derive(Clone, Debug)]
pub struct Typed {
    pub text: String,
    pub negative: bool,
    pub whole: String,
    pub fraction: String,
}

pub fn typed_number() -> impl Strategy<Value = Typed> {
    let digits = prop_oneof![
        3 => "[0-9]{0,6}",
        3 => "[1-9][0-9]{0,17}",
        2 => "[0-9]{0,32}",
        1 => "0{0,30}[0-9]{0,4}",
    ];
    let fraction = prop_oneof![
        3 => Just(None),
        3 => "[0-9]{1,4}".prop_map(Some),
        2 => "[0-9]{0,32}".prop_map(Some),
        1 => "[0-9]{0,3}0{0,30}".prop_map(Some),
    ];
    let prefix = prop::sample::select(vec!["", "", "Rp", "Rp ", "rp.", "Rp. ", "RP  "]);
    let suffix = prop::sample::select(vec!["", "", "%", " %"]);
    let pad = prop::sample::select(vec!["", "", " ", "\t", "  "]);
    (
        any::<bool>(),
        digits,
        fraction,
        any::<bool>(),
        prefix,
        suffix,
        (pad.clone(), pad),
    )
        .prop_map(
            |(negative, whole, fraction, grouped, prefix, suffix, (lead, trail))| {
                let mut body = if grouped {
                    group(&whole)
                } else {
                    whole.clone()
                };
                if let Some(f) = &fraction {
                    body.push(',');
                    body.push_str(f);
                }
                let minus = if negative { "-" } else { "" };
                Typed {
                    text: format!("{lead}{prefix}{minus}{body}{suffix}{trail}"),
                    negative,
                    whole,
                    fraction: fraction.unwrap_or_default(),
                }
            },
        )
}

/// `1234567` -> `1.234.567`.
pub fn group(digits: &str) -> String {
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(d);
    }
    out
}

/// Text a number field may be sent: numbers typed right and wrong (dots drifting out of their
/// groups, two commas, letters, `–`, huge runs of digits), and anything at all.
pub fn number_like_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => typed_number().prop_map(|t| t.text),
        3 => "[0-9.,\\- %Rrp\u{2013}]{0,40}",
        2 => (typed_number(), any::<prop::sample::Index>(), prop::sample::select(vec![".", ",", "-", " ", "O", "\u{2013}", "..", "%"]))
            .prop_map(|(t, at, insert)| {
                let mut text = t.text;
                let at = at.index(text.len() + 1);
                if text.is_char_boundary(at) {
                    text.insert_str(at, insert);
                }
                text
            }),
        1 => "[0-9]{100,400}(,[0-9]{0,400})?",
        1 => any::<String>(),
        1 => prop::sample::select(vec!["-", "\u{2013}", "", " ", "Rp", "%", "-0", ",", ".", "1.", ".1", "1,", "Rp.", "0,0"]).prop_map(str::to_owned),
    ]
}

/// Any field of a plan, with ids from anywhere in `i64`.
pub fn any_field() -> impl Strategy<Value = Field> {
    let id = prop_oneof![3 => 0..50_i64, 1 => any::<i64>()];
    let quarter = prop::sample::select(Quarter::ALL.to_vec());
    prop_oneof![
        prop::sample::select(HeaderField::ALL.to_vec()).prop_map(Field::Header),
        id.clone()
            .prop_map(|g| Field::Goal(GoalId(g), GoalField::Title)),
        (
            id.clone(),
            prop::sample::select(IndicatorField::ALL.to_vec())
        )
            .prop_map(|(i, f)| Field::Indicator(IndicatorId(i), f)),
        (
            id.clone(),
            quarter.clone(),
            prop::sample::select(ReportField::ALL.to_vec())
        )
            .prop_map(|(i, q, f)| Field::Report(IndicatorId(i), q, f)),
        (
            id.clone(),
            prop::sample::select(vec![
                ActivityField::Name,
                ActivityField::Budget,
                ActivityField::Blocked
            ])
        )
            .prop_map(|(a, f)| Field::Activity(ActivityId(a), f)),
        (
            id,
            quarter,
            prop::sample::select(vec![MoneyField::WithdrawalPlan, MoneyField::Realization])
        )
            .prop_map(|(a, q, f)| Field::ActivityQuarter(ActivityId(a), q, f)),
    ]
}

/// Text typed into any field: numbers, the words choice fields take, NIPs, names, long pastes.
pub fn field_text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => number_like_text(),
        2 => prop::sample::select(vec![
            "Belum", "berjalan", " SELESAI ", "running", "done", "not_started", "ratio", "count",
            "higher_is_better", "lower_is_better", "sum", "last", "average", "2024", "+2024",
            "1999", "2101", "NIP. 197009121993031001", "NIP197009121993031001",
            "19700912 199303 1 001", "19700912199303100", "-", "", "   ",
        ])
        .prop_map(str::to_owned),
        2 => "[ a-zA-Z0-9.,/%()\u{00e9}\u{2013}\u{feff}\t\r\n-]{0,60}",
        1 => any::<String>(),
        1 => ("[a-z ]{1,3}", 9_990..10_010_usize).prop_map(|(unit, n)| unit.repeat(n).chars().take(n).collect()),
    ]
}
