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

/// `name(args) => Variant` declares the server function `name(plan, args)`, which makes the
/// change `StructureEdit::Variant { args }` to the plan. Every one of them is that and only that,
/// so the list below is the whole API of structure changes.
macro_rules! structure_changes {
    ($($name:ident($($arg:ident: $type:ty),*) => $variant:ident;)+) => {
        $(
            #[server]
            pub async fn $name(plan: PlanId, $($arg: $type),*) -> Result<Created, AppError> {
                change(plan, StructureEdit::$variant { $($arg),* }).await
            }
        )+
    };
}

structure_changes! {
    add_goal(title: String) => AddGoal;
    remove_goal(goal: GoalId) => RemoveGoal;
    move_goal(goal: GoalId, direction: Direction) => MoveGoal;
    add_indicator(goal: GoalId, name: String) => AddIndicator;
    remove_indicator(indicator: IndicatorId) => RemoveIndicator;
    move_indicator(indicator: IndicatorId, direction: Direction) => MoveIndicator;
    add_activity(name: String) => AddActivity;
    remove_activity(activity: ActivityId) => RemoveActivity;
    link_activity(indicator: IndicatorId, activity: ActivityId) => Link;
    unlink_activity(indicator: IndicatorId, activity: ActivityId) => Unlink;
}
