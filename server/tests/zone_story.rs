//! Units' time zones (issue 19): migration 0011 keeps the units a database already holds, a unit
//! without a zone takes its Kanwil's (WIB at the top), an admin sets one through the server
//! function with its line in the admin trail, and an unknown zone is refused in Indonesian with
//! nothing changed. Both databases.

#![allow(clippy::unwrap_used)]

mod common;

use app::api::admin::SetUnitZone;
use app::error::AppError;
use axum::http::StatusCode;
use common::web::{form_post, send, text};
use common::{Kind, TestDb};
use leptos::server_fn::ServerFn;
use model::access::{Grant, Role};
use model::administer::AdminLogAction;
use model::time::Zone;
use model::UnitId;
use server::storage::Store;

/// Two units and a person as the release before 0011 stored them.
const BEFORE_ZONES: &str = "\
    INSERT INTO units (id, name, name_key, parent_id) VALUES (1, 'KANWIL SULTENG', 'kanwil sulteng', NULL);\n\
    INSERT INTO units (id, name, name_key, parent_id) VALUES (2, 'LAPAS LUWUK', 'lapas luwuk', 1);\n";

async fn zone_lines(store: &Store, units: &[UnitId]) -> Vec<String> {
    store
        .admin_log(units, model::UserId(0), 100)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.action == AdminLogAction::UnitZoneSet)
        .map(|e| e.detail)
        .collect()
}

async fn existing_units_keep_no_zone_and_inherit_their_kanwils(kind: Kind) {
    let _serial = common::SERIAL.lock().await;
    let db = TestDb::upgraded(kind, 11, (BEFORE_ZONES, BEFORE_ZONES)).await;
    let store = &db.store;
    let (kanwil, upt) = (UnitId(1), UnitId(2));
    let units = store.units().await.unwrap();
    let names: Vec<(i64, &str, Option<i64>, Option<Zone>)> = units
        .iter()
        .map(|u| (u.id.0, u.name.as_str(), u.parent.map(|p| p.0), u.zone))
        .collect();
    assert_eq!(
        names,
        [
            (1, "KANWIL SULTENG", None, None),
            (2, "LAPAS LUWUK", Some(1), None),
        ]
    );
    // Nothing set anywhere: WIB.
    assert_eq!(store.unit_zone(upt).await.unwrap(), Zone::Wib);

    let by = common::cli();
    store
        .set_unit_zone(kanwil, Some(Zone::Wita), &by)
        .await
        .unwrap();
    assert_eq!(store.unit_zone(kanwil).await.unwrap(), Zone::Wita);
    assert_eq!(store.unit_zone(upt).await.unwrap(), Zone::Wita);
    // Set lower down, it holds there; cleared, the Kanwil's holds again.
    store
        .set_unit_zone(upt, Some(Zone::Wit), &by)
        .await
        .unwrap();
    assert_eq!(store.unit_zone(upt).await.unwrap(), Zone::Wit);
    assert_eq!(store.unit_zone(kanwil).await.unwrap(), Zone::Wita);
    store.set_unit_zone(upt, None, &by).await.unwrap();
    assert_eq!(store.unit_zone(upt).await.unwrap(), Zone::Wita);
    // Setting what is already there records nothing.
    store
        .set_unit_zone(kanwil, Some(Zone::Wita), &by)
        .await
        .unwrap();
    store.set_unit_zone(upt, None, &by).await.unwrap();
    assert_eq!(
        zone_lines(store, &[kanwil, upt]).await,
        [
            "LAPAS LUWUK: mengikuti unit induk",
            "LAPAS LUWUK: WIT (UTC+9)",
            "KANWIL SULTENG: WITA (UTC+8)",
        ]
    );
    // A person of the UPT reads pages without a plan in the UPT's zone.
    let person = common::person(
        store,
        &[Grant {
            unit: upt,
            role: Role::Operator,
        }],
    )
    .await;
    assert_eq!(store.person_zone(&person).await.unwrap(), Zone::Wita);
    db.finish().await;
}
both_kinds!(
    migration_and_inheritance,
    existing_units_keep_no_zone_and_inherit_their_kanwils
);

/// POSTs the zone form as `cookie`; the status and the error, if any.
async fn post_zone(
    store: &Store,
    cookie: &str,
    unit: UnitId,
    zone: &str,
) -> (StatusCode, Option<AppError>) {
    let mut request = form_post(SetUnitZone::PATH, format!("unit={unit}&zone={zone}"));
    request
        .headers_mut()
        .insert(axum::http::header::COOKIE, cookie.parse().unwrap());
    let response = send(store, request).await;
    let status = response.status();
    let body = text(response).await;
    (status, serde_json::from_str::<AppError>(&body).ok())
}

async fn an_admin_sets_a_zone_and_an_unknown_one_is_refused_in_indonesian(store: &Store) {
    let kanwil = store
        .unit_or_new_top("KANWIL A", &common::cli())
        .await
        .unwrap();
    let upt = store
        .create_unit("UPT A1", Some(kanwil), &common::cli())
        .await
        .unwrap();
    let admin = common::person(
        store,
        &[Grant {
            unit: kanwil,
            role: Role::Admin,
        }],
    )
    .await;
    let cookie = common::cookie(store, &admin).await;
    let before = store.units().await.unwrap();

    for bad in ["XYZ", "UTC%2B8", "Asia%2FMakassar"] {
        let (status, error) = post_zone(store, &cookie, upt, bad).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        match error {
            Some(AppError::Invalid(message)) => assert!(
                message.starts_with("Zona waktu \u{201c}")
                    && message.ends_with("\u{201d} tidak dikenal: pilih WIB, WITA atau WIT"),
                "{message}"
            ),
            other => panic!("{bad}: {other:?}"),
        }
    }
    assert_eq!(store.units().await.unwrap(), before);
    assert!(zone_lines(store, &[kanwil, upt]).await.is_empty());

    let (status, _) = post_zone(store, &cookie, upt, "wit").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(store.unit_zone(upt).await.unwrap(), Zone::Wit);
    let (status, _) = post_zone(store, &cookie, upt, "").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(store.unit_zone(upt).await.unwrap(), Zone::Wib);
    assert_eq!(zone_lines(store, &[upt]).await.len(), 2);

    // An operator of the UPT may not, nor an admin of another tree.
    let operator = common::person(
        store,
        &[Grant {
            unit: upt,
            role: Role::Operator,
        }],
    )
    .await;
    let (status, error) =
        post_zone(store, &common::cookie(store, &operator).await, upt, "WITA").await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{error:?}");
    let other = common::person_in_unit(store, "KANWIL B", Role::Admin).await;
    let (status, _) = post_zone(store, &common::cookie(store, &other).await, kanwil, "WITA").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(store.unit_zone(upt).await.unwrap(), Zone::Wib);
}
both!(
    set_through_the_server_function,
    an_admin_sets_a_zone_and_an_unknown_one_is_refused_in_indonesian
);

/// The command line: `pantau set-zone "UNIT" WITA`, `induk` to inherit again; an unknown zone
/// or unit is refused by name and changes nothing.
async fn the_command_line_sets_a_units_zone(kind: Kind) {
    let _serial = common::SERIAL.lock().await;
    let db = TestDb::new(kind).await;
    let store = &db.store;
    let kanwil = store
        .unit_or_new_top("KANWIL SULTENG", &common::cli())
        .await
        .unwrap();
    let upt = store
        .create_unit("LAPAS LUWUK", Some(kanwil), &common::cli())
        .await
        .unwrap();
    let url = db.url();
    let ran = common::cli::pantau(&["set-zone", "kanwil sulteng", "WITA"], &url);
    assert!(ran.ok, "{ran:?}");
    assert!(
        ran.stdout
            .contains("KANWIL SULTENG now shows times in WITA (UTC+8)"),
        "{ran:?}"
    );
    assert_eq!(store.unit_zone(upt).await.unwrap(), Zone::Wita);
    let before = store.units().await.unwrap();
    for (args, said) in [
        (
            ["set-zone", "LAPAS LUWUK", "XYZ"],
            "ZONE must be WIB, WITA, WIT or induk (given: XYZ)",
        ),
        (
            ["set-zone", "LAPAS PALU", "WIT"],
            "there is no unit named \u{201c}LAPAS PALU\u{201d}",
        ),
    ] {
        let ran = common::cli::pantau(&args, &url);
        assert!(!ran.ok && ran.stderr.contains(said), "{ran:?}");
    }
    assert_eq!(store.units().await.unwrap(), before);
    let ran = common::cli::pantau(&["set-zone", "LAPAS LUWUK", "WIT"], &url);
    assert!(ran.ok, "{ran:?}");
    let ran = common::cli::pantau(&["set-zone", "LAPAS LUWUK", "induk"], &url);
    assert!(
        ran.stdout
            .contains("LAPAS LUWUK now shows times in WITA (UTC+8)"),
        "{ran:?}"
    );
    db.finish().await;
}
both_kinds!(command_line, the_command_line_sets_a_units_zone);
