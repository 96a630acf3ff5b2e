//! The change feed: which plan was just saved, for live dashboards.
//!
//! On SQLite (one server) an in-process broadcast is the whole story. On PostgreSQL, several app
//! servers share the database, so a save is announced with `NOTIFY` and every server (this one
//! included) hears it through its own `LISTEN` connection and rebroadcasts it to its streams.

use super::{Backend, Store, StoreError};
use model::{PlanId, UserId};
use sqlx::postgres::PgListener;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{broadcast, OnceCell};

const CHANNEL: &str = "pantau_plan_changed";
/// A notification's payload is a plan id, or this prefix and a user id.
const SESSIONS_PREFIX: &str = "u:";

/// What a live stream hears.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// This plan was saved.
    Plan(PlanId),
    /// Changes may have been missed (the PostgreSQL listener reconnected): refetch everything
    /// (and check that the stream's session still holds).
    Resync,
    /// Some sessions of this person ended (signed out, password reset, account disabled, last
    /// role revoked): their live streams check whether theirs still holds.
    SessionsEnded(UserId),
}

#[derive(Clone, Debug)]
pub struct ChangeFeed {
    sender: broadcast::Sender<Change>,
    listener: Arc<OnceCell<()>>,
    url: Arc<str>,
}

impl ChangeFeed {
    pub(super) fn new(url: &str) -> ChangeFeed {
        let (sender, _) = broadcast::channel(1024);
        ChangeFeed {
            sender,
            listener: Arc::new(OnceCell::new()),
            url: url.into(),
        }
    }
}

impl Store {
    /// Announces that `plan` was saved.
    pub async fn plan_changed(&self, plan: PlanId) -> Result<(), StoreError> {
        match self.backend {
            Backend::Sqlite => {
                // No receiver is not an error: nobody is watching.
                let _ = self.changes.sender.send(Change::Plan(plan));
            }
            Backend::Postgres => {
                sqlx::query("SELECT pg_notify($1, $2)")
                    .bind(CHANNEL)
                    .bind(plan.0.to_string())
                    .execute(&self.pool)
                    .await?;
            }
        }
        Ok(())
    }

    /// Announces that sessions of `user` ended, so their open live streams close. The sessions
    /// are gone from storage either way, so a failed announcement is only logged.
    pub async fn sessions_ended(&self, user: UserId) {
        match self.backend {
            Backend::Sqlite => {
                let _ = self.changes.sender.send(Change::SessionsEnded(user));
            }
            Backend::Postgres => {
                let sent = sqlx::query("SELECT pg_notify($1, $2)")
                    .bind(CHANNEL)
                    .bind(format!("{SESSIONS_PREFIX}{}", user.0))
                    .execute(&self.pool)
                    .await;
                if let Err(error) = sent {
                    tracing::warn!(%error, %user, "cannot announce ended sessions");
                }
            }
        }
    }

    /// A stream of changes from now on. On PostgreSQL the first subscriber starts the listener.
    pub async fn subscribe(&self) -> broadcast::Receiver<Change> {
        let receiver = self.changes.sender.subscribe();
        if self.backend == Backend::Postgres {
            self.changes
                .listener
                .get_or_init(|| async {
                    tokio::spawn(listen(
                        self.changes.url.clone(),
                        self.changes.sender.clone(),
                    ));
                })
                .await;
        }
        receiver
    }
}

/// Forwards `NOTIFY`s to the local broadcast, reconnecting for as long as the server runs.
async fn listen(url: Arc<str>, sender: broadcast::Sender<Change>) {
    let mut delay = Duration::from_millis(200);
    loop {
        match PgListener::connect(&url).await {
            Ok(mut listener) => {
                if let Err(error) = listener.listen(CHANNEL).await {
                    tracing::warn!(%error, "cannot LISTEN for plan changes");
                } else {
                    delay = Duration::from_millis(200);
                    // Anything saved while we were not listening is unknown: ask for a refetch.
                    let _ = sender.send(Change::Resync);
                    forward(&mut listener, &sender).await;
                }
            }
            Err(error) => tracing::warn!(%error, "cannot connect the plan-change listener"),
        }
        tokio::time::sleep(delay).await;
        delay = (delay * 2).min(Duration::from_secs(10));
    }
}

async fn forward(listener: &mut PgListener, sender: &broadcast::Sender<Change>) {
    loop {
        match listener.try_recv().await {
            Ok(Some(notification)) => match parse_payload(notification.payload()) {
                Some(change) => {
                    let _ = sender.send(change);
                }
                None => tracing::warn!(
                    payload = notification.payload(),
                    "unreadable change notification"
                ),
            },
            // The connection dropped; try_recv reconnects on the next call, and we may have
            // missed notifications in between.
            Ok(None) => {
                let _ = sender.send(Change::Resync);
            }
            Err(error) => {
                tracing::warn!(%error, "plan-change listener failed");
                return;
            }
        }
    }
}

fn parse_payload(payload: &str) -> Option<Change> {
    match payload.strip_prefix(SESSIONS_PREFIX) {
        Some(user) => user
            .parse()
            .ok()
            .map(|id| Change::SessionsEnded(UserId(id))),
        None => payload.parse().ok().map(|id| Change::Plan(PlanId(id))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_notification_names_a_plan_or_a_person_whose_sessions_ended() {
        assert_eq!(parse_payload("12"), Some(Change::Plan(PlanId(12))));
        assert_eq!(parse_payload("u:7"), Some(Change::SessionsEnded(UserId(7))));
        assert_eq!(parse_payload("u:x"), None);
        assert_eq!(parse_payload(""), None);
    }
}
