//! The HTTP application: pages (server-rendered, then hydrated), server functions, sign-in and
//! sign-out, the live feed and static files, all behind the session gate.

use crate::auth::{self, AuthState};
use crate::config::Settings;
use crate::storage::Store;
use app::api::ssr::Backend;
use app::{shell, App};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{from_fn_with_state, map_response};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::sync::Arc;
use tower_http::limit::RequestBodyLimitLayer;

/// Larger bodies are refused before they reach a handler.
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

/// The router with the default settings (no proxy in front): for tests and tools.
pub fn router(store: Store, options: LeptosOptions) -> Router {
    router_with(store, options, Settings::default())
}

pub fn router_with(store: Store, options: LeptosOptions, settings: Settings) -> Router {
    let routes = generate_route_list(App);
    let auth_state = AuthState {
        store: store.clone(),
        settings: Arc::new(settings),
    };
    let sign_in = Router::new()
        .route("/api/masuk", post(auth::login))
        .route("/api/keluar", post(auth::logout))
        .with_state(auth_state.clone());
    let own = Router::new()
        .route("/api/plans/{id}/events", get(crate::live::plan_events))
        .with_state(store.clone())
        .merge(sign_in);
    let backend = Backend(Arc::new(store.clone()));
    Router::new()
        .leptos_routes_with_context(
            &options,
            routes,
            move || provide_context(backend.clone()),
            {
                let options = options.clone();
                move || shell(options.clone())
            },
        )
        .fallback(leptos_axum::file_and_error_handler(shell))
        .merge(own)
        .layer(from_fn_with_state(auth_state, auth::gate))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        // Outside the limit, so it sees the limit's refusal.
        .layer(map_response(explain_too_large))
        .with_state(options)
}

/// A body over the limit gets a message a person can act on.
async fn explain_too_large(response: Response) -> Response {
    if response.status() != StatusCode::PAYLOAD_TOO_LARGE {
        return response;
    }
    let mut response = (
        StatusCode::PAYLOAD_TOO_LARGE,
        format!(
            "Data yang dikirim terlalu besar: paling banyak {} MB per permintaan",
            MAX_BODY_BYTES / (1024 * 1024)
        ),
    )
        .into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}
