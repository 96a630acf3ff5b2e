//! The outbox in the browser's local storage, shared by every tab and kept across reloads and
//! restarts; on the server there is none. Only storage is read and written here: the format,
//! what does not read, and what can be recovered are `model::sync::stored`.
//!
//! A value that does not read is moved aside, as it is, before anything is written: if it cannot
//! be moved (storage full), nothing is written over it and the caller is told why.

use model::sync::stored::Recovered;
use model::sync::Outbox;

/// A value moved aside: its key, the value as found, and what people did with it since.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Aside {
    pub key: String,
    pub raw: String,
    pub recovered: Recovered,
}

/// Why the outbox cannot be used now; for the person.
const CANNOT_MOVE: &str = "Antrean perubahan di perangkat ini tidak dapat dibaca dan tidak dapat \
     dipindahkan (penyimpanan penuh?); perubahan baru tidak disimpan agar isinya tidak tertimpa";

#[cfg(feature = "hydrate")]
mod browser {
    use super::{Aside, CANNOT_MOVE};
    use model::sync::stored::{self, Read, Recovered, OUTBOX_KEY, UNREADABLE_PREFIX};
    use model::sync::Outbox;

    fn storage() -> Result<web_sys::Storage, String> {
        web_sys::window()
            .and_then(|w| w.local_storage().ok().flatten())
            .ok_or_else(|| "Penyimpanan lokal peramban tidak tersedia".to_owned())
    }

    fn get(storage: &web_sys::Storage, key: &str) -> Option<String> {
        storage.get_item(key).ok().flatten()
    }

    /// Reads the outbox; a value that does not read is first moved aside (and the outbox is
    /// then empty).
    pub fn load() -> Result<Outbox, String> {
        let storage = storage()?;
        let raw = get(&storage, OUTBOX_KEY);
        match stored::read(raw.as_deref()) {
            Read::Outbox(outbox) => Ok(outbox),
            Read::Unreadable(_) => {
                let raw = raw.unwrap_or_default();
                let key =
                    stored::aside_key(js_sys::Date::now() as i64, |k| get(&storage, k).is_some());
                storage
                    .set_item(&key, &raw)
                    .map_err(|_| CANNOT_MOVE.to_owned())?;
                // Only once the copy reads back whole is the original removed.
                if get(&storage, &key).as_deref() != Some(raw.as_str()) {
                    return Err(CANNOT_MOVE.into());
                }
                storage
                    .remove_item(OUTBOX_KEY)
                    .map_err(|_| CANNOT_MOVE.to_owned())?;
                Ok(Outbox::default())
            }
        }
    }

    pub fn save(outbox: &Outbox) -> Result<(), String> {
        let storage = storage()?;
        let raw = stored::encode(outbox)?;
        storage.set_item(OUTBOX_KEY, &raw).map_err(|e| {
            format!(
                "Perubahan tidak dapat disimpan di perangkat ini ({e:?}); jangan tutup halaman ini"
            )
        })
    }

    pub fn asides() -> Vec<Aside> {
        let Ok(storage) = storage() else {
            return Vec::new();
        };
        let count = storage.length().unwrap_or(0);
        let mut keys: Vec<String> = (0..count)
            .filter_map(|i| storage.key(i).ok().flatten())
            .filter(|k| k.starts_with(UNREADABLE_PREFIX))
            .collect();
        keys.sort();
        keys.into_iter()
            .filter_map(|key| {
                let raw = get(&storage, &key)?;
                let recovered = Recovered::read(
                    stored::recovered_key(&key)
                        .and_then(|k| get(&storage, &k))
                        .as_deref(),
                );
                Some(Aside {
                    key,
                    raw,
                    recovered,
                })
            })
            .collect()
    }

    pub fn save_recovered(aside: &str, recovered: &Recovered) -> Result<(), String> {
        let storage = storage()?;
        let key = stored::recovered_key(aside).ok_or("kunci tidak dikenal")?;
        storage
            .set_item(&key, &recovered.encode()?)
            .map_err(|e| format!("Tidak dapat disimpan di perangkat ini ({e:?})"))
    }
}

#[cfg(feature = "hydrate")]
pub use browser::{asides, load, save_recovered};

/// Reads the outbox, changes it and writes it back in one synchronous step (no other tab's
/// script runs in between). Nothing is written when the stored value could not be read and
/// moved aside.
#[cfg(feature = "hydrate")]
pub fn update<R>(change: impl FnOnce(&mut Outbox) -> R) -> Result<(R, Outbox), String> {
    let mut outbox = browser::load()?;
    let result = change(&mut outbox);
    browser::save(&outbox)?;
    Ok((result, outbox))
}

#[cfg(not(feature = "hydrate"))]
pub fn load() -> Result<Outbox, String> {
    Ok(Outbox::default())
}

#[cfg(not(feature = "hydrate"))]
pub fn update<R>(change: impl FnOnce(&mut Outbox) -> R) -> Result<(R, Outbox), String> {
    let mut outbox = Outbox::default();
    Ok((change(&mut outbox), outbox))
}

#[cfg(not(feature = "hydrate"))]
pub fn asides() -> Vec<Aside> {
    let _ = CANNOT_MOVE;
    Vec::new()
}

#[cfg(not(feature = "hydrate"))]
pub fn save_recovered(_: &str, _: &Recovered) -> Result<(), String> {
    Ok(())
}
