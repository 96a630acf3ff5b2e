//! The roll-up's live feed: `GET /api/units/{id}/events` sends `changed` with a unit's id
//! whenever a plan of that unit, at or below `{id}`, is saved on any server (the same change
//! feed as the plan's, `storage::changes`: PostgreSQL LISTEN/NOTIFY across app servers), so the
//! page fetches that one unit's figures and nothing else; `resync` when changes may have been
//! missed (the page then fetches the whole roll-up); `ready` on (re)connect. The door is the
//! roll-up's: a unit out of reach or not there is "not found".

use super::live::{session_holds, session_lasts};
use crate::http::auth::SessionHash;
use crate::http::errors::text;
use crate::storage::{Change, Store};
use crate::usecases::guard::unit_tree;
use app::api::ssr::SignedIn;
use app::error::AppError;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use futures::stream;
use model::access::{allows, Permission, UnitTree};
use model::{PlanId, UnitId, UserId};
use std::convert::Infallible;
use std::time::Duration;
use tokio::sync::broadcast::error::RecvError;

pub async fn unit_events(
    State(store): State<Store>,
    unit: Result<Path<String>, PathRejection>,
    signed_in: Option<Extension<SignedIn>>,
    session: Option<Extension<SessionHash>>,
) -> Response {
    let Some(Extension(SignedIn(who))) = signed_in else {
        return text(&AppError::Unauthenticated);
    };
    let unit = match unit {
        Ok(Path(raw)) => match raw.parse::<i64>() {
            Ok(id) => UnitId(id),
            Err(_) => {
                return text(&AppError::NotFound(format!(
                    "Unit nomor \u{201c}{}\u{201d}",
                    model::text::excerpt(&raw, 20)
                )))
            }
        },
        Err(_) => return text(&AppError::NotFound("Unit".into())),
    };
    let tree = match unit_tree(&store).await {
        Ok(tree) => tree,
        Err(error) => return text(&error),
    };
    if !tree.contains(unit) || !allows(&who, &tree, Permission::ReadPlan, unit) {
        return text(&AppError::NotFound(format!("Unit nomor {unit}")));
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
        root: unit,
        tree,
        deadline,
    };
    let changes = stream::unfold((receiver, watch), |(mut receiver, mut watch)| async move {
        loop {
            let received = tokio::select! {
                received = receiver.recv() => received,
                () = tokio::time::sleep_until(watch.deadline) => return None,
            };
            let event = match received {
                Ok(Change::Plan(plan)) => match watch.unit_below(plan).await {
                    Some(unit) => Event::default().event("changed").data(unit.0.to_string()),
                    None => continue,
                },
                Ok(Change::SessionsEnded(user)) if user == watch.user => {
                    if session_holds(&watch.store, &watch.session).await {
                        continue;
                    }
                    return None;
                }
                Ok(Change::SessionsEnded(_)) => continue,
                Ok(Change::Resync) | Err(RecvError::Lagged(_)) => {
                    if !session_holds(&watch.store, &watch.session).await {
                        return None;
                    }
                    Event::default().event("resync").data("")
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

struct Watch {
    store: Store,
    session: String,
    user: UserId,
    root: UnitId,
    /// The units as they stood when the stream opened; read again when a plan names a unit it
    /// does not hold (a unit made since).
    tree: UnitTree,
    deadline: tokio::time::Instant,
}

impl Watch {
    /// The unit of `plan` when it is at or below the roll-up's unit, else `None`. A storage
    /// failure is logged and the change skipped: the next `resync` catches up.
    async fn unit_below(&mut self, plan: PlanId) -> Option<UnitId> {
        let unit = match self.store.plan_unit(plan).await {
            Ok(unit) => unit?,
            Err(error) => {
                tracing::warn!(%error, %plan, "cannot find a changed plan's unit");
                return None;
            }
        };
        if !self.tree.contains(unit) {
            if let Ok(tree) = unit_tree(&self.store).await {
                self.tree = tree;
            }
        }
        self.tree.is_within(unit, self.root).then_some(unit)
    }
}
