//! Checking a login: the throttle (counted before the password is checked, so a parallel burst
//! gets no more guesses than a sequence), the password, and a new session.

use super::open_session;
use crate::storage::{Store, StoreError};
use crate::usecases::password::{check_decoy, verify_password};
use app::error::AppError;
use model::login::{forget_before, login_username, throttles, wait_seconds, Throttle};
use model::login::{Failures, MAX_USERNAME_CHARS};
use model::time::Timestamp;
use std::net::IpAddr;

/// Why a login was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum LoginRefused {
    WrongCredentials,
    /// Longer than any username can be; refused before it is looked up.
    UsernameTooLong,
    /// Too many failures in a row: try again after this many seconds.
    Wait(i64),
    Internal,
}

impl LoginRefused {
    pub fn message(&self) -> String {
        match self {
            LoginRefused::WrongCredentials => "Nama pengguna atau kata sandi salah".into(),
            LoginRefused::UsernameTooLong => format!(
                "Nama pengguna terlalu panjang: paling banyak {MAX_USERNAME_CHARS} karakter"
            ),
            LoginRefused::Wait(seconds) => {
                format!("Terlalu banyak percobaan yang gagal. Coba lagi dalam {seconds} detik.")
            }
            // The sign-in endpoint names the request's id in its place.
            LoginRefused::Internal => AppError::Internal(None).to_string(),
        }
    }
}

impl From<StoreError> for LoginRefused {
    fn from(error: StoreError) -> LoginRefused {
        tracing::error!(%error, "login storage failure");
        LoginRefused::Internal
    }
}

/// Checks a login from `address` at `now` and opens a session; returns the session token for
/// the cookie. The attempt is counted as a failure under each throttle key before the password
/// is checked, and forgiven when it turns out right.
pub async fn sign_in(
    store: &Store,
    username: &str,
    password: &str,
    address: Option<IpAddr>,
    now: Timestamp,
) -> Result<String, LoginRefused> {
    let username = login_username(username).ok_or(LoginRefused::UsernameTooLong)?;
    store.purge_login_failures(forget_before(now)).await?;
    let address = address.map(|a| a.to_string()).unwrap_or_default();
    let keys = throttles(&username, &address);
    let mut counted: Vec<(&Throttle, Failures)> = Vec::with_capacity(keys.len());
    for throttle in &keys {
        match count_attempt(store, throttle, now).await? {
            Attempt::Counted(before) => counted.push((throttle, before)),
            Attempt::Wait(wait) => {
                // Refused without a check: the keys already counted take it back, so a person
                // held up by the address or the account is not also slowed on their own key.
                for (throttle, before) in counted {
                    store
                        .uncount_login_attempt(&throttle.key, before, now)
                        .await?;
                }
                return Err(LoginRefused::Wait(wait));
            }
        }
    }
    let user = match store.login_record(&username).await? {
        Some((id, hash)) => verify_password(password, &hash).await.then_some(id),
        None => {
            check_decoy(password).await;
            None
        }
    };
    let Some(user) = user else {
        tracing::info!(%username, %address, "login failed");
        return Err(LoginRefused::WrongCredentials);
    };
    let [own, shared @ ..] = &keys;
    let shared: Vec<&str> = shared.iter().map(|t| t.key.as_str()).collect();
    store.forgive_login_failures(&own.key, &shared).await?;
    store.delete_expired_sessions(now).await?;
    Ok(open_session(store, user, now).await?)
}

/// Losing this many races in a row to other attempts on the same key means a burst: refused.
const COUNT_TRIES: usize = 8;

enum Attempt {
    /// Counted, on top of these failures.
    Counted(Failures),
    /// Not counted: wait this many seconds.
    Wait(i64),
}

/// Counts an attempt under `throttle` if its wait allows one now. Read, judge by the model's
/// rule, then count only if nothing changed in between; otherwise read again.
async fn count_attempt(
    store: &Store,
    throttle: &Throttle,
    now: Timestamp,
) -> Result<Attempt, StoreError> {
    for _ in 0..COUNT_TRIES {
        let seen = store.login_failures(&throttle.key).await?;
        if let Some(wait) = wait_seconds(seen, throttle.free, now) {
            return Ok(Attempt::Wait(wait));
        }
        if store.count_login_attempt(&throttle.key, seen, now).await? {
            return Ok(Attempt::Counted(seen));
        }
    }
    Ok(Attempt::Wait(1))
}
