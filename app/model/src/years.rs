//! A unit lives through years: one plan a year, and next year's plan starts as a copy of this
//! year's ("Buat rencana 2025 dari 2024"). The copy keeps what a plan *is* (goals, indicators
//! with their definitions and targets, the planned work of each quarter, activities and which
//! indicators they fund) and none of what a year *did* (A and B, achievement, evidence, status,
//! notes, pagu, blokir, RPD, realization, approvals).

pub use crate::earlier_year::{earlier_year, EarlierFigure, EarlierPlan, EarlierYear};
use crate::{Activity, ActivityId, Goal, GoalId, Indicator, Plan, PlanId, QuarterReport};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use thiserror::Error;

/// The first and last fiscal year a plan may have.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// One of a unit's plans, as the year switcher lists it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanYear {
    pub year: i32,
    pub plan: PlanId,
}

/// What the person asked for: the new plan's year and what to copy into it (the copy form's
/// checkboxes, all ticked at first; a box left unticked leaves that goal or activity out).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CopyChoice {
    pub year: i32,
    /// Goals copied, with their indicators; the others are left out with theirs.
    pub goals: BTreeSet<GoalId>,
    /// Activities copied; an indicator keeps its links to these only.
    pub activities: BTreeSet<ActivityId>,
}

impl CopyChoice {
    /// Everything of `plan` into `year`.
    pub fn everything(plan: &Plan, year: i32) -> CopyChoice {
        CopyChoice {
            year,
            goals: plan.goals.iter().filter_map(|g| g.id).collect(),
            activities: plan.activities.iter().map(|a| a.id).collect(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum CopyError {
    #[error("Tahun rencana baru harus antara {first} dan {last} (tertulis: {0})", first = YEARS.start(), last = YEARS.end())]
    YearOutOfRange(i32),
    #[error("Rencana baru harus untuk tahun lain, bukan {0} yang sama")]
    SameYear(i32),
    #[error("Rencana ini tidak punya sasaran nomor {0}: muat ulang halaman lalu pilih lagi")]
    UnknownGoal(GoalId),
    #[error("Rencana ini tidak punya kegiatan nomor {0}: muat ulang halaman lalu pilih lagi")]
    UnknownActivity(ActivityId),
}

/// The plan for `choice.year` made from `plan`, not yet stored (it has no ids of its own; its
/// indicators link the source's activity ids, which the store maps to the new rows). Goals are
/// numbered again 1, 2, … in their order; an indicator keeps its number within its goal.
pub fn next_year_plan(plan: &Plan, choice: &CopyChoice) -> Result<Plan, CopyError> {
    let year = choice.year;
    if !YEARS.contains(&year) {
        return Err(CopyError::YearOutOfRange(year));
    }
    if year == plan.header.fiscal_year {
        return Err(CopyError::SameYear(year));
    }
    if let Some(unknown) = choice
        .goals
        .iter()
        .find(|id| !plan.goals.iter().any(|g| g.id == Some(**id)))
    {
        return Err(CopyError::UnknownGoal(*unknown));
    }
    if let Some(unknown) = choice
        .activities
        .iter()
        .find(|id| !plan.activities.iter().any(|a| a.id == **id))
    {
        return Err(CopyError::UnknownActivity(*unknown));
    }

    let activities: Vec<Activity> = plan
        .activities
        .iter()
        .filter(|a| choice.activities.contains(&a.id))
        .map(|a| Activity::new(a.id, &a.name))
        .collect();
    let goals = plan
        .goals
        .iter()
        .filter(|g| g.id.is_some_and(|id| choice.goals.contains(&id)))
        .zip(1..)
        .map(|(goal, number)| Goal {
            id: None,
            number,
            title: goal.title.clone(),
            indicators: goal
                .indicators
                .iter()
                .map(|i| indicator_for_next_year(i, &choice.activities))
                .collect(),
        })
        .collect();
    let mut header = plan.header.clone();
    header.title = retitled(&header.title, plan.header.fiscal_year, year);
    header.fiscal_year = year;
    // "Luwuk, 2 Januari 2024" is the day this year's plan was signed, not next year's.
    header.place_date = None;
    Ok(Plan {
        id: None,
        header,
        goals,
        activities,
    })
}

fn indicator_for_next_year(indicator: &Indicator, copied: &BTreeSet<ActivityId>) -> Indicator {
    Indicator {
        id: None,
        activity_ids: indicator
            .activity_ids
            .iter()
            .filter(|a| copied.contains(a))
            .copied()
            .collect(),
        quarters: indicator.quarters.clone().map(|q| QuarterReport {
            planned_work: q.planned_work,
            ..QuarterReport::default()
        }),
        ..indicator.clone()
    }
}

/// The title with this year's number replaced by the new one where it stands as a whole word
/// ("… TAHUN 2024" → "… TAHUN 2025"); a title without it is kept.
fn retitled(title: &str, from: i32, to: i32) -> String {
    let from = from.to_string();
    let mut out = String::with_capacity(title.len());
    let mut rest = title;
    while let Some(at) = rest.find(&from) {
        let (before, after) = (&rest[..at], &rest[at + from.len()..]);
        let digit_before = before
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit());
        let digit_after = after.chars().next().is_some_and(|c| c.is_ascii_digit());
        out.push_str(before);
        if digit_before || digit_after {
            out.push_str(&from);
        } else {
            out.push_str(&to.to_string());
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{activity, goal, indicator, linked, plan};
    use crate::{IndicatorKind, Quarter, Rupiah, Status};

    /// Two goals (three indicators), three activities; activity 2 funds 1.1 and 2.1.
    fn filled() -> Plan {
        let full = ["1.000.000", "1.000.000", "1.000.000", "1.000.000"];
        let ratio = || indicator(IndicatorKind::Ratio, "85", [(Some("3"), Some("4")); 4]);
        let mut first = goal(
            1,
            vec![linked(ratio(), 1, &[1, 2]), linked(ratio(), 2, &[3])],
        );
        first.id = Some(GoalId(1));
        let mut second = goal(2, vec![linked(ratio(), 1, &[2])]);
        second.id = Some(GoalId(2));
        let mut plan = plan(
            vec![first, second],
            (1..=3)
                .map(|id| activity(id, "4.000.000", "10", full, full))
                .collect(),
        );
        plan.header.title = "RENCANA KEGIATAN PK TAHUN 2024".into();
        plan.header.place_date = Some("Luwuk, 2 Januari 2024".into());
        for indicator in plan.goals.iter_mut().flat_map(|g| g.indicators.iter_mut()) {
            for report in &mut indicator.quarters {
                report.planned_work = "Rapat koordinasi".into();
                report.achievement = "75%".into();
                report.evidence = "Laporan".into();
                report.status = Some(Status::Done);
                report.note = "catatan".into();
            }
        }
        plan
    }

    fn choice(year: i32) -> CopyChoice {
        CopyChoice::everything(&filled(), year)
    }

    #[test]
    fn the_copy_keeps_goals_indicators_targets_planned_work_activities_and_links() {
        let source = filled();
        let copy = next_year_plan(&source, &choice(2025)).expect("copied");
        assert_eq!(copy.id, None);
        assert_eq!(copy.header.fiscal_year, 2025);
        assert_eq!(copy.header.title, "RENCANA KEGIATAN PK TAHUN 2025");
        assert_eq!(copy.header.work_unit, source.header.work_unit);
        assert_eq!(copy.header.signatory, source.header.signatory);
        assert_eq!(copy.goals.len(), source.goals.len());
        for (new, old) in copy.goals.iter().zip(&source.goals) {
            assert_eq!(
                (new.id, new.number, &new.title),
                (None, old.number, &old.title)
            );
            for (ni, oi) in new.indicators.iter().zip(&old.indicators) {
                assert_eq!(ni.id, None);
                assert_eq!(
                    (ni.number, &ni.name, &ni.target, &ni.formula),
                    (oi.number, &oi.name, &oi.target, &oi.formula)
                );
                assert_eq!(
                    (&ni.numerator_label, &ni.denominator_label),
                    (&oi.numerator_label, &oi.denominator_label)
                );
                assert_eq!(
                    (ni.kind, ni.polarity, ni.aggregation),
                    (oi.kind, oi.polarity, oi.aggregation)
                );
                assert_eq!(ni.activity_ids, oi.activity_ids);
                for q in Quarter::ALL {
                    assert_eq!(ni.quarter(q).planned_work, "Rapat koordinasi");
                }
            }
        }
        let names: Vec<_> = copy.activities.iter().map(|a| (a.id, &a.name)).collect();
        let before: Vec<_> = source.activities.iter().map(|a| (a.id, &a.name)).collect();
        assert_eq!(names, before);
    }

    #[test]
    fn the_copy_carries_no_figures_reports_evidence_or_signing_date() {
        let copy = next_year_plan(&filled(), &choice(2025)).expect("copied");
        assert_eq!(copy.header.place_date, None);
        for indicator in copy.indicators() {
            for q in Quarter::ALL {
                let report = indicator.quarter(q);
                assert_eq!(
                    report,
                    &QuarterReport {
                        planned_work: "Rapat koordinasi".into(),
                        ..QuarterReport::default()
                    }
                );
            }
        }
        for activity in &copy.activities {
            assert_eq!(
                (activity.budget, activity.blocked),
                (Rupiah::ZERO, Rupiah::ZERO)
            );
            assert!(activity.quarters.iter().all(|q| q == &Default::default()));
        }
    }

    #[test]
    fn a_goal_left_out_takes_its_indicators_and_the_rest_are_numbered_again() {
        let source = filled();
        let first = source.goals[0].id.expect("stored");
        let mut chosen = choice(2025);
        chosen.goals.remove(&first);
        let copy = next_year_plan(&source, &chosen).expect("copied");
        assert_eq!(copy.goals.len(), source.goals.len() - 1);
        for (new, old) in copy.goals.iter().zip(&source.goals[1..]) {
            assert_eq!(new.title, old.title);
            assert_eq!(new.indicators.len(), old.indicators.len());
        }
        let numbers: Vec<u32> = copy.goals.iter().map(|g| g.number).collect();
        assert_eq!(numbers, (1..=copy.goals.len() as u32).collect::<Vec<_>>());
    }

    #[test]
    fn an_activity_left_out_is_unlinked_from_every_indicator_that_funded_it() {
        let source = filled();
        let shared = source
            .activities
            .iter()
            .map(|a| a.id)
            .max_by_key(|id| {
                source
                    .indicators()
                    .filter(|i| i.activity_ids.contains(id))
                    .count()
            })
            .expect("the sample has activities");
        assert_eq!(shared, ActivityId(2));
        let mut chosen = choice(2025);
        chosen.activities.remove(&shared);
        let copy = next_year_plan(&source, &chosen).expect("copied");
        assert!(copy.activities.iter().all(|a| a.id != shared));
        assert!(copy.indicators().all(|i| !i.activity_ids.contains(&shared)));
        for (new, old) in copy.indicators().zip(source.indicators()) {
            let kept: Vec<_> = old
                .activity_ids
                .iter()
                .filter(|a| **a != shared)
                .copied()
                .collect();
            assert_eq!(new.activity_ids, kept);
        }
    }

    #[test]
    fn the_year_in_the_title_follows_the_new_year_and_nothing_else_changes() {
        assert_eq!(
            retitled("RENCANA KEGIATAN PK TAHUN 2024", 2024, 2025),
            "RENCANA KEGIATAN PK TAHUN 2025"
        );
        assert_eq!(retitled("PK 2024/2024", 2024, 2026), "PK 2026/2026");
        assert_eq!(
            retitled("NOMOR 120245 TAHUN 2024", 2024, 2025),
            "NOMOR 120245 TAHUN 2025"
        );
        assert_eq!(retitled("RENCANA KEGIATAN", 2024, 2025), "RENCANA KEGIATAN");
    }

    #[test]
    fn nothing_ticked_makes_a_plan_with_no_goals_and_no_activities() {
        let mut chosen = choice(2025);
        chosen.goals.clear();
        chosen.activities.clear();
        let copy = next_year_plan(&filled(), &chosen).expect("copied");
        assert!(copy.goals.is_empty() && copy.activities.is_empty());
    }

    #[test]
    fn a_copy_into_the_same_year_or_outside_the_years_is_refused() {
        let source = filled();
        let year = source.header.fiscal_year;
        assert_eq!(
            next_year_plan(&source, &choice(year)),
            Err(CopyError::SameYear(year))
        );
        assert_eq!(
            next_year_plan(&source, &choice(1999)),
            Err(CopyError::YearOutOfRange(1999))
        );
        assert_eq!(
            next_year_plan(&source, &choice(2101)),
            Err(CopyError::YearOutOfRange(2101))
        );
        assert!(CopyError::SameYear(year).to_string().contains("tahun lain"));
    }

    #[test]
    fn copying_a_goal_or_activity_the_plan_does_not_have_is_refused() {
        let source = filled();
        let mut chosen = choice(2025);
        chosen.goals.insert(GoalId(9_999));
        assert_eq!(
            next_year_plan(&source, &chosen),
            Err(CopyError::UnknownGoal(GoalId(9_999)))
        );
        let mut chosen = choice(2025);
        chosen.activities.insert(ActivityId(9_999));
        assert_eq!(
            next_year_plan(&source, &chosen),
            Err(CopyError::UnknownActivity(ActivityId(9_999)))
        );
    }

    /// This year: 1.1 "Persentase A", 1.2 "Persentase B", 2.1 "Jumlah C" (ids 11, 12, 21).
    fn this_year() -> Plan {
        let named = |name: &str, number: u32, id: i64| {
            let mut i = indicator(IndicatorKind::Ratio, "80", [(None, None); 4]);
            i.name = name.into();
            i.number = number;
            i.id = Some(crate::IndicatorId(id));
            i
        };
        let mut first = goal(
            1,
            vec![named("Persentase A", 1, 11), named("Persentase B", 2, 12)],
        );
        first.title = "Sasaran satu".into();
        let mut second = goal(2, vec![named("Jumlah C", 1, 21)]);
        second.title = "Sasaran dua".into();
        let mut plan = plan(vec![first, second], Vec::new());
        plan.header.fiscal_year = 2025;
        plan
    }

    #[test]
    fn last_years_figures_follow_the_indicator_by_name_whatever_its_place() {
        // 2024: "persentase  a" (other case and spacing) under another goal, 3/4 in TW I only;
        // "Persentase B" twice, the one under "Sasaran satu" at 1/2; no "Jumlah C".
        let counted = |name: &str, a: &str, b: &str| {
            let mut i = indicator(IndicatorKind::Ratio, "80", [(None, None); 4]);
            i.name = name.into();
            i.quarters[0].numerator = Some(a.parse().expect("number"));
            i.quarters[0].denominator = Some(b.parse().expect("number"));
            i
        };
        let mut other = goal(
            1,
            vec![
                counted("Persentase B", "1", "4"),
                counted("persentase  a", "3", "4"),
            ],
        );
        other.title = "Sasaran lain".into();
        let mut same = goal(2, vec![counted("Persentase B", "1", "2")]);
        same.title = "Sasaran  SATU".into();
        let mut earlier = plan(vec![other, same], Vec::new());
        earlier.id = Some(PlanId(7));

        let figures = earlier_year(&this_year(), &earlier);
        assert_eq!((figures.year, figures.plan), (2024, Some(PlanId(7))));
        let shown: Vec<(i64, &str, Option<String>)> = figures
            .figures
            .iter()
            .map(|f| {
                (
                    f.indicator.0,
                    f.value_text.as_str(),
                    f.against_target.map(|d| d.to_string()),
                )
            })
            .collect();
        // 75 % of a target of 80 is 93.75 %; 50 % of 80 is 62.5 %.
        assert_eq!(
            shown,
            [
                (11, "75%", Some("93.75".to_owned())),
                (12, "50%", Some("62.50".to_owned())),
            ]
        );
    }

    #[test]
    fn an_earlier_plan_without_figures_shows_dashes_and_no_standing() {
        let mut earlier = this_year();
        earlier.header.fiscal_year = 2024;
        let figures = earlier_year(&this_year(), &earlier);
        assert_eq!(figures.figures.len(), 3);
        assert!(figures
            .figures
            .iter()
            .all(|f| f.value_text == crate::number::DASH && f.against_target.is_none()));
    }
}
