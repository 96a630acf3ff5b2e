use super::*;
use crate::plan::{Indicator, IndicatorKind};
use crate::testkit::*;
use Quarter::*;

fn named(mut indicator: Indicator, number: u32, name: &str) -> Indicator {
    indicator.number = number;
    indicator.name = name.into();
    indicator
}

/// 1.1 meets its target, 1.2 is close to it, 2.1 is far behind; activity 2 falls Rp 50.000
/// short of its pagu.
fn sample() -> Plan {
    let food = named(
        indicator(
            IndicatorKind::Ratio,
            "85",
            [
                (Some("45"), Some("50")),
                (Some("43"), Some("50")),
                (None, None),
                (None, None),
            ],
        ),
        1,
        "Persentase layanan makanan",
    );
    let mut maternal = named(
        indicator(
            IndicatorKind::Ratio,
            "98",
            [
                (Some("7"), Some("8")),
                (None, None),
                (None, None),
                (None, None),
            ],
        ),
        2,
        "Persentase layanan maternal",
    );
    maternal.quarters[1].achievement = "Dilaksanakan untuk 8 ibu".into();
    let documents = named(
        indicator(
            IndicatorKind::Count,
            "4",
            [(Some("1"), None), (None, None), (None, None), (None, None)],
        ),
        1,
        "Jumlah dokumen",
    );
    let funded = activity(
        1,
        "1.000.000",
        "200.000",
        ["100.000", "300.000", "200.000", "400.000"],
        ["80.000", "240.000", "-", "-"],
    );
    let mut office = activity(
        2,
        "1.000.000",
        "0",
        ["250.000", "250.000", "250.000", "200.000"],
        ["-"; 4],
    );
    office.name = "Layanan perkantoran".into();
    plan(
        vec![goal(1, vec![food, maternal]), goal(2, vec![documents])],
        vec![funded, office],
    )
}

fn items(due: &[Quarter]) -> Vec<Attention> {
    attention(
        &sample(),
        &AbsorptionThresholds::default_for(2024),
        &StandingThresholds::default(),
        due,
    )
}

#[test]
fn in_july_absorption_targets_missing_reports_and_rpd_mismatches_are_listed_in_plan_order() {
    let items = items(&[Q1, Q2]);
    let messages: Vec<String> = items.iter().map(Attention::message).collect();
    assert_eq!(
        messages,
        vec![
            // (80.000 + 240.000) / (2.000.000 − 200.000) = 17,78 %.
            "Penyerapan anggaran s.d. TW II baru 17,78%, di bawah target 40%".to_owned(),
            // 7 / 8 = 87,5 %, against a target of 98 %: 89,29 %.
            "Indikator 1.2 Persentase layanan maternal: capaian kumulatif 89,29% dari target \
             (Mendekati)"
                .to_owned(),
            // 1 document of 4: 25 %.
            "Indikator 2.1 Jumlah dokumen: capaian kumulatif 25% dari target (Tertinggal)"
                .to_owned(),
            "Indikator 2.1 Jumlah dokumen: laporan TW II belum diisi".to_owned(),
            "Layanan perkantoran: Total RPD Rp 950.000 tidak sama dengan pagu \
             Rp 1.000.000: kurang Rp 50.000"
                .to_owned(),
        ]
    );
    let anchors: Vec<String> = items.iter().map(|i| i.anchor(PlanId(7))).collect();
    assert_eq!(
        anchors,
        vec![
            "/rencana/7#kegiatan-title",
            "/rencana/7#indikator-1-2",
            "/rencana/7#indikator-2-1",
            "/rencana/7#indikator-2-1",
            "/rencana/7#kegiatan-2",
        ]
    );
    let codes: Vec<&str> = items.iter().map(Attention::code).collect();
    assert_eq!(
        codes,
        vec![
            "absorption",
            "behind-target",
            "behind-target",
            "missing-report",
            "rpd-mismatch"
        ]
    );
}

#[test]
fn after_the_year_every_empty_quarter_is_missing_and_absorption_is_judged_at_tw_iv() {
    let items = items(&[Q1, Q2, Q3, Q4]);
    assert_eq!(
        items[0],
        Attention::AbsorptionBelowThreshold {
            quarter: Q4,
            absorption: d("320000") * d("100") / d("1800000"),
            threshold: d("90"),
        }
    );
    let missing: Vec<String> = items
        .iter()
        .filter(|i| i.code() == "missing-report")
        .map(Attention::message)
        .collect();
    assert_eq!(
        missing,
        vec![
            "Indikator 1.1 Persentase layanan makanan: laporan TW III, TW IV belum diisi",
            "Indikator 1.2 Persentase layanan maternal: laporan TW III, TW IV belum diisi",
            "Indikator 2.1 Jumlah dokumen: laporan TW II, TW III, TW IV belum diisi",
        ]
    );
}

#[test]
fn before_any_quarter_is_due_only_standing_and_rpd_are_judged() {
    let codes: Vec<&str> = items(&[]).iter().map(Attention::code).collect();
    assert_eq!(
        codes,
        vec!["behind-target", "behind-target", "rpd-mismatch"]
    );
}

#[test]
fn absorption_that_meets_its_target_is_not_listed() {
    // TW I: 80.000 / 1.800.000 = 4,44 %, against a target set to 4 %.
    let thresholds = AbsorptionThresholds::parse(2024, ["4", "40", "60", "90"]).expect("valid");
    let items = attention(
        &sample(),
        &thresholds,
        &StandingThresholds::default(),
        &[Q1],
    );
    assert!(items.iter().all(|i| i.code() != "absorption"), "{items:?}");
}

#[test]
fn planned_work_and_evidence_alone_are_not_a_report() {
    let mut p = sample();
    let report = &mut p.goals[0].indicators[0].quarters[2];
    report.planned_work = "Pengadaan bahan makanan".into();
    report.evidence = "Dokumen kontrak".into();
    let items = attention(
        &p,
        &AbsorptionThresholds::default_for(2024),
        &StandingThresholds::default(),
        &[Q1, Q2, Q3],
    );
    assert!(items.contains(&Attention::MissingReports {
        indicator: IndicatorRef {
            goal: 1,
            indicator: 1
        },
        name: "Persentase layanan makanan".into(),
        quarters: vec![Q3],
    }));
}

#[test]
fn quarters_that_report_achievement_without_any_attachment_are_flagged() {
    use crate::evidence::{EvidenceCounts, Owner, Slot};
    // 1.1 (id 10) reports TW I and TW II, 1.2 (id 11) reports nothing.
    let mut plan = stored_plan();
    let first = &mut plan.goals[0].indicators[0];
    first.quarters[0].numerator = Some(d("4"));
    first.quarters[1].achievement = "Terlaksana".into();
    let slot = |quarter| Slot {
        owner: Owner::Indicator(crate::IndicatorId(10)),
        quarter,
    };
    // TW I has a file; TW II none; TW III is not due yet.
    let counts = EvidenceCounts(vec![(slot(Q1), 1)]);
    let items = missing_evidence(&plan, &counts, &[Q1, Q2]);
    assert_eq!(items.len(), 1);
    let Attention::MissingEvidence { quarters, .. } = &items[0] else {
        panic!("{items:?}")
    };
    assert_eq!(quarters, &vec![Q2]);
    assert_eq!(items[0].code(), "missing-evidence");
    assert!(items[0]
        .message()
        .contains("capaian TW II dilaporkan tanpa data dukung"));
    assert_eq!(
        items[0].anchor(crate::PlanId(3)),
        "/rencana/3#indikator-1-1"
    );
    // With TW II's link attached, nothing is flagged.
    let counts = EvidenceCounts(vec![(slot(Q1), 1), (slot(Q2), 2)]);
    assert!(missing_evidence(&plan, &counts, &[Q1, Q2]).is_empty());
}
