//! Absorption targets per fiscal year, told once and run against SQLite and PostgreSQL: a year
//! nobody has set reads the defaults, a saved year reads back, saving again replaces it, and a
//! stored row that breaks the rules is reported rather than drawn. (The form post, refused
//! targets included, is in `dashboard_page.rs`.)

#![allow(clippy::unwrap_used)]

mod common;

use model::access::{Grant, Role};

use app::api::ssr::PlanBackend;
use app::error::AppError;
use model::dashboard::AbsorptionThresholds;
use rust_decimal::Decimal;
use server::storage::Store;
use std::str::FromStr;

fn d(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

async fn targets_are_saved_per_year_and_replaced_on_saving_again(store: &Store) {
    assert_eq!(
        store.load_thresholds_unchecked(2024).await.unwrap(),
        AbsorptionThresholds::default_for(2024)
    );
    let first = AbsorptionThresholds::parse(2024, ["20", "45,5", "70", "95"]).unwrap();
    store.save_thresholds_unchecked(&first).await.unwrap();
    let read = store.load_thresholds_unchecked(2024).await.unwrap();
    assert_eq!(read.quarters, [d("20"), d("45.5"), d("70"), d("95")]);
    assert_eq!(read.fiscal_year, 2024);
    // Another year is untouched.
    assert_eq!(
        store.load_thresholds_unchecked(2025).await.unwrap(),
        AbsorptionThresholds::default_for(2025)
    );
    let second = AbsorptionThresholds::parse(2024, ["10", "30", "55,25", "100"]).unwrap();
    store.save_thresholds_unchecked(&second).await.unwrap();
    assert_eq!(
        store
            .load_thresholds_unchecked(2024)
            .await
            .unwrap()
            .quarters,
        [d("10"), d("30"), d("55.25"), d("100")]
    );
}
both!(
    saved_per_year,
    targets_are_saved_per_year_and_replaced_on_saving_again
);

async fn the_backend_stores_what_a_top_admin_gives_and_reads_defaults_otherwise(store: &Store) {
    let backend: &dyn PlanBackend = store;
    let top = store
        .create_unit("KANWIL UJI", None, &common::cli())
        .await
        .unwrap();
    let below = store
        .create_unit("UPT UJI", Some(top), &common::cli())
        .await
        .unwrap();
    let admin = common::person(
        store,
        &[Grant {
            unit: top,
            role: Role::Admin,
        }],
    )
    .await;
    assert_eq!(
        backend
            .load_thresholds(&admin, 2030)
            .await
            .unwrap()
            .quarters,
        [d("15"), d("40"), d("60"), d("90")]
    );
    let targets = AbsorptionThresholds::parse(2030, ["5", "25", "50", "85"]).unwrap();
    backend
        .save_thresholds(&admin, targets.clone())
        .await
        .unwrap();
    assert_eq!(
        backend.load_thresholds(&admin, 2030).await.unwrap(),
        targets
    );

    // The targets hold for every unit: an admin lower down, or a pimpinan, may not change them.
    let changed = AbsorptionThresholds::parse(2030, ["1", "2", "3", "4"]).unwrap();
    for role in [Role::Admin, Role::Pimpinan, Role::Operator] {
        let lower = common::person(store, &[Grant { unit: below, role }]).await;
        let error = backend
            .save_thresholds(&lower, changed.clone())
            .await
            .unwrap_err();
        assert!(
            matches!(error, AppError::Forbidden(_)),
            "{role:?}: {error:?}"
        );
    }
    let pimpinan = common::person(
        store,
        &[Grant {
            unit: top,
            role: Role::Pimpinan,
        }],
    )
    .await;
    assert!(backend.save_thresholds(&pimpinan, changed).await.is_err());
    assert_eq!(
        backend.load_thresholds(&admin, 2030).await.unwrap(),
        targets
    );
}
both!(
    through_the_backend,
    the_backend_stores_what_a_top_admin_gives_and_reads_defaults_otherwise
);

async fn a_stored_target_that_breaks_the_rules_is_reported_not_used(store: &Store) {
    // Written around the application, e.g. by hand in the database: TW II below TW I.
    let broken = AbsorptionThresholds {
        fiscal_year: 2026,
        quarters: [d("50"), d("40"), d("60"), d("90")],
    };
    store.save_thresholds_unchecked(&broken).await.unwrap();
    let error = store.load_thresholds_unchecked(2026).await.unwrap_err();
    assert!(
        error.to_string().contains("absorption_thresholds"),
        "{error}"
    );
    let backend: &dyn PlanBackend = store;
    let reader = common::person_in_unit(store, "UNIT UJI", Role::Operator).await;
    let refused = backend.load_thresholds(&reader, 2026).await.unwrap_err();
    assert!(matches!(refused, AppError::Internal(_)), "{refused:?}");
}
both!(
    broken_row,
    a_stored_target_that_breaks_the_rules_is_reported_not_used
);
