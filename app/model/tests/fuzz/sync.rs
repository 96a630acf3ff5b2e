//! The sync decoder: what the server makes of a push. The server function `sync_push` takes a
//! JSON body `{"mutations": [Mutation, ...]}` (leptos' Json codec over `Vec<Mutation>`), then
//! `server::usecases::sync::push` checks each client id with `valid_client` and reads each
//! mutation's text for its field with `parse_value`, keying the field by the field itself. This
//! is that pure part, fed bodies made from real mutations and bent (truncated, bytes changed, not
//! UTF-8), and arbitrary bytes.

use crate::harness::check;
use crate::strategies::{any_decimal, any_field, field_text};
use model::edit::{
    parse_value, ActivityField, Field, IndicatorField, MoneyField, ReportField, Value,
};
use model::number::NumberError;
use model::sync::{is_conflict, valid_client, Mutation, MutationId};
use model::{ActivityId, IndicatorId, PlanId, Quarter, Rupiah};
use proptest::prelude::*;
use serde::{Deserialize, Serialize};

/// The arguments of the `sync_push` server function as they travel.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct SyncPush {
    mutations: Vec<Mutation>,
}

fn client() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[A-Za-z0-9-]{8,64}",
        1 => "[A-Za-z0-9-]{0,8}",
        1 => "[A-Za-z0-9-]{64,70}",
        1 => any::<String>(),
    ]
}

pub fn mutation() -> impl Strategy<Value = Mutation> {
    let after = prop::option::of(
        (client(), any::<u64>()).prop_map(|(client, seq)| MutationId { client, seq }),
    );
    (
        client(),
        any::<u64>(),
        any::<i64>(),
        any_field(),
        field_text(),
        any::<u64>(),
        after,
    )
        .prop_map(
            |(client, seq, plan, field, text, base_version, after)| Mutation {
                client,
                seq,
                plan: PlanId(plan),
                field,
                text,
                base_version,
                after,
            },
        )
}

/// What is done to a well-formed body on its way.
#[derive(Clone, Debug)]
pub enum Damage {
    None,
    Truncate(prop::sample::Index),
    Overwrite(prop::sample::Index, Vec<u8>),
    Insert(prop::sample::Index, Vec<u8>),
    /// Every number made huge, negative or fractional.
    Numbers(&'static str),
    /// A key renamed, so a field goes missing or an unknown one appears.
    Key(&'static str, &'static str),
}

pub fn damage() -> impl Strategy<Value = Damage> {
    let at = any::<prop::sample::Index>;
    let bytes = || {
        prop_oneof![
            prop::collection::vec(any::<u8>(), 1..6),
            prop::sample::select(vec![
                vec![0xff],
                vec![0xc3],
                vec![0xed, 0xa0, 0x80],
                b"\"".to_vec(),
                b"}".to_vec(),
                b"\\u".to_vec(),
                b"[".to_vec(),
                b"\x00".to_vec()
            ]),
        ]
    };
    prop_oneof![
        2 => Just(Damage::None),
        2 => at().prop_map(Damage::Truncate),
        2 => (at(), bytes()).prop_map(|(a, b)| Damage::Overwrite(a, b)),
        2 => (at(), bytes()).prop_map(|(a, b)| Damage::Insert(a, b)),
        1 => prop::sample::select(vec!["-1", "1e400", "18446744073709551616", "1.5", "null", "\"7\"", "99999999999999999999999999999"]).prop_map(Damage::Numbers),
        1 => prop::sample::select(vec![
            ("\"text\"", "\"txt\""), ("\"client\"", "\"klien\""), ("\"seq\"", "\"extra\""),
            ("\"Report\"", "\"Laporan\""), ("\"Q1\"", "\"Q9\""), ("\"mutations\"", "\"edits\""),
        ]).prop_map(|(from, to)| Damage::Key(from, to)),
    ]
}

pub fn damaged(body: String, damage: &Damage) -> Vec<u8> {
    let mut raw = body.into_bytes();
    match damage {
        Damage::None => {}
        Damage::Truncate(at) => raw.truncate(at.index(raw.len() + 1)),
        Damage::Overwrite(at, bytes) => {
            let at = at.index(raw.len() + 1);
            let end = (at + bytes.len()).min(raw.len());
            raw.splice(at..end, bytes.iter().copied());
        }
        Damage::Insert(at, bytes) => {
            let at = at.index(raw.len() + 1);
            raw.splice(at..at, bytes.iter().copied());
        }
        Damage::Numbers(to) => {
            let text = String::from_utf8_lossy(&raw);
            let mut out = String::new();
            let mut in_number = false;
            let mut in_string = false;
            let mut escaped = false;
            for c in text.chars() {
                if in_string {
                    out.push(c);
                    match (escaped, c) {
                        (true, _) => escaped = false,
                        (false, '\\') => escaped = true,
                        (false, '"') => in_string = false,
                        _ => {}
                    }
                    continue;
                }
                if c.is_ascii_digit() {
                    if !in_number {
                        out.push_str(to);
                        in_number = true;
                    }
                    continue;
                }
                in_number = false;
                in_string = c == '"';
                out.push(c);
            }
            raw = out.into_bytes();
        }
        Damage::Key(from, to) => {
            raw = String::from_utf8_lossy(&raw)
                .replacen(from, to, 1)
                .into_bytes();
        }
    }
    raw
}

/// The pure part of a push for one decoded body: never a panic, and each edit either reads as
/// a value of its field or is refused with a message.
fn decide_pure(mutations: &[Mutation]) -> Result<(), TestCaseError> {
    let _too_many = mutations.len() > 500;
    for m in mutations {
        if valid_client(&m.client).is_err() {
            continue;
        }
        // The field's text form (the server's key) reads back as the same field.
        prop_assert_eq!(m.field.to_string().parse::<Field>(), Ok(m.field));
        let _ = m.field.label();
        let _ = is_conflict(
            m.base_version,
            m.base_version.wrapping_add(1),
            m.after.as_ref(),
            None,
        );
        match parse_value(&m.field, &m.text) {
            Ok(value) => shows_back(&m.field, &value)?,
            Err(error) => prop_assert!(!error.to_string().is_empty()),
        }
    }
    Ok(())
}

/// A value reads back from the text its input shows (and a pull sends, and the audit records):
/// saving a field unchanged stores the same value.
fn shows_back(field: &Field, value: &Value) -> Result<(), TestCaseError> {
    let shown = value.input_text();
    prop_assert_eq!(
        parse_value(field, &shown),
        Ok(value.clone()),
        "shown as {:?}",
        shown
    );
    Ok(())
}

#[test]
fn push_bodies_decode_or_are_refused_without_panicking() {
    let body = (
        prop::collection::vec(mutation(), 0..6),
        any::<bool>(),
        damage(),
    );
    check(
        "sync: push bodies decoded (bent JSON, bytes)",
        body,
        |(mutations, wrapped, damage)| {
            let body = if wrapped {
                serde_json::to_string(&SyncPush {
                    mutations: mutations.clone(),
                })
            } else {
                serde_json::to_string(&mutations)
            }
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
            let raw = damaged(body, &damage);
            let decoded = if wrapped {
                serde_json::from_slice::<SyncPush>(&raw).map(|p| p.mutations)
            } else {
                serde_json::from_slice::<Vec<Mutation>>(&raw)
            };
            if matches!(damage, Damage::None) {
                prop_assert_eq!(
                    decoded.as_ref().ok(),
                    Some(&mutations),
                    "a whole body decodes as sent"
                );
            }
            if let Ok(decoded) = decoded {
                decide_pure(&decoded)?;
            }
            Ok(())
        },
    );
}

#[test]
fn any_bytes_as_a_push_body_decode_or_are_refused_without_panicking() {
    let raw = prop_oneof![
        prop::collection::vec(any::<u8>(), 0..512),
        "\\[\\{\"client\":\"[a-z0-9-]{0,70}\",\"seq\":[0-9]{1,25},\"plan\":-?[0-9]{1,20},\"field\":\\{\"Report\":\\[[0-9]{1,3},\"Q[0-9]\",\"(Numerator|Status|Note)\"\\]\\},\"text\":\"[0-9.,Rp% -]{0,30}\",\"base_version\":[0-9]{1,21}(,\"after\":null)?\\}\\]"
            .prop_map(String::into_bytes),
    ];
    check("sync: any bytes as a push body", raw, |raw| {
        if let Ok(decoded) = serde_json::from_slice::<Vec<Mutation>>(&raw) {
            decide_pure(&decoded)?;
        }
        if let Ok(push) = serde_json::from_slice::<SyncPush>(&raw) {
            decide_pure(&push.mutations)?;
        }
        Ok(())
    });
}

#[test]
fn every_field_reads_any_text_and_shows_its_value_back() {
    check(
        "sync: each field's text read, and shown back",
        (any_field(), field_text()),
        |(field, text)| match parse_value(&field, &text) {
            Ok(value) => shows_back(&field, &value),
            Err(error) => {
                prop_assert!(!error.message().is_empty());
                Ok(())
            }
        },
    );
}

#[test]
fn every_decimal_a_number_field_holds_is_shown_as_text_that_reads_back() {
    let fields = prop::sample::select(vec![
        Field::Indicator(IndicatorId(1), IndicatorField::TargetValue),
        Field::Report(IndicatorId(1), Quarter::Q2, ReportField::Numerator),
        Field::Activity(ActivityId(1), ActivityField::Budget),
        Field::ActivityQuarter(ActivityId(1), Quarter::Q4, MoneyField::Realization),
    ]);
    check(
        "sync: every decimal a field holds shown back",
        (fields, any_decimal()),
        |(field, x)| {
            // The fields take what the number parser accepts; others are refused by design there.
            let Ok(x) = model::number::parse_decimal(&model::number::format_exact(x.abs())) else {
                return Ok(());
            };
            // Money holds whole sen below 10^16 rupiah; the parser refuses the rest for it.
            let money = || match Rupiah::new(x) {
                Err(NumberError::MoneyTooManyDecimals | NumberError::MoneyOutOfRange) => Ok(None),
                other => other
                    .map(Some)
                    .map_err(|e| TestCaseError::fail(e.to_string())),
            };
            let value = match field {
                Field::Indicator(..) => Value::Decimal(x),
                Field::Report(..) => Value::OptionalDecimal(Some(x)),
                Field::Activity(..) => match money()? {
                    Some(m) => Value::Money(m),
                    None => return Ok(()),
                },
                _ => match money()? {
                    Some(m) => Value::OptionalMoney(Some(m)),
                    None => return Ok(()),
                },
            };
            shows_back(&field, &value)
        },
    );
}

#[test]
fn a_client_id_is_accepted_exactly_when_it_is_8_to_64_of_letters_digits_and_dashes() {
    check("sync: client ids checked", client(), |id| {
        let expected = (8..=64).contains(&id.chars().count())
            && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        prop_assert_eq!(valid_client(&id).is_ok(), expected);
        Ok(())
    });
}
