//! Live updates over server-sent events: `GET /api/plans/{id}/events` sends `changed` whenever
//! the plan is saved on any server, `ready` on (re)connect so the page can catch up, and a
//! keep-alive comment so proxies keep the stream open.

use crate::storage::{Change, Store};
use axum::extract::{Path, State};
use axum::response::sse::{Event, KeepAlive, Sse};
use futures::stream::{self, Stream};
use model::PlanId;
use std::convert::Infallible;
use std::time::Duration;
use tokio::sync::broadcast::error::RecvError;

pub async fn plan_events(
    State(store): State<Store>,
    Path(plan): Path<i64>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let plan = PlanId(plan);
    let receiver = store.subscribe().await;
    let ready = stream::once(async { Ok(Event::default().event("ready").data("")) });
    let changes = stream::unfold(receiver, move |mut receiver| async move {
        loop {
            let event = match receiver.recv().await {
                Ok(Change::Plan(changed)) if changed == plan => changed_event(plan),
                Ok(Change::Plan(_)) => continue,
                // Missed some changes (a slow stream, or a reconnected listener): refetch.
                Ok(Change::Resync) | Err(RecvError::Lagged(_)) => changed_event(plan),
                Err(RecvError::Closed) => return None,
            };
            return Some((Ok(event), receiver));
        }
    });
    Sse::new(stream::StreamExt::chain(ready, changes))
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

fn changed_event(plan: PlanId) -> Event {
    Event::default().event("changed").data(plan.0.to_string())
}
