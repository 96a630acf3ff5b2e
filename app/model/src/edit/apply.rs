//! Applying a validated value to the plan, and reading a field's current value.

use super::field::{
    ActivityField, Field, GoalField, HeaderField, IndicatorField, MoneyField, ReportField,
};
use super::value::Value;
use super::EditError;
use crate::money::Rupiah;
use crate::plan::{Activity, Indicator, Plan, PlanHeader, Signatory};

/// Applies `value` to `field` of `plan`. Refuses a value of the wrong kind, an id the plan does
/// not hold, and a pagu blokir above the pagu.
pub fn apply(plan: &mut Plan, field: &Field, value: Value) -> Result<(), EditError> {
    match field {
        Field::Header(_) => apply_to_header(&mut plan.header, field, value),
        Field::Goal(id, GoalField::Title) => {
            let goal = plan
                .goals
                .iter_mut()
                .find(|g| g.id == Some(*id))
                .ok_or_else(|| EditError::NotFound(format!("Sasaran {id}")))?;
            goal.title = text(field, value)?;
            Ok(())
        }
        Field::Indicator(id, _) | Field::Report(id, _, _) => {
            let indicator = plan
                .goals
                .iter_mut()
                .flat_map(|g| g.indicators.iter_mut())
                .find(|i| i.id == Some(*id))
                .ok_or_else(|| EditError::NotFound(format!("Indikator {id}")))?;
            apply_to_indicator(indicator, field, value)
        }
        Field::Activity(id, _) | Field::ActivityQuarter(id, _, _) => {
            let activity = plan
                .activities
                .iter_mut()
                .find(|a| a.id == *id)
                .ok_or_else(|| EditError::NotFound(format!("Kegiatan {id}")))?;
            apply_to_activity(activity, field, value)
        }
    }
}

/// Why the work unit of a plan cannot be typed over.
pub const WORK_UNIT_IS_FIXED: &str =
    "mengikuti unit pemilik rencana dan tidak dapat diubah; rencana unit lain dibuat oleh unit itu sendiri";

pub fn apply_to_header(
    header: &mut PlanHeader,
    field: &Field,
    value: Value,
) -> Result<(), EditError> {
    let Field::Header(h) = field else {
        return Err(mismatch(field));
    };
    let signatory = || Signatory {
        position: String::new(),
        name: String::new(),
        nip: None,
    };
    match (h, value) {
        // A plan belongs to its unit: the header names the unit, it does not choose it.
        (HeaderField::WorkUnit, v) => {
            if text(field, v)? != header.work_unit {
                return Err(EditError::invalid(field, WORK_UNIT_IS_FIXED));
            }
        }
        (HeaderField::Title, v) => header.title = text(field, v)?,
        (HeaderField::FiscalYear, Value::Year(y)) => header.fiscal_year = y,
        (HeaderField::PlaceDate, v) => {
            let t = text(field, v)?;
            header.place_date = (!t.is_empty()).then_some(t);
        }
        (HeaderField::SignatoryPosition, v) => {
            header.signatory.get_or_insert_with(signatory).position = text(field, v)?
        }
        (HeaderField::SignatoryName, v) => {
            header.signatory.get_or_insert_with(signatory).name = text(field, v)?
        }
        (HeaderField::SignatoryNip, Value::Nip(nip)) => {
            header.signatory.get_or_insert_with(signatory).nip = nip
        }
        _ => return Err(mismatch(field)),
    }
    Ok(())
}

pub fn apply_to_indicator(
    indicator: &mut Indicator,
    field: &Field,
    value: Value,
) -> Result<(), EditError> {
    match (field, value) {
        (Field::Indicator(_, f), value) => match (f, value) {
            (IndicatorField::Name, v) => indicator.name = text(field, v)?,
            (IndicatorField::TargetUnit, v) => indicator.target.unit = text(field, v)?,
            (IndicatorField::Formula, v) => indicator.formula = text(field, v)?,
            (IndicatorField::NumeratorLabel, v) => indicator.numerator_label = text(field, v)?,
            (IndicatorField::DenominatorLabel, v) => indicator.denominator_label = text(field, v)?,
            (IndicatorField::TargetValue, Value::Decimal(d)) => indicator.target.value = d,
            (IndicatorField::Kind, Value::Kind(k)) => indicator.kind = k,
            (IndicatorField::Polarity, Value::Polarity(p)) => indicator.polarity = p,
            (IndicatorField::Aggregation, Value::Aggregation(a)) => indicator.aggregation = a,
            _ => return Err(mismatch(field)),
        },
        (Field::Report(_, q, f), value) => {
            let report = &mut indicator.quarters[q.index()];
            match (f, value) {
                (ReportField::PlannedWork, v) => report.planned_work = text(field, v)?,
                (ReportField::Achievement, v) => report.achievement = text(field, v)?,
                (ReportField::Evidence, v) => report.evidence = text(field, v)?,
                (ReportField::Note, v) => report.note = text(field, v)?,
                (ReportField::Numerator, Value::OptionalDecimal(d)) => report.numerator = d,
                (ReportField::Denominator, Value::OptionalDecimal(d)) => report.denominator = d,
                (ReportField::Status, Value::Status(s)) => report.status = s,
                _ => return Err(mismatch(field)),
            }
        }
        _ => return Err(mismatch(field)),
    }
    Ok(())
}

pub fn apply_to_activity(
    activity: &mut Activity,
    field: &Field,
    value: Value,
) -> Result<(), EditError> {
    match (field, value) {
        (Field::Activity(_, ActivityField::Name), v) => activity.name = text(field, v)?,
        (Field::Activity(_, ActivityField::Budget), Value::Money(m)) => {
            check_blocked(field, m, activity.blocked)?;
            activity.budget = m;
        }
        (Field::Activity(_, ActivityField::Blocked), Value::Money(m)) => {
            check_blocked(field, activity.budget, m)?;
            activity.blocked = m;
        }
        (Field::ActivityQuarter(_, q, MoneyField::WithdrawalPlan), Value::OptionalMoney(m)) => {
            activity.quarters[q.index()].withdrawal_plan = m;
        }
        (Field::ActivityQuarter(_, q, MoneyField::Realization), Value::OptionalMoney(m)) => {
            activity.quarters[q.index()].realization = m;
        }
        _ => return Err(mismatch(field)),
    }
    Ok(())
}

fn check_blocked(field: &Field, budget: Rupiah, blocked: Rupiah) -> Result<(), EditError> {
    if blocked > budget {
        return Err(EditError::invalid(
            field,
            format!("pagu blokir Rp {blocked} melebihi pagu Rp {budget}"),
        ));
    }
    Ok(())
}

fn text(field: &Field, value: Value) -> Result<String, EditError> {
    match value {
        Value::Name(t) | Value::Text(t) => Ok(t),
        _ => Err(mismatch(field)),
    }
}

fn mismatch(field: &Field) -> EditError {
    EditError::invalid(field, "nilai tidak sesuai dengan isian ini")
}
