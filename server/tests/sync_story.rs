//! Offline sync on the server: each (person, client, sequence number) applied at most once, a
//! replay answered the same, conflicts kept with both values until a person settles them, refusals that
//! never block the edits behind them, and a pull that says what changed since a cursor.

#![allow(clippy::unwrap_used)]

mod common;
#[path = "sync_story/people.rs"]
mod people;
#[path = "sync_story/stored_fields.rs"]
mod stored_fields;

use model::access::{Grant, Person, Role};
use model::edit::{Field, ReportField};
use model::sync::{Mutation, Outcome};
use model::workflow::Transition;
use model::{PlanId, Quarter};
use server::storage::Store;
use server::usecases::sync::{push, resolve, Resolution};

struct Setup {
    plan: PlanId,
    operator: Person,
    note: Field,
    numerator: Field,
}

async fn setup(store: &Store) -> Setup {
    let plan = common::demo_plan(store).await;
    let operator = common::operator(store, plan).await;
    let stored = store.load_plan_unchecked(plan).await.unwrap().unwrap();
    let indicator = stored.goals[0].indicators[0].id.unwrap();
    Setup {
        plan,
        operator,
        note: Field::Report(indicator, Quarter::Q1, ReportField::Note),
        numerator: Field::Report(indicator, Quarter::Q1, ReportField::Numerator),
    }
}

/// Two clients push the indicator's A typed on the same version: "12" is applied, "13" is a
/// conflict.
async fn two_clients_type_the_numerator(store: &Store, s: &Setup) {
    push(
        store,
        &s.operator,
        vec![
            mutation("klien-satu-0001", 1, s, s.numerator, "12", 0),
            mutation("klien-dua-00002", 1, s, s.numerator, "13", 0),
        ],
    )
    .await
    .unwrap();
}

/// An operator of another unit, who may not read the plan.
async fn stranger(store: &Store) -> Person {
    let elsewhere = store
        .create_unit("UNIT LAIN", None, &common::cli())
        .await
        .unwrap();
    common::person(
        store,
        &[Grant {
            unit: elsewhere,
            role: Role::Operator,
        }],
    )
    .await
}

fn mutation(client: &str, seq: u64, s: &Setup, field: Field, text: &str, base: u64) -> Mutation {
    Mutation {
        client: client.into(),
        seq,
        plan: s.plan,
        field,
        text: text.into(),
        base_version: base,
        after: None,
    }
}

async fn a_repeated_mutation_is_applied_once_and_answered_the_same(store: &Store) {
    let s = setup(store).await;
    let m = mutation("klien-satu-0001", 1, &s, s.note, "dari luring", 0);
    let first = push(store, &s.operator, vec![m.clone()]).await.unwrap();
    assert_eq!(first, [Outcome::Applied { version: 1 }]);
    let after_first = common::history_len(store, s.plan).await;
    let again = push(store, &s.operator, vec![m.clone(), m]).await.unwrap();
    assert_eq!(
        again,
        [
            Outcome::Applied { version: 1 },
            Outcome::Applied { version: 1 }
        ]
    );
    assert_eq!(common::history_len(store, s.plan).await, after_first);
}
both!(
    replay,
    a_repeated_mutation_is_applied_once_and_answered_the_same
);

async fn two_offline_edits_of_one_field_make_one_conflict_with_both_values(store: &Store) {
    let s = setup(store).await;
    let mine = mutation("klien-satu-0001", 1, &s, s.note, "versi Sri", 0);
    let theirs = mutation("klien-dua-00002", 1, &s, s.note, "versi Budi", 0);
    assert_eq!(
        push(store, &s.operator, vec![mine]).await.unwrap(),
        [Outcome::Applied { version: 1 }]
    );
    let answer = push(store, &s.operator, vec![theirs]).await.unwrap();
    let [Outcome::Conflict {
        conflict,
        server_text,
        server_version,
    }] = answer.as_slice()
    else {
        panic!("{answer:?}")
    };
    assert_eq!((server_text.as_str(), *server_version), ("versi Sri", 1));
    // The server kept its value; the conflict is listed with both.
    let plan = store.load_plan_unchecked(s.plan).await.unwrap().unwrap();
    assert_eq!(plan.goals[0].indicators[0].quarters[0].note, "versi Sri");
    let open = store.open_conflicts(s.plan).await.unwrap();
    assert_eq!(open.len(), 1);
    assert_eq!(
        (open[0].mine.as_str(), open[0].theirs.as_str()),
        ("versi Budi", "versi Sri")
    );
    // Keeping mine makes it the value, as a new version; the conflict is settled.
    resolve(store, &s.operator, s.plan, *conflict, Resolution::KeepMine)
        .await
        .unwrap();
    let plan = store.load_plan_unchecked(s.plan).await.unwrap().unwrap();
    assert_eq!(plan.goals[0].indicators[0].quarters[0].note, "versi Budi");
    assert!(store.open_conflicts(s.plan).await.unwrap().is_empty());
    assert!(resolve(
        store,
        &s.operator,
        s.plan,
        *conflict,
        Resolution::KeepServer
    )
    .await
    .is_err());
    let (_, changes) = store.changes_since(s.plan, 0).await.unwrap();
    assert_eq!(changes, [(s.note, 2)]);
}
both!(
    conflict,
    two_offline_edits_of_one_field_make_one_conflict_with_both_values
);

async fn a_refused_edit_leaves_the_queue_without_blocking_the_ones_behind_it(store: &Store) {
    let s = setup(store).await;
    let head = {
        let unit = store.plan_unit(s.plan).await.unwrap().unwrap();
        common::person(
            store,
            &[Grant {
                unit,
                role: Role::Pimpinan,
            }],
        )
        .await
    };
    server::usecases::quarters::change_quarter(
        store,
        &s.operator,
        s.plan,
        Quarter::Q2,
        Transition::Submit,
    )
    .await
    .unwrap();
    let seen = store.plan_version(s.plan).await.unwrap();
    server::usecases::quarters::change_quarter(
        store,
        &head,
        s.plan,
        Quarter::Q2,
        Transition::Approve { seen },
    )
    .await
    .unwrap();
    let indicator = match s.note {
        Field::Report(i, _, _) => i,
        _ => unreachable!(),
    };
    let locked = Field::Report(indicator, Quarter::Q2, ReportField::Note);
    let answers = push(
        store,
        &s.operator,
        vec![
            mutation("klien-satu-0001", 1, &s, s.numerator, "dua belas", 0),
            mutation("klien-satu-0001", 2, &s, locked, "terlambat", 0),
            mutation("klien-satu-0001", 3, &s, s.numerator, "12", 0),
        ],
    )
    .await
    .unwrap();
    assert!(
        matches!(&answers[0], Outcome::Rejected { reason } if reason.contains("A TW I")),
        "{answers:?}"
    );
    assert!(
        matches!(&answers[1], Outcome::Rejected { reason } if reason.contains(&format!("disetujui oleh {}", head.name))),
        "{answers:?}"
    );
    assert_eq!(answers[2], Outcome::Applied { version: 1 });

    // Someone who may no longer edit is refused, as themselves.
    let unit = store.plan_unit(s.plan).await.unwrap().unwrap();
    store
        .revoke(
            s.operator.id,
            Grant {
                unit,
                role: Role::Operator,
            },
            &common::cli(),
        )
        .await
        .unwrap();
    let who = store.person(s.operator.id).await.unwrap().unwrap();
    let answers = push(
        store,
        &who,
        vec![mutation("klien-satu-0001", 4, &s, s.note, "x", 0)],
    )
    .await
    .unwrap();
    assert!(
        matches!(&answers[0], Outcome::Rejected { reason } if reason.starts_with("Anda tidak berhak")),
        "{answers:?}"
    );
}
both!(
    refused,
    a_refused_edit_leaves_the_queue_without_blocking_the_ones_behind_it
);

async fn a_pull_lists_the_fields_changed_since_the_cursor(store: &Store) {
    let s = setup(store).await;
    let (start, none) = store.changes_since(s.plan, i64::MAX).await.unwrap();
    assert!(none.is_empty());
    push(
        store,
        &s.operator,
        vec![mutation("klien-satu-0001", 1, &s, s.note, "a", 0)],
    )
    .await
    .unwrap();
    let (middle, changes) = store.changes_since(s.plan, start).await.unwrap();
    assert_eq!(changes, [(s.note, 1)]);
    // A form save moves versions too.
    server::usecases::editing::save_fields(
        store,
        &s.operator,
        s.plan,
        vec![model::edit::FieldEdit {
            field: s.numerator,
            text: "7".into(),
        }],
    )
    .await
    .unwrap();
    let (_, changes) = store.changes_since(s.plan, middle).await.unwrap();
    assert_eq!(changes, [(s.numerator, 1)]);
}
both!(pull, a_pull_lists_the_fields_changed_since_the_cursor);

async fn an_edit_typed_over_the_persons_own_waiting_edit_is_no_conflict(store: &Store) {
    let s = setup(store).await;
    // After a reload offline, a new tab session types over the old session's waiting edit.
    let first = mutation("tab-lama-00001", 1, &s, s.note, "draf", 0);
    let mut second = mutation("tab-baru-00001", 1, &s, s.note, "draf akhir", 0);
    second.after = Some(first.id());
    let answers = push(store, &s.operator, vec![first.clone(), second])
        .await
        .unwrap();
    assert_eq!(
        answers,
        [
            Outcome::Applied { version: 1 },
            Outcome::Applied { version: 2 }
        ]
    );
    // Had someone else changed the field in between, it would be a conflict.
    let other = mutation("tab-lain-00001", 1, &s, s.note, "versi lain", 2);
    let mut late = mutation("tab-baru-00001", 2, &s, s.note, "draf ketiga", 0);
    late.after = Some(first.id());
    let answers = push(store, &s.operator, vec![other, late]).await.unwrap();
    assert_eq!(answers[0], Outcome::Applied { version: 3 });
    assert!(
        matches!(answers[1], Outcome::Conflict { .. }),
        "{answers:?}"
    );
}
both!(
    own_edit,
    an_edit_typed_over_the_persons_own_waiting_edit_is_no_conflict
);

async fn a_pull_sends_each_changed_fields_text_and_the_open_conflicts(store: &Store) {
    let s = setup(store).await;
    let start = server::usecases::sync::pull(store, &s.operator, s.plan, 0)
        .await
        .unwrap();
    assert!(start.changes.is_empty() && start.conflicts.is_empty());
    two_clients_type_the_numerator(store, &s).await;
    let pulled = server::usecases::sync::pull(store, &s.operator, s.plan, start.revision)
        .await
        .unwrap();
    assert_eq!(
        pulled.changes,
        [model::sync::FieldNow {
            field: s.numerator,
            text: "12".into(),
            version: 1
        }]
    );
    assert_eq!(pulled.conflicts.len(), 1);
    assert_eq!(
        (
            pulled.conflicts[0].mine.as_str(),
            pulled.conflicts[0].theirs.as_str()
        ),
        ("13", "12")
    );
    // Nothing new since: an empty pull.
    let again = server::usecases::sync::pull(store, &s.operator, s.plan, pulled.revision)
        .await
        .unwrap();
    assert!(again.changes.is_empty());
    // Someone without access to the plan pulls nothing.
    let stranger = stranger(store).await;
    assert!(server::usecases::sync::pull(store, &stranger, s.plan, 0)
        .await
        .is_err());
}
both!(
    pull_texts,
    a_pull_sends_each_changed_fields_text_and_the_open_conflicts
);

/// The plan page opens with one request: the plan as stored, the person's access, and the same
/// pull from 0 that `sync_pull` gives, with the plan loaded once for both.
async fn the_opened_plan_holds_the_stored_plan_the_access_and_a_pull_from_zero(store: &Store) {
    use app::api::ssr::PlanBackend;
    let s = setup(store).await;
    two_clients_type_the_numerator(store, &s).await;
    let opened = store.open_plan(&s.operator, s.plan).await.unwrap();
    assert_eq!(
        serde_json::to_value(&opened.plan).unwrap(),
        serde_json::to_value(store.load_plan_unchecked(s.plan).await.unwrap().unwrap()).unwrap()
    );
    assert_eq!(
        opened.pulled,
        server::usecases::sync::pull(store, &s.operator, s.plan, 0)
            .await
            .unwrap()
    );
    assert_eq!(opened.pulled.changes.len(), 1);
    assert_eq!(opened.pulled.changes[0].text, "12");
    assert_eq!(opened.pulled.conflicts.len(), 1);
    assert_eq!(opened.person, s.operator.id);
    assert!(opened.access.may_edit && !opened.access.may_decide);
    // Someone without access to the plan opens nothing.
    let stranger = stranger(store).await;
    assert!(matches!(
        store.open_plan(&stranger, s.plan).await,
        Err(app::error::AppError::Forbidden(_))
    ));
}
both!(
    opened_plan,
    the_opened_plan_holds_the_stored_plan_the_access_and_a_pull_from_zero
);

async fn an_edit_refused_only_because_of_another_in_the_same_push_is_applied_after_it(
    store: &Store,
) {
    use model::edit::ActivityField;
    let s = setup(store).await;
    let plan = store.load_plan_unchecked(s.plan).await.unwrap().unwrap();
    let activity = plan.activities[0].id;
    let budget = Field::Activity(activity, ActivityField::Budget);
    let blocked = Field::Activity(activity, ActivityField::Blocked);
    let pagu = plan.activities[0].budget;
    let plus = |amount: &str| pagu + model::Rupiah::parse(amount).unwrap();
    let (over, raised) = (plus("1.000"), plus("5.000"));
    // Typed offline in this order: a blokir above today's pagu, then the higher pagu.
    let answers = push(
        store,
        &s.operator,
        vec![
            mutation("klien-dua-00001", 1, &s, blocked, &over.to_string(), 0),
            mutation("klien-dua-00001", 2, &s, budget, &raised.to_string(), 0),
        ],
    )
    .await
    .unwrap();
    assert_eq!(
        answers,
        vec![
            Outcome::Applied { version: 1 },
            Outcome::Applied { version: 1 }
        ]
    );
    let stored = store.load_plan_unchecked(s.plan).await.unwrap().unwrap();
    assert_eq!(stored.activities[0].blocked, over);

    // A refused edit that a later one of the same field replaced stays refused: the newer text
    // is the one that counts.
    let far_over = plus("9.000").to_string();
    let answers = push(
        store,
        &s.operator,
        vec![
            mutation("klien-dua-00001", 3, &s, blocked, &far_over, 1),
            mutation("klien-dua-00001", 4, &s, blocked, "0", 1),
            mutation(
                "klien-dua-00001",
                5,
                &s,
                budget,
                &plus("20.000").to_string(),
                1,
            ),
        ],
    )
    .await
    .unwrap();
    assert!(
        matches!(&answers[0], Outcome::Rejected { reason } if reason.contains("melebihi pagu")),
        "{answers:?}"
    );
    let stored = store.load_plan_unchecked(s.plan).await.unwrap().unwrap();
    assert_eq!(stored.activities[0].blocked, model::Rupiah::ZERO);
}
both!(
    cross_field,
    an_edit_refused_only_because_of_another_in_the_same_push_is_applied_after_it
);

async fn a_push_over_the_limit_is_refused_whole_with_a_message_and_changes_nothing(store: &Store) {
    let s = setup(store).await;
    let before = common::history_len(store, s.plan).await;
    let notes = |count: usize| -> Vec<Mutation> {
        (1..=count as u64)
            .map(|seq| {
                mutation(
                    "klien-banyak-01",
                    seq,
                    &s,
                    s.note,
                    &format!("catatan {seq}"),
                    0,
                )
            })
            .collect()
    };
    let refused = push(
        store,
        &s.operator,
        notes(server::usecases::sync::MAX_PUSH_EDITS + 1),
    )
    .await;
    assert!(
        matches!(&refused, Err(app::error::AppError::TooLarge(m)) if m.contains("paling banyak 500")),
        "{refused:?}"
    );
    assert_eq!(common::history_len(store, s.plan).await, before);
    // At the limit it is taken.
    let answers = push(
        store,
        &s.operator,
        notes(server::usecases::sync::MAX_PUSH_EDITS),
    )
    .await
    .unwrap();
    assert_eq!(answers.len(), server::usecases::sync::MAX_PUSH_EDITS);
}
both!(
    push_limit,
    a_push_over_the_limit_is_refused_whole_with_a_message_and_changes_nothing
);

async fn edits_for_a_plan_one_may_not_edit_are_refused_without_writing_anything(store: &Store) {
    let s = setup(store).await;
    let unit = store.plan_unit(s.plan).await.unwrap().unwrap();
    let reader = common::person(
        store,
        &[Grant {
            unit,
            role: Role::Pimpinan,
        }],
    )
    .await;
    let m = mutation("klien-pimpinan-1", 1, &s, s.note, "bukan haknya", 0);
    let answers = push(store, &reader, vec![m.clone()]).await.unwrap();
    assert!(
        matches!(&answers[0], Outcome::Rejected { reason } if reason.contains("hanya operator")),
        "{answers:?}"
    );
    // No answer was stored: once the person may edit, the same edit is decided afresh.
    store
        .grant(
            reader.id,
            Grant {
                unit,
                role: Role::Operator,
            },
            &common::cli(),
        )
        .await
        .unwrap();
    let reader = store.person(reader.id).await.unwrap().unwrap();
    assert_eq!(
        push(store, &reader, vec![m]).await.unwrap(),
        [Outcome::Applied { version: 1 }]
    );
}
both!(
    refused_before_writing,
    edits_for_a_plan_one_may_not_edit_are_refused_without_writing_anything
);

// A stored answer that no longer reads refuses that one edit; the edits beside it are answered.
both_kinds!(
    an_unreadable_stored_answer_refuses_only_its_edit,
    unreadable_answer
);

async fn unreadable_answer(kind: common::Kind) {
    let _serial = common::SERIAL.lock().await;
    let db = common::TestDb::new(kind).await;
    let store = &db.store;
    let s = setup(store).await;
    let first = mutation("klien-rusak-0001", 1, &s, s.note, "pertama", 0);
    assert_eq!(
        push(store, &s.operator, vec![first.clone()]).await.unwrap(),
        [Outcome::Applied { version: 1 }]
    );
    let damage =
        "UPDATE sync_mutations SET outcome = '{rusak' WHERE client_id = 'klien-rusak-0001'";
    db.execute_script((damage, damage)).await;
    let second = mutation("klien-rusak-0001", 2, &s, s.numerator, "7", 0);
    let answers = push(store, &s.operator, vec![first, second]).await.unwrap();
    assert!(
        matches!(&answers[0], Outcome::Rejected { reason } if reason.contains("tidak dapat dibaca")),
        "{answers:?}"
    );
    assert_eq!(answers[1], Outcome::Applied { version: 1 });
    db.finish().await;
}
