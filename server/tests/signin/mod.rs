//! What the sign-in stories share: a person to sign in as.

use model::access::{Grant, Role};
use model::time::Timestamp;
use server::storage::{AdminStamp, Store};
use server::usecases::admin::{create_user, Candidate};

pub const PASSWORD: &str = "kata-sandi-uji";

/// Creates `Operator.Uji` with [`PASSWORD`]; returns the username as it is looked up.
pub async fn someone(store: &Store) -> String {
    named(store, "Operator.Uji").await
}

/// Creates a person with this username and [`PASSWORD`]; returns the username as looked up.
// Shared by the sign-in stories; only some use it.
#[allow(dead_code)]
pub async fn named(store: &Store, username: &str) -> String {
    let cli = AdminStamp::command_line(Timestamp(0));
    let unit = store
        .unit_or_new_top("UNIT UJI", &cli)
        .await
        .expect("create a unit");
    let candidate = Candidate {
        username,
        name: "Orang Uji",
        password: PASSWORD,
        grant: Grant {
            unit,
            role: Role::Operator,
        },
    };
    create_user(store, &candidate, None, &cli)
        .await
        .expect("create a person");
    username.to_lowercase()
}
