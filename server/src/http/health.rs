//! Health checks for the service manager, the reverse proxy and monitoring, outside the session
//! gate: `GET /healthz` answers 200 "ok" while the process serves (it touches no database), and
//! `GET /readyz` answers 200 when the database answers and has applied exactly this binary's
//! migrations, else 503 with the reason in one line. `GET /metrics` (only when configured) gives
//! the counters of `crate::metrics`.

use crate::storage::schema::SchemaState;
use crate::storage::Store;
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::time::Duration;

/// A database that has not answered by then counts as down: a probe must not hang.
const READY_TIMEOUT: Duration = Duration::from_secs(3);

/// The health checks, and `/metrics` when `metrics` is on (`PANTAU_METRICS=1`).
pub fn routes<S>(store: Store, metrics: bool) -> Router<S> {
    let routes = Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz));
    let routes = if metrics {
        routes.route("/metrics", get(exposition))
    } else {
        routes
    };
    routes.with_state(store)
}

/// The counters in the Prometheus text format.
async fn exposition() -> Response {
    let mut response = plain(StatusCode::OK, crate::metrics::text());
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
    );
    response
}

async fn healthz() -> Response {
    plain(StatusCode::OK, "ok".to_owned())
}

async fn readyz(State(store): State<Store>) -> Response {
    let state = tokio::time::timeout(READY_TIMEOUT, store.schema_state()).await;
    match state {
        Ok(Ok(SchemaState::Current)) => plain(StatusCode::OK, "ok".to_owned()),
        Ok(Ok(other)) => not_ready(other.to_string()),
        Ok(Err(error)) => not_ready(format!("the database does not answer: {error}")),
        Err(_) => not_ready(format!(
            "the database has not answered within {} s",
            READY_TIMEOUT.as_secs()
        )),
    }
}

fn not_ready(reason: String) -> Response {
    tracing::warn!(%reason, "not ready");
    plain(
        StatusCode::SERVICE_UNAVAILABLE,
        format!("not ready: {reason}"),
    )
}

/// Text that probes and people read alike, never cached.
fn plain(status: StatusCode, body: String) -> Response {
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
