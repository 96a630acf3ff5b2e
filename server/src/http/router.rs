//! The HTTP application: pages (server-rendered, then hydrated), server functions, sign-in and
//! sign-out, the live feed and static files, all behind the session gate; every answer passes
//! `http_errors`, which gives the request its id and each refusal its status, and is compressed
//! (brotli or gzip) when the browser takes it and it is worth it.

use crate::config::Settings;
use crate::http::auth::{self, AuthState};
use crate::http::caching::{self, HashedFiles};
use crate::http::errors::{self, ServerFnPaths};
use crate::storage::Store;
use app::api::ssr::Backend;
use app::{shell, App};
use axum::middleware::from_fn_with_state;
use axum::routing::{get, post};
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::sync::Arc;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::limit::RequestBodyLimitLayer;

/// Larger bodies are refused before they reach a handler.
pub const MAX_BODY_BYTES: usize = app::error::MAX_REQUEST_BYTES;

/// The router with the default settings (no proxy in front): for tests and tools.
pub fn router(store: Store, options: LeptosOptions) -> Router {
    router_with(store, options, Settings::default())
}

pub fn router_with(store: Store, options: LeptosOptions, settings: Settings) -> Router {
    let metrics = settings.metrics;
    let evidence_limit = settings.evidence_limit();
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
        .route(
            "/api/plans/{id}/events",
            get(crate::http::live::plan_events),
        )
        .route(
            "/api/units/{id}/events",
            get(crate::http::live_rollup::unit_events),
        )
        .route("/rencana/{id}/excel", get(crate::http::export::excel))
        .with_state(store.clone())
        .merge(sign_in);
    let backend = Backend(Arc::new(store.clone()));
    let hashed = HashedFiles::from_options(&options);
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
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        // "Impor dari Excel" takes a file, so a body limit of its own.
        .merge(crate::http::import::routes(store.clone(), &options))
        // Evidence files too, streamed (`http::evidence`).
        .merge(crate::http::evidence::routes(
            store.clone(),
            &options,
            evidence_limit,
        ))
        .layer(from_fn_with_state(auth_state, auth::gate))
        // Outside the gate: a probe has no session, and `/healthz` touches no database.
        .merge(crate::http::health::routes(store, metrics))
        // Outermost: every request's id, and every refusal's status and words (it also sees the
        // limit's refusal).
        .layer(from_fn_with_state(
            ServerFnPaths::registered(),
            errors::answer,
        ))
        .layer(from_fn_with_state(hashed, caching::cache_control))
        // Outside the error layer, which reads the bodies of refusals. Pages and server
        // functions are compressed per request, at a level that costs a few milliseconds on a
        // plan page (the best brotli would cost more than rendering it); static files come
        // precompressed at the best level (`ops::site`) and pass through as they are. The live
        // feed (`text/event-stream`) is never compressed, so its events are not held back.
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(4)))
        .with_state(options)
}
