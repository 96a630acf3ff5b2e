use super::*;
use crate::ids::{ActivityId, IndicatorId};
use crate::quarter::Quarter;
use crate::testkit::*;
use crate::{IndicatorKind, Status};

fn edit(plan: &mut crate::Plan, field: Field, text: &str) -> Result<(), EditError> {
    let value = parse_value(&field, text)?;
    apply(plan, &field, value)
}

/// A field of the sample's indicator (id 10) in one quarter.
fn report(quarter: Quarter, field: ReportField) -> Field {
    Field::Report(IndicatorId(10), quarter, field)
}

fn sample() -> crate::Plan {
    let mut ind = indicator(IndicatorKind::Ratio, "85", [(None, None); 4]);
    ind.id = Some(IndicatorId(10));
    plan(
        vec![goal(1, vec![ind])],
        vec![activity(
            5,
            "24.000.000",
            "1.000.000",
            ["1.000.000", "-", "-", "-"],
            ["-"; 4],
        )],
    )
}

#[test]
fn typed_counts_land_in_the_quarter_report() {
    let mut p = sample();
    edit(&mut p, report(Quarter::Q2, ReportField::Numerator), "7").unwrap();
    edit(&mut p, report(Quarter::Q2, ReportField::Denominator), "8").unwrap();
    let ind = &p.goals[0].indicators[0];
    assert_eq!(ind.quarter(Quarter::Q2).numerator, Some(d("7")));
    assert_eq!(
        crate::figures::quarter_value(ind, Quarter::Q2),
        Some(d("87.5"))
    );
}

#[test]
fn a_bad_number_is_refused_and_leaves_the_value_untouched() {
    let mut p = sample();
    let field = Field::ActivityQuarter(ActivityId(5), Quarter::Q1, MoneyField::WithdrawalPlan);
    for bad in ["12a", "1,2,3", "-5.000", &"9".repeat(40)] {
        let error = edit(&mut p, field, bad).unwrap_err();
        assert!(error.to_string().starts_with("RPD TW I: "), "{error}");
    }
    assert_eq!(
        p.activities[0].quarters[0].withdrawal_plan,
        Some(rp("1.000.000"))
    );
}

#[test]
fn money_is_read_the_indonesian_way() {
    let mut p = sample();
    let field = Field::ActivityQuarter(ActivityId(5), Quarter::Q3, MoneyField::Realization);
    edit(&mut p, field, "Rp 1.500.000").unwrap();
    assert_eq!(
        p.activities[0].quarters[2].realization,
        Some(rp("1.500.000"))
    );
    edit(&mut p, field, "-").unwrap();
    assert_eq!(p.activities[0].quarters[2].realization, None);
}

#[test]
fn blocked_budget_above_the_budget_is_refused() {
    let mut p = sample();
    let error = edit(
        &mut p,
        Field::Activity(ActivityId(5), ActivityField::Blocked),
        "30.000.000",
    )
    .unwrap_err();
    assert_eq!(
        error.message(),
        "pagu blokir Rp 30.000.000 melebihi pagu Rp 24.000.000"
    );
    let error = edit(
        &mut p,
        Field::Activity(ActivityId(5), ActivityField::Budget),
        "500.000",
    )
    .unwrap_err();
    assert!(error.message().contains("melebihi pagu"));
    assert_eq!(p.activities[0].budget, rp("24.000.000"));
}

#[test]
fn a_nip_must_be_eighteen_digits() {
    let mut p = sample();
    let field = Field::Header(HeaderField::SignatoryNip);
    assert!(edit(&mut p, field, "12345").is_err());
    edit(&mut p, field, "197009121993031001").unwrap();
    let nip = p
        .header
        .signatory
        .as_ref()
        .and_then(|s| s.nip.clone())
        .unwrap();
    assert_eq!(nip.as_str(), "197009121993031001");
}

#[test]
fn names_cannot_be_emptied() {
    let mut p = sample();
    let error = edit(
        &mut p,
        Field::Indicator(IndicatorId(10), IndicatorField::Name),
        "   ",
    )
    .unwrap_err();
    assert_eq!(error.to_string(), "Indikator: tidak boleh kosong");
}

#[test]
fn status_accepts_the_indonesian_labels() {
    let mut p = sample();
    edit(&mut p, report(Quarter::Q1, ReportField::Status), "Selesai").unwrap();
    assert_eq!(
        p.goals[0].indicators[0].quarters[0].status,
        Some(Status::Done)
    );
    assert!(edit(&mut p, report(Quarter::Q1, ReportField::Status), "Tamat").is_err());
}

#[test]
fn an_id_outside_the_plan_is_not_found() {
    let mut p = sample();
    let error = edit(
        &mut p,
        Field::Indicator(IndicatorId(99), IndicatorField::Formula),
        "A/B",
    )
    .unwrap_err();
    assert_eq!(error, EditError::NotFound("Indikator 99".into()));
}

#[test]
fn the_fiscal_year_is_a_plausible_year() {
    let mut p = sample();
    assert!(edit(&mut p, Field::Header(HeaderField::FiscalYear), "24").is_err());
    edit(&mut p, Field::Header(HeaderField::FiscalYear), "2025").unwrap();
    assert_eq!(p.header.fiscal_year, 2025);
}

#[test]
fn input_text_reads_back_as_the_same_value() {
    let field = Field::ActivityQuarter(ActivityId(5), Quarter::Q1, MoneyField::WithdrawalPlan);
    let value = parse_value(&field, "5160600000").unwrap();
    assert_eq!(value.input_text(), "5.160.600.000");
    assert_eq!(parse_value(&field, &value.input_text()).unwrap(), value);
}

#[test]
fn a_value_with_more_decimals_than_a_display_shows_is_shown_back_whole() {
    // Found by fuzzing: the input showed 10 decimals (2 for money), so saving a field unchanged
    // stored a different value, and the audit trail showed old and new as the same text.
    let target = Field::Indicator(IndicatorId(10), IndicatorField::TargetValue);
    let value = parse_value(&target, "0,123456789012").unwrap();
    assert_eq!(value.input_text(), "0,123456789012");
    assert_eq!(parse_value(&target, &value.input_text()).unwrap(), value);
    let budget = Field::Activity(ActivityId(5), ActivityField::Budget);
    let money = parse_value(&budget, "1.000,05").unwrap();
    assert_eq!(money.input_text(), "1.000,05");
    assert_eq!(parse_value(&budget, &money.input_text()).unwrap(), money);
}

#[test]
fn money_with_a_third_decimal_is_refused_in_words_not_rounded() {
    // Money is stored in sen (migration 0010): a third decimal could only be rounded.
    let budget = Field::Activity(ActivityId(5), ActivityField::Budget);
    let refused = parse_value(&budget, "1.000,555").unwrap_err();
    assert!(
        refused
            .to_string()
            .contains("rupiah paling banyak 2 angka di belakang koma"),
        "{refused}"
    );
    let realization = Field::ActivityQuarter(ActivityId(5), Quarter::Q2, MoneyField::Realization);
    assert!(parse_value(&realization, "0,001").is_err());
    assert!(parse_value(&realization, "0,01").is_ok());
}
