//! The quarter workflow: an operator submits, a pimpinan approves (the quarter locks: edits are
//! refused with who approved it and when) or returns it with a comment, and can reopen it.
//! What else a submitted or approved quarter freezes: `freeze_story.rs`.

#![allow(clippy::unwrap_used)]

mod common;

use app::error::AppError;
use model::access::{Grant, Person, Role};
use model::edit::structure::StructureEdit;
use model::edit::{ActivityField, Field, FieldEdit, MoneyField, ReportField};
use model::workflow::{QuarterState, Transition};
use model::{PlanId, Quarter};
use server::storage::Store;
use server::usecases::editing::{change_structure, save_fields};
use server::usecases::quarters::change_quarter;

async fn pimpinan(store: &Store, plan: PlanId) -> Person {
    let unit = store.plan_unit(plan).await.unwrap().unwrap();
    common::person(
        store,
        &[Grant {
            unit,
            role: Role::Pimpinan,
        }],
    )
    .await
}

async fn approve(store: &Store, plan: PlanId) -> Transition {
    Transition::Approve {
        seen: store.plan_version(plan).await.unwrap(),
    }
}

fn edit(field: Field, text: &str) -> Vec<FieldEdit> {
    vec![FieldEdit {
        field,
        text: text.into(),
    }]
}

async fn an_approved_quarter_locks_until_a_pimpinan_reopens_it(store: &Store) {
    let id = common::demo_plan(store).await;
    let operator = common::operator(store, id).await;
    let head = pimpinan(store, id).await;
    let plan = store.load_plan_unchecked(id).await.unwrap().unwrap();
    let indicator = plan.goals[0].indicators[0].id.unwrap();
    let activity = plan.activities[0].id;
    let q1_note = Field::Report(indicator, Quarter::Q1, ReportField::Note);

    // The operator cannot approve; the pimpinan cannot approve what was not submitted.
    assert!(matches!(
        change_quarter(store, &operator, id, Quarter::Q1, approve(store, id).await).await,
        Err(AppError::Forbidden(_))
    ));
    assert!(matches!(
        change_quarter(store, &head, id, Quarter::Q1, approve(store, id).await).await,
        Err(AppError::Invalid(m)) if m == "TW I belum diajukan"
    ));
    change_quarter(store, &operator, id, Quarter::Q1, Transition::Submit)
        .await
        .unwrap();
    let approved = change_quarter(store, &head, id, Quarter::Q1, approve(store, id).await)
        .await
        .unwrap()
        .state;
    let QuarterState::Approved { by, at } = &approved else {
        panic!("{approved:?}")
    };
    assert_eq!(by, &head.name);
    assert_eq!(store.quarter_states(id).await.unwrap()[0], approved);

    // TW I is locked, with who and when; TW II is not.
    let error = save_fields(store, &operator, id, edit(q1_note, "terlambat"))
        .await
        .unwrap_err();
    assert_eq!(
        error,
        AppError::Locked(format!(
            "TW I sudah disetujui oleh {} pada {}; perubahan ditolak. Minta pimpinan membuka kembali triwulan ini.",
            head.name,
            at.in_zone(model::time::Zone::Wib)
        ))
    );
    let q1_money = Field::ActivityQuarter(activity, Quarter::Q1, MoneyField::Realization);
    assert!(matches!(
        save_fields(store, &operator, id, edit(q1_money, "1.000")).await,
        Err(AppError::Locked(_))
    ));
    save_fields(
        store,
        &operator,
        id,
        edit(
            Field::Report(indicator, Quarter::Q2, ReportField::Note),
            "boleh",
        ),
    )
    .await
    .unwrap();
    // A whole activity row saved with TW I unchanged goes through.
    let a = &plan.activities[0];
    let mut row = edit(Field::Activity(activity, ActivityField::Name), "Nama baru");
    for q in Quarter::ALL {
        let money = |m: Option<model::Rupiah>| m.map(|m| m.to_string()).unwrap_or_default();
        row.push(FieldEdit {
            field: Field::ActivityQuarter(activity, q, MoneyField::WithdrawalPlan),
            text: money(a.quarter(q).withdrawal_plan),
        });
        row.push(FieldEdit {
            field: Field::ActivityQuarter(activity, q, MoneyField::Realization),
            text: money(a.quarter(q).realization),
        });
    }
    save_fields(store, &operator, id, row).await.unwrap();
    // Removing an indicator would take approved figures with it.
    assert!(matches!(
        change_structure(
            store,
            &operator,
            id,
            StructureEdit::RemoveIndicator { indicator }
        )
        .await,
        Err(AppError::Locked(_))
    ));
    let stored = store.load_plan_unchecked(id).await.unwrap().unwrap();
    assert_eq!(
        stored.goals[0].indicators[0].quarters[0],
        plan.goals[0].indicators[0].quarters[0]
    );

    // Reopened, TW I takes edits again.
    assert!(matches!(
        change_quarter(store, &operator, id, Quarter::Q1, Transition::Reopen).await,
        Err(AppError::Forbidden(_))
    ));
    let reopened = change_quarter(store, &head, id, Quarter::Q1, Transition::Reopen)
        .await
        .unwrap()
        .state;
    assert_eq!(reopened, QuarterState::Draft);
    save_fields(store, &operator, id, edit(q1_note, "diperbaiki"))
        .await
        .unwrap();
}
both!(lock, an_approved_quarter_locks_until_a_pimpinan_reopens_it);

async fn a_returned_quarter_carries_the_comment_and_can_be_submitted_again(store: &Store) {
    let id = common::demo_plan(store).await;
    let operator = common::operator(store, id).await;
    let head = pimpinan(store, id).await;
    change_quarter(store, &operator, id, Quarter::Q2, Transition::Submit)
        .await
        .unwrap();
    assert!(matches!(
        change_quarter(store, &head, id, Quarter::Q2, Transition::Return { comment: "  ".into() }).await,
        Err(AppError::Invalid(m)) if m == "Tuliskan alasan pengembalian"
    ));
    let returned = change_quarter(
        store,
        &head,
        id,
        Quarter::Q2,
        Transition::Return {
            comment: "Lengkapi data dukung".into(),
        },
    )
    .await
    .unwrap()
    .state;
    assert!(
        matches!(&returned, QuarterState::Returned { comment, by, .. } if comment == "Lengkapi data dukung" && by == &head.name)
    );
    assert_eq!(store.quarter_states(id).await.unwrap()[1], returned);
    // Submitting twice in a row is refused; after a return it is allowed.
    change_quarter(store, &operator, id, Quarter::Q2, Transition::Submit)
        .await
        .unwrap();
    assert!(matches!(
        change_quarter(store, &operator, id, Quarter::Q2, Transition::Submit).await,
        Err(AppError::Invalid(_))
    ));
}
both!(
    returned,
    a_returned_quarter_carries_the_comment_and_can_be_submitted_again
);

async fn a_pimpinan_above_the_unit_decides_too(store: &Store) {
    let id = common::demo_plan(store).await;
    let unit = store.plan_unit(id).await.unwrap().unwrap();
    let office = store
        .create_unit("KANWIL UJI", None, &common::cli())
        .await
        .unwrap();
    store.set_unit_parent(unit, Some(office)).await.unwrap();
    let regional = common::person(
        store,
        &[Grant {
            unit: office,
            role: Role::Pimpinan,
        }],
    )
    .await;
    change_quarter(store, &regional, id, Quarter::Q3, Transition::Submit)
        .await
        .unwrap();
    change_quarter(store, &regional, id, Quarter::Q3, approve(store, id).await)
        .await
        .unwrap();
    assert!(store.quarter_states(id).await.unwrap()[2].is_locked());
}
both!(regional, a_pimpinan_above_the_unit_decides_too);
