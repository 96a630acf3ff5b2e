//! The outbox in the browser's local storage, shared by every tab and kept across reloads and
//! restarts. On the server there is none.

use model::sync::Outbox;

#[cfg(feature = "hydrate")]
const KEY: &str = "pantau.outbox";

#[cfg(feature = "hydrate")]
pub fn load() -> Outbox {
    use gloo_storage::{LocalStorage, Storage};
    LocalStorage::get(KEY).unwrap_or_default()
}

#[cfg(feature = "hydrate")]
pub fn save(outbox: &Outbox) -> Result<(), String> {
    use gloo_storage::{LocalStorage, Storage};
    LocalStorage::set(KEY, outbox).map_err(|e| {
        format!("Perubahan tidak dapat disimpan di perangkat ini ({e}); jangan tutup halaman ini")
    })
}

#[cfg(not(feature = "hydrate"))]
pub fn load() -> Outbox {
    Outbox::default()
}

#[cfg(not(feature = "hydrate"))]
pub fn save(_: &Outbox) -> Result<(), String> {
    Ok(())
}
