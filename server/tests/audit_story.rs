//! The audit trail: each kind of change (a field from a form, a change of shape, a workflow step)
//! leaves exactly one correct entry, saying who, where, which field, old value and new value.

#![allow(clippy::unwrap_used)]

mod common;

use model::access::Person;
use model::audit::{AuditEntry, HistoryFilter};
use model::edit::structure::{Created, Direction, StructureEdit};
use model::edit::{
    ActivityField, Field, FieldEdit, GoalField, HeaderField, IndicatorField, MoneyField,
    ReportField,
};
use model::workflow::Transition;
use model::{PlanId, Quarter};
use server::storage::Store;
use server::usecases::editing::{change_structure, save_fields};

async fn newest(store: &Store, plan: PlanId, before: usize) -> AuditEntry {
    let all = store.history(plan, HistoryFilter::default()).await.unwrap();
    assert_eq!(all.len(), before + 1, "exactly one new entry: {all:#?}");
    all.into_iter().next().unwrap()
}

async fn save(store: &Store, who: &Person, plan: PlanId, field: Field, text: &str) {
    save_fields(
        store,
        who,
        plan,
        vec![FieldEdit {
            field,
            text: text.into(),
        }],
    )
    .await
    .unwrap();
}

/// (place, field, old, new) of the newest entry, after checking who made it.
fn said(entry: &AuditEntry, who: &Person) -> (String, String, String, String) {
    assert_eq!(entry.by, who.name);
    let c = &entry.change;
    (
        c.place.clone(),
        c.field.clone(),
        c.old.clone(),
        c.new.clone(),
    )
}

fn s(place: &str, field: &str, old: &str, new: &str) -> (String, String, String, String) {
    (place.into(), field.into(), old.into(), new.into())
}

async fn every_kind_of_field_change_leaves_one_correct_entry(store: &Store) {
    let id = common::demo_plan(store).await;
    let who = common::operator(store, id).await;
    let plan = store.load_plan(id).await.unwrap().unwrap();
    let goal = plan.goals[0].id.unwrap();
    let indicator = plan.goals[0].indicators[0].id.unwrap();
    let activity = plan.activities[0].id;
    let activity_name = plan.activities[0].name.clone();
    let cases = [
        (
            Field::Header(HeaderField::PlaceDate),
            "Luwuk, 2 Januari 2024",
            s(
                "Kepala rencana",
                "Tempat dan tanggal",
                plan.header.place_date.clone().unwrap_or_default().as_str(),
                "Luwuk, 2 Januari 2024",
            ),
        ),
        (
            Field::Goal(goal, GoalField::Title),
            "Sasaran diubah",
            s(
                "Sasaran 1",
                "Sasaran",
                &plan.goals[0].title,
                "Sasaran diubah",
            ),
        ),
        (
            Field::Indicator(indicator, IndicatorField::TargetValue),
            "90",
            s("Indikator 1.1", "Target", "85", "90"),
        ),
        (
            Field::Report(indicator, Quarter::Q2, ReportField::Numerator),
            "1.140",
            s("Indikator 1.1", "A TW II", "", "1.140"),
        ),
        (
            Field::Activity(activity, ActivityField::Name),
            "Dukungan makanan",
            s(
                &format!("Kegiatan {activity_name}"),
                "Nama kegiatan",
                &activity_name,
                "Dukungan makanan",
            ),
        ),
        (
            Field::ActivityQuarter(activity, Quarter::Q3, MoneyField::Realization),
            "12.500.000",
            s(
                "Kegiatan Dukungan makanan",
                "Realisasi TW III",
                "",
                "12.500.000",
            ),
        ),
    ];
    for (field, text, expected) in cases {
        let before = common::history_len(store, id).await;
        save(store, &who, id, field, text).await;
        let entry = newest(store, id, before).await;
        assert_eq!(said(&entry, &who), expected, "{field:?}");
    }
    // Saving the same values again changes nothing and records nothing.
    let before = common::history_len(store, id).await;
    save(
        store,
        &who,
        id,
        Field::Indicator(indicator, IndicatorField::TargetValue),
        "90",
    )
    .await;
    assert_eq!(common::history_len(store, id).await, before);
    // A refused edit records nothing either.
    let refused = save_fields(
        store,
        &who,
        id,
        vec![FieldEdit {
            field: Field::Report(indicator, Quarter::Q1, ReportField::Numerator),
            text: "abc".into(),
        }],
    )
    .await;
    assert!(refused.is_err());
    assert_eq!(common::history_len(store, id).await, before);
}
both!(fields, every_kind_of_field_change_leaves_one_correct_entry);

async fn every_kind_of_structure_change_and_workflow_step_leaves_one_correct_entry(store: &Store) {
    let id = common::demo_plan(store).await;
    let who = common::operator(store, id).await;
    let plan = store.load_plan(id).await.unwrap().unwrap();
    let goal = plan.goals[1].id.unwrap();
    let indicator = plan.goals[0].indicators[1].id.unwrap();
    let activity = plan.activities[2].id;
    let activity_name = plan.activities[2].name.clone();
    let step = |edit| async { change_structure(store, &who, id, edit).await.unwrap() };

    let before = common::history_len(store, id).await;
    let Created::Goal(added) = step(StructureEdit::AddGoal {
        title: "Sasaran baru".into(),
    })
    .await
    else {
        panic!()
    };
    assert_eq!(
        said(&newest(store, id, before).await, &who),
        s("Sasaran 5", "Sasaran ditambahkan", "", "Sasaran baru")
    );

    let before = common::history_len(store, id).await;
    step(StructureEdit::AddIndicator {
        goal: added.id.unwrap(),
        name: "Indikator baru".into(),
    })
    .await;
    let entry = newest(store, id, before).await;
    assert_eq!(
        said(&entry, &who),
        s("Sasaran 5", "Indikator ditambahkan", "", "Indikator baru")
    );
    assert!(entry.change.subject.indicator.is_some());

    let before = common::history_len(store, id).await;
    step(StructureEdit::MoveGoal {
        goal,
        direction: Direction::Up,
    })
    .await;
    assert_eq!(
        said(&newest(store, id, before).await, &who),
        s("Sasaran 2", "Urutan", "Sasaran 2", "dipindah ke atas")
    );

    let before = common::history_len(store, id).await;
    step(StructureEdit::Link {
        indicator,
        activity,
    })
    .await;
    let entry = newest(store, id, before).await;
    assert_eq!(
        said(&entry, &who),
        s("Indikator 2.2", "Kegiatan ditautkan", "", &activity_name)
    );
    assert_eq!(entry.change.subject.activity, Some(activity));

    let before = common::history_len(store, id).await;
    step(StructureEdit::Unlink {
        indicator,
        activity,
    })
    .await;
    assert_eq!(
        said(&newest(store, id, before).await, &who),
        s("Indikator 2.2", "Kegiatan dilepas", &activity_name, "")
    );

    let before = common::history_len(store, id).await;
    step(StructureEdit::RemoveIndicator { indicator }).await;
    let name = &plan.goals[0].indicators[1].name;
    assert_eq!(
        said(&newest(store, id, before).await, &who),
        s("Indikator 2.2", "Indikator dihapus", name, "")
    );

    let before = common::history_len(store, id).await;
    let Created::Activity(new_activity) = step(StructureEdit::AddActivity {
        name: "Kegiatan uji".into(),
    })
    .await
    else {
        panic!()
    };
    assert_eq!(
        said(&newest(store, id, before).await, &who),
        s(
            "Kegiatan Kegiatan uji",
            "Kegiatan ditambahkan",
            "",
            "Kegiatan uji"
        )
    );
    let before = common::history_len(store, id).await;
    step(StructureEdit::RemoveActivity {
        activity: new_activity.id,
    })
    .await;
    assert_eq!(
        said(&newest(store, id, before).await, &who),
        s(
            "Kegiatan Kegiatan uji",
            "Kegiatan dihapus",
            "Kegiatan uji",
            ""
        )
    );

    // A workflow step, by the person who takes it.
    let before = common::history_len(store, id).await;
    server::usecases::quarters::change_quarter(store, &who, id, Quarter::Q1, Transition::Submit)
        .await
        .unwrap();
    let entry = newest(store, id, before).await;
    assert_eq!(entry.by, who.name);
    assert_eq!(
        (
            entry.change.place.as_str(),
            entry.change.field.as_str(),
            entry.change.old.as_str()
        ),
        ("Triwulan TW I", "Diajukan", "Draf")
    );
    assert!(entry
        .change
        .new
        .starts_with(&format!("Diajukan oleh {}", who.name)));
}
both!(
    shape_and_workflow,
    every_kind_of_structure_change_and_workflow_step_leaves_one_correct_entry
);

async fn the_history_of_one_indicator_quarter_or_activity_lists_only_its_entries(store: &Store) {
    let id = common::demo_plan(store).await;
    let who = common::operator(store, id).await;
    let plan = store.load_plan(id).await.unwrap().unwrap();
    let first = plan.goals[0].indicators[0].id.unwrap();
    let second = plan.goals[0].indicators[1].id.unwrap();
    let activity = plan.activities[0].id;
    save(
        store,
        &who,
        id,
        Field::Report(first, Quarter::Q1, ReportField::Note),
        "satu",
    )
    .await;
    save(
        store,
        &who,
        id,
        Field::Report(first, Quarter::Q2, ReportField::Note),
        "dua",
    )
    .await;
    save(
        store,
        &who,
        id,
        Field::Report(second, Quarter::Q1, ReportField::Note),
        "tiga",
    )
    .await;
    save(
        store,
        &who,
        id,
        Field::ActivityQuarter(activity, Quarter::Q1, MoneyField::Realization),
        "1.000",
    )
    .await;
    let notes = |filter| async move {
        store
            .history(id, filter)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.change.new)
            .collect::<Vec<_>>()
    };
    let f = |indicator, activity, quarter| HistoryFilter {
        indicator,
        activity,
        quarter,
    };
    assert_eq!(notes(f(Some(first), None, None)).await, ["dua", "satu"]);
    assert_eq!(
        notes(f(Some(first), None, Some(Quarter::Q1))).await,
        ["satu"]
    );
    assert_eq!(
        notes(f(None, None, Some(Quarter::Q1))).await,
        ["1.000", "tiga", "satu"]
    );
    assert_eq!(notes(f(None, Some(activity), None)).await, ["1.000"]);
}
both!(
    filters,
    the_history_of_one_indicator_quarter_or_activity_lists_only_its_entries
);
