//! Changing the plan's shape. Each function is one form's button, so it also works as a plain
//! form post with JavaScript off; with JavaScript the page applies what it returns in place.

use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use model::edit::structure::StructureEdit;
use model::edit::structure::{Created, Direction};
use model::{ActivityId, GoalId, IndicatorId, PlanId};

#[cfg(feature = "ssr")]
async fn change(plan: PlanId, edit: StructureEdit) -> Result<Created, AppError> {
    let who = super::ssr::person()?;
    super::ssr::backend()?
        .change_structure(&who, plan, edit)
        .await
}

#[server]
pub async fn add_goal(plan: PlanId, title: String) -> Result<Created, AppError> {
    change(plan, StructureEdit::AddGoal { title }).await
}

#[server]
pub async fn remove_goal(plan: PlanId, goal: GoalId) -> Result<Created, AppError> {
    change(plan, StructureEdit::RemoveGoal { goal }).await
}

#[server]
pub async fn move_goal(
    plan: PlanId,
    goal: GoalId,
    direction: Direction,
) -> Result<Created, AppError> {
    change(plan, StructureEdit::MoveGoal { goal, direction }).await
}

#[server]
pub async fn add_indicator(plan: PlanId, goal: GoalId, name: String) -> Result<Created, AppError> {
    change(plan, StructureEdit::AddIndicator { goal, name }).await
}

#[server]
pub async fn remove_indicator(plan: PlanId, indicator: IndicatorId) -> Result<Created, AppError> {
    change(plan, StructureEdit::RemoveIndicator { indicator }).await
}

#[server]
pub async fn move_indicator(
    plan: PlanId,
    indicator: IndicatorId,
    direction: Direction,
) -> Result<Created, AppError> {
    change(
        plan,
        StructureEdit::MoveIndicator {
            indicator,
            direction,
        },
    )
    .await
}

#[server]
pub async fn add_activity(plan: PlanId, name: String) -> Result<Created, AppError> {
    change(plan, StructureEdit::AddActivity { name }).await
}

#[server]
pub async fn remove_activity(plan: PlanId, activity: ActivityId) -> Result<Created, AppError> {
    change(plan, StructureEdit::RemoveActivity { activity }).await
}

#[server]
pub async fn link_activity(
    plan: PlanId,
    indicator: IndicatorId,
    activity: ActivityId,
) -> Result<Created, AppError> {
    change(
        plan,
        StructureEdit::Link {
            indicator,
            activity,
        },
    )
    .await
}

#[server]
pub async fn unlink_activity(
    plan: PlanId,
    indicator: IndicatorId,
    activity: ActivityId,
) -> Result<Created, AppError> {
    change(
        plan,
        StructureEdit::Unlink {
            indicator,
            activity,
        },
    )
    .await
}
