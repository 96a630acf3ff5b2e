//! A database filled with every kind of row Pantau stores, for stories that copy, restore or
//! upgrade one and compare it table by table.

// Shared by every test binary; only some of them use it.
#![allow(dead_code)]

use model::access::{Person, Role};
use model::edit::{Field, FieldEdit, MoneyField, ReportField};
use model::sync::{Mutation, Outcome};
use model::{PlanId, Quarter};
use server::ops::demo::{load_demo_data, DemoOutcome};
use server::storage::Store;
use server::usecases::editing::save_fields;

/// Fills a database as staff would: the demo plan, units and people; more people; edits by
/// form; an offline conflict; so every kind of row (plans, field versions, audit entries,
/// people, roles, sync answers, conflicts) is there to compare. Returns the plan and the
/// operator who edited it.
pub async fn every_kind_of_row(store: &Store) -> (PlanId, Person) {
    let plan = match load_demo_data(store).await.expect("load the demo data") {
        DemoOutcome::Loaded { plan, .. } => plan,
        other => panic!("{other:?}"),
    };
    let operator = super::operator(store, plan).await;
    super::person_in_unit(store, "UNIT LAIN", Role::Pimpinan).await;
    let stored = store
        .load_plan_unchecked(plan)
        .await
        .expect("read the plan")
        .expect("stored");
    let indicator = stored.goals[0].indicators[0]
        .id
        .expect("a stored indicator");
    let activity = stored.activities[0].id;
    let edit = |field, text: &str| FieldEdit {
        field,
        text: text.into(),
    };
    save_fields(
        store,
        &operator,
        plan,
        vec![
            edit(
                Field::Report(indicator, Quarter::Q1, ReportField::Denominator),
                "1.200",
            ),
            edit(
                Field::ActivityQuarter(activity, Quarter::Q1, MoneyField::Realization),
                "Rp 1.100.000.000",
            ),
        ],
    )
    .await
    .expect("save the edits");
    let numerator = Field::Report(indicator, Quarter::Q1, ReportField::Numerator);
    let outcomes = two_clients_type(store, &operator, plan, numerator).await;
    assert!(
        matches!(outcomes[1], Outcome::Conflict { .. }),
        "{outcomes:?}"
    );
    (plan, operator)
}

/// Two offline clients of `who` push `field` typed on its first version: "12" is applied, "13"
/// is a conflict.
pub async fn two_clients_type(
    store: &Store,
    who: &Person,
    plan: PlanId,
    field: Field,
) -> Vec<Outcome> {
    let typed = |client: &str, text: &str| Mutation {
        client: client.into(),
        seq: 1,
        plan,
        field,
        text: text.into(),
        base_version: 0,
        after: None,
    };
    server::usecases::sync::push(
        store,
        who,
        vec![
            typed("klien-satu-0001", "12"),
            typed("klien-dua-00002", "13"),
        ],
    )
    .await
    .expect("push")
}
