//! Reading a field's current value, and naming the part of the plan it belongs to: what the
//! audit trail records as "old value" and "where".

use super::field::{
    ActivityField, Field, GoalField, HeaderField, IndicatorField, MoneyField, ReportField,
};
use super::value::Value;
use super::EditError;
use crate::plan::{Activity, ActivityQuarter, Indicator, Plan, PlanHeader, QuarterReport};

/// The value an indicator's definition field holds now.
pub fn indicator_value(i: &Indicator, field: IndicatorField) -> Value {
    match field {
        IndicatorField::Name => Value::Name(i.name.clone()),
        IndicatorField::TargetValue => Value::Decimal(i.target.value),
        IndicatorField::TargetUnit => Value::Text(i.target.unit.clone()),
        IndicatorField::Formula => Value::Text(i.formula.clone()),
        IndicatorField::NumeratorLabel => Value::Text(i.numerator_label.clone()),
        IndicatorField::DenominatorLabel => Value::Text(i.denominator_label.clone()),
        IndicatorField::Kind => Value::Kind(i.kind),
        IndicatorField::Polarity => Value::Polarity(i.polarity),
        IndicatorField::Aggregation => Value::Aggregation(i.aggregation),
    }
}

/// The value a heading or signature field holds now.
pub fn header_value(h: &PlanHeader, field: HeaderField) -> Value {
    let signatory = h.signatory.as_ref();
    match field {
        HeaderField::WorkUnit => Value::Name(h.work_unit.clone()),
        HeaderField::FiscalYear => Value::Year(h.fiscal_year),
        HeaderField::Title => Value::Name(h.title.clone()),
        HeaderField::SignatoryPosition => {
            Value::Text(signatory.map(|s| s.position.clone()).unwrap_or_default())
        }
        HeaderField::SignatoryName => {
            Value::Text(signatory.map(|s| s.name.clone()).unwrap_or_default())
        }
        HeaderField::SignatoryNip => Value::Nip(signatory.and_then(|s| s.nip.clone())),
        HeaderField::PlaceDate => Value::Text(h.place_date.clone().unwrap_or_default()),
    }
}

/// The value a field of one quarter's report holds now.
pub fn report_value(r: &QuarterReport, field: ReportField) -> Value {
    match field {
        ReportField::PlannedWork => Value::Text(r.planned_work.clone()),
        ReportField::Numerator => Value::OptionalDecimal(r.numerator),
        ReportField::Denominator => Value::OptionalDecimal(r.denominator),
        ReportField::Achievement => Value::Text(r.achievement.clone()),
        ReportField::Evidence => Value::Text(r.evidence.clone()),
        ReportField::Status => Value::Status(r.status),
        ReportField::Note => Value::Text(r.note.clone()),
    }
}

/// The value an activity's own field holds now.
pub fn activity_value(a: &Activity, field: ActivityField) -> Value {
    match field {
        ActivityField::Name => Value::Name(a.name.clone()),
        ActivityField::Budget => Value::Money(a.budget),
        ActivityField::Blocked => Value::Money(a.blocked),
    }
}

/// The value an activity's amount for one quarter holds now.
pub fn quarter_money_value(aq: &ActivityQuarter, field: MoneyField) -> Value {
    Value::OptionalMoney(match field {
        MoneyField::WithdrawalPlan => aq.withdrawal_plan,
        MoneyField::Realization => aq.realization,
    })
}

/// The value `field` holds in `plan` now.
pub fn current_value(plan: &Plan, field: &Field) -> Result<Value, EditError> {
    Ok(match field {
        Field::Header(f) => header_value(&plan.header, *f),
        Field::Goal(id, GoalField::Title) => {
            let goal = plan
                .goals
                .iter()
                .find(|g| g.id == Some(*id))
                .ok_or_else(|| EditError::NotFound(format!("Sasaran {id}")))?;
            Value::Name(goal.title.clone())
        }
        Field::Indicator(id, f) => indicator_value(indicator(plan, *id)?, *f),
        Field::Report(id, q, f) => report_value(indicator(plan, *id)?.quarter(*q), *f),
        Field::Activity(id, f) => activity_value(activity(plan, *id)?, *f),
        Field::ActivityQuarter(id, q, f) => {
            quarter_money_value(activity(plan, *id)?.quarter(*q), *f)
        }
    })
}

/// The part of the plan a field belongs to, as a person finds it on the page: `Indikator 1.2`,
/// `Kegiatan Layanan perkantoran`.
pub fn describe_place(plan: &Plan, field: &Field) -> String {
    match field {
        Field::Header(_) => "Kepala rencana".into(),
        Field::Goal(id, _) => plan
            .goals
            .iter()
            .find(|g| g.id == Some(*id))
            .map(|g| format!("Sasaran {}", g.number))
            .unwrap_or_else(|| format!("Sasaran #{id}")),
        Field::Indicator(id, _) | Field::Report(id, _, _) => plan
            .goals
            .iter()
            .find_map(|g| {
                g.indicators
                    .iter()
                    .find(|i| i.id == Some(*id))
                    .map(|i| format!("Indikator {}.{}", g.number, i.number))
            })
            .unwrap_or_else(|| format!("Indikator #{id}")),
        Field::Activity(id, _) | Field::ActivityQuarter(id, _, _) => plan
            .activity(*id)
            .map(|a| format!("Kegiatan {}", a.name))
            .unwrap_or_else(|| format!("Kegiatan #{id}")),
    }
}

fn indicator(plan: &Plan, id: crate::IndicatorId) -> Result<&Indicator, EditError> {
    plan.indicators()
        .find(|i| i.id == Some(id))
        .ok_or_else(|| EditError::NotFound(format!("Indikator {id}")))
}

fn activity(plan: &Plan, id: crate::ActivityId) -> Result<&Activity, EditError> {
    plan.activity(id)
        .ok_or_else(|| EditError::NotFound(format!("Kegiatan {id}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{apply, parse_value};
    use crate::quarter::Quarter;
    use crate::testkit;

    #[test]
    fn a_field_reads_back_the_value_just_applied() {
        let mut plan = testkit::stored_plan();
        let indicator = plan.goals[0].indicators[0].id.unwrap();
        let activity = plan.activities[0].id;
        for (field, text) in [
            (
                Field::Report(indicator, Quarter::Q2, ReportField::Numerator),
                "12,5",
            ),
            (
                Field::Indicator(indicator, IndicatorField::TargetValue),
                "100",
            ),
            (
                Field::Activity(activity, ActivityField::Budget),
                "5.160.600.000",
            ),
            (
                Field::ActivityQuarter(activity, Quarter::Q3, MoneyField::Realization),
                "1.000",
            ),
            (Field::Header(HeaderField::Title), "Rencana Aksi"),
        ] {
            let value = parse_value(&field, text).unwrap();
            apply(&mut plan, &field, value.clone()).unwrap();
            assert_eq!(current_value(&plan, &field).unwrap(), value, "{field:?}");
            assert_eq!(current_value(&plan, &field).unwrap().input_text(), text);
        }
    }

    #[test]
    fn a_place_is_named_as_the_page_numbers_it() {
        let plan = testkit::stored_plan();
        let indicator = plan.goals[0].indicators[1].id.unwrap();
        let field = Field::Report(indicator, Quarter::Q1, ReportField::Note);
        assert_eq!(describe_place(&plan, &field), "Indikator 1.2");
    }
}
