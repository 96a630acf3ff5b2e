//! Approval means the figures are frozen: while a quarter is submitted or approved, every input
//! that changes its figures is refused (a form save, a sync push, a change of shape, a conflict
//! settled) with the quarter, its state, who and when; returning or reopening unfreezes. An
//! approval names the plan's version the pimpinan saw and is refused if the plan changed since.

#![allow(clippy::unwrap_used)]

mod common;

use app::error::AppError;
use model::access::{Grant, Person, Role};
use model::approval::PlanVersion;
use model::edit::structure::StructureEdit;
use model::edit::{
    current_value, ActivityField, Field, FieldEdit, IndicatorField, ReportField, Value,
};
use model::sync::{Mutation, Outcome};
use model::workflow::{QuarterState, Transition};
use model::{ActivityId, GoalId, IndicatorId, Plan, PlanId, Quarter};
use server::storage::Store;
use server::usecases::editing::{change_structure, save_fields};
use server::usecases::quarters::change_quarter;
use server::usecases::sync::{push, resolve, Resolution};

struct World {
    plan: PlanId,
    operator: Person,
    head: Person,
    before: Plan,
    goal: GoalId,
    indicator: IndicatorId,
    activity: ActivityId,
    /// An activity the indicator does not count yet.
    unlinked: ActivityId,
}

async fn world(store: &Store) -> World {
    let plan = common::demo_plan(store).await;
    let operator = common::operator(store, plan).await;
    let unit = store.plan_unit(plan).await.unwrap().unwrap();
    let head = common::person(
        store,
        &[Grant {
            unit,
            role: Role::Pimpinan,
        }],
    )
    .await;
    let before = store.load_plan_unchecked(plan).await.unwrap().unwrap();
    let indicator = &before.goals[0].indicators[0];
    let activity = indicator.activity_ids[0];
    let unlinked = before
        .activities
        .iter()
        .map(|a| a.id)
        .find(|a| !indicator.activity_ids.contains(a))
        .unwrap();
    World {
        plan,
        goal: before.goals[0].id.unwrap(),
        indicator: indicator.id.unwrap(),
        activity,
        unlinked,
        operator,
        head,
        before,
    }
}

/// Each input that changes TW I's figures, with a valid new value that differs from the stored one.
fn figure_edits(w: &World) -> Vec<FieldEdit> {
    let kind = Field::Indicator(w.indicator, IndicatorField::Kind);
    let other_kind = match current_value(&w.before, &kind)
        .unwrap()
        .input_text()
        .as_str()
    {
        "ratio" => "count",
        _ => "ratio",
    };
    let budget = Field::Activity(w.activity, ActivityField::Budget);
    let Value::Money(pagu) = current_value(&w.before, &budget).unwrap() else {
        panic!("pagu is money")
    };
    let edit = |field, text: &str| FieldEdit {
        field,
        text: text.into(),
    };
    vec![
        edit(
            Field::Indicator(w.indicator, IndicatorField::TargetValue),
            "77,7",
        ),
        edit(kind, other_kind),
        edit(
            budget,
            &model::Rupiah::new(pagu.amount() + rust_decimal::Decimal::ONE)
                .unwrap()
                .to_string(),
        ),
        edit(Field::Activity(w.activity, ActivityField::Blocked), "1.234"),
        edit(
            Field::Report(w.indicator, Quarter::Q1, ReportField::Numerator),
            "7",
        ),
    ]
}

fn mutation(w: &World, seq: u64, field: Field, text: &str) -> Mutation {
    Mutation {
        client: "klien-beku-0001".into(),
        seq,
        plan: w.plan,
        field,
        text: text.into(),
        base_version: 0,
        after: None,
    }
}

async fn step(store: &Store, who: &Person, w: &World, q: Quarter, t: Transition) -> QuarterState {
    change_quarter(store, who, w.plan, q, t)
        .await
        .unwrap()
        .state
}

async fn approve(store: &Store, w: &World, q: Quarter) -> QuarterState {
    let seen = store.plan_version(w.plan).await.unwrap();
    step(store, &w.head, w, q, Transition::Approve { seen }).await
}

/// "TW I sudah diajukan oleh Sri pada 28 Nov 2026 19.13 WIB": how every refusal begins (the
/// plan's unit has no zone set: WIB).
fn decided(state: &QuarterState) -> String {
    let wib = |at: &model::time::Timestamp| at.in_zone(model::time::Zone::Wib);
    match state {
        QuarterState::Submitted { by, at } => {
            format!("TW I sudah diajukan oleh {by} pada {}; ", wib(at))
        }
        QuarterState::Approved { by, at } => {
            format!("TW I sudah disetujui oleh {by} pada {}; ", wib(at))
        }
        other => panic!("{other:?}"),
    }
}

async fn a_form_save_of_any_figure_of_a_submitted_quarter_is_refused_until_it_is_returned(
    store: &Store,
) {
    let w = world(store).await;
    let submitted = step(store, &w.operator, &w, Quarter::Q1, Transition::Submit).await;
    let head = decided(&submitted);
    let recorded = common::history_len(store, w.plan).await;
    for edit in figure_edits(&w) {
        let label = edit.field.label();
        match save_fields(store, &w.operator, w.plan, vec![edit]).await {
            Err(AppError::Locked(why)) => assert!(why.starts_with(&head), "{label}: {why}"),
            other => panic!("{label}: {other:?}"),
        }
    }
    assert_eq!(
        store.load_plan_unchecked(w.plan).await.unwrap().unwrap(),
        w.before
    );
    assert_eq!(common::history_len(store, w.plan).await, recorded);
    // What no figure is computed from stays open, and so does TW II.
    let open = vec![
        FieldEdit {
            field: Field::Indicator(w.indicator, IndicatorField::Name),
            text: "Nama indikator baru".into(),
        },
        FieldEdit {
            field: Field::Report(w.indicator, Quarter::Q2, ReportField::Numerator),
            text: "3".into(),
        },
    ];
    save_fields(store, &w.operator, w.plan, open).await.unwrap();

    // Returned, every one of them goes through.
    step(
        store,
        &w.head,
        &w,
        Quarter::Q1,
        Transition::Return {
            comment: "Perbaiki target".into(),
        },
    )
    .await;
    save_fields(store, &w.operator, w.plan, figure_edits(&w))
        .await
        .unwrap();
    let after = store.load_plan_unchecked(w.plan).await.unwrap().unwrap();
    for edit in figure_edits(&w) {
        assert_eq!(
            current_value(&after, &edit.field).unwrap(),
            model::edit::parse_value(&edit.field, &edit.text).unwrap(),
            "{}",
            edit.field.label()
        );
    }
}
both!(
    form_save,
    a_form_save_of_any_figure_of_a_submitted_quarter_is_refused_until_it_is_returned
);

async fn a_sync_push_of_a_frozen_figure_is_refused_per_edit_and_the_edits_behind_it_apply(
    store: &Store,
) {
    let w = world(store).await;
    step(store, &w.operator, &w, Quarter::Q1, Transition::Submit).await;
    let approved = approve(store, &w, Quarter::Q1).await;
    let head = decided(&approved);
    let recorded = common::history_len(store, w.plan).await;
    let edits = figure_edits(&w);
    let mut mutations: Vec<Mutation> = edits
        .iter()
        .zip(1..)
        .map(|(e, seq)| mutation(&w, seq, e.field, &e.text))
        .collect();
    let later = Field::Report(w.indicator, Quarter::Q2, ReportField::Note);
    mutations.push(mutation(&w, 99, later, "masih terbuka"));
    let answers = push(store, &w.operator, mutations).await.unwrap();
    for (edit, answer) in edits.iter().zip(&answers) {
        assert!(
            matches!(answer, Outcome::Rejected { reason } if reason.starts_with(&head)),
            "{}: {answer:?}",
            edit.field.label()
        );
    }
    assert_eq!(answers[edits.len()], Outcome::Applied { version: 1 });
    let stored = store.load_plan_unchecked(w.plan).await.unwrap().unwrap();
    for edit in &edits {
        assert_eq!(
            current_value(&stored, &edit.field).unwrap(),
            current_value(&w.before, &edit.field).unwrap()
        );
    }
    assert_eq!(common::history_len(store, w.plan).await, recorded + 1);

    // Reopened, the same edits (new sequence numbers: the refusals stay answered) apply.
    step(store, &w.head, &w, Quarter::Q1, Transition::Reopen).await;
    let again: Vec<Mutation> = edits
        .iter()
        .zip(101..)
        .map(|(e, seq)| mutation(&w, seq, e.field, &e.text))
        .collect();
    let answers = push(store, &w.operator, again).await.unwrap();
    assert!(
        answers
            .iter()
            .all(|a| matches!(a, Outcome::Applied { version: 1 })),
        "{answers:?}"
    );
}
both!(
    sync_push,
    a_sync_push_of_a_frozen_figure_is_refused_per_edit_and_the_edits_behind_it_apply
);

async fn linking_unlinking_and_removing_are_refused_while_a_quarter_is_decided(store: &Store) {
    let w = world(store).await;
    let submitted = step(store, &w.operator, &w, Quarter::Q1, Transition::Submit).await;
    let recorded = common::history_len(store, w.plan).await;
    let refused = [
        (
            StructureEdit::Link {
                indicator: w.indicator,
                activity: w.unlinked,
            },
            "tautan kegiatan tidak dapat diubah",
        ),
        (
            StructureEdit::Unlink {
                indicator: w.indicator,
                activity: w.activity,
            },
            "tautan kegiatan tidak dapat diubah",
        ),
        (
            StructureEdit::RemoveGoal { goal: w.goal },
            "sasaran tidak dapat dihapus",
        ),
        (
            StructureEdit::RemoveIndicator {
                indicator: w.indicator,
            },
            "indikator tidak dapat dihapus",
        ),
        (
            StructureEdit::RemoveActivity {
                activity: w.activity,
            },
            "kegiatan tidak dapat dihapus",
        ),
    ];
    for (edit, what) in &refused {
        let expected = format!(
            "{}{what} karena mengubah angka triwulan itu. Minta pimpinan mengembalikan triwulan itu.",
            decided(&submitted)
        );
        assert_eq!(
            change_structure(store, &w.operator, w.plan, edit.clone()).await,
            Err(AppError::Locked(expected))
        );
    }
    assert_eq!(
        store.load_plan_unchecked(w.plan).await.unwrap().unwrap(),
        w.before
    );
    assert_eq!(common::history_len(store, w.plan).await, recorded);
    // Adding changes no figure.
    change_structure(
        store,
        &w.operator,
        w.plan,
        StructureEdit::AddActivity {
            name: "Kegiatan tambahan".into(),
        },
    )
    .await
    .unwrap();

    // Approved and reopened: the link goes through.
    approve(store, &w, Quarter::Q1).await;
    assert!(matches!(
        change_structure(store, &w.operator, w.plan, refused[0].0.clone()).await,
        Err(AppError::Locked(why)) if why.contains("sudah disetujui oleh")
    ));
    step(store, &w.head, &w, Quarter::Q1, Transition::Reopen).await;
    change_structure(store, &w.operator, w.plan, refused[0].0.clone())
        .await
        .unwrap();
    let stored = store.load_plan_unchecked(w.plan).await.unwrap().unwrap();
    let linked = stored.goals[0].indicators[0].activity_ids.clone();
    assert!(linked.contains(&w.unlinked));
}
both!(
    shape,
    linking_unlinking_and_removing_are_refused_while_a_quarter_is_decided
);

async fn a_conflict_on_a_frozen_figure_cannot_be_settled_with_a_new_value(store: &Store) {
    let w = world(store).await;
    let field = Field::Report(w.indicator, Quarter::Q1, ReportField::Numerator);
    // One tab's edit lands; another's, typed on the old version, becomes a conflict.
    push(store, &w.operator, vec![mutation(&w, 1, field, "5")])
        .await
        .unwrap();
    let mut theirs = mutation(&w, 1, field, "6");
    theirs.client = "klien-beku-0002".into();
    let [Outcome::Conflict { conflict, .. }] =
        push(store, &w.operator, vec![theirs]).await.unwrap()[..]
    else {
        panic!("a conflict")
    };
    step(store, &w.operator, &w, Quarter::Q1, Transition::Submit).await;
    assert!(matches!(
        resolve(store, &w.operator, w.plan, conflict, Resolution::KeepMine).await,
        Err(AppError::Locked(why)) if why.starts_with("TW I sudah diajukan oleh")
    ));
    let stored = store.load_plan_unchecked(w.plan).await.unwrap().unwrap();
    assert_eq!(
        current_value(&stored, &field).unwrap().input_text(),
        "5".to_owned()
    );
    // Keeping the server's value changes nothing, so it is allowed.
    resolve(store, &w.operator, w.plan, conflict, Resolution::KeepServer)
        .await
        .unwrap();
}
both!(
    conflict,
    a_conflict_on_a_frozen_figure_cannot_be_settled_with_a_new_value
);

async fn an_approval_names_the_version_it_saw_and_is_refused_with_what_changed_since(
    store: &Store,
) {
    let w = world(store).await;
    step(store, &w.operator, &w, Quarter::Q1, Transition::Submit).await;
    let seen = store.plan_version(w.plan).await.unwrap();
    // Saving what is already there changes nothing and records nothing: the version holds.
    let name = Field::Indicator(w.indicator, IndicatorField::Name);
    let same = current_value(&w.before, &name).unwrap().input_text();
    save_fields(
        store,
        &w.operator,
        w.plan,
        vec![FieldEdit {
            field: name,
            text: same.clone(),
        }],
    )
    .await
    .unwrap();
    assert_eq!(store.plan_version(w.plan).await.unwrap(), seen);
    // The operator changes TW II while the pimpinan looks at TW I.
    let q2 = Field::Report(w.indicator, Quarter::Q2, ReportField::Numerator);
    push(store, &w.operator, vec![mutation(&w, 1, q2, "42")])
        .await
        .unwrap();
    let recorded = common::history_len(store, w.plan).await;
    let states = store.quarter_states(w.plan).await.unwrap();
    let refusal = change_quarter(
        store,
        &w.head,
        w.plan,
        Quarter::Q1,
        Transition::Approve { seen },
    )
    .await;
    let place = model::edit::describe_place(&w.before, &q2);
    let old = match current_value(&w.before, &q2).unwrap().input_text() {
        empty if empty.is_empty() => "\u{2013}".to_owned(),
        old => old,
    };
    assert_eq!(
        refusal,
        Err(AppError::Stale(format!(
            "Data berubah sejak Anda membuka halaman ini: {place}, A TW II: {old} \u{2192} 42 (oleh {}). \
             Muat ulang halaman, periksa perubahannya, lalu setujui lagi.",
            w.operator.name
        )))
    );
    // Nothing stored: the quarter is still submitted, no entry was written.
    assert_eq!(store.quarter_states(w.plan).await.unwrap(), states);
    assert_eq!(common::history_len(store, w.plan).await, recorded);
    // A version the plan never had is refused too.
    let future = PlanVersion(store.plan_version(w.plan).await.unwrap().0 + 1_000);
    assert!(matches!(
        change_quarter(
            store,
            &w.head,
            w.plan,
            Quarter::Q1,
            Transition::Approve { seen: future }
        )
        .await,
        Err(AppError::Invalid(_))
    ));

    // With the version the page now shows, it passes, and the answer names the new version.
    let current = store.plan_version(w.plan).await.unwrap();
    let done = change_quarter(
        store,
        &w.head,
        w.plan,
        Quarter::Q1,
        Transition::Approve { seen: current },
    )
    .await
    .unwrap();
    assert!(done.state.is_locked());
    assert!(done.version > current);
    assert_eq!(done.version, store.plan_version(w.plan).await.unwrap());
    // The page that took that step names its new version in the next approval.
    step(store, &w.operator, &w, Quarter::Q2, Transition::Submit).await;
    assert!(matches!(
        change_quarter(store, &w.head, w.plan, Quarter::Q2, Transition::Approve { seen: done.version }).await,
        Err(AppError::Stale(why)) if why.contains("Triwulan TW II, Diajukan")
    ));
}
both!(
    stale_approval,
    an_approval_names_the_version_it_saw_and_is_refused_with_what_changed_since
);
