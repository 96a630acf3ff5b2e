//! Changing the plan's shape, told once and run against SQLite and PostgreSQL.

#![allow(clippy::unwrap_used)]

mod common;

use app::error::AppError;
use model::edit::structure::{Created, Direction, StructureEdit};
use model::{GoalId, Plan, PlanId};
use server::storage::Store;
use server::usecases::editing::change_structure;

async fn reload(store: &Store, id: PlanId) -> Plan {
    store.load_plan(id).await.unwrap().unwrap()
}

fn names(plan: &Plan, goal: usize) -> Vec<(u32, String)> {
    plan.goals[goal]
        .indicators
        .iter()
        .map(|i| (i.number, i.name.clone()))
        .collect()
}

async fn added_things_are_stored_with_the_next_number(store: &Store) {
    let (id, plan) = common::demo(store).await;
    let Created::Goal(goal) = change_structure(
        store,
        &common::operator(store, id).await,
        id,
        StructureEdit::AddGoal {
            title: " Sasaran baru ".into(),
        },
    )
    .await
    .unwrap() else {
        panic!("a goal")
    };
    assert_eq!((goal.number, goal.title.as_str()), (5, "Sasaran baru"));
    let goal_id = goal.id.unwrap();
    let Created::Indicator(indicator) = change_structure(
        store,
        &common::operator(store, id).await,
        id,
        StructureEdit::AddIndicator {
            goal: goal_id,
            name: "Indikator baru".into(),
        },
    )
    .await
    .unwrap() else {
        panic!("an indicator")
    };
    assert_eq!(indicator.number, 1);
    let Created::Activity(activity) = change_structure(
        store,
        &common::operator(store, id).await,
        id,
        StructureEdit::AddActivity {
            name: "Kegiatan baru".into(),
        },
    )
    .await
    .unwrap() else {
        panic!("an activity")
    };
    let link = StructureEdit::Link {
        indicator: indicator.id.unwrap(),
        activity: activity.id,
    };
    change_structure(store, &common::operator(store, id).await, id, link.clone())
        .await
        .unwrap();
    change_structure(store, &common::operator(store, id).await, id, link)
        .await
        .unwrap(); // twice: still one link
    let stored = reload(store, id).await;
    assert_eq!(stored.goals.len(), 5);
    assert_eq!(
        stored.goals[4].indicators[0].activity_ids,
        vec![activity.id]
    );
    assert_eq!(stored.activities.len(), plan.activities.len() + 1);
}
both!(
    added_things_are_stored,
    added_things_are_stored_with_the_next_number
);

async fn moving_and_removing_keep_the_numbering_in_order(store: &Store) {
    let (id, plan) = common::demo(store).await;
    let before = names(&plan, 2);
    let second = plan.goals[2].indicators[1].id.unwrap();
    change_structure(
        store,
        &common::operator(store, id).await,
        id,
        StructureEdit::MoveIndicator {
            indicator: second,
            direction: Direction::Up,
        },
    )
    .await
    .unwrap();
    let moved = reload(store, id).await;
    assert_eq!(names(&moved, 2)[0], (1, before[1].1.clone()));
    assert_eq!(names(&moved, 2)[1], (2, before[0].1.clone()));
    // The first cannot move further up: nothing changes.
    change_structure(
        store,
        &common::operator(store, id).await,
        id,
        StructureEdit::MoveIndicator {
            indicator: second,
            direction: Direction::Up,
        },
    )
    .await
    .unwrap();
    assert_eq!(names(&reload(store, id).await, 2), names(&moved, 2));
    change_structure(
        store,
        &common::operator(store, id).await,
        id,
        StructureEdit::RemoveIndicator { indicator: second },
    )
    .await
    .unwrap();
    let removed = reload(store, id).await;
    assert_eq!(
        removed.goals[2]
            .indicators
            .iter()
            .map(|i| i.number)
            .collect::<Vec<_>>(),
        vec![1, 2, 3]
    );
    let first_goal = plan.goals[0].id.unwrap();
    change_structure(
        store,
        &common::operator(store, id).await,
        id,
        StructureEdit::RemoveGoal { goal: first_goal },
    )
    .await
    .unwrap();
    let goals = reload(store, id).await.goals;
    assert_eq!(
        goals.iter().map(|g| g.number).collect::<Vec<_>>(),
        vec![1, 2, 3]
    );
    assert_eq!(goals[0].title, plan.goals[1].title);
}
both!(
    moving_and_removing_renumber,
    moving_and_removing_keep_the_numbering_in_order
);

async fn removing_an_activity_unlinks_it_everywhere(store: &Store) {
    let (id, plan) = common::demo(store).await;
    let shared = plan
        .activities
        .iter()
        .find(|a| a.name == "Kegiatan Penyediaan Perlengkapan Khusus Kelompok Rentan")
        .unwrap()
        .id;
    change_structure(
        store,
        &common::operator(store, id).await,
        id,
        StructureEdit::RemoveActivity { activity: shared },
    )
    .await
    .unwrap();
    let stored = reload(store, id).await;
    assert!(stored
        .indicators()
        .all(|i| !i.activity_ids.contains(&shared)));
    assert_eq!(stored.activities.len(), 12);
}
both!(
    removing_activity_unlinks,
    removing_an_activity_unlinks_it_everywhere
);

async fn bad_names_and_foreign_ids_are_refused(store: &Store) {
    let (id, plan) = common::demo(store).await;
    let error = change_structure(
        store,
        &common::operator(store, id).await,
        id,
        StructureEdit::AddGoal {
            title: "   ".into(),
        },
    )
    .await
    .unwrap_err();
    assert_eq!(error, AppError::Invalid("nama tidak boleh kosong".into()));
    let error = change_structure(
        store,
        &common::operator(store, id).await,
        id,
        StructureEdit::RemoveGoal {
            goal: GoalId(987_654),
        },
    )
    .await
    .unwrap_err();
    assert!(matches!(error, AppError::NotFound(_)));
    let error = change_structure(
        store,
        &common::operator(store, id).await,
        PlanId(987_654),
        StructureEdit::AddActivity { name: "x".into() },
    )
    .await
    .unwrap_err();
    assert!(matches!(error, AppError::NotFound(_)));
    assert_eq!(reload(store, id).await, plan);
}
both!(
    bad_names_and_foreign_ids_refused,
    bad_names_and_foreign_ids_are_refused
);
