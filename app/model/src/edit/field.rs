//! Which field of a plan an edit changes.

use crate::ids::{ActivityId, GoalId, IndicatorId};
use crate::quarter::Quarter;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Field {
    Header(HeaderField),
    Goal(GoalId, GoalField),
    Indicator(IndicatorId, IndicatorField),
    Report(IndicatorId, Quarter, ReportField),
    Activity(ActivityId, ActivityField),
    ActivityQuarter(ActivityId, Quarter, MoneyField),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum HeaderField {
    WorkUnit,
    FiscalYear,
    Title,
    SignatoryPosition,
    SignatoryName,
    SignatoryNip,
    PlaceDate,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum GoalField {
    Title,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum IndicatorField {
    Name,
    TargetValue,
    TargetUnit,
    Formula,
    NumeratorLabel,
    DenominatorLabel,
    Kind,
    Polarity,
    Aggregation,
}

impl HeaderField {
    pub const ALL: [HeaderField; 7] = [
        HeaderField::WorkUnit,
        HeaderField::FiscalYear,
        HeaderField::Title,
        HeaderField::SignatoryPosition,
        HeaderField::SignatoryName,
        HeaderField::SignatoryNip,
        HeaderField::PlaceDate,
    ];

    /// The header fields a person types: all but the first, the work unit, which is the unit
    /// the plan belongs to.
    pub const EDITABLE: [HeaderField; 6] = {
        let mut editable = [HeaderField::WorkUnit; 6];
        let mut i = 0;
        while i < editable.len() {
            editable[i] = HeaderField::ALL[i + 1];
            i += 1;
        }
        editable
    };
}

impl IndicatorField {
    pub const ALL: [IndicatorField; 9] = [
        IndicatorField::Name,
        IndicatorField::TargetValue,
        IndicatorField::TargetUnit,
        IndicatorField::Formula,
        IndicatorField::NumeratorLabel,
        IndicatorField::DenominatorLabel,
        IndicatorField::Kind,
        IndicatorField::Polarity,
        IndicatorField::Aggregation,
    ];
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ReportField {
    PlannedWork,
    Numerator,
    Denominator,
    Achievement,
    Evidence,
    Status,
    Note,
}

impl ReportField {
    /// The heading of the field's column in the quarter table; its label adds the quarter.
    pub const fn heading(self) -> &'static str {
        match self {
            ReportField::PlannedWork => "Rencana kegiatan",
            ReportField::Numerator => "A",
            ReportField::Denominator => "B",
            ReportField::Achievement => "Uraian capaian",
            ReportField::Evidence => "Data dukung",
            ReportField::Status => "Status",
            ReportField::Note => "Keterangan",
        }
    }

    pub const ALL: [ReportField; 7] = [
        ReportField::PlannedWork,
        ReportField::Numerator,
        ReportField::Denominator,
        ReportField::Achievement,
        ReportField::Evidence,
        ReportField::Status,
        ReportField::Note,
    ];
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ActivityField {
    Name,
    Budget,
    Blocked,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum MoneyField {
    WithdrawalPlan,
    Realization,
}

/// Each field's identifier in snake case: the name storage gives its column, forms their
/// inputs, and the field's text form (below) its last part.
macro_rules! field_names {
    ($($type:ident { $($variant:ident => $name:literal),+ $(,)? })+) => {
        $(impl $type {
            pub fn name(self) -> &'static str {
                match self {
                    $($type::$variant => $name),+
                }
            }

            pub fn from_name(name: &str) -> Option<$type> {
                match name {
                    $($name => Some($type::$variant),)+
                    _ => None,
                }
            }
        }

        impl Named for $type {
            fn from_name(name: &str) -> Option<$type> {
                $type::from_name(name)
            }
        })+
    };
}

/// A field of one part of the plan, read from its name (the text form's last part).
trait Named: Sized {
    fn from_name(name: &str) -> Option<Self>;
}

fn named<T: Named>(name: &str) -> Option<T> {
    T::from_name(name)
}

field_names! {
    GoalField {
        Title => "title",
    }
    HeaderField {
        WorkUnit => "work_unit",
        FiscalYear => "fiscal_year",
        Title => "title",
        SignatoryPosition => "signatory_position",
        SignatoryName => "signatory_name",
        SignatoryNip => "signatory_nip",
        PlaceDate => "place_date",
    }
    IndicatorField {
        Name => "name",
        TargetValue => "target_value",
        TargetUnit => "target_unit",
        Formula => "formula",
        NumeratorLabel => "numerator_label",
        DenominatorLabel => "denominator_label",
        Kind => "kind",
        Polarity => "polarity",
        Aggregation => "aggregation",
    }
    ReportField {
        PlannedWork => "planned_work",
        Numerator => "numerator",
        Denominator => "denominator",
        Achievement => "achievement",
        Evidence => "evidence",
        Status => "status",
        Note => "note",
    }
    ActivityField {
        Name => "name",
        Budget => "budget",
        Blocked => "blocked",
    }
    MoneyField {
        WithdrawalPlan => "withdrawal_plan",
        Realization => "realization",
    }
}

impl MoneyField {
    /// The form input of this money in quarter `q`, a parameter of the activity's form
    /// handler: the field's name and the quarter's number, `withdrawal_plan_2`.
    pub fn input_name(self, q: Quarter) -> &'static str {
        use MoneyField::{Realization, WithdrawalPlan};
        use Quarter::{Q1, Q2, Q3, Q4};
        match (self, q) {
            (WithdrawalPlan, Q1) => "withdrawal_plan_1",
            (WithdrawalPlan, Q2) => "withdrawal_plan_2",
            (WithdrawalPlan, Q3) => "withdrawal_plan_3",
            (WithdrawalPlan, Q4) => "withdrawal_plan_4",
            (Realization, Q1) => "realization_1",
            (Realization, Q2) => "realization_2",
            (Realization, Q3) => "realization_3",
            (Realization, Q4) => "realization_4",
        }
    }
}

impl Field {
    /// The field's name as the person knows it, in Indonesian.
    pub fn label(&self) -> String {
        match self {
            Field::Header(f) => match f {
                HeaderField::WorkUnit => "Satuan kerja",
                HeaderField::FiscalYear => "Tahun anggaran",
                HeaderField::Title => "Judul",
                HeaderField::SignatoryPosition => "Jabatan penanda tangan",
                HeaderField::SignatoryName => "Nama penanda tangan",
                HeaderField::SignatoryNip => "NIP",
                HeaderField::PlaceDate => "Tempat dan tanggal",
            }
            .to_owned(),
            Field::Goal(_, GoalField::Title) => "Sasaran".to_owned(),
            Field::Indicator(_, f) => match f {
                IndicatorField::Name => "Indikator",
                IndicatorField::TargetValue => "Target",
                IndicatorField::TargetUnit => "Satuan target",
                IndicatorField::Formula => "Rumus",
                IndicatorField::NumeratorLabel => "Uraian A",
                IndicatorField::DenominatorLabel => "Uraian B",
                IndicatorField::Kind => "Jenis indikator",
                IndicatorField::Polarity => "Arah",
                IndicatorField::Aggregation => "Cara akumulasi",
            }
            .to_owned(),
            Field::Report(_, q, f) => format!("{} {}", f.heading(), q.label()),
            Field::Activity(_, f) => match f {
                ActivityField::Name => "Nama kegiatan",
                ActivityField::Budget => "Pagu",
                ActivityField::Blocked => "Pagu blokir",
            }
            .to_owned(),
            Field::ActivityQuarter(_, q, f) => match f {
                MoneyField::WithdrawalPlan => format!("RPD {}", q.label()),
                MoneyField::Realization => format!("Realisasi {}", q.label()),
            },
        }
    }
}

/// The field's one text form, used wherever a field must be named by text (stored rows, messages
/// and logs; maps key by the `Field` itself): `h:title`, `g:12:title`, `i:12:target_value`,
/// `r:12:2:numerator` (quarter by number), `a:5:budget`, `aq:5:3:realization`. A stored row
/// holds it, so a change to it needs a migration of `field_versions` and `sync_conflicts`.
impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Field::Header(h) => write!(f, "h:{}", h.name()),
            Field::Goal(id, g) => write!(f, "g:{id}:{}", g.name()),
            Field::Indicator(id, i) => write!(f, "i:{id}:{}", i.name()),
            Field::Report(id, q, r) => write!(f, "r:{id}:{}:{}", q.number(), r.name()),
            Field::Activity(id, a) => write!(f, "a:{id}:{}", a.name()),
            Field::ActivityQuarter(id, q, m) => write!(f, "aq:{id}:{}:{}", q.number(), m.name()),
        }
    }
}

/// A text that names no field.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("isian \u{201c}{0}\u{201d} tidak dikenal")]
pub struct UnknownField(pub String);

impl FromStr for Field {
    type Err = UnknownField;

    fn from_str(text: &str) -> Result<Field, UnknownField> {
        let parts: Vec<&str> = text.split(':').collect();
        field_of_parts(&parts).ok_or_else(|| UnknownField(crate::text::excerpt(text, 40)))
    }
}

/// Every part must be known: a field with a wrong part is no field at all.
fn field_of_parts(parts: &[&str]) -> Option<Field> {
    let id = |part: &str| part.parse::<i64>().ok();
    let quarter = |part: &str| part.parse::<u8>().ok().and_then(Quarter::from_number);
    Some(match parts {
        ["h", n] => Field::Header(named(n)?),
        ["g", g, n] => Field::Goal(GoalId(id(g)?), named(n)?),
        ["i", i, n] => Field::Indicator(IndicatorId(id(i)?), named(n)?),
        ["r", i, q, n] => Field::Report(IndicatorId(id(i)?), quarter(q)?, named(n)?),
        ["a", a, n] => Field::Activity(ActivityId(id(a)?), named(n)?),
        ["aq", a, q, n] => Field::ActivityQuarter(ActivityId(id(a)?), quarter(q)?, named(n)?),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One field of every shape and every name.
    fn every_kind_of_field() -> Vec<Field> {
        let mut all: Vec<Field> = HeaderField::ALL.map(Field::Header).to_vec();
        all.push(Field::Goal(GoalId(7), GoalField::Title));
        all.extend(IndicatorField::ALL.map(|f| Field::Indicator(IndicatorId(12), f)));
        for q in Quarter::ALL {
            all.extend(ReportField::ALL.map(|f| Field::Report(IndicatorId(12), q, f)));
            for m in [MoneyField::WithdrawalPlan, MoneyField::Realization] {
                all.push(Field::ActivityQuarter(ActivityId(5), q, m));
            }
        }
        for a in [
            ActivityField::Name,
            ActivityField::Budget,
            ActivityField::Blocked,
        ] {
            all.push(Field::Activity(ActivityId(5), a));
        }
        all
    }

    #[test]
    fn every_header_field_but_the_work_unit_is_typed_by_a_person() {
        let mut typed = HeaderField::EDITABLE.to_vec();
        typed.insert(0, HeaderField::WorkUnit);
        assert_eq!(typed, HeaderField::ALL.to_vec());
    }

    #[test]
    fn every_field_reads_back_from_its_text() {
        let all = every_kind_of_field();
        for field in &all {
            assert_eq!(field.to_string().parse::<Field>(), Ok(*field), "{field}");
        }
        let texts: std::collections::BTreeSet<String> = all.iter().map(Field::to_string).collect();
        assert_eq!(texts.len(), all.len(), "two fields share a text");
    }

    #[test]
    fn the_text_form_is_the_documented_one() {
        assert_eq!(
            Field::Report(IndicatorId(12), Quarter::Q2, ReportField::Numerator).to_string(),
            "r:12:2:numerator"
        );
        assert_eq!(
            Field::ActivityQuarter(ActivityId(5), Quarter::Q3, MoneyField::Realization).to_string(),
            "aq:5:3:realization"
        );
        assert_eq!(Field::Header(HeaderField::Title).to_string(), "h:title");
        assert_eq!(
            Field::Goal(GoalId(7), GoalField::Title).to_string(),
            "g:7:title"
        );
    }

    #[test]
    fn a_quarters_money_input_is_named_by_its_field_and_quarter_number() {
        for m in [MoneyField::WithdrawalPlan, MoneyField::Realization] {
            for q in Quarter::ALL {
                assert_eq!(m.input_name(q), format!("{}_{}", m.name(), q.number()));
            }
        }
    }

    #[test]
    fn a_text_naming_no_field_is_refused() {
        for bad in [
            "",
            "r:12:5:numerator",
            "r:12:0:numerator",
            "r:x:2:numerator",
            "r:12:2:nama",
            "i:12",
            "h:title:extra",
            "z:1:name",
            "aq:5:3:budget",
            "g:7:name",
        ] {
            assert!(bad.parse::<Field>().is_err(), "{bad}");
        }
        let long = format!("h:{}", "x".repeat(10_000));
        assert!(long.parse::<Field>().unwrap_err().to_string().len() < 100);
    }
}
