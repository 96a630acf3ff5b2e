//! The HTTP application: pages (server-rendered, then hydrated), server functions, static files.

use crate::storage::Store;
use app::api::ssr::Backend;
use app::{shell, App};
use axum::routing::get;
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::sync::Arc;
use tower_http::limit::RequestBodyLimitLayer;

/// Larger bodies are refused before they reach a handler.
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

pub fn router(store: Store, options: LeptosOptions) -> Router {
    let routes = generate_route_list(App);
    let live = Router::new()
        .route("/api/plans/{id}/events", get(crate::live::plan_events))
        .with_state(store.clone());
    let backend = Backend(Arc::new(store));
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
        .merge(live)
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .with_state(options)
}
