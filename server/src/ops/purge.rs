//! Housekeeping: what the server keeps only for a while. Stored sync answers are kept as long
//! as their client may still retry (90 days after that client was last seen), failed logins
//! as long as the throttle counts them (a day), sessions until they expire; evidence bytes as
//! long as an attachment names them, and an unfinished upload's for an hour. `pantau serve`
//! runs this every hour; `pantau purge` runs it once (for cron, or by hand).

use crate::storage::{Store, StoreError};
use model::time::Timestamp;
use std::time::Duration;

/// A client not seen for this long will not retry: its stored answers go.
pub const ANSWERS_KEPT_DAYS: i64 = 90;

/// How often `pantau serve` purges.
pub const EVERY: Duration = Duration::from_secs(60 * 60);

/// What one purge removed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Purged {
    pub answers: u64,
    pub sessions: u64,
    pub login_failures: u64,
    pub evidence_blobs: u64,
}

/// An upload unfinished for this long lost its connection (or its server): its bytes go.
pub const UPLOAD_ABANDONED_SECONDS: i64 = 60 * 60;

impl std::fmt::Display for Purged {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "removed {} stored sync answers, {} expired sessions, {} old login-failure records, \
             {} evidence files no attachment names",
            self.answers, self.sessions, self.login_failures, self.evidence_blobs
        )
    }
}

/// Answers of clients last seen before this moment are forgotten.
pub fn answers_forgotten_before(now: Timestamp) -> Timestamp {
    now.plus_seconds(-ANSWERS_KEPT_DAYS * 24 * 60 * 60)
}

/// Removes everything kept past its time at `now`.
pub async fn purge(store: &Store, now: Timestamp) -> Result<Purged, StoreError> {
    Ok(Purged {
        answers: store
            .purge_sync_answers(answers_forgotten_before(now))
            .await?,
        sessions: store.delete_expired_sessions(now).await?,
        login_failures: store
            .purge_login_failures(model::login::forget_before(now))
            .await?,
        evidence_blobs: store
            .purge_blobs(now.plus_seconds(-UPLOAD_ABANDONED_SECONDS))
            .await?,
    })
}

/// Purges now and then every hour, for as long as the server runs. A failed purge is logged
/// and tried again at the next hour: nothing the server serves depends on it.
pub fn spawn_hourly(store: Store) {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(EVERY);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            match purge(&store, crate::clock::now()).await {
                Ok(purged) => tracing::info!("purge: {purged}"),
                Err(error) => tracing::error!(%error, "purge failed; trying again in an hour"),
            }
        }
    });
}
