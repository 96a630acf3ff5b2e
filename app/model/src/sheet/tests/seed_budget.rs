//! The seed's activities: one per budget line, shared ones merged, their figures intact.

use super::super::ParsedSheet;
use super::seed::{indicator, rp, seed};
use crate::ids::ActivityId;
use crate::money::Rupiah;
use crate::plan::Activity;

fn activity<'a>(parsed: &'a ParsedSheet, name: &str) -> &'a Activity {
    parsed
        .plan
        .activities
        .iter()
        .find(|a| a.name == name)
        .expect("activity present")
}

fn rpd(activity: &Activity) -> Vec<Option<Rupiah>> {
    activity
        .quarters
        .iter()
        .map(|q| q.withdrawal_plan)
        .collect()
}

fn realization(activity: &Activity) -> Vec<Option<Rupiah>> {
    activity.quarters.iter().map(|q| q.realization).collect()
}

#[test]
fn the_seed_has_thirteen_activities_whose_pagu_adds_up_to_9_485_886_000() {
    let parsed = seed();
    let activities = &parsed.plan.activities;
    assert_eq!(activities.len(), 13);
    let ids: Vec<ActivityId> = activities.iter().map(|a| a.id).collect();
    assert_eq!(ids, (1..=13).map(ActivityId).collect::<Vec<_>>());
    // 5.160.600.000 + 56.400.000 + 24.000.000 + 30.429.000 + 10.600.000 + 38.300.000
    // + 38.300.000 + 67.345.000 + 17.460.000 + 8.730.000 + 45.760.000 + 8.730.000
    // + 3.979.232.000, summed by hand.
    let total: Rupiah = activities.iter().map(|a| a.budget).sum();
    assert_eq!(total, rp("9.485.886.000"));
    assert_eq!(
        activities[0].name,
        "Pengadaan Bahan Makanan bagi Warga Binaan Pemasyarakatan"
    );
    assert_eq!(activities[12].name, "Layanan perkantoran");
}

/// The activity's RPD per quarter reads `rpd_texts`, and only TW I is realized: `realized`.
#[track_caller]
fn assert_rpd_and_first_realization(activity: &Activity, rpd_texts: [&str; 4], realized: &str) {
    assert_eq!(rpd(activity), rpd_texts.map(|t| Some(rp(t))).to_vec());
    assert_eq!(
        realization(activity),
        vec![Some(rp(realized)), None, None, None]
    );
}

#[test]
fn the_food_activity_has_its_pagu_blocked_amount_rpd_and_realization() {
    let parsed = seed();
    let food = activity(
        &parsed,
        "Pengadaan Bahan Makanan bagi Warga Binaan Pemasyarakatan",
    );
    assert_eq!(food.budget, rp("5.160.600.000"));
    assert_eq!(food.blocked, rp("464.229.000"));
    assert_rpd_and_first_realization(
        food,
        [
            "1.012.304.000",
            "1.140.000.000",
            "1.290.000.000",
            "1.718.296.000",
        ],
        "636.431.901",
    );
}

#[test]
fn the_personality_activity_is_blocked_10_257_000() {
    let parsed = seed();
    assert_eq!(
        activity(&parsed, "Kegiatan Pembinaan Kepribadian").blocked,
        rp("10.257.000")
    );
    let unblocked = parsed
        .plan
        .activities
        .iter()
        .filter(|a| a.blocked == Rupiah::ZERO)
        .count();
    assert_eq!(unblocked, 11);
}

#[test]
fn the_office_services_activity_has_its_rpd_and_first_realization() {
    let parsed = seed();
    let office = activity(&parsed, "Layanan perkantoran");
    assert_eq!(office.budget, rp("3.979.232.000"));
    assert_rpd_and_first_realization(
        office,
        [
            "964.765.000",
            "1.260.551.000",
            "1.020.806.000",
            "733.060.000",
        ],
        "598.189.684",
    );
}

#[test]
fn line_91s_extra_amount_is_read_as_rpd_of_tw_ii_with_a_warning() {
    let parsed = seed();
    let staff = activity(&parsed, "Kegiatan Pembinaan kepegawaian");
    assert_eq!(staff.budget, rp("45.760.000"));
    // `45.760.000  -  -  TW II`: RPD just before realization, as every other row has it.
    assert_eq!(rpd(staff), vec![None, Some(rp("45.760.000")), None, None]);
    assert_eq!(realization(staff), vec![None; 4]);
    let warning = parsed
        .warnings
        .iter()
        .find(|w| w.line == 91)
        .expect("line 91 says which reading was taken");
    assert_eq!(
        warning.to_string(),
        "baris 91: tiga angka sebelum TW II (45.760.000, -, -), satu lebih banyak dari baris di \
         sekitarnya: dibaca sebagai rencana penarikan dana TW II Rp 45.760.000 dan realisasi -, \
         dengan \u{201c}-\u{201d} terakhir sebagai sel lebih; bukan pagu yang diulang tanpa \
         rencana penarikan dana. Periksa rencana penarikan dana TW II."
    );
}

#[test]
fn rpd_of_a_continuation_row_lands_in_its_quarter() {
    let parsed = seed();
    let health = activity(&parsed, "Perawatan Kesehatan Narapidana/Tahanan/ Anak");
    let expected = ["9.400.000", "14.100.000", "14.100.000", "18.800.000"];
    assert_eq!(rpd(health), expected.map(|t| Some(rp(t))).to_vec());
    let integration = activity(&parsed, "Layanan Integrasi dan TPP");
    assert_eq!(
        rpd(integration),
        vec![None, None, Some(rp("10.600.000")), None]
    );
}

#[test]
fn a_shared_activity_is_one_activity_linked_from_each_indicator() {
    let parsed = seed();
    let linked_from = |name: &str| {
        let id = activity(&parsed, name).id;
        let mut at = Vec::new();
        for goal in &parsed.plan.goals {
            for ind in goal
                .indicators
                .iter()
                .filter(|i| i.activity_ids.contains(&id))
            {
                at.push(format!("{}.{}", goal.number, ind.number));
            }
        }
        at
    };
    let rentan = "Kegiatan Penyediaan Perlengkapan Khusus Kelompok Rentan";
    assert_eq!(linked_from(rentan), vec!["1.3", "1.5", "1.6"]);
    assert_eq!(linked_from("Layanan Integrasi dan TPP"), vec!["2.2", "2.3"]);
    assert_eq!(
        linked_from("Kegiatan Pembinaan Kepribadian"),
        vec!["2.1", "2.5"]
    );
    let security = "Penegakkan Keamanan dan Ketertiban";
    assert_eq!(linked_from(security), vec!["3.1", "3.2", "3.3", "3.4"]);
}

#[test]
fn activities_with_the_same_pagu_but_different_names_stay_apart() {
    let parsed = seed();
    let with_budget = |amount: &str| {
        parsed
            .plan
            .activities
            .iter()
            .filter(|a| a.budget == rp(amount))
            .count()
    };
    assert_eq!(with_budget("8.730.000"), 2);
    assert_eq!(with_budget("38.300.000"), 2);
}

#[test]
fn indicators_without_an_activity_link_to_none() {
    let parsed = seed();
    for (goal, number) in [(1, 4), (1, 7), (2, 4)] {
        assert!(
            indicator(&parsed, goal, number).activity_ids.is_empty(),
            "{goal}.{number}"
        );
    }
    let linked = parsed
        .plan
        .indicators()
        .filter(|i| i.activity_ids.len() == 1)
        .count();
    assert_eq!(linked, 20);
}

#[test]
fn the_misspelt_security_activity_is_merged_with_a_warning_naming_both_spellings() {
    let parsed = seed();
    let lines: Vec<usize> = parsed.warnings.iter().map(|w| w.line).collect();
    assert_eq!(lines, vec![74, 91], "{:?}", parsed.warnings);
    let warning = &parsed.warnings[0];
    assert_eq!(warning.line, 74);
    assert!(
        warning
            .message
            .contains("Penegakkan Keamanan dan Keterliban"),
        "{warning}"
    );
    assert!(
        warning
            .message
            .contains("Penegakkan Keamanan dan Ketertiban"),
        "{warning}"
    );
}
