//! Signing in and out, sessions, and the checks every request passes before any handler:
//! cross-site requests that change data are refused, the session cookie is resolved to the
//! signed-in person, and pages ask for a login when no one is signed in.

mod address;
mod gate;
mod handlers;
mod sign_in;

pub use address::client_address;
pub use gate::gate;
pub use handlers::{login, logout, LoginForm};
pub use sign_in::{sign_in, LoginRefused};

use crate::config::Settings;
use crate::storage::{Store, StoreError};
use model::time::Timestamp;
use model::UserId;
use rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};
use std::sync::Arc;

pub const SESSION_COOKIE: &str = "pantau_sesi";
/// A session lasts a working day.
pub const SESSION_SECONDS: i64 = 12 * 60 * 60;

/// The SHA-256 of the request's session token, beside `SignedIn` in the request's extensions
/// (the live feed closes its stream when this session ends).
#[derive(Clone, Debug)]
pub struct SessionHash(pub String);

/// What sign-in, sign-out and the gate need: the store and how the server is reached.
#[derive(Clone, Debug)]
pub struct AuthState {
    pub store: Store,
    pub settings: Arc<Settings>,
}

fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A new session for `user` from `now`; returns the token the cookie carries (only its hash is
/// stored).
pub async fn open_session(
    store: &Store,
    user: UserId,
    now: Timestamp,
) -> Result<String, StoreError> {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    let token = hex::encode(bytes);
    store
        .create_session(&token_hash(&token), user, now.plus_seconds(SESSION_SECONDS))
        .await?;
    Ok(token)
}
