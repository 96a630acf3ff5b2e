//! The audit trail: who changed what, when, from which value to which. The server records one
//! entry per changed field (and one per change of shape or workflow step), in the same
//! transaction as the change.

use crate::edit::structure::{Created, Direction, StructureEdit};
use crate::edit::{
    current_value, describe_place, EditError, Field, GoalField, IndicatorField, Value,
};
use crate::ids::{ActivityId, GoalId, IndicatorId};
use crate::plan::Plan;
use crate::quarter::Quarter;
use crate::time::{Timestamp, Zone};
use crate::workflow::{QuarterState, Transition};
use serde::{Deserialize, Serialize};

/// What an entry is about, for finding the history of one indicator, quarter or activity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subject {
    pub goal: Option<GoalId>,
    pub indicator: Option<IndicatorId>,
    pub activity: Option<ActivityId>,
    pub quarter: Option<Quarter>,
}

impl Subject {
    pub fn of(field: &Field) -> Subject {
        use Field::*;
        Subject {
            goal: match *field {
                Goal(goal, _) => Some(goal),
                _ => None,
            },
            indicator: match *field {
                Indicator(i, _) | Report(i, _, _) => Some(i),
                _ => None,
            },
            activity: match *field {
                Activity(a, _) | ActivityQuarter(a, _, _) => Some(a),
                _ => None,
            },
            quarter: match *field {
                Report(_, q, _) | ActivityQuarter(_, q, _) => Some(q),
                _ => None,
            },
        }
    }
}

/// One change, before it is stamped with who and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub subject: Subject,
    /// Where on the page: `Indikator 1.2`.
    pub place: String,
    /// Which field: `A TW II`, or the kind of change: `Indikator ditambahkan`.
    pub field: String,
    pub old: String,
    pub new: String,
}

/// Entries on one page of a plan's history.
pub const HISTORY_PAGE_SIZE: u32 = 100;

/// One page of a plan's history, newest first.
pub type HistoryPage = crate::paging::Paged<AuditEntry>;

/// A recorded change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: Timestamp,
    /// The person's name as it was when they made the change.
    pub by: String,
    pub change: Change,
}

/// The change that setting `field` to `value` makes to `plan` (read before it is applied), or
/// `None` when the value is the one already there: saving a row records only what changed.
pub fn field_change(
    plan: &Plan,
    field: &Field,
    value: &Value,
) -> Result<Option<Change>, EditError> {
    let old = current_value(plan, field)?;
    if &old == value {
        return Ok(None);
    }
    Ok(Some(Change {
        subject: Subject::of(field),
        place: describe_place(plan, field),
        field: field.label(),
        old: old.input_text(),
        new: value.input_text(),
    }))
}

/// Which entries a history page lists.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryFilter {
    pub indicator: Option<IndicatorId>,
    pub activity: Option<ActivityId>,
    pub quarter: Option<Quarter>,
}

impl HistoryFilter {
    /// Reads the history page's query: `indikator=ID`, `kegiatan=ID`, `tw=1..4`, each optional.
    /// A part that is there but not a number (or not a quarter) is refused, not ignored: the
    /// page would otherwise show more than was asked for.
    pub fn from_query(
        indicator: Option<&str>,
        activity: Option<&str>,
        quarter: Option<&str>,
    ) -> Result<HistoryFilter, String> {
        let id = |name: &str, raw: Option<&str>| {
            raw.map(|raw| {
                raw.trim()
                    .parse::<i64>()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or_else(|| {
                        format!(
                            "{name} \u{201c}{}\u{201d} tidak sah: tulis nomornya",
                            crate::text::excerpt(raw, 20)
                        )
                    })
            })
            .transpose()
        };
        let quarter = quarter.map(Quarter::from_query).transpose()?;
        Ok(HistoryFilter {
            indicator: id("Indikator", indicator)?.map(IndicatorId),
            activity: id("Kegiatan", activity)?.map(ActivityId),
            quarter,
        })
    }

    pub fn matches(&self, subject: &Subject) -> bool {
        (self.indicator.is_none() || self.indicator == subject.indicator)
            && (self.activity.is_none() || self.activity == subject.activity)
            && (self.quarter.is_none() || self.quarter == subject.quarter)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{parse_value, ReportField};
    use crate::testkit;

    #[test]
    fn a_changed_field_records_its_place_and_both_values() {
        let plan = testkit::stored_plan();
        let field = Field::Report(IndicatorId(11), Quarter::Q2, ReportField::Numerator);
        let value = parse_value(&field, "3").unwrap();
        let change = field_change(&plan, &field, &value).unwrap().unwrap();
        assert_eq!(change.place, "Indikator 1.2");
        assert_eq!(change.field, "A TW II");
        assert_eq!((change.old.as_str(), change.new.as_str()), ("", "3"));
        assert_eq!(change.subject.quarter, Some(Quarter::Q2));
    }

    #[test]
    fn saving_the_value_already_there_records_nothing() {
        let plan = testkit::stored_plan();
        let field = Field::Report(IndicatorId(10), Quarter::Q1, ReportField::Note);
        let value = parse_value(&field, "").unwrap();
        assert_eq!(field_change(&plan, &field, &value).unwrap(), None);
    }

    #[test]
    fn a_filter_keeps_only_its_indicator_and_quarter() {
        let subject = Subject::of(&Field::Report(
            IndicatorId(10),
            Quarter::Q3,
            ReportField::Note,
        ));
        let filter = |indicator, quarter| HistoryFilter {
            indicator,
            quarter,
            activity: None,
        };
        assert!(filter(Some(IndicatorId(10)), None).matches(&subject));
        assert!(filter(Some(IndicatorId(10)), Some(Quarter::Q3)).matches(&subject));
        assert!(!filter(Some(IndicatorId(10)), Some(Quarter::Q1)).matches(&subject));
        assert!(!filter(Some(IndicatorId(11)), None).matches(&subject));
    }

    #[test]
    fn a_history_query_is_read_part_by_part() {
        assert_eq!(
            HistoryFilter::from_query(Some("12"), None, Some(" 2")),
            Ok(HistoryFilter {
                indicator: Some(IndicatorId(12)),
                activity: None,
                quarter: Some(Quarter::Q2),
            })
        );
        assert_eq!(
            HistoryFilter::from_query(None, None, None),
            Ok(HistoryFilter::default())
        );
    }

    #[test]
    fn a_history_query_part_that_is_not_a_number_is_refused_not_ignored() {
        for (i, a, q) in [
            (Some("abc"), None, None),
            (None, Some("-3"), None),
            (None, None, Some("9")),
            (None, None, Some("Q1")),
        ] {
            assert!(
                HistoryFilter::from_query(i, a, q).is_err(),
                "{i:?} {a:?} {q:?}"
            );
        }
    }
}

/// The entry a change of shape leaves: `plan` as it was before, `created` what the change made.
pub fn structure_change(plan: &Plan, edit: &StructureEdit, created: &Created) -> Change {
    let none = Subject::default();
    let goal_place = |id: GoalId| describe_place(plan, &Field::Goal(id, GoalField::Title));
    let indicator_place =
        |id: IndicatorId| describe_place(plan, &Field::Indicator(id, IndicatorField::Name));
    let goal_title = |id: GoalId| {
        plan.goals
            .iter()
            .find(|g| g.id == Some(id))
            .map(|g| g.title.clone())
            .unwrap_or_default()
    };
    let indicator_name = |id: IndicatorId| {
        plan.indicators()
            .find(|i| i.id == Some(id))
            .map(|i| i.name.clone())
            .unwrap_or_default()
    };
    let activity_name = |id: ActivityId| {
        plan.activity(id)
            .map(|a| a.name.clone())
            .unwrap_or_default()
    };
    let direction = |d: &Direction| match d {
        Direction::Up => "dipindah ke atas",
        Direction::Down => "dipindah ke bawah",
    };
    let change = |subject, place: String, field: &str, old: String, new: String| Change {
        subject,
        place,
        field: field.into(),
        old,
        new,
    };
    // What a change is about: one part of the plan, or an indicator and an activity (a link).
    let of_goal = |goal: Option<GoalId>| Subject { goal, ..none };
    let of_indicator = |indicator: Option<IndicatorId>| Subject { indicator, ..none };
    let of_activity = |activity: Option<ActivityId>| Subject { activity, ..none };
    let of_link = |i: &IndicatorId, a: &ActivityId| Subject {
        indicator: Some(*i),
        activity: Some(*a),
        ..none
    };
    // An addition has no old value, a removal no new one; a move records where it was and the
    // way it went.
    let added = |subject: Subject, place: String, field: &str, new: String| {
        change(subject, place, field, String::new(), new)
    };
    let removed = |subject: Subject, place: String, field: &str, old: String| {
        change(subject, place, field, old, String::new())
    };
    let moved = |subject: Subject, place: String, d: &Direction| {
        change(subject, place.clone(), "Urutan", place, direction(d).into())
    };
    match edit {
        StructureEdit::AddGoal { title } => {
            let (goal, place) = match created {
                Created::Goal(g) => (g.id, format!("Sasaran {}", g.number)),
                _ => (None, "Sasaran baru".into()),
            };
            added(of_goal(goal), place, "Sasaran ditambahkan", title.clone())
        }
        StructureEdit::RemoveGoal { goal } => removed(
            of_goal(Some(*goal)),
            goal_place(*goal),
            "Sasaran dihapus",
            goal_title(*goal),
        ),
        StructureEdit::MoveGoal { goal, direction: d } => {
            moved(of_goal(Some(*goal)), goal_place(*goal), d)
        }
        StructureEdit::AddIndicator { goal, name } => {
            let indicator = match created {
                Created::Indicator(i) => i.id,
                _ => None,
            };
            let subject = Subject {
                goal: Some(*goal),
                indicator,
                ..none
            };
            added(
                subject,
                goal_place(*goal),
                "Indikator ditambahkan",
                name.clone(),
            )
        }
        StructureEdit::RemoveIndicator { indicator } => removed(
            of_indicator(Some(*indicator)),
            indicator_place(*indicator),
            "Indikator dihapus",
            indicator_name(*indicator),
        ),
        StructureEdit::MoveIndicator {
            indicator,
            direction: d,
        } => moved(
            of_indicator(Some(*indicator)),
            indicator_place(*indicator),
            d,
        ),
        StructureEdit::AddActivity { name } => {
            let activity = match created {
                Created::Activity(a) => Some(a.id),
                _ => None,
            };
            added(
                of_activity(activity),
                format!("Kegiatan {name}"),
                "Kegiatan ditambahkan",
                name.clone(),
            )
        }
        StructureEdit::RemoveActivity { activity } => removed(
            of_activity(Some(*activity)),
            format!("Kegiatan {}", activity_name(*activity)),
            "Kegiatan dihapus",
            activity_name(*activity),
        ),
        StructureEdit::Link {
            indicator,
            activity,
        } => added(
            of_link(indicator, activity),
            indicator_place(*indicator),
            "Kegiatan ditautkan",
            activity_name(*activity),
        ),
        StructureEdit::Unlink {
            indicator,
            activity,
        } => removed(
            of_link(indicator, activity),
            indicator_place(*indicator),
            "Kegiatan dilepas",
            activity_name(*activity),
        ),
    }
}

/// The entry a workflow step leaves. Its texts name the states' times on the clock of the
/// plan's unit (`zone`), as its readers see them.
pub fn workflow_change(
    quarter: Quarter,
    step: &Transition,
    before: &QuarterState,
    after: &QuarterState,
    zone: Zone,
) -> Change {
    Change {
        subject: Subject {
            quarter: Some(quarter),
            ..Subject::default()
        },
        place: format!("Triwulan {}", quarter.label()),
        field: step.label().into(),
        old: before.describe(zone),
        new: after.describe(zone),
    }
}

#[cfg(test)]
mod structure_tests {
    use super::*;
    use crate::testkit;

    #[test]
    fn removing_an_indicator_records_its_number_and_name() {
        let plan = testkit::stored_plan();
        let edit = StructureEdit::RemoveIndicator {
            indicator: IndicatorId(11),
        };
        let change = structure_change(&plan, &edit, &Created::Nothing);
        assert_eq!(change.place, "Indikator 1.2");
        assert_eq!(change.field, "Indikator dihapus");
        assert_eq!(change.old, "Persentase uji");
        assert_eq!(change.subject.indicator, Some(IndicatorId(11)));
    }

    #[test]
    fn linking_names_the_activity() {
        let plan = testkit::stored_plan();
        let edit = StructureEdit::Link {
            indicator: IndicatorId(10),
            activity: ActivityId(5),
        };
        let change = structure_change(&plan, &edit, &Created::Nothing);
        assert_eq!(
            (change.field.as_str(), change.new.as_str()),
            ("Kegiatan ditautkan", "Kegiatan 5")
        );
    }

    #[test]
    fn a_workflow_step_records_both_states() {
        let after = QuarterState::Approved {
            by: "Budi".into(),
            at: Timestamp(0),
        };
        let change = workflow_change(
            Quarter::Q1,
            &Transition::Approve {
                seen: crate::approval::PlanVersion(7),
            },
            &QuarterState::Draft,
            &after,
            Zone::Wita,
        );
        assert_eq!(change.place, "Triwulan TW I");
        assert_eq!(change.field, "Disetujui");
        assert_eq!(change.new, "Disetujui oleh Budi, 1 Jan 1970 08.00 WITA");
    }
}
