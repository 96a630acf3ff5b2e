//! The page's working copy of the plan: one signal per indicator and per activity, so a
//! keystroke recomputes only the figures that depend on what changed.

use leptos::prelude::*;
use model::checks::{indicator_checks, IndicatorRef};
use model::figures::{BudgetTotals, StandingThresholds};
use model::{Activity, ActivityId, Check, GoalId, Indicator, Plan, PlanHeader, PlanId};
use std::collections::BTreeSet;

pub struct GoalState {
    pub id: Option<GoalId>,
    pub number: u32,
    pub title: RwSignal<String>,
    pub indicators: Vec<RwSignal<Indicator>>,
}

pub struct PlanData {
    pub id: PlanId,
    pub header: RwSignal<PlanHeader>,
    pub goals: Vec<GoalState>,
    pub activities: Vec<RwSignal<Activity>>,
    pub thresholds: StandingThresholds,
}

/// A copyable handle to the working copy, provided as context to every part of the page.
#[derive(Clone, Copy)]
pub struct PlanState(StoredValue<PlanData>);

impl PlanState {
    pub fn new(plan: Plan) -> PlanState {
        let goals = plan
            .goals
            .into_iter()
            .map(|g| GoalState {
                id: g.id,
                number: g.number,
                title: RwSignal::new(g.title),
                indicators: g.indicators.into_iter().map(RwSignal::new).collect(),
            })
            .collect();
        PlanState(StoredValue::new(PlanData {
            id: plan.id.unwrap_or(PlanId(0)),
            header: RwSignal::new(plan.header),
            goals,
            activities: plan.activities.into_iter().map(RwSignal::new).collect(),
            thresholds: StandingThresholds::default(),
        }))
    }

    pub fn with<R>(&self, f: impl FnOnce(&PlanData) -> R) -> R {
        self.0.with_value(f)
    }

    pub fn id(&self) -> PlanId {
        self.with(|p| p.id)
    }

    pub fn header(&self) -> RwSignal<PlanHeader> {
        self.with(|p| p.header)
    }

    pub fn thresholds(&self) -> StandingThresholds {
        self.with(|p| p.thresholds)
    }

    pub fn activity(&self, id: ActivityId) -> Option<RwSignal<Activity>> {
        self.with(|p| {
            p.activities
                .iter()
                .copied()
                .find(|a| a.with_untracked(|a| a.id == id))
        })
    }

    pub fn activities(&self) -> Vec<RwSignal<Activity>> {
        self.with(|p| p.activities.clone())
    }

    /// Budget totals of the given activities, each counted once.
    pub fn totals_of(&self, ids: impl IntoIterator<Item = ActivityId>) -> BudgetTotals {
        let unique: BTreeSet<ActivityId> = ids.into_iter().collect();
        let activities: Vec<Activity> = unique
            .into_iter()
            .filter_map(|id| self.activity(id))
            .map(|s| s.get())
            .collect();
        BudgetTotals::of(&activities)
    }

    /// The whole plan's totals (reactive: reads every activity).
    pub fn plan_totals(&self) -> BudgetTotals {
        let activities: Vec<Activity> = self.activities().iter().map(|s| s.get()).collect();
        BudgetTotals::of(&activities)
    }

    /// A goal's totals (reactive: reads its indicators' links and those activities).
    pub fn goal_totals(&self, goal: usize) -> BudgetTotals {
        let ids: Vec<ActivityId> = self.with(|p| {
            p.goals
                .get(goal)
                .map(|g| {
                    g.indicators
                        .iter()
                        .flat_map(|i| i.with(|i| i.activity_ids.clone()))
                        .collect()
                })
                .unwrap_or_default()
        });
        self.totals_of(ids)
    }

    /// Every check that fails, computed from the working copy (reactive).
    pub fn checks(&self) -> Vec<Check> {
        let mut checks: Vec<Check> = self
            .activities()
            .iter()
            .filter_map(|a| a.with(model::checks::withdrawal_plan_check))
            .collect();
        self.with(|p| {
            for goal in &p.goals {
                for indicator in &goal.indicators {
                    indicator.with(|i| {
                        let at = IndicatorRef {
                            goal: goal.number,
                            indicator: i.number,
                        };
                        checks.extend(indicator_checks(at, i));
                    });
                }
            }
        });
        checks
    }
}
