//! The answers belong to a person: (person, client id, sequence number). A client id another
//! person has sent from is refused, the same numbers for another plan are refused per edit (also
//! when two pushes race), and every answer is dated for the purge of old clients.

use super::{common, mutation, setup, Setup};
use crate::both;
use model::access::{Grant, Role};
use model::edit::{Field, ReportField};
use model::sync::Outcome;
use model::{PlanId, Quarter};
use server::storage::{InsertOutcome, Store, UnitPlacement};
use server::usecases::sync::push;

fn refused_with(outcome: &Outcome, words: &str) -> bool {
    matches!(outcome, Outcome::Rejected { reason } if reason.contains(words))
}

async fn note_of(store: &Store, s: &Setup) -> String {
    let plan = store.load_plan_unchecked(s.plan).await.unwrap().unwrap();
    plan.goals[0].indicators[0].quarters[0].note.clone()
}

async fn a_client_id_another_person_sent_from_is_refused_and_nothing_applied(store: &Store) {
    let s = setup(store).await;
    let colleague = common::operator(store, s.plan).await;
    let first = mutation("klien-bersama-01", 1, &s, s.note, "dari Sri", 0);
    assert_eq!(
        push(store, &s.operator, vec![first.clone()]).await.unwrap(),
        [Outcome::Applied { version: 1 }]
    );
    let before = common::history_len(store, s.plan).await;
    // The same id, and a new number from the same client, by someone else: neither is replayed
    // nor applied under their name.
    let same = mutation("klien-bersama-01", 1, &s, s.note, "dari Budi", 1);
    let next = mutation("klien-bersama-01", 2, &s, s.numerator, "7", 0);
    let answers = push(store, &colleague, vec![same, next.clone()])
        .await
        .unwrap();
    assert!(
        refused_with(&answers[0], "sudah dipakai oleh pengguna lain"),
        "{answers:?}"
    );
    assert!(
        refused_with(&answers[1], "sudah dipakai oleh pengguna lain"),
        "{answers:?}"
    );
    assert_eq!(note_of(store, &s).await, "dari Sri");
    assert_eq!(common::history_len(store, s.plan).await, before);
    // Refused again the same way: the refusal is not stored as theirs.
    assert!(refused_with(
        &push(store, &colleague, vec![next]).await.unwrap()[0],
        "pengguna lain"
    ));
    // The owner of the client id still gets their answers, and their own new numbers applied.
    let answers = push(
        store,
        &s.operator,
        vec![
            first,
            mutation("klien-bersama-01", 2, &s, s.numerator, "7", 0),
        ],
    )
    .await
    .unwrap();
    assert_eq!(
        answers,
        [
            Outcome::Applied { version: 1 },
            Outcome::Applied { version: 1 }
        ]
    );
    // The colleague's own client works as always.
    let own = mutation("klien-budi-0001", 1, &s, s.note, "dari Budi", 1);
    assert_eq!(
        push(store, &colleague, vec![own]).await.unwrap(),
        [Outcome::Applied { version: 2 }]
    );
}
both!(
    client_of_another,
    a_client_id_another_person_sent_from_is_refused_and_nothing_applied
);

/// A second plan, in a unit of its own, that the setup's operator may also edit, and the note of
/// its first indicator's first quarter.
async fn second_plan(store: &Store, s: &mut Setup) -> (PlanId, Field) {
    let mut plan = model::synthetic::synthetic_plan(2);
    plan.header.work_unit = "SATKER KEDUA".into();
    let InsertOutcome::Created(id) = store.insert_plan(&plan, &UnitPlacement::Top).await.unwrap()
    else {
        panic!("the second plan is new")
    };
    let unit = store.plan_unit(id).await.unwrap().unwrap();
    store
        .grant(
            s.operator.id,
            Grant {
                unit,
                role: Role::Operator,
            },
            &common::cli(),
        )
        .await
        .unwrap();
    s.operator = store.person(s.operator.id).await.unwrap().unwrap();
    let indicator = store.load_plan_unchecked(id).await.unwrap().unwrap().goals[0].indicators[0]
        .id
        .unwrap();
    (id, Field::Report(indicator, Quarter::Q1, ReportField::Note))
}

async fn the_same_numbers_for_another_plan_are_refused_per_edit_not_the_whole_push(store: &Store) {
    let mut s = setup(store).await;
    let (other, other_note) = second_plan(store, &mut s).await;
    let here = mutation("klien-dua-rencana", 1, &s, s.note, "di rencana satu", 0);
    let mut there = here.clone();
    there.plan = other;
    there.field = other_note;
    there.text = "di rencana dua".into();
    let after = mutation("klien-dua-rencana", 2, &s, s.numerator, "9", 0);
    // In one push, and again in later ones: the first is applied, the copy for the other plan is
    // refused, and the edit behind it is applied.
    let answers = push(store, &s.operator, vec![here.clone(), there.clone(), after])
        .await
        .unwrap();
    assert_eq!(answers[0], Outcome::Applied { version: 1 });
    assert!(
        refused_with(&answers[1], "sudah dipakai untuk rencana lain"),
        "{answers:?}"
    );
    assert_eq!(answers[2], Outcome::Applied { version: 1 });
    let answers = push(store, &s.operator, vec![there, here]).await.unwrap();
    assert!(refused_with(&answers[0], "rencana lain"), "{answers:?}");
    assert_eq!(answers[1], Outcome::Applied { version: 1 });
    assert_eq!(common::history_len(store, other).await, 0);
    assert_eq!(note_of(store, &s).await, "di rencana satu");
}
both!(
    numbers_in_two_plans,
    the_same_numbers_for_another_plan_are_refused_per_edit_not_the_whole_push
);

async fn two_pushes_racing_with_the_same_numbers_for_two_plans_apply_one_and_refuse_the_other(
    store: &Store,
) {
    let mut s = setup(store).await;
    let (other, other_note) = second_plan(store, &mut s).await;
    // Each note's version as the client knows it: every edit is made on the newest.
    let (mut here_version, mut there_version) = (0, 0);
    for round in 0..12 {
        let here = mutation(
            &format!("klien-balap-{round:02}"),
            1,
            &s,
            s.note,
            &format!("satu {round}"),
            here_version,
        );
        let mut there = here.clone();
        there.plan = other;
        there.field = other_note;
        there.base_version = there_version;
        let (a, b) = tokio::join!(
            push(store, &s.operator, vec![here]),
            push(store, &s.operator, vec![there])
        );
        let (a, b) = (a.unwrap(), b.unwrap());
        let applied = [&a[0], &b[0]]
            .iter()
            .filter(|o| matches!(o, Outcome::Applied { .. }))
            .count();
        assert_eq!(applied, 1, "round {round}: {a:?} {b:?}");
        assert!(
            refused_with(&a[0], "rencana lain") || refused_with(&b[0], "rencana lain"),
            "round {round}: {a:?} {b:?}"
        );
        if let Outcome::Applied { version } = a[0] {
            here_version = version;
        }
        if let Outcome::Applied { version } = b[0] {
            there_version = version;
        }
    }
    assert_eq!(
        common::history_len(store, s.plan).await + common::history_len(store, other).await,
        12
    );
}
both!(
    racing_numbers,
    two_pushes_racing_with_the_same_numbers_for_two_plans_apply_one_and_refuse_the_other
);

// Every answer is dated when given: a purge by (client, age) removes old answers only.
crate::both_kinds!(
    each_answer_is_dated_when_given_so_old_ones_can_be_purged,
    dated_answers
);

async fn dated_answers(kind: common::Kind) {
    let _serial = common::SERIAL.lock().await;
    let db = common::TestDb::new(kind).await;
    let store = &db.store;
    let s = setup(store).await;
    let start = server::clock::now().0;
    let m = mutation("klien-tua-00001", 1, &s, s.note, "pertama", 0);
    assert_eq!(
        push(store, &s.operator, vec![m.clone()]).await.unwrap(),
        [Outcome::Applied { version: 1 }]
    );
    server::usecases::editing::save_fields(
        store,
        &s.operator,
        s.plan,
        vec![model::edit::FieldEdit {
            field: s.note,
            text: "sesudahnya".into(),
        }],
    )
    .await
    .unwrap();
    // A purge of answers older than the push leaves this one: the replay gets it.
    let older = format!(
        "DELETE FROM sync_mutations WHERE client_id = 'klien-tua-00001' AND created_at < {}",
        start - 1
    );
    db.execute_script((&older, &older)).await;
    assert_eq!(
        push(store, &s.operator, vec![m.clone()]).await.unwrap(),
        [Outcome::Applied { version: 1 }]
    );
    // A purge up to now removes it: the same edit is decided afresh (and is now a conflict).
    let up_to_now = format!(
        "DELETE FROM sync_mutations WHERE client_id = 'klien-tua-00001' AND created_at >= {} AND created_at <= {}",
        start - 1,
        server::clock::now().0 + 1
    );
    db.execute_script((&up_to_now, &up_to_now)).await;
    let again = push(store, &s.operator, vec![m]).await.unwrap();
    assert!(matches!(again[0], Outcome::Conflict { .. }), "{again:?}");
    db.finish().await;
}

/// A database at the schema before answers were kept per person, holding one answer; the store
/// then brings it up to date.
async fn upgraded_with_an_old_answer(kind: common::Kind) {
    let old_answer = "INSERT INTO sync_mutations (client_id, seq, user_id, plan_id, outcome) \
                      VALUES ('klien-lama-0001', 1, 5, 7, '{\"Applied\":{\"version\":3}}')";
    let db = common::TestDb::upgraded(kind, 8, (old_answer, old_answer)).await;
    let answers = db.store.sync_answers(PlanId(7)).await.unwrap();
    assert_eq!(
        answers.get(&("klien-lama-0001".to_owned(), 1)),
        Some(&Outcome::Applied { version: 3 })
    );
    db.finish().await;
}

// The upgrade keeps the answers given before it: a replay after it is still answered, not
// applied again.
crate::both_kinds!(
    answers_given_before_the_upgrade_are_kept,
    upgraded_with_an_old_answer
);
