//! Saving edits. Each server function takes one form's fields as typed (text, validated on the
//! server by the same model rules the browser applied), so the same call serves the hydrated
//! page and a plain HTML form post with JavaScript off. A parameter is named by its field's name
//! (`ReportField::name` and the like), which is the name of the form's input; a table's form
//! (an indicator's quarters, the budget) posts its cells as [`Rows`].

use crate::error::AppError;
use leptos::prelude::*;
use model::edit::{ActivityField, Field, MoneyField};
#[cfg(feature = "ssr")]
use model::edit::{FieldEdit, GoalField, HeaderField, IndicatorField, ReportField};
use model::{ActivityId, GoalId, IndicatorId, PlanId, Quarter};
use std::collections::BTreeMap;

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

/// What a table form posts: for each of its rows (a quarter by its number, an activity by its
/// id), the texts of the row's inputs by their fields' names. An input is named
/// [`cell_name`]`(group, row, field)`, `tw[2][note]`, which the form decoder reads as this map
/// under the server function's parameter `group`. So a table is one `<form>` around all its
/// rows, and the button pressed names the row it saves.
pub type Rows = BTreeMap<i64, BTreeMap<String, String>>;

/// The parameter of [`save_report`] that holds an indicator's quarter table.
pub const QUARTER_ROWS: &str = "tw";
/// The parameter of [`save_activity`] that holds the budget table.
pub const ACTIVITY_ROWS: &str = "kegiatan";

/// The name of the input of `field` in row `row` of a table form's `group`.
pub fn cell_name(group: &str, row: impl std::fmt::Display, field: &str) -> String {
    format!("{group}[{row}][{field}]")
}

/// The inputs of an activity's budget row, each by its name in the row and its field: name,
/// pagu, blokir, and RPD and realization per quarter (`MoneyField::input_name`).
pub fn activity_inputs(activity: ActivityId) -> Vec<(&'static str, Field)> {
    let mut inputs: Vec<(&'static str, Field)> = [
        ActivityField::Name,
        ActivityField::Budget,
        ActivityField::Blocked,
    ]
    .map(|f| (f.name(), Field::Activity(activity, f)))
    .to_vec();
    for money in [MoneyField::WithdrawalPlan, MoneyField::Realization] {
        inputs.extend(Quarter::ALL.map(|q| {
            (
                money.input_name(q),
                Field::ActivityQuarter(activity, q, money),
            )
        }));
    }
    inputs
}

/// The rows a table form's post saves: every posted row. The pressed button names the row the
/// person meant (it must be among them), but what they typed in the table's other rows is
/// saved too: with JavaScript off the page reloads after the post, and nothing typed may be
/// dropped. Unchanged cells store nothing (not even in a frozen quarter). A post with no cell
/// to save is a request no page sends.
#[cfg(feature = "ssr")]
fn chosen(rows: Rows, named: Option<i64>) -> Result<Rows, AppError> {
    if named.is_some_and(|key| !rows.contains_key(&key)) || rows.values().all(BTreeMap::is_empty) {
        return Err(AppError::Malformed);
    }
    Ok(rows)
}

/// One row's edits: each posted text under its input's name in `inputs`, in their order. A
/// name the row has no input for is a request no page sends.
#[cfg(feature = "ssr")]
fn row_edits(
    mut texts: BTreeMap<String, String>,
    inputs: impl IntoIterator<Item = (&'static str, Field)>,
) -> Result<Vec<FieldEdit>, AppError> {
    let edits = inputs
        .into_iter()
        .filter_map(|(name, field)| texts.remove(name).map(|text| FieldEdit { field, text }))
        .collect();
    if texts.is_empty() {
        Ok(edits)
    } else {
        Err(AppError::Malformed)
    }
}

/// An indicator's quarter table: for each quarter (by its number, `Quarter::number`) planned
/// work, A, B, achievement, evidence, status and note. `quarter` is the quarter whose button
/// was pressed ("Simpan TW II"); every posted row is saved ([`chosen`]).
#[server]
pub async fn save_report(
    plan: PlanId,
    indicator: IndicatorId,
    #[server(default)] quarter: Option<u8>,
    #[server(default)] tw: Rows,
) -> Result<(), AppError> {
    let mut all = Vec::new();
    for (number, texts) in chosen(tw, quarter.map(i64::from))? {
        let quarter = u8::try_from(number)
            .map_err(|_| AppError::Malformed)
            .and_then(super::ssr::quarter)?;
        let inputs = ReportField::ALL.map(|f| (f.name(), Field::Report(indicator, quarter, f)));
        all.extend(row_edits(texts, inputs)?);
    }
    save(plan, all.into_iter()).await
}

/// The budget table: for each activity (by its id) its [`activity_inputs`]. `activity` is the
/// row whose button was pressed; every posted row is saved ([`chosen`]).
#[server]
pub async fn save_activity(
    plan: PlanId,
    #[server(default)] activity: Option<ActivityId>,
    #[server(default)] kegiatan: Rows,
) -> Result<(), AppError> {
    let mut all = Vec::new();
    for (id, texts) in chosen(kegiatan, activity.map(|a| a.0))? {
        all.extend(row_edits(texts, activity_inputs(ActivityId(id)))?);
    }
    save(plan, all.into_iter()).await
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
