//! What the benchmarks that time pages share: a person's session on the whole router (session,
//! door check, page), each page asked for through it, and the percentile of the times.

use crate::http::auth::{open_session, SESSION_COOKIE};
use crate::storage::Store;
use axum::body::{Body, Bytes};
use axum::http::{header, Request, StatusCode};
use axum::Router;
use leptos::prelude::LeptosOptions;
use model::UserId;
use std::time::{Duration, Instant};
use tower::ServiceExt;

/// The router as a signed-in person's browser meets it.
pub struct SignedIn {
    app: Router,
    cookie: String,
}

impl SignedIn {
    pub async fn open(store: &Store, user: UserId) -> Result<SignedIn, String> {
        let token = open_session(store, user, crate::clock::now())
            .await
            .map_err(|e| e.to_string())?;
        let options = LeptosOptions::builder()
            .output_name("pantau")
            .site_pkg_dir("pkg")
            .build();
        Ok(SignedIn {
            app: crate::http::router::router(store.clone(), options),
            cookie: format!("{SESSION_COOKIE}={token}"),
        })
    }

    /// `path` asked for `runs` times (at least once): each whole request's time and the last
    /// answer's body. An answer other than 200 stops the bench.
    pub async fn time_get(
        &self,
        path: &str,
        runs: usize,
    ) -> Result<(Vec<Duration>, Bytes), String> {
        let mut times = Vec::new();
        let mut last = Bytes::new();
        for _ in 0..runs.max(1) {
            let request = Request::builder()
                .uri(path)
                .header(header::COOKIE, &self.cookie)
                .body(Body::empty())
                .map_err(|e| e.to_string())?;
            let started = Instant::now();
            let response = self
                .app
                .clone()
                .oneshot(request)
                .await
                .map_err(|e| e.to_string())?;
            let status = response.status();
            let body = axum::body::to_bytes(response.into_body(), usize::MAX)
                .await
                .map_err(|e| e.to_string())?;
            times.push(started.elapsed());
            if status != StatusCode::OK {
                return Err(format!("{path} answered {status}"));
            }
            last = body;
        }
        Ok((times, last))
    }
}

/// The `p`th percentile of `times`, in milliseconds (nearest rank).
pub fn percentile(times: &[Duration], p: usize) -> f64 {
    let mut sorted: Vec<Duration> = times.to_vec();
    sorted.sort();
    let rank = (p * sorted.len()).div_ceil(100).max(1) - 1;
    sorted
        .get(rank.min(sorted.len().saturating_sub(1)))
        .map_or(0.0, |d| d.as_secs_f64() * 1_000.0)
}
