//! The audit trail: who changed what, when, from which value to which. The server records one
//! entry per changed field (and one per change of shape or workflow step), in the same
//! transaction as the change.

use crate::edit::{current_value, describe_place, EditError, Field, Value};
use crate::ids::{ActivityId, GoalId, IndicatorId};
use crate::plan::Plan;
use crate::quarter::Quarter;
use crate::time::Timestamp;
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
        let none = Subject::default();
        match *field {
            Field::Header(_) => none,
            Field::Goal(goal, _) => Subject {
                goal: Some(goal),
                ..none
            },
            Field::Indicator(i, _) => Subject {
                indicator: Some(i),
                ..none
            },
            Field::Report(i, q, _) => Subject {
                indicator: Some(i),
                quarter: Some(q),
                ..none
            },
            Field::Activity(a, _) => Subject {
                activity: Some(a),
                ..none
            },
            Field::ActivityQuarter(a, q, _) => Subject {
                activity: Some(a),
                quarter: Some(q),
                ..none
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
}
