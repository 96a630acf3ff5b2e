//! The page's working copy of the plan: one signal per indicator and per activity, so a
//! keystroke recomputes only the figures that depend on what changed; lists are signals too, so
//! goals, indicators and activities can be added, removed and reordered in place.

use crate::api::PlanAccess;
use leptos::prelude::*;
use model::checks::{indicator_checks, withdrawal_plan_check, IndicatorRef};
use model::edit::structure::{move_within, Direction};
use model::edit::{
    apply_to_activity, apply_to_header, apply_to_indicator, parse_value, Field, Value,
};
use model::figures::{BudgetTotals, StandingThresholds};
use model::{
    Activity, ActivityId, Check, Goal, GoalId, Indicator, IndicatorId, Plan, PlanHeader, PlanId,
};
use std::collections::BTreeSet;

#[derive(Clone, Copy)]
pub struct GoalState {
    pub id: GoalId,
    pub number: RwSignal<u32>,
    pub title: RwSignal<String>,
    pub indicators: RwSignal<Vec<RwSignal<Indicator>>>,
}

impl GoalState {
    fn new(goal: Goal) -> GoalState {
        GoalState {
            id: goal.id.unwrap_or(GoalId(0)),
            number: RwSignal::new(goal.number),
            title: RwSignal::new(goal.title),
            indicators: RwSignal::new(goal.indicators.into_iter().map(RwSignal::new).collect()),
        }
    }
}

/// A copyable handle to the working copy, provided as context to every part of the page.
#[derive(Clone, Copy)]
pub struct PlanState {
    pub id: PlanId,
    pub header: RwSignal<PlanHeader>,
    pub goals: RwSignal<Vec<GoalState>>,
    pub activities: RwSignal<Vec<RwSignal<Activity>>>,
    pub thresholds: StandingThresholds,
    /// The outcome of the last change to the plan's shape, shown at the top of the page.
    pub notice: RwSignal<Option<Result<String, String>>>,
    /// What the signed-in person may do, and where the quarters stand.
    pub access: RwSignal<PlanAccess>,
    /// The zone of the plan's unit: every time on the page is shown in it.
    pub zone: model::time::Zone,
}

impl PlanState {
    pub fn new(plan: Plan, access: PlanAccess, zone: model::time::Zone) -> PlanState {
        PlanState {
            id: plan.id.unwrap_or(PlanId(0)),
            header: RwSignal::new(plan.header),
            goals: RwSignal::new(plan.goals.into_iter().map(GoalState::new).collect()),
            activities: RwSignal::new(plan.activities.into_iter().map(RwSignal::new).collect()),
            thresholds: StandingThresholds::default(),
            notice: RwSignal::new(None),
            access: RwSignal::new(access),
            zone,
        }
    }

    /// Whether the person may change this plan at all (an operator of its unit).
    pub fn may_edit(&self) -> bool {
        self.access.with_untracked(|a| a.may_edit)
    }

    pub fn activity(&self, id: ActivityId) -> Option<RwSignal<Activity>> {
        self.activities.with(|list| {
            list.iter()
                .copied()
                .find(|a| a.with_untracked(|a| a.id == id))
        })
    }

    // The figures below run on every keystroke that touches what they read: they borrow each
    // signal's value in place (`with`) and never copy the plan (on a 1000-indicator plan the
    // copies were most of a keystroke's work).

    /// Budget totals of the given activities, each counted once.
    pub fn totals_of(&self, ids: impl IntoIterator<Item = ActivityId>) -> BudgetTotals {
        let unique: BTreeSet<ActivityId> = ids.into_iter().collect();
        let mut totals = BudgetTotals::default();
        self.activities.with(|list| {
            // Of two activities with one id, the first counts (as `Plan::activity` finds it).
            // An activity's id never changes in place: only the counted ones are tracked.
            let mut seen = BTreeSet::new();
            for activity in list {
                if activity.with_untracked(|a| unique.contains(&a.id) && seen.insert(a.id)) {
                    activity.with(|a| totals.add(a));
                }
            }
        });
        totals
    }

    /// The whole plan's totals (reactive: reads every activity).
    pub fn plan_totals(&self) -> BudgetTotals {
        let mut totals = BudgetTotals::default();
        self.activities
            .with(|list| list.iter().for_each(|s| s.with(|a| totals.add(a))));
        totals
    }

    /// A goal's totals (reactive: reads its indicators' links and those activities).
    pub fn goal_totals(&self, goal: GoalState) -> BudgetTotals {
        let ids: Vec<ActivityId> = goal.indicators.with(|list| {
            list.iter()
                .flat_map(|i| i.with(|i| i.activity_ids.clone()))
                .collect()
        });
        self.totals_of(ids)
    }

    /// Every check that fails on the working copy, by the model's own rules and in the order
    /// of [`model::plan_checks`]: activities first, then indicators in plan order (reactive:
    /// reads every goal, indicator and activity).
    pub fn checks(&self) -> Vec<Check> {
        let mut checks: Vec<Check> = self.activities.with(|list| {
            list.iter()
                .filter_map(|a| a.with(withdrawal_plan_check))
                .collect()
        });
        self.goals.with(|goals| {
            for goal in goals {
                let number = goal.number.get();
                goal.indicators.with(|list| {
                    for indicator in list {
                        indicator.with(|i| {
                            let at = IndicatorRef {
                                goal: number,
                                indicator: i.number,
                            };
                            checks.extend(indicator_checks(at, i));
                        });
                    }
                });
            }
        });
        checks
    }

    /// Puts a field's text (from the server or the outbox) into the working copy; a text that
    /// does not parse, or a field no longer in the plan, changes nothing.
    pub fn apply_text(&self, field: Field, text: &str) {
        let Ok(value) = parse_value(&field, text) else {
            return;
        };
        match field {
            Field::Header(_) => self.header.update(|h| {
                let _ = apply_to_header(h, &field, value);
            }),
            Field::Goal(id, _) => {
                if let (Some(goal), Value::Name(title)) = (
                    self.goals
                        .with_untracked(|g| g.iter().copied().find(|g| g.id == id)),
                    value,
                ) {
                    goal.title.set(title);
                }
            }
            Field::Indicator(id, _) | Field::Report(id, _, _) => {
                if let Some(indicator) = self.indicator(id) {
                    indicator.update(|i| {
                        let _ = apply_to_indicator(i, &field, value);
                    });
                }
            }
            Field::Activity(id, _) | Field::ActivityQuarter(id, _, _) => {
                if let Some(activity) = self.activity(id) {
                    activity.update(|a| {
                        let _ = apply_to_activity(a, &field, value);
                    });
                }
            }
        }
    }

    fn indicator(&self, id: IndicatorId) -> Option<RwSignal<Indicator>> {
        self.goal_of(id).and_then(|goal| {
            goal.indicators.with_untracked(|list| {
                list.iter()
                    .copied()
                    .find(|i| i.with_untracked(|i| i.id == Some(id)))
            })
        })
    }

    // Applying what the server confirmed, in place.

    pub fn goal_added(&self, goal: Goal) {
        self.goals.update(|list| list.push(GoalState::new(goal)));
    }

    pub fn goal_removed(&self, id: GoalId) {
        self.goals.update(|list| list.retain(|g| g.id != id));
        self.renumber_goals();
    }

    pub fn goal_moved(&self, id: GoalId, direction: Direction) {
        self.goals.update(|list| {
            if let Some(index) = list.iter().position(|g| g.id == id) {
                move_within(list, index, direction);
            }
        });
        self.renumber_goals();
    }

    fn renumber_goals(&self) {
        for (i, goal) in self.goals.get_untracked().iter().enumerate() {
            goal.number.set(i as u32 + 1);
        }
    }

    fn goal_of(&self, indicator: IndicatorId) -> Option<GoalState> {
        self.goals.with_untracked(|goals| {
            goals.iter().copied().find(|g| {
                g.indicators.with_untracked(|list| {
                    list.iter()
                        .any(|i| i.with_untracked(|i| i.id == Some(indicator)))
                })
            })
        })
    }

    pub fn indicator_added(&self, goal: GoalId, indicator: Indicator) {
        if let Some(goal) = self
            .goals
            .with_untracked(|goals| goals.iter().copied().find(|g| g.id == goal))
        {
            goal.indicators
                .update(|list| list.push(RwSignal::new(indicator)));
        }
    }

    pub fn indicator_removed(&self, id: IndicatorId) {
        if let Some(goal) = self.goal_of(id) {
            goal.indicators
                .update(|list| list.retain(|i| i.with_untracked(|i| i.id != Some(id))));
            renumber_indicators(goal);
        }
    }

    pub fn indicator_moved(&self, id: IndicatorId, direction: Direction) {
        if let Some(goal) = self.goal_of(id) {
            goal.indicators.update(|list| {
                if let Some(index) = list
                    .iter()
                    .position(|i| i.with_untracked(|i| i.id == Some(id)))
                {
                    move_within(list, index, direction);
                }
            });
            renumber_indicators(goal);
        }
    }

    pub fn activity_added(&self, activity: Activity) {
        self.activities
            .update(|list| list.push(RwSignal::new(activity)));
    }

    pub fn activity_removed(&self, id: ActivityId) {
        self.activities
            .update(|list| list.retain(|a| a.with_untracked(|a| a.id != id)));
        for goal in self.goals.get_untracked() {
            for indicator in goal.indicators.get_untracked() {
                if indicator.with_untracked(|i| i.activity_ids.contains(&id)) {
                    indicator.update(|i| i.activity_ids.retain(|a| *a != id));
                }
            }
        }
    }

    pub fn linked(&self, indicator: RwSignal<Indicator>, activity: ActivityId) {
        indicator.update(|i| {
            if !i.activity_ids.contains(&activity) {
                i.activity_ids.push(activity);
            }
        });
    }

    pub fn unlinked(&self, indicator: RwSignal<Indicator>, activity: ActivityId) {
        indicator.update(|i| i.activity_ids.retain(|a| *a != activity));
    }
}

fn renumber_indicators(goal: GoalState) {
    for (i, indicator) in goal.indicators.get_untracked().iter().enumerate() {
        let number = i as u32 + 1;
        if indicator.with_untracked(|i| i.number != number) {
            indicator.update(|i| i.number = number);
        }
    }
}

#[cfg(test)]
#[path = "state_tests.rs"]
mod tests;
