//! Saving edits. Each server function takes one form's fields as typed (text, validated on the
//! server by the same model rules the browser applied), so the same call serves the hydrated
//! page and a plain HTML form post with JavaScript off. A parameter is named by its field's name
//! (`ReportField::name` and the like), which is the name of the form's input.

use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use model::edit::{
    ActivityField, Field, FieldEdit, GoalField, HeaderField, IndicatorField, MoneyField,
    ReportField,
};
#[cfg(feature = "ssr")]
use model::Quarter;
use model::{ActivityId, GoalId, IndicatorId, PlanId};

#[cfg(feature = "ssr")]
fn edit(field: Field, text: String) -> FieldEdit {
    FieldEdit { field, text }
}

#[cfg(feature = "ssr")]
async fn save(plan: PlanId, edits: Vec<FieldEdit>) -> Result<(), AppError> {
    let who = super::ssr::person()?;
    super::ssr::backend()?.save_fields(&who, plan, edits).await
}

/// One indicator in one quarter (by its number, `Quarter::number`): planned work, A, B,
/// achievement, evidence, status, note.
#[server]
pub async fn save_report(
    plan: PlanId,
    indicator: IndicatorId,
    quarter: u8,
    planned_work: String,
    numerator: String,
    denominator: String,
    achievement: String,
    evidence: String,
    status: String,
    note: String,
) -> Result<(), AppError> {
    let quarter = super::ssr::quarter(quarter)?;
    let f = |field| Field::Report(indicator, quarter, field);
    let edits = vec![
        edit(f(ReportField::PlannedWork), planned_work),
        edit(f(ReportField::Numerator), numerator),
        edit(f(ReportField::Denominator), denominator),
        edit(f(ReportField::Achievement), achievement),
        edit(f(ReportField::Evidence), evidence),
        edit(f(ReportField::Status), status),
        edit(f(ReportField::Note), note),
    ];
    save(plan, edits).await
}

/// An activity: name, pagu, blokir, and RPD and realization per quarter (each named as
/// `MoneyField::input_name` names it).
#[server]
pub async fn save_activity(
    plan: PlanId,
    activity: ActivityId,
    name: String,
    budget: String,
    blocked: String,
    withdrawal_plan_1: String,
    withdrawal_plan_2: String,
    withdrawal_plan_3: String,
    withdrawal_plan_4: String,
    realization_1: String,
    realization_2: String,
    realization_3: String,
    realization_4: String,
) -> Result<(), AppError> {
    let a = |field| Field::Activity(activity, field);
    let q = |quarter, field| Field::ActivityQuarter(activity, quarter, field);
    use MoneyField::{Realization, WithdrawalPlan};
    let edits = vec![
        edit(a(ActivityField::Name), name),
        edit(a(ActivityField::Budget), budget),
        edit(a(ActivityField::Blocked), blocked),
        edit(q(Quarter::Q1, WithdrawalPlan), withdrawal_plan_1),
        edit(q(Quarter::Q2, WithdrawalPlan), withdrawal_plan_2),
        edit(q(Quarter::Q3, WithdrawalPlan), withdrawal_plan_3),
        edit(q(Quarter::Q4, WithdrawalPlan), withdrawal_plan_4),
        edit(q(Quarter::Q1, Realization), realization_1),
        edit(q(Quarter::Q2, Realization), realization_2),
        edit(q(Quarter::Q3, Realization), realization_3),
        edit(q(Quarter::Q4, Realization), realization_4),
    ];
    save(plan, edits).await
}

/// An indicator's definition.
#[server]
pub async fn save_indicator(
    plan: PlanId,
    indicator: IndicatorId,
    name: String,
    target_value: String,
    target_unit: String,
    formula: String,
    numerator_label: String,
    denominator_label: String,
    kind: String,
    polarity: String,
    aggregation: String,
) -> Result<(), AppError> {
    let f = |field| Field::Indicator(indicator, field);
    let edits = vec![
        edit(f(IndicatorField::Name), name),
        edit(f(IndicatorField::TargetValue), target_value),
        edit(f(IndicatorField::TargetUnit), target_unit),
        edit(f(IndicatorField::Formula), formula),
        edit(f(IndicatorField::NumeratorLabel), numerator_label),
        edit(f(IndicatorField::DenominatorLabel), denominator_label),
        edit(f(IndicatorField::Kind), kind),
        edit(f(IndicatorField::Polarity), polarity),
        edit(f(IndicatorField::Aggregation), aggregation),
    ];
    save(plan, edits).await
}

/// A goal's title.
#[server]
pub async fn save_goal(plan: PlanId, goal: GoalId, title: String) -> Result<(), AppError> {
    save(plan, vec![edit(Field::Goal(goal, GoalField::Title), title)]).await
}

/// The plan's header and signatory.
#[server]
pub async fn save_header(
    plan: PlanId,
    fiscal_year: String,
    title: String,
    signatory_position: String,
    signatory_name: String,
    signatory_nip: String,
    place_date: String,
) -> Result<(), AppError> {
    let f = Field::Header;
    let edits = vec![
        edit(f(HeaderField::FiscalYear), fiscal_year),
        edit(f(HeaderField::Title), title),
        edit(f(HeaderField::SignatoryPosition), signatory_position),
        edit(f(HeaderField::SignatoryName), signatory_name),
        edit(f(HeaderField::SignatoryNip), signatory_nip),
        edit(f(HeaderField::PlaceDate), place_date),
    ];
    save(plan, edits).await
}
