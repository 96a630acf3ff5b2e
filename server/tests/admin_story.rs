//! Managing units and people: an admin works in the units at and below their own, every refusal
//! says why and changes nothing, and a new person can sign in with the password given.

#![allow(clippy::unwrap_used)]

mod common;

use app::api::ssr::PlanBackend;
use app::api::AdminCommand;
use app::error::AppError;
use model::access::{Grant, Person, Role};
use model::time::Timestamp;
use model::UnitId;
use server::http::auth::sign_in;
use server::storage::Store;

struct Office {
    top: UnitId,
    below: UnitId,
    other: UnitId,
    admin: Person,
}

async fn office(store: &Store) -> Office {
    let top = store
        .create_unit("KANWIL UJI", None, &common::cli())
        .await
        .unwrap();
    let below = store
        .create_unit("UPT UJI", Some(top), &common::cli())
        .await
        .unwrap();
    let other = store
        .create_unit("KANWIL LAIN", None, &common::cli())
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
    Office {
        top,
        below,
        other,
        admin,
    }
}

async fn run(store: &Store, who: &Person, command: AdminCommand) -> Result<(), AppError> {
    PlanBackend::admin(store, who, command).await
}

fn new_user(username: &str, password: &str, unit: UnitId) -> AdminCommand {
    AdminCommand::CreateUser {
        username: username.into(),
        name: "Staf Baru".into(),
        password: password.into(),
        unit,
        role: Role::Operator,
    }
}

async fn an_admin_adds_units_and_people_below_their_own_and_the_new_person_can_sign_in(
    store: &Store,
) {
    let o = office(store).await;
    run(
        store,
        &o.admin,
        AdminCommand::CreateUnit {
            name: " Rutan Uji ".into(),
            parent: o.below,
        },
    )
    .await
    .unwrap();
    let units = store.units().await.unwrap();
    let rutan = units.iter().find(|u| u.name == "Rutan Uji").unwrap();
    assert_eq!(rutan.parent, Some(o.below));
    run(
        store,
        &o.admin,
        new_user("Staf.Rutan", "sandi-rutan-baru", rutan.id),
    )
    .await
    .unwrap();
    assert!(sign_in(
        store,
        "staf.rutan",
        "sandi-rutan-baru",
        None,
        Timestamp(1_800_000_000)
    )
    .await
    .is_ok());
    let view = PlanBackend::admin_view(store, &o.admin).await.unwrap();
    assert!(view.manageable.contains(&rutan.id) && !view.manageable.contains(&o.other));
    assert!(view.people.iter().any(|p| p.username == "staf.rutan"));
}
both!(
    adds,
    an_admin_adds_units_and_people_below_their_own_and_the_new_person_can_sign_in
);

async fn refusals_say_why_and_change_nothing(store: &Store) {
    let o = office(store).await;
    let people_before = store.people().await.unwrap().len();
    let units_before = store.units().await.unwrap().len();
    let cases = [
        (
            new_user("ab", "sandi-yang-cukup", o.below),
            "Nama pengguna harus 3 sampai 32 karakter",
        ),
        (
            new_user("staf baru", "sandi-yang-cukup", o.below),
            "Nama pengguna hanya boleh berisi",
        ),
        (
            new_user("staf.baru", "pendek", o.below),
            "Kata sandi paling sedikit 10 karakter",
        ),
        (
            AdminCommand::CreateUnit {
                name: "  ".into(),
                parent: o.top,
            },
            "Nama unit tidak boleh kosong",
        ),
        (
            AdminCommand::CreateUnit {
                name: "KANWIL LAIN".into(),
                parent: o.top,
            },
            "Unit \u{201c}KANWIL LAIN\u{201d} sudah ada",
        ),
    ];
    for (command, message) in cases {
        let error = run(store, &o.admin, command).await.unwrap_err();
        assert!(
            matches!(&error, AppError::Invalid(m) if m.starts_with(message)),
            "{error:?}"
        );
    }
    // Another office's units are out of reach.
    for command in [
        new_user("staf.lain", "sandi-yang-cukup", o.other),
        AdminCommand::CreateUnit {
            name: "Unit lain".into(),
            parent: o.other,
        },
    ] {
        assert!(matches!(
            run(store, &o.admin, command).await,
            Err(AppError::Forbidden(_))
        ));
    }
    assert_eq!(store.people().await.unwrap().len(), people_before);
    assert_eq!(store.units().await.unwrap().len(), units_before);

    // A taken username is named; the first person is untouched.
    run(
        store,
        &o.admin,
        new_user("staf.satu", "sandi-yang-cukup", o.below),
    )
    .await
    .unwrap();
    let error = run(
        store,
        &o.admin,
        new_user("Staf.Satu", "sandi-lain-lagi", o.top),
    )
    .await
    .unwrap_err();
    assert_eq!(
        error,
        AppError::Invalid("Nama pengguna \u{201c}staf.satu\u{201d} sudah dipakai".into())
    );
    assert!(sign_in(
        store,
        "staf.satu",
        "sandi-yang-cukup",
        None,
        Timestamp(1_800_000_000)
    )
    .await
    .is_ok());

    // An admin cannot take away their own admin role (and lock everyone out): nobody changes
    // their own roles from the admin page.
    let own = AdminCommand::Revoke {
        user: o.admin.id,
        unit: o.top,
        role: Role::Admin,
    };
    assert!(matches!(
        run(store, &o.admin, own).await,
        Err(AppError::Forbidden(m)) if m.contains("sendiri")
    ));
    // Nobody but an admin gets in.
    let operator = common::person(
        store,
        &[Grant {
            unit: o.top,
            role: Role::Operator,
        }],
    )
    .await;
    assert!(matches!(
        PlanBackend::admin_view(store, &operator).await,
        Err(AppError::Forbidden(_))
    ));
}
both!(refusals, refusals_say_why_and_change_nothing);

async fn a_reset_password_replaces_the_old_one_and_ends_its_sessions(store: &Store) {
    let o = office(store).await;
    run(
        store,
        &o.admin,
        new_user("staf.lupa", "sandi-yang-lama", o.below),
    )
    .await
    .unwrap();
    let t = Timestamp(1_800_000_000);
    let token = sign_in(store, "staf.lupa", "sandi-yang-lama", None, t)
        .await
        .unwrap();
    let (user, _) = store.login_record("staf.lupa").await.unwrap().unwrap();
    run(
        store,
        &o.admin,
        AdminCommand::ResetPassword {
            user,
            password: "sandi-yang-baru".into(),
        },
    )
    .await
    .unwrap();
    assert!(sign_in(store, "staf.lupa", "sandi-yang-lama", None, t)
        .await
        .is_err());
    assert!(sign_in(store, "staf.lupa", "sandi-yang-baru", None, t)
        .await
        .is_ok());
    // The session opened with the old password is gone.
    assert_eq!(
        store.session_user(&sha256_hex(&token), t).await.unwrap(),
        None
    );
}
both!(
    reset,
    a_reset_password_replaces_the_old_one_and_ends_its_sessions
);

fn sha256_hex(token: &str) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(token.as_bytes()))
}
