//! The user's real export: Lapas Kelas IIB Luwuk, 2024: goals, indicators, header.

use super::super::{parse_sheet, ParsedSheet};
use crate::money::Rupiah;
use crate::plan::{Indicator, IndicatorKind, Status, Target};
use crate::quarter::Quarter;
use rust_decimal::Decimal;

const SEED: &str = include_str!("../../../../../seed/rencana-kegiatan-pk-2024-lapas-luwuk.txt");

pub(super) fn seed() -> ParsedSheet {
    parse_sheet(SEED).expect("the seed sheet parses")
}

pub(super) fn rp(text: &str) -> Rupiah {
    Rupiah::parse(text).expect("test amount")
}

pub(super) fn indicator(parsed: &ParsedSheet, goal: usize, number: usize) -> &Indicator {
    &parsed.plan.goals[goal - 1].indicators[number - 1]
}

#[test]
fn the_seed_has_four_goals_with_7_7_4_5_indicators_of_four_quarters_each() {
    let parsed = seed();
    let goals = &parsed.plan.goals;
    let counts: Vec<usize> = goals.iter().map(|g| g.indicators.len()).collect();
    assert_eq!(counts, vec![7, 7, 4, 5]);
    assert_eq!(
        goals.iter().map(|g| g.number).collect::<Vec<_>>(),
        vec![1, 2, 3, 4]
    );
    assert_eq!(parsed.plan.indicators().count(), 23);
    assert_eq!(
        parsed
            .plan
            .indicators()
            .map(|i| i.quarters.len())
            .sum::<usize>(),
        92
    );
    for goal in goals {
        let numbers: Vec<u32> = goal.indicators.iter().map(|i| i.number).collect();
        let expected: Vec<u32> = (1..=u32::try_from(numbers.len()).expect("small")).collect();
        assert_eq!(numbers, expected, "goal {}", goal.number);
    }
    assert!(goals[3]
        .title
        .starts_with("Meningkatnya Dukungan Layanan Manajemen"));
}

#[test]
fn indicators_written_in_the_first_column_belong_to_the_current_goal() {
    let parsed = seed();
    assert!(indicator(&parsed, 1, 5)
        .name
        .starts_with("Persentase tahanan/narapidana lansia"));
    assert!(indicator(&parsed, 2, 5)
        .name
        .starts_with("Persentase Narapidana resiko tinggi"));
    assert_eq!(
        indicator(&parsed, 4, 4).name.split_whitespace().next(),
        Some("Tersusunnya")
    );
    assert_eq!(indicator(&parsed, 4, 5).name, "Jumlah Layanan Perkantoran");
}

#[test]
fn identical_a_and_b_descriptions_are_read_as_written() {
    let parsed = seed();
    let education = indicator(&parsed, 2, 4);
    assert_eq!(
        education.numerator_label,
        "Jumlah narapidana yang mendapat pendidikan"
    );
    assert_eq!(education.denominator_label, education.numerator_label);
    assert!(education
        .formula
        .starts_with(r"$X = \frac{\text{Jumlah narapidana"));
}

#[test]
fn formulas_give_a_and_b_labels_where_they_name_them() {
    let parsed = seed();
    let food = indicator(&parsed, 1, 1);
    assert_eq!(
        food.numerator_label,
        "Jumlah Pemenuhan layanan makanan bagi Tahanan /Narapidana/Anak"
    );
    assert_eq!(food.denominator_label, "Jumlah Tahanan /Narapidana/Anak");
    assert_eq!(
        indicator(&parsed, 2, 7).numerator_label,
        "Jumlah narapidana yang produktif"
    );
    assert_eq!(
        indicator(&parsed, 4, 5).denominator_label,
        "Jumlah Layanan Perkantoran"
    );
    for (goal, number) in [(2, 5), (4, 1), (4, 2), (4, 4)] {
        let ind = indicator(&parsed, goal, number);
        assert_eq!(
            (ind.numerator_label.as_str(), ind.denominator_label.as_str()),
            ("", "")
        );
    }
    let labelled = parsed
        .plan
        .indicators()
        .filter(|i| !i.numerator_label.is_empty())
        .count();
    assert_eq!(labelled, 19);
}

#[test]
fn targets_are_percentages_or_counts_with_their_unit() {
    let parsed = seed();
    let food = indicator(&parsed, 1, 1);
    assert_eq!(
        food.target,
        Target {
            value: Decimal::from(85),
            unit: "%".into()
        }
    );
    assert_eq!(food.kind, IndicatorKind::Ratio);
    assert_eq!(indicator(&parsed, 2, 5).target.value, Decimal::from(19));
    let planning = indicator(&parsed, 4, 1);
    assert_eq!(
        planning.target,
        Target {
            value: Decimal::ONE,
            unit: "Dokumen".into()
        }
    );
    assert_eq!(planning.kind, IndicatorKind::Count);
    assert_eq!(indicator(&parsed, 4, 5).target.unit, "Layanan");
    assert!(parsed
        .plan
        .indicators()
        .all(|i| i.quarters.iter().all(|q| q.numerator.is_none())));
}

#[test]
fn the_first_quarter_report_has_achievement_evidence_status_and_note() {
    let parsed = seed();
    let report = indicator(&parsed, 1, 1).quarter(Quarter::Q1);
    assert!(report
        .planned_work
        .starts_with("Pelaksanaan Kontrak Pengadaan Bahan Makanan"));
    assert!(report
        .achievement
        .starts_with("telah dilaksanakan pengadaan bahan makanan"));
    assert_eq!(
        report.evidence,
        "Dokumen Kontrak, SIMonev BAMA, BASTBahan Makanan"
    );
    assert_eq!(report.status, Some(Status::Running));
    assert_eq!(report.note, "Terdapat pagu blokir sebesar Rp. 464.229.000");
    let later = indicator(&parsed, 1, 1).quarter(Quarter::Q2);
    assert_eq!((later.achievement.as_str(), later.status), ("", None));
    assert_eq!(
        later.evidence,
        "Dokumen Kontrak, SIMonev BAMA, BASTBahan Makanan"
    );
}

#[test]
fn a_lone_cell_after_the_label_is_evidence() {
    let parsed = seed();
    let complaints = indicator(&parsed, 3, 1).quarter(Quarter::Q1);
    assert_eq!(complaints.achievement, "");
    assert!(complaints.evidence.starts_with("Laporan Pengaduan"));
    assert_eq!(
        indicator(&parsed, 4, 5).quarter(Quarter::Q1).evidence,
        "Dokumen"
    );
    let elderly = indicator(&parsed, 1, 5).quarter(Quarter::Q1);
    assert_eq!(elderly.achievement, "Pengadaan kebutuhan khusus WBP Lansia");
    assert!(elderly.evidence.starts_with("Dokumentasi kegiatan"));
    let vocational = indicator(&parsed, 2, 6).quarter(Quarter::Q1);
    assert_eq!(
        (
            vocational.planned_work.as_str(),
            vocational.evidence.as_str()
        ),
        ("", "")
    );
    assert_eq!(vocational.status, Some(Status::Running));
}

#[test]
fn the_header_gives_work_unit_year_title_and_signatory() {
    let plan = seed().plan;
    assert_eq!(plan.id, None);
    assert_eq!(
        plan.header.work_unit,
        "LEMBAGA PEMASYARAKATAN KELAS IIB LUWUK"
    );
    assert_eq!(plan.header.fiscal_year, 2024);
    assert_eq!(
        plan.header.title,
        "RENCANA KEGIATAN PERJANJIAN KINERJA DILINGKUNGAN KEMENTERIAN HUKUM DAN HAM"
    );
    assert_eq!(plan.header.place_date, None);
    let signatory = plan.header.signatory.as_ref().expect("signed");
    assert_eq!(
        signatory.position,
        "Kepala Lembaga Pemasarakatan Kelas IIB Luwuk"
    );
    assert_eq!(signatory.name, "Endi Wahyudi, A.Md.IP., S.Sos., M.Si.");
    assert_eq!(
        signatory.nip.as_ref().map(|n| n.as_str()),
        Some("197009121993031001")
    );
    assert!(plan.goals.iter().all(|g| g.id.is_none()));
    assert!(plan.indicators().all(|i| i.id.is_none()));
}

#[test]
fn windows_line_endings_and_a_byte_order_mark_read_the_same() {
    let windows = format!("\u{feff}{}", SEED.replace('\n', "\r\n"));
    let parsed = parse_sheet(&windows).expect("parses");
    assert_eq!(parsed, seed());
}
