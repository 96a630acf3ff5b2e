//! Writing edited fields: each validated value to its one column, in one transaction, only
//! where the row belongs to the plan named in the request.

use super::{codec, Part, PlanWrite, StoreError};
use model::edit::{ActivityField, Field, GoalField, HeaderField, MoneyField, Value};

/// A value as it is bound to its column.
enum Bind {
    Text(Option<String>),
    Int(Option<i64>),
}

impl PlanWrite {
    /// Stores every value; a field outside the plan fails (and, uncommitted, undoes) the write.
    pub async fn update_fields(&mut self, values: &[(Field, Value)]) -> Result<(), StoreError> {
        let plan = self.plan;
        for (field, value) in values {
            let (sql, keys) = statement(field);
            let query = match bind_value(field, value)? {
                Bind::Text(t) => sqlx::query(&sql).bind(t),
                Bind::Int(i) => sqlx::query(&sql).bind(i),
            };
            let query = keys.iter().fold(query, |q, k| q.bind(*k)).bind(plan.0);
            let done = query.execute(&mut *self.tx).await?;
            if done.rows_affected() != 1 {
                return Err(StoreError::NotInPlan(Part::Field(*field)));
            }
        }
        Ok(())
    }
}

/// The UPDATE for a field, and its key binds ($2..); the plan id is bound last.
fn statement(field: &Field) -> (String, Vec<i64>) {
    match field {
        Field::Header(h) => {
            let column = h.name();
            (
                format!("UPDATE plans SET {column} = $1 WHERE id = $2"),
                vec![],
            )
        }
        Field::Goal(id, GoalField::Title) => (
            "UPDATE goals SET title = $1 WHERE id = $2 AND plan_id = $3".into(),
            vec![id.0],
        ),
        Field::Indicator(id, f) => {
            let column = f.name();
            (
                format!(
                    "UPDATE indicators SET {column} = $1 WHERE id = $2 \
                     AND goal_id IN (SELECT id FROM goals WHERE plan_id = $3)"
                ),
                vec![id.0],
            )
        }
        Field::Report(id, q, f) => {
            let column = f.name();
            (
                format!(
                    "UPDATE indicator_quarters SET {column} = $1 WHERE indicator_id = $2 AND quarter = $3 \
                     AND indicator_id IN (SELECT i.id FROM indicators i JOIN goals g ON g.id = i.goal_id \
                     WHERE g.plan_id = $4)"
                ),
                vec![id.0, i64::from(q.number())],
            )
        }
        Field::Activity(id, f) => {
            let column = activity_column(*f);
            (
                format!("UPDATE activities SET {column} = $1 WHERE id = $2 AND plan_id = $3"),
                vec![id.0],
            )
        }
        Field::ActivityQuarter(id, q, f) => {
            let column = money_column(*f);
            (
                format!(
                    "UPDATE activity_quarters SET {column} = $1 WHERE activity_id = $2 AND quarter = $3 \
                     AND activity_id IN (SELECT id FROM activities WHERE plan_id = $4)"
                ),
                vec![id.0, i64::from(q.number())],
            )
        }
    }
}

/// An activity field's column: amounts are stored in sen (`*_sen`, migration 0010).
fn activity_column(field: ActivityField) -> &'static str {
    match field {
        ActivityField::Name => "name",
        ActivityField::Budget => "budget_sen",
        ActivityField::Blocked => "blocked_sen",
    }
}

fn money_column(field: MoneyField) -> &'static str {
    match field {
        MoneyField::WithdrawalPlan => "withdrawal_plan_sen",
        MoneyField::Realization => "realization_sen",
    }
}

fn bind_value(field: &Field, value: &Value) -> Result<Bind, StoreError> {
    let text = |t: &str| Bind::Text(Some(t.to_owned()));
    Ok(match value {
        Value::Year(y) => Bind::Int(Some(i64::from(*y))),
        Value::Name(t) => text(t),
        // A place/date left empty is no place/date; other free texts keep their empty string.
        Value::Text(t)
            if t.is_empty() && matches!(field, Field::Header(HeaderField::PlaceDate)) =>
        {
            Bind::Text(None)
        }
        Value::Text(t) => text(t),
        Value::Nip(n) => Bind::Text(n.as_ref().map(|n| n.as_str().to_owned())),
        Value::Decimal(d) => Bind::Text(Some(d.to_string())),
        Value::OptionalDecimal(d) => Bind::Text(d.map(|d| d.to_string())),
        Value::Money(m) => Bind::Int(Some(codec::sen("money", *m)?)),
        Value::OptionalMoney(m) => Bind::Int(codec::optional_sen("money", *m)?),
        Value::Status(s) => Bind::Text(s.map(|s| s.code().to_owned())),
        Value::Kind(k) => text(k.code()),
        Value::Polarity(p) => text(p.code()),
        Value::Aggregation(a) => text(a.code()),
    })
}
