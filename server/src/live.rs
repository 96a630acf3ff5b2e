//! Live updates over server-sent events: `GET /api/plans/{id}/events` sends `changed` whenever
//! the plan is saved on any server, `ready` on (re)connect so the page can catch up, and a
//! keep-alive comment so proxies keep the stream open. Only for people who may read the plan.

use crate::guard;
use crate::storage::{Change, Store};
use app::api::ssr::SignedIn;
use app::error::AppError;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use futures::stream;
use model::access::Permission;
use model::PlanId;
use std::convert::Infallible;
use std::time::Duration;
use tokio::sync::broadcast::error::RecvError;

pub async fn plan_events(
    State(store): State<Store>,
    Path(plan): Path<i64>,
    signed_in: Option<Extension<SignedIn>>,
) -> Response {
    let plan = PlanId(plan);
    let Some(Extension(SignedIn(who))) = signed_in else {
        return (
            StatusCode::UNAUTHORIZED,
            AppError::Unauthenticated.to_string(),
        )
            .into_response();
    };
    match guard::plan(&store, &who, plan, Permission::ReadPlan).await {
        Ok(_) => {}
        Err(AppError::NotFound(what)) => {
            return (StatusCode::NOT_FOUND, format!("{what} tidak ditemukan")).into_response()
        }
        Err(AppError::Forbidden(why)) => return (StatusCode::FORBIDDEN, why).into_response(),
        Err(other) => {
            return (StatusCode::INTERNAL_SERVER_ERROR, other.to_string()).into_response()
        }
    }
    let receiver = store.subscribe().await;
    let ready =
        stream::once(async { Ok::<_, Infallible>(Event::default().event("ready").data("")) });
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
        .into_response()
}

fn changed_event(plan: PlanId) -> Event {
    Event::default().event("changed").data(plan.0.to_string())
}
