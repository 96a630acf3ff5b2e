//! Which field of a plan an edit changes.

use crate::ids::{ActivityId, GoalId, IndicatorId};
use crate::quarter::Quarter;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Field {
    Header(HeaderField),
    Goal(GoalId, GoalField),
    Indicator(IndicatorId, IndicatorField),
    Report(IndicatorId, Quarter, ReportField),
    Activity(ActivityId, ActivityField),
    ActivityQuarter(ActivityId, Quarter, MoneyField),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum HeaderField {
    WorkUnit,
    FiscalYear,
    Title,
    SignatoryPosition,
    SignatoryName,
    SignatoryNip,
    PlaceDate,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum GoalField {
    Title,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
}

impl HeaderField {
    /// The header fields a person types: all but the work unit, which is the unit the plan
    /// belongs to.
    pub const EDITABLE: [HeaderField; 6] = [
        HeaderField::FiscalYear,
        HeaderField::Title,
        HeaderField::SignatoryPosition,
        HeaderField::SignatoryName,
        HeaderField::SignatoryNip,
        HeaderField::PlaceDate,
    ];
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

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
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

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ActivityField {
    Name,
    Budget,
    Blocked,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MoneyField {
    WithdrawalPlan,
    Realization,
}

/// Each field's identifier in snake case: the name storage gives its column and sync its key.
macro_rules! field_names {
    ($($type:ident { $($variant:ident => $name:literal),+ $(,)? })+) => {
        $(impl $type {
            pub fn name(self) -> &'static str {
                match self {
                    $($type::$variant => $name),+
                }
            }
        })+
    };
}

field_names! {
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
            Field::Report(_, q, f) => {
                let name = match f {
                    ReportField::PlannedWork => "Rencana kegiatan",
                    ReportField::Numerator => "A",
                    ReportField::Denominator => "B",
                    ReportField::Achievement => "Uraian capaian",
                    ReportField::Evidence => "Data dukung",
                    ReportField::Status => "Status",
                    ReportField::Note => "Keterangan",
                };
                format!("{name} {}", q.label())
            }
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
