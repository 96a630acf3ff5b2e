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

/// One edit per field, in order: `fields` named through `field`, each with its text. The
/// parameters of a save function come in the order of its fields' `ALL`, so they zip.
#[cfg(feature = "ssr")]
fn edits<F, const N: usize>(
    fields: [F; N],
    field: impl Fn(F) -> Field,
    texts: [String; N],
) -> impl Iterator<Item = FieldEdit> {
    fields
        .into_iter()
        .zip(texts)
        .map(move |(each, text)| FieldEdit {
            field: field(each),
            text,
        })
}

#[cfg(feature = "ssr")]
async fn save(plan: PlanId, edits: impl Iterator<Item = FieldEdit>) -> Result<(), AppError> {
    let who = super::ssr::person()?;
    super::ssr::backend()?
        .save_fields(&who, plan, edits.collect())
        .await
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
    let texts = [
        planned_work,
        numerator,
        denominator,
        achievement,
        evidence,
        status,
        note,
    ];
    let field = |field| Field::Report(indicator, quarter, field);
    save(plan, edits(ReportField::ALL, field, texts)).await
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
    use ActivityField::{Blocked, Budget, Name};
    use MoneyField::{Realization, WithdrawalPlan};
    let money = |field| move |quarter| Field::ActivityQuarter(activity, quarter, field);
    let withdrawal_plans = [
        withdrawal_plan_1,
        withdrawal_plan_2,
        withdrawal_plan_3,
        withdrawal_plan_4,
    ];
    let realizations = [realization_1, realization_2, realization_3, realization_4];
    let all = edits(
        [Name, Budget, Blocked],
        |field| Field::Activity(activity, field),
        [name, budget, blocked],
    )
    .chain(edits(Quarter::ALL, money(WithdrawalPlan), withdrawal_plans))
    .chain(edits(Quarter::ALL, money(Realization), realizations));
    save(plan, all).await
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
    let texts = [
        name,
        target_value,
        target_unit,
        formula,
        numerator_label,
        denominator_label,
        kind,
        polarity,
        aggregation,
    ];
    let field = |field| Field::Indicator(indicator, field);
    save(plan, edits(IndicatorField::ALL, field, texts)).await
}

/// A goal's title.
#[server]
pub async fn save_goal(plan: PlanId, goal: GoalId, title: String) -> Result<(), AppError> {
    save(
        plan,
        edits([GoalField::Title], |f| Field::Goal(goal, f), [title]),
    )
    .await
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
    let texts = [
        fiscal_year,
        title,
        signatory_position,
        signatory_name,
        signatory_nip,
        place_date,
    ];
    save(plan, edits(HeaderField::EDITABLE, Field::Header, texts)).await
}
