//! The page's figures, read from its signals in place, agree with the model's on a whole plan.

use super::*;
use model::figures::{goal_totals, plan_totals};
use model::money::Rupiah;
use model::synthetic::synthetic_plan;
use rust_decimal::Decimal;

/// A 40-indicator plan with ids, where checks fail: an indicator's A above its B in TW II,
/// another's A and B described alike, an activity whose RPD misses its pagu.
fn plan_with_failing_checks() -> Plan {
    let mut plan = synthetic_plan(40);
    plan.id = Some(PlanId(1));
    let mut next = 0;
    for goal in &mut plan.goals {
        next += 1;
        goal.id = Some(GoalId(next));
        for indicator in &mut goal.indicators {
            next += 1;
            indicator.id = Some(IndicatorId(next));
        }
    }
    let second = &mut plan.goals[1].indicators[2];
    second.quarters[1].numerator = Some(Decimal::from(9));
    second.quarters[1].denominator = Some(Decimal::from(4));
    let third = &mut plan.goals[2].indicators[0];
    third.denominator_label = third.numerator_label.clone();
    plan.activities[3].budget = Rupiah::new(Decimal::from(1_234_567)).expect("a pagu");
    plan
}

#[test]
fn the_pages_checks_and_totals_are_the_models_on_the_same_plan() {
    // Signals live in an owner's arena (the server build sandboxes them per owner).
    Owner::new().with(|| {
        let plan = plan_with_failing_checks();
        let state = PlanState::new(plan.clone(), PlanAccess::default(), Default::default());

        let checks = state.checks();
        assert!(
            checks.len() >= 3,
            "the plan fails at least three checks: {checks:?}"
        );
        assert_eq!(checks, model::plan_checks(&plan));
        assert_eq!(state.plan_totals(), plan_totals(&plan));
        let goals = state.goals.get_untracked();
        for (goal, page) in plan.goals.iter().zip(goals) {
            assert_eq!(state.goal_totals(page), goal_totals(&plan, goal));
        }
    });
}
