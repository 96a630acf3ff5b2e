//! What the sign-in stories share: a person to sign in as.

use model::access::{Grant, Role};
use server::admin::create_user;
use server::storage::Store;

pub const PASSWORD: &str = "kata-sandi-uji";

/// Creates `Operator.Uji` with [`PASSWORD`]; returns the username as it is looked up.
pub async fn someone(store: &Store) -> String {
    named(store, "Operator.Uji").await
}

/// Creates a person with this username and [`PASSWORD`]; returns the username as looked up.
// Shared by the sign-in stories; only some use it.
#[allow(dead_code)]
pub async fn named(store: &Store, username: &str) -> String {
    let unit = store.ensure_unit("UNIT UJI").await.expect("create a unit");
    create_user(
        store,
        username,
        "Orang Uji",
        PASSWORD,
        Grant {
            unit,
            role: Role::Operator,
        },
    )
    .await
    .expect("create a person");
    username.to_lowercase()
}
