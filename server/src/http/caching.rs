//! How long a browser may keep what the server sends. With content-hashed `/pkg` names
//! (cargo-leptos `hash-files`), a name always means the same bytes: such a file is kept a year
//! and never asked for again, so a second visit downloads no wasm or CSS. Everything else
//! (pages, server functions, the live feed, the service worker, unhashed files) is asked for
//! again every time (`no-cache`: a file may still come back as a 304). A file sent from its
//! precompressed copy says it varies by `Accept-Encoding` (the file service does not), so a
//! shared cache never hands the brotli copy to a browser that did not ask for it.

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use http::header::{ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, VARY};
use http::{HeaderValue, StatusCode};
use std::sync::Arc;

pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
pub const NO_CACHE: &str = "no-cache";

/// Where the content-hashed files are served (`/pkg/`), or `None` when names are not hashed.
#[derive(Clone)]
pub struct HashedFiles(pub Option<Arc<str>>);

impl HashedFiles {
    pub fn from_options(options: &leptos::config::LeptosOptions) -> Self {
        HashedFiles(
            options
                .hash_files
                .then(|| options.site_pkg_dir_route_base().into()),
        )
    }
}

/// Sets `Cache-Control` on every answer that does not set its own, and `Vary` on an encoded
/// one that has none.
pub async fn cache_control(
    State(hashed): State<HashedFiles>,
    request: Request,
    next: Next,
) -> Response {
    let hashed_file = hashed
        .0
        .as_deref()
        .is_some_and(|pkg| request.uri().path().starts_with(pkg));
    let mut response = next.run(request).await;
    if !response.headers().contains_key(CACHE_CONTROL) {
        let keep = hashed_file && response.status() == StatusCode::OK;
        response.headers_mut().insert(
            CACHE_CONTROL,
            HeaderValue::from_static(if keep { IMMUTABLE } else { NO_CACHE }),
        );
    }
    let headers = response.headers_mut();
    if headers.contains_key(CONTENT_ENCODING) && !headers.contains_key(VARY) {
        headers.insert(VARY, HeaderValue::from(ACCEPT_ENCODING));
    }
    response
}
