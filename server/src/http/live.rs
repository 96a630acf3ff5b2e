//! Live updates over server-sent events: `GET /api/plans/{id}/events` sends `changed` whenever
//! the plan is saved on any server, `ready` on (re)connect so the page can catch up, and a
//! keep-alive comment so proxies keep the stream open. Only for people who may read the plan.

use crate::http::auth::SessionHash;
use crate::http::errors::text;
use crate::storage::{Change, Store};
use crate::usecases::guard;
use app::api::ssr::SignedIn;
use app::error::AppError;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use futures::stream;
use model::access::Permission;
use model::{PlanId, UserId};
use std::convert::Infallible;
use std::time::Duration;
use tokio::sync::broadcast::error::RecvError;

pub async fn plan_events(
    State(store): State<Store>,
    plan: Result<Path<String>, PathRejection>,
    signed_in: Option<Extension<SignedIn>>,
    session: Option<Extension<SessionHash>>,
) -> Response {
    let Some(Extension(SignedIn(who))) = signed_in else {
        return text(&AppError::Unauthenticated);
    };
    // An id that is not a number (or not even text) names no plan.
    let plan = match plan {
        Ok(Path(plan)) => match plan.parse::<i64>() {
            Ok(id) => PlanId(id),
            Err(_) => {
                return text(&AppError::NotFound(format!(
                    "Rencana nomor \u{201c}{plan}\u{201d}"
                )))
            }
        },
        Err(_) => return text(&AppError::NotFound("Rencana".into())),
    };
    if let Err(refused) = guard::plan(&store, &who, plan, Permission::ReadPlan).await {
        return text(&refused);
    }
    let (session, deadline) = match session_lasts(&store, session).await {
        Ok(lasts) => lasts,
        Err(refused) => return refused,
    };
    let receiver = store.subscribe().await;
    let ready =
        stream::once(async { Ok::<_, Infallible>(Event::default().event("ready").data("")) });
    let watch = Watch {
        store,
        session,
        user: who.id,
        plan,
        deadline,
    };
    let changes = stream::unfold((receiver, watch), |(mut receiver, watch)| async move {
        loop {
            let received = tokio::select! {
                received = receiver.recv() => received,
                () = tokio::time::sleep_until(watch.deadline) => return None,
            };
            let event = match received {
                Ok(Change::Plan(changed)) if changed == watch.plan => changed_event(watch.plan),
                Ok(Change::Plan(_)) => continue,
                Ok(Change::SessionsEnded(user)) if user == watch.user => {
                    if watch.holds().await {
                        continue;
                    }
                    return None;
                }
                Ok(Change::SessionsEnded(_)) => continue,
                // Missed some changes (a slow stream, or a reconnected listener): refetch.
                Ok(Change::Resync) | Err(RecvError::Lagged(_)) => {
                    if !watch.holds().await {
                        return None;
                    }
                    changed_event(watch.plan)
                }
                Err(RecvError::Closed) => return None,
            };
            return Some((Ok(event), (receiver, watch)));
        }
    });
    Sse::new(stream::StreamExt::chain(ready, changes))
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response()
}

/// The stream lasts as long as the session that opened it: it closes when the session
/// expires, and when the person signs out, their password is reset, their account is disabled
/// or their last role is revoked (announced as `SessionsEnded`). The session and when it
/// expires, or the refusal to answer.
pub(super) async fn session_lasts(
    store: &Store,
    session: Option<Extension<SessionHash>>,
) -> Result<(String, tokio::time::Instant), Response> {
    let Some(Extension(SessionHash(session))) = session else {
        return Err(text(&AppError::Unauthenticated));
    };
    let expires = match store.session(&session, crate::clock::now()).await {
        Ok(Some((_, expires))) => expires,
        Ok(None) => return Err(text(&AppError::Unauthenticated)),
        Err(error) => return Err(text(&AppError::from(error))),
    };
    let deadline = tokio::time::Instant::now()
        + Duration::from_secs(u64::try_from(expires.0 - crate::clock::now().0).unwrap_or(0));
    Ok((session, deadline))
}

/// What a live stream watches besides the plan: its own session.
struct Watch {
    store: Store,
    session: String,
    user: UserId,
    plan: PlanId,
    deadline: tokio::time::Instant,
}

impl Watch {
    async fn holds(&self) -> bool {
        session_holds(&self.store, &self.session).await
    }
}

/// Whether a stream's session still holds. A storage failure keeps the stream open: the next
/// announcement asks again.
pub(super) async fn session_holds(store: &Store, session: &str) -> bool {
    match store.session(session, crate::clock::now()).await {
        Ok(found) => found.is_some(),
        Err(error) => {
            tracing::warn!(%error, "cannot check a live stream's session");
            true
        }
    }
}

fn changed_event(plan: PlanId) -> Event {
    Event::default().event("changed").data(plan.0.to_string())
}
