use super::*;
use crate::edit::{GoalField, HeaderField, MoneyField, ReportField};
use crate::ids::{ActivityId, GoalId, IndicatorId};
use crate::time::Timestamp;

const AT: Timestamp = Timestamp(1_795_868_009);
const I: IndicatorId = IndicatorId(1);
const A: ActivityId = ActivityId(2);

fn with(quarter: Quarter, state: QuarterState) -> [QuarterState; 4] {
    let mut states: [QuarterState; 4] = Default::default();
    states[quarter.index()] = state;
    states
}

fn approved() -> QuarterState {
    QuarterState::Approved {
        by: "Budi".into(),
        at: AT,
    }
}

fn submitted() -> QuarterState {
    QuarterState::Submitted {
        by: "Sri".into(),
        at: AT,
    }
}

fn returned() -> QuarterState {
    QuarterState::Returned {
        by: "Budi".into(),
        at: AT,
        comment: "Lengkapi".into(),
    }
}

#[test]
fn an_approved_quarters_own_cells_are_refused_with_who_approved_it_and_when() {
    let states = with(Quarter::Q2, approved());
    let a = Field::Report(I, Quarter::Q2, ReportField::Numerator);
    assert_eq!(
        check_field(&a, &states, Zone::Wib).unwrap_err().0,
        "TW II sudah disetujui oleh Budi pada 28 Nov 2026 19.13 WIB; perubahan ditolak. Minta pimpinan membuka kembali triwulan ini."
    );
    let money = Field::ActivityQuarter(A, Quarter::Q2, MoneyField::Realization);
    assert!(check_field(&money, &states, Zone::Wib).is_err());
    // The other quarters' cells stay open.
    let q1 = Field::Report(I, Quarter::Q1, ReportField::Numerator);
    assert_eq!(check_field(&q1, &states, Zone::Wib), Ok(()));
}

#[test]
fn a_submitted_quarters_cells_are_refused_too_and_the_pimpinan_is_asked_to_return_it() {
    let states = with(Quarter::Q1, submitted());
    let note = Field::Report(I, Quarter::Q1, ReportField::Note);
    assert_eq!(
        check_field(&note, &states, Zone::Wita).unwrap_err().0,
        "TW I sudah diajukan oleh Sri pada 28 Nov 2026 20.13 WITA; perubahan ditolak. Minta pimpinan mengembalikan triwulan ini."
    );
}

#[test]
fn a_draft_or_returned_quarter_takes_every_edit() {
    for state in [QuarterState::Draft, returned()] {
        let states = with(Quarter::Q1, state);
        for field in [
            Field::Report(I, Quarter::Q1, ReportField::Numerator),
            Field::Indicator(I, IndicatorField::TargetValue),
            Field::Activity(A, ActivityField::Budget),
        ] {
            assert_eq!(check_field(&field, &states, Zone::Wib), Ok(()), "{field:?}");
        }
        let link = StructureEdit::Link {
            indicator: I,
            activity: A,
        };
        assert_eq!(check_structure(&link, &states, Zone::Wib), Ok(()));
    }
}

#[test]
fn target_formula_kind_polarity_aggregation_pagu_and_blokir_are_frozen_by_any_decided_quarter() {
    let states = with(Quarter::Q3, submitted());
    let frozen = [
        Field::Indicator(I, IndicatorField::TargetValue),
        Field::Indicator(I, IndicatorField::TargetUnit),
        Field::Indicator(I, IndicatorField::Formula),
        Field::Indicator(I, IndicatorField::Kind),
        Field::Indicator(I, IndicatorField::Polarity),
        Field::Indicator(I, IndicatorField::Aggregation),
        Field::Activity(A, ActivityField::Budget),
        Field::Activity(A, ActivityField::Blocked),
    ];
    for field in frozen {
        let why = check_field(&field, &states, Zone::Wib).unwrap_err().0;
        assert!(
            why.starts_with("TW III sudah diajukan oleh Sri pada 28 Nov 2026 19.13 WIB; "),
            "{why}"
        );
    }
    assert_eq!(
        check_field(&Field::Activity(A, ActivityField::Budget), &with(Quarter::Q1, approved()), Zone::Wib)
            .unwrap_err()
            .0,
        "TW I sudah disetujui oleh Budi pada 28 Nov 2026 19.13 WIB; Pagu tidak dapat diubah karena mengubah angka triwulan itu. Minta pimpinan membuka kembali triwulan itu."
    );
}

#[test]
fn names_and_labels_change_no_figure_and_stay_open() {
    let states = with(Quarter::Q1, approved());
    for field in [
        Field::Indicator(I, IndicatorField::Name),
        Field::Indicator(I, IndicatorField::NumeratorLabel),
        Field::Indicator(I, IndicatorField::DenominatorLabel),
        Field::Activity(A, ActivityField::Name),
        Field::Goal(GoalId(3), GoalField::Title),
        Field::Header(HeaderField::Title),
    ] {
        assert_eq!(check_field(&field, &states, Zone::Wib), Ok(()), "{field:?}");
    }
}

#[test]
fn the_first_decided_quarter_is_the_one_named() {
    let mut states = with(Quarter::Q2, approved());
    states[3] = submitted();
    let why = check_field(
        &Field::Indicator(I, IndicatorField::Kind),
        &states,
        Zone::Wib,
    )
    .unwrap_err()
    .0;
    assert!(why.starts_with("TW II sudah disetujui"), "{why}");
}

#[test]
fn linking_unlinking_and_removing_are_refused_while_a_quarter_is_decided() {
    let states = with(Quarter::Q4, submitted());
    let refused = [
        (
            StructureEdit::Link {
                indicator: I,
                activity: A,
            },
            "tautan kegiatan tidak dapat diubah",
        ),
        (
            StructureEdit::Unlink {
                indicator: I,
                activity: A,
            },
            "tautan kegiatan tidak dapat diubah",
        ),
        (
            StructureEdit::RemoveGoal { goal: GoalId(3) },
            "sasaran tidak dapat dihapus",
        ),
        (
            StructureEdit::RemoveIndicator { indicator: I },
            "indikator tidak dapat dihapus",
        ),
        (
            StructureEdit::RemoveActivity { activity: A },
            "kegiatan tidak dapat dihapus",
        ),
    ];
    for (edit, what) in refused {
        assert_eq!(
            check_structure(&edit, &states, Zone::Wib).unwrap_err().0,
            format!(
                "TW IV sudah diajukan oleh Sri pada 28 Nov 2026 19.13 WIB; {what} karena mengubah angka triwulan itu. Minta pimpinan mengembalikan triwulan itu."
            )
        );
    }
}

#[test]
fn adding_and_moving_change_no_figure_and_stay_open() {
    let states = with(Quarter::Q1, approved());
    for edit in [
        StructureEdit::AddGoal { title: "G".into() },
        StructureEdit::AddIndicator {
            goal: GoalId(3),
            name: "I".into(),
        },
        StructureEdit::AddActivity { name: "K".into() },
        StructureEdit::MoveIndicator {
            indicator: I,
            direction: crate::edit::structure::Direction::Up,
        },
    ] {
        assert_eq!(
            check_structure(&edit, &states, Zone::Wib),
            Ok(()),
            "{edit:?}"
        );
    }
}
