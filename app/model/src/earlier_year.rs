//! Last year beside this year: the dashboard sets each indicator's figure from the unit's
//! latest earlier plan beside this year's. The earlier plan's figures are computed once, on the
//! server, from that plan alone ([`EarlierPlan`]); the browser matches them to this year's
//! indicators ([`EarlierPlan::matched`]) every time this year's plan changes, so a live update
//! never reloads last year's plan.

use crate::dashboard::year_to_date_against_target;
use crate::figures::{cumulative_value, format_value};
use crate::text::name_key;
use crate::{IndicatorId, Plan, PlanId, Quarter};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// An earlier year's plan of the same unit, as the dashboard sets it beside this year's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EarlierYear {
    pub year: i32,
    pub plan: Option<PlanId>,
    /// For each indicator of this year's plan that the earlier plan also has.
    pub figures: Vec<EarlierFigure>,
}

/// One indicator's year-to-date figure in an earlier year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EarlierFigure {
    /// The indicator in this year's plan.
    pub indicator: IndicatorId,
    /// Its year-to-date value then, as the plan page shows it ("87,50%", "4 Dokumen", "-").
    pub value_text: String,
    /// Against that year's target, in percent.
    pub against_target: Option<Decimal>,
}

/// Every indicator's year-to-date figure in an earlier plan, with what it is matched by: what
/// the server sends once, whatever this year's plan does meanwhile.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EarlierPlan {
    pub year: i32,
    pub plan: Option<PlanId>,
    /// In the plan's order.
    pub indicators: Vec<EarlierIndicator>,
}

/// One indicator of an earlier plan: its names as matched ([`name_key`]) and its figure.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EarlierIndicator {
    pub goal_key: String,
    pub name_key: String,
    pub value_text: String,
    pub against_target: Option<Decimal>,
}

impl EarlierPlan {
    /// The year-to-date figures of every indicator of `earlier`.
    pub fn of(earlier: &Plan) -> Self {
        let indicators = earlier
            .goals
            .iter()
            .flat_map(|goal| {
                let goal_key = name_key(&goal.title);
                goal.indicators.iter().map(move |then| EarlierIndicator {
                    goal_key: goal_key.clone(),
                    name_key: name_key(&then.name),
                    value_text: format_value(then, cumulative_value(then, Quarter::Q4)),
                    against_target: year_to_date_against_target(then),
                })
            })
            .collect();
        Self {
            year: earlier.header.fiscal_year,
            plan: earlier.id,
            indicators,
        }
    }

    /// These figures for the indicators of `plan`. An indicator is the same indicator when its
    /// name is (case and spacing aside): a copy keeps names, and so does a sheet imported again
    /// next year. Of several with that name, the one under a goal of the same title wins, then
    /// the first.
    pub fn matched(&self, plan: &Plan) -> EarlierYear {
        let figures = plan
            .goals
            .iter()
            .flat_map(|goal| {
                let goal_key = name_key(&goal.title);
                goal.indicators.iter().map(move |i| (goal_key.clone(), i))
            })
            .filter_map(|(goal_key, indicator)| {
                let id = indicator.id?;
                let name = name_key(&indicator.name);
                let mut same = self.indicators.iter().filter(|i| i.name_key == name);
                let first = same.clone().next()?;
                let then = same.find(|i| i.goal_key == goal_key).unwrap_or(first);
                Some(EarlierFigure {
                    indicator: id,
                    value_text: then.value_text.clone(),
                    against_target: then.against_target,
                })
            })
            .collect();
        EarlierYear {
            year: self.year,
            plan: self.plan,
            figures,
        }
    }
}

/// The figures of `earlier` for the indicators of `plan` (what the dashboard shows).
pub fn earlier_year(plan: &Plan, earlier: &Plan) -> EarlierYear {
    EarlierPlan::of(earlier).matched(plan)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{goal, indicator, plan};
    use crate::IndicatorKind;

    fn named(name: &str, id: i64, a: Option<&str>) -> crate::Indicator {
        let mut i = indicator(IndicatorKind::Ratio, "80", [(a, Some("4")); 4]);
        i.name = name.into();
        i.id = Some(IndicatorId(id));
        i
    }

    #[test]
    fn figures_sent_once_follow_this_years_plan_as_it_changes() {
        // 2024: "Persentase A" at 3/4 every quarter (75 %, 93.75 % of 80), "Persentase B" 1/4.
        let mut then = plan(
            vec![goal(
                1,
                vec![
                    named("Persentase A", 1, Some("3")),
                    named("Persentase B", 2, Some("1")),
                ],
            )],
            Vec::new(),
        );
        then.header.fiscal_year = 2024;
        let sent = EarlierPlan::of(&then);
        let mut now = plan(
            vec![goal(1, vec![named("Persentase A", 11, None)])],
            Vec::new(),
        );
        let ids = |e: EarlierYear| -> Vec<(i64, String)> {
            e.figures
                .into_iter()
                .map(|f| (f.indicator.0, f.value_text))
                .collect()
        };
        assert_eq!(ids(sent.matched(&now)), [(11, "75%".to_owned())]);
        // This year's plan gains "persentase  b" (another case and spacing) after the figures
        // were sent: matched without asking the server again.
        now.goals[0]
            .indicators
            .push(named("persentase  b", 12, None));
        assert_eq!(
            ids(sent.matched(&now)),
            [(11, "75%".to_owned()), (12, "25%".to_owned())]
        );
        assert_eq!(sent.matched(&now), earlier_year(&now, &then));
    }
}
