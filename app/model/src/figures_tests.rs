use super::*;
use crate::plan::{Aggregation, IndicatorKind, Polarity};
use crate::testkit::*;

const NONE: (Option<&str>, Option<&str>) = (None, None);

#[test]
fn quarterly_achievement_is_a_over_b_times_a_hundred() {
    let ind = indicator(
        IndicatorKind::Ratio,
        "85",
        [(Some("7"), Some("8")), NONE, NONE, NONE],
    );
    assert_eq!(quarter_value(&ind, Quarter::Q1), Some(d("87.5")));
}

#[test]
fn a_missing_count_or_zero_denominator_gives_no_figure() {
    let ind = indicator(
        IndicatorKind::Ratio,
        "85",
        [
            (Some("7"), None),
            (Some("3"), Some("0")),
            (None, Some("4")),
            NONE,
        ],
    );
    for q in Quarter::ALL {
        assert_eq!(quarter_value(&ind, q), None, "{q}");
    }
    assert_eq!(cumulative_value(&ind, Quarter::Q4), None);
}

#[test]
fn a_count_indicator_is_worth_its_numerator() {
    let ind = indicator(
        IndicatorKind::Count,
        "1",
        [(Some("1"), None), NONE, NONE, NONE],
    );
    assert_eq!(quarter_value(&ind, Quarter::Q1), Some(d("1")));
    assert_eq!(against_target(&ind, d("1")), Some(d("100")));
}

#[test]
fn a_ratio_reads_as_a_percentage_and_a_count_with_its_unit() {
    let ratio = indicator(IndicatorKind::Ratio, "85", [NONE; 4]);
    let count = indicator(IndicatorKind::Count, "4", [NONE; 4]);
    assert_eq!(format_value(&ratio, Some(d("87.5"))), "87,5%");
    assert_eq!(
        format_value(&count, Some(d("1234.567"))),
        "1.234,57 Dokumen"
    );
    assert_eq!(format_value(&ratio, None), "\u{2013}");
    assert_eq!(format_value(&count, None), "\u{2013}");
}

#[test]
fn cumulative_sum_is_the_ratio_of_summed_counts() {
    // (45 + 50) / (50 + 50) = 95 %, not the mean of 90 % and 100 %.
    let ind = indicator(
        IndicatorKind::Ratio,
        "85",
        [
            (Some("45"), Some("50")),
            (Some("50"), Some("50")),
            NONE,
            NONE,
        ],
    );
    assert_eq!(cumulative_value(&ind, Quarter::Q1), Some(d("90")));
    assert_eq!(cumulative_value(&ind, Quarter::Q2), Some(d("95")));
    assert_eq!(cumulative_value(&ind, Quarter::Q4), Some(d("95")));
}

#[test]
fn cumulative_last_takes_the_latest_quarter_with_a_value() {
    let mut ind = indicator(
        IndicatorKind::Ratio,
        "85",
        [(Some("1"), Some("4")), (Some("3"), Some("4")), NONE, NONE],
    );
    ind.aggregation = Aggregation::Last;
    assert_eq!(cumulative_value(&ind, Quarter::Q1), Some(d("25")));
    assert_eq!(cumulative_value(&ind, Quarter::Q4), Some(d("75")));
}

#[test]
fn cumulative_average_is_the_mean_of_quarterly_values() {
    let mut ind = indicator(
        IndicatorKind::Ratio,
        "85",
        [
            (Some("1"), Some("2")),
            (Some("1"), Some("1")),
            NONE,
            (Some("1"), Some("4")),
        ],
    );
    ind.aggregation = Aggregation::Average;
    // (50 + 100 + 25) / 3
    assert_eq!(
        cumulative_value(&ind, Quarter::Q4).map(|v| v.round_dp(4)),
        Some(d("58.3333"))
    );
}

#[test]
fn achievement_against_target_divides_by_the_target() {
    let ind = indicator(IndicatorKind::Ratio, "80", [NONE; 4]);
    assert_eq!(against_target(&ind, d("60")), Some(d("75")));
}

#[test]
fn lower_is_better_inverts_achievement_against_target() {
    let mut ind = indicator(IndicatorKind::Ratio, "10", [NONE; 4]);
    ind.polarity = Polarity::LowerIsBetter;
    assert_eq!(against_target(&ind, d("10")), Some(d("100")));
    assert_eq!(against_target(&ind, d("5")), Some(d("150")));
    assert_eq!(against_target(&ind, d("15")), Some(d("50")));
}

#[test]
fn a_zero_target_gives_no_achievement_against_it() {
    let ind = indicator(IndicatorKind::Ratio, "0", [NONE; 4]);
    assert_eq!(against_target(&ind, d("50")), None);
}

#[test]
fn plan_totals_count_a_shared_activity_once() {
    let shared = activity(
        1,
        "24.000.000",
        "0",
        ["1.000.000", "19.500.000", "1.500.000", "2.000.000"],
        ["500.000", "-", "-", "-"],
    );
    let own = activity(
        2,
        "56.400.000",
        "0",
        ["9.400.000", "14.100.000", "14.100.000", "18.800.000"],
        ["2.350.000", "-", "-", "-"],
    );
    let base = indicator(IndicatorKind::Ratio, "90", [NONE; 4]);
    let p = plan(
        vec![
            goal(
                1,
                vec![
                    linked(base.clone(), 1, &[1]),
                    linked(base.clone(), 2, &[1, 2]),
                    linked(base.clone(), 3, &[1]),
                ],
            ),
            goal(2, vec![linked(base, 1, &[1])]),
        ],
        vec![shared, own],
    );
    let totals = plan_totals(&p);
    assert_eq!(totals.activity_count, 2);
    assert_eq!(totals.budget, rp("80.400.000"));
    assert_eq!(totals.withdrawal_plan_total(), rp("80.400.000"));
    assert_eq!(totals.realization[0], rp("2.850.000"));

    let goal_one = goal_totals(&p, &p.goals[0]);
    assert_eq!(goal_one.activity_count, 2);
    assert_eq!(goal_one.budget, rp("80.400.000"));
    let goal_two = goal_totals(&p, &p.goals[1]);
    assert_eq!(goal_two.budget, rp("24.000.000"));
}

#[test]
fn absorption_divides_cumulative_realization_by_the_unblocked_budget() {
    // The seed's food activity: 636.431.901 / (5.160.600.000 − 464.229.000) = 13.5517...%
    let food = seed_food_activity();
    let totals = activity_totals(&food);
    assert_eq!(totals.available(), rp("4.696.371.000"));
    assert_eq!(
        totals
            .cumulative_absorption(Quarter::Q1)
            .map(|v| v.round_dp(2)),
        Some(d("13.55"))
    );
    assert_eq!(
        totals.cumulative_absorption(Quarter::Q4),
        totals.cumulative_absorption(Quarter::Q1)
    );
    assert_eq!(totals.quarter_absorption(Quarter::Q2), Some(d("0")));
    assert_eq!(
        totals
            .realization_against_plan(Quarter::Q1)
            .map(|v| v.round_dp(2)),
        Some(d("62.87"))
    );
}

#[test]
fn absorption_of_a_fully_blocked_budget_is_no_figure() {
    let blocked = activity(
        1,
        "1.000",
        "1.000",
        ["1.000", "-", "-", "-"],
        ["-", "-", "-", "-"],
    );
    assert_eq!(
        activity_totals(&blocked).cumulative_absorption(Quarter::Q4),
        None
    );
}

#[test]
fn standing_follows_the_thresholds_given_as_data() {
    let t = StandingThresholds::default();
    assert_eq!(t.standing(d("100")), Standing::Met);
    assert_eq!(t.standing(d("99.99")), Standing::Close);
    assert_eq!(t.standing(d("80")), Standing::Close);
    assert_eq!(t.standing(d("79.9")), Standing::Behind);
    let strict = StandingThresholds {
        met_from: d("110"),
        close_from: d("95"),
    };
    assert_eq!(strict.standing(d("100")), Standing::Close);
}

#[test]
fn totals_skip_links_to_missing_activities_and_count_a_repeated_id_by_its_first_activity() {
    let first = activity(3, "10.000.000", "0", ["-"; 4], ["-"; 4]);
    let repeated = activity(3, "99.000.000", "0", ["-"; 4], ["-"; 4]);
    let other = activity(1, "5.000.000", "0", ["-"; 4], ["-"; 4]);
    let base = indicator(IndicatorKind::Ratio, "90", [NONE; 4]);
    let p = plan(
        vec![goal(1, vec![linked(base, 1, &[3, 7, 1, 3])])],
        vec![first, repeated, other],
    );
    let goal_one = goal_totals(&p, &p.goals[0]);
    assert_eq!(goal_one.activity_count, 2);
    assert_eq!(goal_one.budget, rp("15.000.000"));
    let totals = plan_totals(&p);
    assert_eq!(totals.activity_count, 2);
    assert_eq!(totals.budget, rp("15.000.000"));
}

#[test]
fn cumulative_figures_skip_empty_quarters_whatever_the_aggregation() {
    let mut ind = indicator(
        IndicatorKind::Ratio,
        "85",
        [NONE, (Some("3"), None), (Some("2"), Some("3")), NONE],
    );
    assert_eq!(cumulative_value(&ind, Quarter::Q2), None);
    assert_eq!(
        cumulative_value(&ind, Quarter::Q4),
        percent_of(d("2"), d("3"))
    );
    ind.aggregation = Aggregation::Average;
    assert_eq!(cumulative_value(&ind, Quarter::Q2), None);
    assert_eq!(
        cumulative_value(&ind, Quarter::Q3),
        percent_of(d("2"), d("3"))
    );
    let mut count = indicator(IndicatorKind::Count, "4", [NONE, NONE, NONE, NONE]);
    assert_eq!(cumulative_value(&count, Quarter::Q4), None);
    count.quarters[1].numerator = Some(d("0"));
    assert_eq!(cumulative_value(&count, Quarter::Q4), Some(d("0")));
}
