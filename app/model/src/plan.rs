//! The plan itself: a work unit's yearly action plan, as the sheet holds it.

use crate::ids::{ActivityId, GoalId, IndicatorId, PlanId};
use crate::money::Rupiah;
use crate::quarter::Quarter;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;
use thiserror::Error;

/// A whole plan: header, goals with their indicators, and the activities that fund them.
/// Activities sit beside the goals because one activity may serve several indicators.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub id: Option<PlanId>,
    pub header: PlanHeader,
    pub goals: Vec<Goal>,
    pub activities: Vec<Activity>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanHeader {
    /// The satker / UPT, e.g. `LEMBAGA PEMASYARAKATAN KELAS IIB LUWUK`.
    pub work_unit: String,
    pub fiscal_year: i32,
    pub title: String,
    pub signatory: Option<Signatory>,
    /// Place and date of signing (`Luwuk, 2 Januari 2024`), when the sheet gives it.
    pub place_date: Option<String>,
}

/// The head of unit who signs (Mengetahui, Kepala ...).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Signatory {
    /// The position line, e.g. `Kepala Lembaga Pemasarakatan Kelas IIB Luwuk`.
    pub position: String,
    pub name: String,
    /// Optional so that a signatory can be filled in one field at a time.
    pub nip: Option<Nip>,
}

/// A civil servant number (NIP): exactly 18 digits.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Nip(String);

#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("NIP harus 18 digit angka (tertulis: \u{201c}{0}\u{201d})")]
pub struct NipError(pub String);

impl Nip {
    /// Accepts `197009121993031001`, also written with spaces or a `NIP.` prefix.
    pub fn parse(text: &str) -> Result<Nip, NipError> {
        let trimmed = text.trim();
        let without_prefix = trimmed
            .strip_prefix("NIP.")
            .or_else(|| trimmed.strip_prefix("NIP"))
            .unwrap_or(trimmed);
        let digits: String = without_prefix
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if digits.len() == 18 && digits.chars().all(|c| c.is_ascii_digit()) {
            Ok(Nip(digits))
        } else {
            Err(NipError(trimmed.to_owned()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Nip {
    type Error = NipError;
    fn try_from(value: String) -> Result<Nip, NipError> {
        Nip::parse(&value)
    }
}

impl From<Nip> for String {
    fn from(nip: Nip) -> String {
        nip.0
    }
}

impl fmt::Display for Nip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A goal (Sasaran Kegiatan), numbered within the plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Goal {
    pub id: Option<GoalId>,
    pub number: u32,
    pub title: String,
    pub indicators: Vec<Indicator>,
}

impl Goal {
    /// A new goal as added on the plan page: no indicators yet, no id until it is stored.
    pub fn new(number: u32, title: &str) -> Goal {
        Goal {
            id: None,
            number,
            title: title.to_owned(),
            indicators: Vec::new(),
        }
    }
}

/// A performance indicator (Indikator Kinerja), numbered within its goal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    pub id: Option<IndicatorId>,
    pub number: u32,
    pub name: String,
    pub target: Target,
    /// The formula as written (Rumus Perhitungan), often `A/B x 100%` or LaTeX from a converter.
    pub formula: String,
    /// What A counts (Pembilang).
    pub numerator_label: String,
    /// What B counts (Penyebut).
    pub denominator_label: String,
    pub kind: IndicatorKind,
    pub polarity: Polarity,
    pub aggregation: Aggregation,
    /// The activities that fund this indicator; ids into [`Plan::activities`].
    pub activity_ids: Vec<ActivityId>,
    /// TW I .. TW IV, always four.
    pub quarters: [QuarterReport; 4],
}

impl Indicator {
    /// A new indicator as added on the plan page: target 100 %, `A/B x 100%` (a ratio, higher
    /// is better, quarters summed), no labels, no linked activities, four empty quarters.
    /// It has no id until it is stored.
    pub fn new(number: u32, name: &str) -> Indicator {
        Indicator {
            id: None,
            number,
            name: name.to_owned(),
            target: Target {
                value: Decimal::ONE_HUNDRED,
                unit: "%".into(),
            },
            formula: "A/B x 100%".into(),
            numerator_label: String::new(),
            denominator_label: String::new(),
            kind: IndicatorKind::Ratio,
            polarity: Polarity::HigherIsBetter,
            aggregation: Aggregation::Sum,
            activity_ids: Vec::new(),
            quarters: Default::default(),
        }
    }

    pub fn quarter(&self, q: Quarter) -> &QuarterReport {
        &self.quarters[q.index()]
    }
}

/// Target Kinerja: `85%`, `1 Dokumen`, `1 Layanan`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    pub value: Decimal,
    pub unit: String,
}

impl Target {
    pub fn is_percentage(&self) -> bool {
        self.unit == "%"
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value = crate::number::format_decimal(self.value, 2);
        if self.is_percentage() {
            write!(f, "{value}%")
        } else {
            write!(f, "{value} {}", self.unit)
        }
    }
}

/// How an indicator's value is computed from A and B.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum IndicatorKind {
    /// A / B x 100 %: a percentage.
    Ratio,
    /// The value is A itself (a count of documents, services, ...); B is not used.
    Count,
}

/// Whether a higher value is better, or a lower one ("semakin kecil semakin baik").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Polarity {
    HigherIsBetter,
    LowerIsBetter,
}

/// How quarters combine into the year-to-date value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Aggregation {
    /// Sum A and sum B over the quarters (a ratio of sums; a count adds up).
    Sum,
    /// The latest quarter that has a value.
    Last,
    /// The mean of the quarterly values that exist.
    Average,
}

crate::codes::codes! {
    IndicatorKind { Ratio => "ratio", Count => "count" }
    Polarity { HigherIsBetter => "higher_is_better", LowerIsBetter => "lower_is_better" }
    Aggregation { Sum => "sum", Last => "last", Average => "average" }
}

/// Status Pelaksanaan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    /// Belum
    NotStarted,
    /// Berjalan
    Running,
    /// Selesai
    Done,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::NotStarted, Status::Running, Status::Done];

    pub fn label(self) -> &'static str {
        match self {
            Status::NotStarted => "Belum",
            Status::Running => "Berjalan",
            Status::Done => "Selesai",
        }
    }

    pub fn parse_label(text: &str) -> Option<Status> {
        let text = text.trim();
        Status::ALL
            .into_iter()
            .find(|s| s.label().eq_ignore_ascii_case(text))
    }

    /// A stable code for storage and the wire.
    pub fn code(self) -> &'static str {
        match self {
            Status::NotStarted => "not_started",
            Status::Running => "running",
            Status::Done => "done",
        }
    }

    pub fn from_code(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// One indicator in one quarter: what was planned, the counts, and what was achieved.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct QuarterReport {
    /// Rencana Kegiatan (per TW).
    pub planned_work: String,
    /// A (Pembilang).
    pub numerator: Option<Decimal>,
    /// B (Penyebut).
    pub denominator: Option<Decimal>,
    /// Capaian, as text.
    pub achievement: String,
    /// Data Dukung.
    pub evidence: String,
    pub status: Option<Status>,
    /// Keterangan.
    pub note: String,
}

/// A budgeted activity (Kegiatan).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Activity {
    pub id: ActivityId,
    pub name: String,
    /// Pagu: the yearly budget ceiling.
    pub budget: Rupiah,
    /// Pagu blokir: the part of the pagu that may not be spent yet.
    pub blocked: Rupiah,
    /// TW I .. TW IV.
    pub quarters: [ActivityQuarter; 4],
}

impl Activity {
    /// A new activity as added on the plan page: no budget, nothing blocked, four empty quarters.
    pub fn new(id: ActivityId, name: &str) -> Activity {
        Activity {
            id,
            name: name.to_owned(),
            budget: Rupiah::ZERO,
            blocked: Rupiah::ZERO,
            quarters: Default::default(),
        }
    }

    pub fn quarter(&self, q: Quarter) -> &ActivityQuarter {
        &self.quarters[q.index()]
    }
}

/// An activity in one quarter. `None` is the sheet's `-`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ActivityQuarter {
    /// Rencana Penarikan Dana.
    pub withdrawal_plan: Option<Rupiah>,
    /// Realisasi Anggaran.
    pub realization: Option<Rupiah>,
}

/// A plan as listed on the home page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanSummary {
    pub id: PlanId,
    pub work_unit: String,
    pub fiscal_year: i32,
    pub title: String,
    pub goal_count: u32,
    pub indicator_count: u32,
    pub activity_count: u32,
    pub total_budget: Rupiah,
}

impl Plan {
    pub fn indicators(&self) -> impl Iterator<Item = &Indicator> {
        self.goals.iter().flat_map(|g| g.indicators.iter())
    }

    pub fn activity(&self, id: ActivityId) -> Option<&Activity> {
        self.activities.iter().find(|a| a.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nip_is_eighteen_digits() {
        assert_eq!(
            Nip::parse("NIP. 197009121993031001")
                .expect("valid")
                .as_str(),
            "197009121993031001"
        );
        assert_eq!(
            Nip::parse("19700912 199303 1 001").expect("valid").as_str(),
            "197009121993031001"
        );
        assert!(Nip::parse("19700912199303100").is_err());
        assert!(Nip::parse("19700912199303100x").is_err());
    }

    #[test]
    fn status_labels_are_indonesian_and_round_trip() {
        for s in Status::ALL {
            assert_eq!(Status::parse_label(s.label()), Some(s));
            assert_eq!(Status::from_code(s.code()), Some(s));
        }
        assert_eq!(Status::parse_label("berjalan"), Some(Status::Running));
    }

    #[test]
    fn a_new_indicator_is_a_hundred_percent_ratio_with_four_empty_quarters() {
        let indicator = Indicator::new(3, "Persentase layanan");
        assert_eq!(indicator.id, None);
        assert_eq!(indicator.number, 3);
        assert_eq!(indicator.name, "Persentase layanan");
        assert_eq!(indicator.target.to_string(), "100%");
        assert_eq!(indicator.formula, "A/B x 100%");
        assert_eq!(indicator.numerator_label, "");
        assert_eq!(indicator.denominator_label, "");
        assert_eq!(indicator.kind, IndicatorKind::Ratio);
        assert_eq!(indicator.polarity, Polarity::HigherIsBetter);
        assert_eq!(indicator.aggregation, Aggregation::Sum);
        assert!(indicator.activity_ids.is_empty());
        assert_eq!(indicator.quarters, <[QuarterReport; 4]>::default());
    }

    #[test]
    fn a_new_activity_has_no_budget_and_four_empty_quarters() {
        let activity = Activity::new(ActivityId(7), "Belanja bahan");
        assert_eq!(activity.id, ActivityId(7));
        assert_eq!(activity.name, "Belanja bahan");
        assert_eq!(activity.budget, Rupiah::ZERO);
        assert_eq!(activity.blocked, Rupiah::ZERO);
        assert_eq!(activity.quarters, <[ActivityQuarter; 4]>::default());
    }

    #[test]
    fn targets_are_written_as_on_the_sheet() {
        let pct = Target {
            value: Decimal::new(85, 0),
            unit: "%".into(),
        };
        let doc = Target {
            value: Decimal::ONE,
            unit: "Dokumen".into(),
        };
        assert_eq!(pct.to_string(), "85%");
        assert_eq!(doc.to_string(), "1 Dokumen");
    }
}
