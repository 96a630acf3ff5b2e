//! The change feed behind live dashboards: a save is heard by subscribers, on SQLite in-process
//! and on PostgreSQL across two app servers sharing the database.

#![allow(clippy::unwrap_used)]

mod common;

use common::{Kind, TestDb};
use model::edit::{Field, FieldEdit, ReportField};
use model::{PlanId, Quarter};
use server::ops::import::{import_sheet, DEMO_SHEET};
use server::storage::{Change, Store, UnitPlacement};
use server::usecases::editing::save_fields;
use std::time::Duration;
use tokio::sync::broadcast::Receiver;

async fn next(receiver: &mut Receiver<Change>) -> Change {
    tokio::time::timeout(Duration::from_secs(10), receiver.recv())
        .await
        .expect("a change within 10 s")
        .unwrap()
}

async fn save_a_note(store: &Store, plan: PlanId) {
    let indicator = store.load_plan(plan).await.unwrap().unwrap().goals[0].indicators[0]
        .id
        .unwrap();
    let field = Field::Report(indicator, Quarter::Q1, ReportField::Note);
    save_fields(
        store,
        &common::operator(store, plan).await,
        plan,
        vec![FieldEdit {
            field,
            text: "diperbarui".into(),
        }],
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn a_save_is_heard_by_subscribers_on_sqlite() {
    let db = TestDb::new(Kind::Sqlite).await;
    let plan = import_sheet(&db.store, DEMO_SHEET, &UnitPlacement::Top)
        .await
        .unwrap()
        .plan_id();
    let mut changes = db.store.subscribe().await;
    save_a_note(&db.store, plan).await;
    assert_eq!(next(&mut changes).await, Change::Plan(plan));
    db.finish().await;
}

#[tokio::test]
async fn a_save_on_one_server_is_heard_on_another_through_postgresql() {
    let db = TestDb::new(Kind::Postgres).await;
    let plan = import_sheet(&db.store, DEMO_SHEET, &UnitPlacement::Top)
        .await
        .unwrap()
        .plan_id();
    let watcher = db.another_server().await;
    let mut changes = watcher.subscribe().await;
    // The listener says Resync once it is listening; from then on nothing is missed.
    assert_eq!(next(&mut changes).await, Change::Resync);
    save_a_note(&db.store, plan).await;
    assert_eq!(next(&mut changes).await, Change::Plan(plan));
    watcher.close().await;
    db.finish().await;
}
