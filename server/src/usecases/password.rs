//! Argon2 off the async workers. A hash or a check takes tens of milliseconds of CPU on purpose;
//! run on a worker thread, a few parallel logins would stall every other request, the live
//! streams included. So each runs on tokio's blocking pool, and at most one per CPU at a time:
//! more would only queue for the same cores while holding their memory.

use app::error::AppError;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rand_core::OsRng;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use tokio::sync::{OnceCell, Semaphore};

struct Pool {
    permits: Arc<Semaphore>,
    limit: usize,
    running: AtomicUsize,
    finished: AtomicU64,
}

fn pool() -> &'static Pool {
    static POOL: OnceLock<Pool> = OnceLock::new();
    POOL.get_or_init(|| {
        let limit = std::thread::available_parallelism().map_or(1, |n| n.get());
        Pool {
            permits: Arc::new(Semaphore::new(limit)),
            limit,
            running: AtomicUsize::new(0),
            finished: AtomicU64::new(0),
        }
    })
}

/// How many hashes or checks may run at once.
pub fn hash_limit() -> usize {
    pool().limit
}

/// How many hashes or checks are running right now.
pub fn hashes_running() -> usize {
    pool().running.load(Ordering::SeqCst)
}

/// How many hashes and checks have finished since the process started.
pub fn hashes_finished() -> u64 {
    pool().finished.load(Ordering::SeqCst)
}

/// Counts a piece of Argon2 work as running for as long as it lives, even if it panics.
struct Running;

impl Running {
    fn start() -> Running {
        pool().running.fetch_add(1, Ordering::SeqCst);
        Running
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        pool().running.fetch_sub(1, Ordering::SeqCst);
        pool().finished.fetch_add(1, Ordering::SeqCst);
    }
}

/// Runs `work` on the blocking pool once a permit is free; `None` if it could not run.
async fn off_the_workers<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Option<T> {
    // The permit moves into the blocking task: a request dropped while its hash runs does not
    // free a place for another until the hash is done.
    let permit = pool().permits.clone().acquire_owned().await.ok()?;
    let done = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        let _running = Running::start();
        work()
    })
    .await;
    match done {
        Ok(value) => Some(value),
        Err(error) => {
            tracing::error!(%error, "password work did not finish");
            None
        }
    }
}

/// The Argon2id hash of `password` in the PHC string format.
pub async fn hash_password(password: &str) -> Result<String, AppError> {
    let password = password.to_owned();
    match off_the_workers(move || hash_now(&password)).await {
        Some(Ok(hash)) => Ok(hash),
        Some(Err(error)) => Err(AppError::internal(format_args!(
            "cannot hash a password: {error}"
        ))),
        None => Err(AppError::internal(
            "cannot hash a password: the work did not run",
        )),
    }
}

fn hash_now(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
}

/// Whether `password` matches `hash`; `false` for a hash that cannot be read.
pub async fn verify_password(password: &str, hash: &str) -> bool {
    let (password, hash) = (password.to_owned(), hash.to_owned());
    off_the_workers(move || verify_now(&password, &hash))
        .await
        .unwrap_or(false)
}

fn verify_now(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Checked against when the username does not exist, so an unknown name takes as long to refuse
/// as a wrong password. Made once, on the blocking pool like every other hash.
pub async fn check_decoy(password: &str) {
    static DECOY: OnceCell<String> = OnceCell::const_new();
    let decoy = DECOY
        .get_or_init(|| async {
            hash_password("decoy password never used")
                .await
                .unwrap_or_default()
        })
        .await;
    verify_password(password, decoy).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_password_verifies_against_its_own_hash_only() {
        let hash = hash_password("kata-sandi-rahasia").await.unwrap();
        assert!(verify_password("kata-sandi-rahasia", &hash).await);
        assert!(!verify_password("kata-sandi-lain", &hash).await);
        assert!(!verify_password("x", "not a hash").await);
    }
}
