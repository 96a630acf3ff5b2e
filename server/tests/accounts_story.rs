//! Safe to run with real people: an admin acts only on people all of whose roles lie in the
//! units they manage, every admin action is in the trail, sessions (and live streams) end when
//! a person's access does, unit names are unique across the tree, a plan's work unit is its
//! unit, and demo data never joins real people.

#![allow(clippy::unwrap_used)]

mod common;

use common::web::options;

use app::api::ssr::PlanBackend;
use app::api::AdminCommand;
use app::error::AppError;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use futures::StreamExt;
use model::access::{Grant, Person, Role};
use model::administer::AdminLogAction;
use model::edit::{Field, FieldEdit, HeaderField};
use model::time::Timestamp;
use model::{UnitId, UserId};
use server::http::auth::sign_in;
use server::ops::demo::{load_demo_data, DemoOutcome, DEMO_REGIONAL_OFFICE};
use server::ops::import::{import_sheet, ImportError, DEMO_SHEET};
use server::storage::{InsertOutcome, Store, StoreError, UnitPlacement};
use server::usecases::admin::{create_user, Candidate};
use std::time::Duration;
use tower::ServiceExt;

const T: Timestamp = Timestamp(1_800_000_000);

async fn run(store: &Store, who: &Person, command: AdminCommand) -> Result<(), AppError> {
    PlanBackend::admin(store, who, command).await
}

fn admin_of(unit: UnitId) -> [Grant; 1] {
    [Grant {
        unit,
        role: Role::Admin,
    }]
}

/// A person who can sign in with `password`.
async fn signing_person(store: &Store, username: &str, password: &str, grant: Grant) -> UserId {
    let candidate = Candidate {
        username,
        name: &format!("Nama {username}"),
        password,
        grant,
    };
    create_user(store, &candidate, None, &common::cli())
        .await
        .unwrap()
}

async fn a_lower_admin_cannot_take_over_an_account_above_them(store: &Store) {
    let kanwil = store
        .create_unit("KANWIL UJI", None, &common::cli())
        .await
        .unwrap();
    let luwuk = store
        .create_unit("LAPAS UJI", Some(kanwil), &common::cli())
        .await
        .unwrap();
    let top = signing_person(
        store,
        "admin.kanwil",
        "sandi-admin-kanwil",
        admin_of(kanwil)[0],
    )
    .await;
    let lower = common::person(store, &admin_of(luwuk)).await;
    let operator_in_luwuk = Grant {
        unit: luwuk,
        role: Role::Operator,
    };
    // Step one of the takeover: a role for the top admin in the lower admin's unit.
    let grant = AdminCommand::Grant {
        user: top,
        unit: luwuk,
        role: Role::Operator,
    };
    assert!(
        matches!(run(store, &lower, grant).await, Err(AppError::Forbidden(ref m)) if m.contains("tidak Anda kelola")),
        "granting a role to a person above is refused"
    );
    assert_eq!(store.person(top).await.unwrap().unwrap().grants.len(), 1);
    // Even with such a role in place (given from above), nothing of theirs is the lower admin's.
    store
        .grant(top, operator_in_luwuk, &common::cli())
        .await
        .unwrap();
    for command in [
        AdminCommand::ResetPassword {
            user: top,
            password: "sandi-diambil-alih".into(),
        },
        AdminCommand::SetDisabled {
            user: top,
            disabled: true,
        },
        AdminCommand::Revoke {
            user: top,
            unit: luwuk,
            role: Role::Operator,
        },
    ] {
        let refused = run(store, &lower, command.clone()).await;
        assert!(
            matches!(refused, Err(AppError::Forbidden(_))),
            "{command:?}: {refused:?}"
        );
    }
    assert!(
        sign_in(store, "admin.kanwil", "sandi-admin-kanwil", None, T)
            .await
            .is_ok()
    );
    assert!(
        sign_in(store, "admin.kanwil", "sandi-diambil-alih", None, T)
            .await
            .is_err()
    );
    assert_eq!(store.person(top).await.unwrap().unwrap().grants.len(), 2);
}
both!(
    takeover,
    a_lower_admin_cannot_take_over_an_account_above_them
);

async fn nobody_changes_their_own_roles_or_password_from_the_admin_page(store: &Store) {
    let kanwil = store
        .create_unit("KANWIL UJI", None, &common::cli())
        .await
        .unwrap();
    let admin = common::person(store, &admin_of(kanwil)).await;
    let grant = AdminCommand::Grant {
        user: admin.id,
        unit: kanwil,
        role: Role::Pimpinan,
    };
    assert!(
        matches!(run(store, &admin, grant).await, Err(AppError::Forbidden(ref m)) if m.contains("sendiri"))
    );
    assert_eq!(store.person(admin.id).await.unwrap().unwrap(), admin);
}
both!(
    themselves,
    nobody_changes_their_own_roles_or_password_from_the_admin_page
);

async fn every_admin_action_is_in_the_trail_with_who_and_when(store: &Store) {
    let kanwil = store
        .create_unit("KANWIL UJI", None, &common::cli())
        .await
        .unwrap();
    let elsewhere = store
        .create_unit("KANWIL LAIN", None, &common::cli())
        .await
        .unwrap();
    let admin = common::person(store, &admin_of(kanwil)).await;
    let stranger = common::person(store, &admin_of(elsewhere)).await;
    run(
        store,
        &admin,
        AdminCommand::CreateUnit {
            name: "UPT BARU".into(),
            parent: kanwil,
        },
    )
    .await
    .unwrap();
    let upt = store.unit_named("upt  baru").await.unwrap().unwrap().id;
    run(
        store,
        &admin,
        AdminCommand::CreateUser {
            username: "staf.baru".into(),
            name: "Staf Baru".into(),
            password: "sandi-staf-baru".into(),
            unit: upt,
            role: Role::Operator,
        },
    )
    .await
    .unwrap();
    let (staf, _) = store.login_record("staf.baru").await.unwrap().unwrap();
    let pimpinan = |unit| (staf, unit, Role::Pimpinan);
    let (user, unit, role) = pimpinan(upt);
    for command in [
        AdminCommand::Grant { user, unit, role },
        AdminCommand::Revoke { user, unit, role },
        AdminCommand::ResetPassword {
            user,
            password: "sandi-staf-lain".into(),
        },
        AdminCommand::SetDisabled {
            user,
            disabled: true,
        },
        AdminCommand::SetDisabled {
            user,
            disabled: false,
        },
    ] {
        run(store, &admin, command).await.unwrap();
    }
    let view = PlanBackend::admin_view(store, &admin).await.unwrap();
    // Their own actions, after what the command line did to set the test up.
    let (own, setup): (Vec<_>, Vec<_>) = view.log.iter().partition(|e| e.by == admin.name);
    assert!(
        setup.iter().all(|e| e.by == "baris perintah server"),
        "{setup:?}"
    );
    let actions: Vec<AdminLogAction> = own.iter().map(|e| e.action).collect();
    assert_eq!(
        actions,
        vec![
            AdminLogAction::PersonEnabled,
            AdminLogAction::PersonDisabled,
            AdminLogAction::PasswordReset,
            AdminLogAction::RoleRevoked,
            AdminLogAction::RoleGranted,
            AdminLogAction::PersonCreated,
            AdminLogAction::UnitCreated,
        ]
    );
    assert!(own.iter().all(|e| e.at.0 > 0));
    assert!(
        own[4]
            .detail
            .contains("Pimpinan di UPT BARU untuk Staf Baru"),
        "{}",
        own[4].detail
    );
    assert!(
        own[6].detail.contains("UPT BARU di bawah KANWIL UJI"),
        "{}",
        own[6].detail
    );
    // An admin of another tree sees none of it.
    let theirs = PlanBackend::admin_view(store, &stranger).await.unwrap();
    assert!(
        theirs.log.iter().all(|e| e.by != admin.name),
        "{:?}",
        theirs.log
    );
}
both!(trail, every_admin_action_is_in_the_trail_with_who_and_when);

async fn a_disabled_person_cannot_sign_in_and_their_sessions_end(store: &Store) {
    let kanwil = store
        .create_unit("KANWIL UJI", None, &common::cli())
        .await
        .unwrap();
    let admin = common::person(store, &admin_of(kanwil)).await;
    let staf = signing_person(
        store,
        "staf.pergi",
        "sandi-staf-pergi",
        Grant {
            unit: kanwil,
            role: Role::Operator,
        },
    )
    .await;
    let token = sign_in(store, "staf.pergi", "sandi-staf-pergi", None, T)
        .await
        .unwrap();
    let disable = |disabled| AdminCommand::SetDisabled {
        user: staf,
        disabled,
    };
    run(store, &admin, disable(true)).await.unwrap();
    assert_eq!(
        store.session_user(&sha256_hex(&token), T).await.unwrap(),
        None
    );
    assert!(sign_in(store, "staf.pergi", "sandi-staf-pergi", None, T)
        .await
        .is_err());
    let view = PlanBackend::admin_view(store, &admin).await.unwrap();
    assert_eq!(view.disabled, vec![staf]);
    run(store, &admin, disable(false)).await.unwrap();
    assert!(sign_in(store, "staf.pergi", "sandi-staf-pergi", None, T)
        .await
        .is_ok());
}
both!(
    disabled,
    a_disabled_person_cannot_sign_in_and_their_sessions_end
);

async fn taking_a_persons_last_role_ends_their_sessions(store: &Store) {
    let kanwil = store
        .create_unit("KANWIL UJI", None, &common::cli())
        .await
        .unwrap();
    let admin = common::person(store, &admin_of(kanwil)).await;
    let operator = Grant {
        unit: kanwil,
        role: Role::Operator,
    };
    let staf = signing_person(store, "staf.dua", "sandi-staf-dua", operator).await;
    let pimpinan = Grant {
        unit: kanwil,
        role: Role::Pimpinan,
    };
    store.grant(staf, pimpinan, &common::cli()).await.unwrap();
    let token = sign_in(store, "staf.dua", "sandi-staf-dua", None, T)
        .await
        .unwrap();
    let revoke = |g: Grant| AdminCommand::Revoke {
        user: staf,
        unit: g.unit,
        role: g.role,
    };
    run(store, &admin, revoke(pimpinan)).await.unwrap();
    assert_eq!(
        store.session_user(&sha256_hex(&token), T).await.unwrap(),
        Some(staf)
    );
    run(store, &admin, revoke(operator)).await.unwrap();
    assert_eq!(
        store.session_user(&sha256_hex(&token), T).await.unwrap(),
        None
    );
}
both!(last_role, taking_a_persons_last_role_ends_their_sessions);

async fn a_person_with_no_role_is_managed_by_their_creator_and_the_admins_above(store: &Store) {
    let kanwil = store
        .create_unit("KANWIL UJI", None, &common::cli())
        .await
        .unwrap();
    let upt = store
        .create_unit("UPT UJI", Some(kanwil), &common::cli())
        .await
        .unwrap();
    let beside = store
        .create_unit("UPT SEBELAH", Some(kanwil), &common::cli())
        .await
        .unwrap();
    let top = common::person(store, &admin_of(kanwil)).await;
    let creator = common::person(store, &admin_of(upt)).await;
    let neighbour = common::person(store, &admin_of(beside)).await;
    run(
        store,
        &creator,
        AdminCommand::CreateUser {
            username: "staf.tanpa.peran".into(),
            name: "Staf Tanpa Peran".into(),
            password: "sandi-staf-baru".into(),
            unit: upt,
            role: Role::Operator,
        },
    )
    .await
    .unwrap();
    let (staf, _) = store
        .login_record("staf.tanpa.peran")
        .await
        .unwrap()
        .unwrap();
    run(
        store,
        &creator,
        AdminCommand::Revoke {
            user: staf,
            unit: upt,
            role: Role::Operator,
        },
    )
    .await
    .unwrap();
    // The neighbour may not claim them for their own unit.
    let claim = AdminCommand::Grant {
        user: staf,
        unit: beside,
        role: Role::Operator,
    };
    assert!(matches!(
        run(store, &neighbour, claim).await,
        Err(AppError::Forbidden(_))
    ));
    assert!(store.person(staf).await.unwrap().unwrap().grants.is_empty());
    let reset = || AdminCommand::ResetPassword {
        user: staf,
        password: "sandi-yang-baru".into(),
    };
    run(store, &creator, reset()).await.unwrap();
    run(store, &top, reset()).await.unwrap();
    // The neighbour's page does not list them; the creator's does.
    let listed = |view: app::api::AdminView| view.people.iter().any(|p| p.id == staf);
    assert!(!listed(
        PlanBackend::admin_view(store, &neighbour).await.unwrap()
    ));
    assert!(listed(
        PlanBackend::admin_view(store, &creator).await.unwrap()
    ));
}
both!(
    no_role,
    a_person_with_no_role_is_managed_by_their_creator_and_the_admins_above
);

async fn unit_names_are_unique_across_the_whole_tree(store: &Store) {
    let a = store
        .create_unit("KANWIL A", None, &common::cli())
        .await
        .unwrap();
    let b = store
        .create_unit("KANWIL B", None, &common::cli())
        .await
        .unwrap();
    let admin_a = common::person(store, &admin_of(a)).await;
    let admin_b = common::person(store, &admin_of(b)).await;
    let create = |name: &str, parent| AdminCommand::CreateUnit {
        name: name.into(),
        parent,
    };
    run(store, &admin_a, create("Lapas Kelas IIB Luwuk", a))
        .await
        .unwrap();
    let before = store.units().await.unwrap();
    let refused = run(store, &admin_b, create("LAPAS  KELAS IIB  luwuk", b)).await;
    assert!(
        matches!(&refused, Err(AppError::Invalid(m)) if m.contains("sudah dipakai oleh unit \u{201c}Lapas Kelas IIB Luwuk\u{201d}")),
        "{refused:?}"
    );
    assert_eq!(store.units().await.unwrap(), before);
}
both!(unique_units, unit_names_are_unique_across_the_whole_tree);

async fn importing_a_plan_for_a_unit_that_does_not_exist_needs_a_place_for_it(store: &Store) {
    let refused = import_sheet(store, DEMO_SHEET, &UnitPlacement::ExistingOnly).await;
    assert!(
        matches!(
            refused,
            Err(ImportError::Storage(StoreError::UnknownUnit(ref u))) if u == "LEMBAGA PEMASYARAKATAN KELAS IIB LUWUK"
        ),
        "{refused:?}"
    );
    assert!(store.units().await.unwrap().is_empty());
    assert!(store.list_plans_unchecked().await.unwrap().is_empty());
    let kanwil = store
        .create_unit("KANWIL UJI", None, &common::cli())
        .await
        .unwrap();
    let report = import_sheet(store, DEMO_SHEET, &UnitPlacement::Under(kanwil))
        .await
        .unwrap();
    let unit = store.plan_unit(report.plan_id()).await.unwrap().unwrap();
    let units = store.units().await.unwrap();
    assert_eq!(
        units.iter().find(|u| u.id == unit).unwrap().parent,
        Some(kanwil)
    );
    // Once the unit exists, the sheet finds it (whatever the case) and is stored once.
    let again = import_sheet(store, DEMO_SHEET, &UnitPlacement::ExistingOnly)
        .await
        .unwrap();
    assert_eq!(
        again.outcome,
        InsertOutcome::AlreadyExists(report.plan_id())
    );
}
both!(
    import_placement,
    importing_a_plan_for_a_unit_that_does_not_exist_needs_a_place_for_it
);

async fn the_work_unit_of_a_plan_is_its_unit_not_free_text(store: &Store) {
    let luwuk = common::demo_plan(store).await;
    let mut other = model::synthetic::synthetic_plan(2);
    other.header.work_unit = "UNIT LAIN".into();
    other.header.fiscal_year = 2024;
    let InsertOutcome::Created(other_plan) = store
        .insert_plan(&other, &UnitPlacement::Top)
        .await
        .unwrap()
    else {
        panic!("stored")
    };
    let operator = common::operator(store, luwuk).await;
    let before = store.load_plan_unchecked(luwuk).await.unwrap();
    let rename = FieldEdit {
        field: Field::Header(HeaderField::WorkUnit),
        text: "UNIT LAIN".into(),
    };
    let refused =
        server::usecases::editing::save_fields(store, &operator, luwuk, vec![rename]).await;
    assert!(
        matches!(&refused, Err(AppError::Invalid(m)) if m.contains("tidak dapat diubah")),
        "{refused:?}"
    );
    assert_eq!(store.load_plan_unchecked(luwuk).await.unwrap(), before);
    // The other unit's sheet still finds its own plan.
    assert_eq!(
        store
            .insert_plan(&other, &UnitPlacement::ExistingOnly)
            .await
            .unwrap(),
        InsertOutcome::AlreadyExists(other_plan)
    );
}
both!(work_unit, the_work_unit_of_a_plan_is_its_unit_not_free_text);

async fn demo_data_loads_into_an_empty_database_with_its_people(store: &Store) {
    let DemoOutcome::Loaded { plan, .. } = load_demo_data(store).await.unwrap() else {
        panic!("loaded into an empty database")
    };
    let unit = store.plan_unit(plan).await.unwrap().unwrap();
    let office = store
        .unit_named(DEMO_REGIONAL_OFFICE)
        .await
        .unwrap()
        .unwrap();
    let units = store.units().await.unwrap();
    assert_eq!(
        units.iter().find(|u| u.id == unit).unwrap().parent,
        Some(office.id)
    );
    assert!(sign_in(store, "operator.luwuk", "operator-luwuk", None, T)
        .await
        .is_ok());
    assert_eq!(store.people_count().await.unwrap(), 4);
    // A second start with --demo changes nothing.
    assert!(matches!(
        load_demo_data(store).await.unwrap(),
        DemoOutcome::HasPeople
    ));
    assert_eq!(store.list_plans_unchecked().await.unwrap().len(), 1);
}
both!(
    demo_empty,
    demo_data_loads_into_an_empty_database_with_its_people
);

async fn demo_data_never_joins_real_people(store: &Store) {
    let kanwil = store
        .unit_or_new_top("KANWIL NYATA", &common::cli())
        .await
        .unwrap();
    common::person(store, &admin_of(kanwil)).await;
    assert!(matches!(
        load_demo_data(store).await.unwrap(),
        DemoOutcome::HasPeople
    ));
    assert!(store.list_plans_unchecked().await.unwrap().is_empty());
    assert_eq!(store.units().await.unwrap().len(), 1);
    assert!(store
        .login_record("operator.luwuk")
        .await
        .unwrap()
        .is_none());
}
both!(demo_people, demo_data_never_joins_real_people);

// A failure at the last demo person leaves nothing behind: no unit, plan or person.
both_kinds!(demo_data_loads_all_or_nothing, demo_all_or_nothing);

async fn demo_all_or_nothing(kind: common::Kind) {
    let _serial = common::SERIAL.lock().await;
    let db = common::TestDb::new(kind).await;
    db.execute_script(common::REFUSE_USERNAME_ADMIN).await;
    assert!(load_demo_data(&db.store).await.is_err());
    assert!(db.store.units().await.unwrap().is_empty());
    assert!(db.store.list_plans_unchecked().await.unwrap().is_empty());
    assert_eq!(db.store.people_count().await.unwrap(), 0);
    db.finish().await;
}

/// `pantau serve` without `--demo` leaves an empty database empty.
#[test]
fn serve_without_demo_loads_nothing() {
    let dir = std::env::temp_dir().join(format!("pantau_serve_plain_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("pantau.db");
    let url = format!("sqlite://{}", db.display());
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_pantau"))
        .arg("serve")
        .current_dir(&dir)
        .env("DATABASE_URL", &url)
        .env_remove("PANTAU_DEMO")
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("LEPTOS_SITE_ROOT", dir.join("site"))
        .env("LEPTOS_OUTPUT_NAME", "pantau")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut up = false;
    for _ in 0..240 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            up = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(250));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(up, "the server answered");
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let store = Store::connect(&url).await.unwrap();
        assert!(store.list_plans_unchecked().await.unwrap().is_empty());
        assert_eq!(store.people_count().await.unwrap(), 0);
        store.close().await;
    });
    let _ = std::fs::remove_dir_all(&dir);
}

async fn an_open_live_stream_closes_when_its_session_ends(store: &Store) {
    let plan = common::demo_plan(store).await;
    let unit = store.plan_unit(plan).await.unwrap().unwrap();
    let admin = common::person(store, &admin_of(unit)).await;
    for end in ["password", "disable", "last role", "sign out"] {
        let watcher = common::operator(store, plan).await;
        let cookie = common::cookie(store, &watcher).await;
        let request = Request::builder()
            .uri(format!("/api/plans/{plan}/events"))
            .header(header::COOKIE, &cookie)
            .body(Body::empty())
            .unwrap();
        let response = server::http::router::router(store.clone(), options())
            .oneshot(request)
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let mut body = response.into_body().into_data_stream();
        let first = body.next().await.unwrap().unwrap();
        assert!(String::from_utf8_lossy(&first).contains("ready"), "{end}");
        let user = watcher.id;
        match end {
            "password" => run(
                store,
                &admin,
                AdminCommand::ResetPassword {
                    user,
                    password: "sandi-baru-sekali".into(),
                },
            )
            .await
            .unwrap(),
            "disable" => run(
                store,
                &admin,
                AdminCommand::SetDisabled {
                    user,
                    disabled: true,
                },
            )
            .await
            .unwrap(),
            "last role" => run(
                store,
                &admin,
                AdminCommand::Revoke {
                    user,
                    unit,
                    role: Role::Operator,
                },
            )
            .await
            .unwrap(),
            _ => {
                let logout = Request::builder()
                    .method("POST")
                    .uri("/api/keluar")
                    .header(header::HOST, "127.0.0.1:3000")
                    .header(header::ORIGIN, "http://127.0.0.1:3000")
                    .header(header::COOKIE, &cookie)
                    .body(Body::empty())
                    .unwrap();
                let response = server::http::router::router(store.clone(), options())
                    .oneshot(logout)
                    .await
                    .unwrap();
                assert_eq!(response.status(), StatusCode::SEE_OTHER);
            }
        }
        // The stream ends (a guard of 20 s keeps a broken build from hanging, nothing more).
        let ended = tokio::time::timeout(Duration::from_secs(20), async {
            while let Some(frame) = body.next().await {
                frame.unwrap();
            }
        })
        .await;
        assert!(ended.is_ok(), "the stream stayed open after: {end}");
    }
}
both!(
    streams_close,
    an_open_live_stream_closes_when_its_session_ends
);

fn sha256_hex(token: &str) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(token.as_bytes()))
}
