//! Saving edits, told once and run against SQLite and PostgreSQL: what is saved reads back,
//! a refused edit stores nothing of its batch, and an id from another plan is refused.

#![allow(clippy::unwrap_used)]

mod common;

use app::error::AppError;
use model::edit::{ActivityField, Field, FieldEdit, HeaderField, MoneyField, ReportField};
use model::sheet::parse_sheet;
use model::{Quarter, Rupiah, Status};
use server::ops::import::DEMO_SHEET;
use server::storage::{Store, UnitPlacement};
use server::usecases::editing::save_fields;

fn edit(field: Field, text: &str) -> FieldEdit {
    FieldEdit {
        field,
        text: text.to_owned(),
    }
}

async fn saved_edits_read_back(store: &Store) {
    let (id, plan) = common::demo(store).await;
    let indicator = plan.goals[0].indicators[0].id.unwrap();
    let activity = plan.activities[0].id;
    let report = |f| Field::Report(indicator, Quarter::Q2, f);
    save_fields(
        store,
        &common::operator(store, id).await,
        id,
        vec![
            edit(report(ReportField::Numerator), "1.140"),
            edit(report(ReportField::Denominator), "1.200"),
            edit(report(ReportField::Status), "Selesai"),
            edit(
                report(ReportField::Note),
                "<script>alert('x')</script> \"kutip\"",
            ),
            edit(
                Field::ActivityQuarter(activity, Quarter::Q2, MoneyField::Realization),
                "Rp 1.100.000.000",
            ),
            edit(
                Field::Header(HeaderField::SignatoryNip),
                "19700912 199303 1 002",
            ),
        ],
    )
    .await
    .unwrap();
    let plan = store.load_plan(id).await.unwrap().unwrap();
    let q2 = plan.goals[0].indicators[0].quarter(Quarter::Q2);
    assert_eq!(q2.numerator, Some(1140.into()));
    assert_eq!(q2.denominator, Some(1200.into()));
    assert_eq!(q2.status, Some(Status::Done));
    assert_eq!(q2.note, "<script>alert('x')</script> \"kutip\"");
    assert_eq!(
        plan.activities[0].quarter(Quarter::Q2).realization,
        Some(Rupiah::parse("1.100.000.000").unwrap())
    );
    let nip = plan.header.signatory.unwrap().nip.unwrap();
    assert_eq!(nip.as_str(), "197009121993031002");
}
both!(saved_edits, saved_edits_read_back);

async fn a_refused_edit_stores_nothing_of_its_batch(store: &Store) {
    let (id, before) = common::demo(store).await;
    let activity = before.activities[0].id;
    let error = save_fields(
        store,
        &common::operator(store, id).await,
        id,
        vec![
            edit(
                Field::ActivityQuarter(activity, Quarter::Q1, MoneyField::WithdrawalPlan),
                "1.000",
            ),
            edit(
                Field::ActivityQuarter(activity, Quarter::Q2, MoneyField::WithdrawalPlan),
                "12a",
            ),
        ],
    )
    .await
    .unwrap_err();
    assert_eq!(
        error,
        AppError::Invalid(
            "RPD TW II: karakter \u{201c}a\u{201d} tidak dikenal: gunakan angka, titik untuk ribuan dan koma untuk desimal".into()
        )
    );
    assert_eq!(store.load_plan(id).await.unwrap().unwrap(), before);
}
both!(
    refused_batch_stores_nothing,
    a_refused_edit_stores_nothing_of_its_batch
);

async fn blocked_budget_above_the_budget_is_refused(store: &Store) {
    let (id, before) = common::demo(store).await;
    let activity = before.activities[1].id; // pagu 56.400.000
    let error = save_fields(
        store,
        &common::operator(store, id).await,
        id,
        vec![edit(
            Field::Activity(activity, ActivityField::Blocked),
            "60.000.000",
        )],
    )
    .await
    .unwrap_err();
    assert!(
        matches!(error, AppError::Invalid(ref m) if m.contains("melebihi pagu")),
        "{error:?}"
    );
    assert_eq!(store.load_plan(id).await.unwrap().unwrap(), before);
}
both!(
    blocked_above_budget_refused,
    blocked_budget_above_the_budget_is_refused
);

async fn an_id_from_another_plan_is_refused(store: &Store) {
    let (first, _) = common::demo(store).await;
    let mut other = parse_sheet(DEMO_SHEET).unwrap().plan;
    other.header.work_unit = "RUMAH TAHANAN NEGARA KELAS IIB LUWUK".into();
    let server::storage::InsertOutcome::Created(second) = store
        .insert_plan(&other, &UnitPlacement::Top)
        .await
        .unwrap()
    else {
        panic!("a second plan");
    };
    let foreign = store.load_plan(second).await.unwrap().unwrap().goals[0].indicators[0]
        .id
        .unwrap();
    let error = save_fields(
        store,
        &common::operator(store, first).await,
        first,
        vec![edit(
            Field::Report(foreign, Quarter::Q1, ReportField::Note),
            "x",
        )],
    )
    .await
    .unwrap_err();
    assert!(matches!(error, AppError::NotFound(_)), "{error:?}");
    let untouched = store.load_plan(second).await.unwrap().unwrap();
    assert_eq!(
        untouched.goals[0].indicators[0].quarter(Quarter::Q1).note,
        "Terdapat pagu blokir sebesar Rp. 464.229.000"
    );
}
both!(foreign_id_refused, an_id_from_another_plan_is_refused);
