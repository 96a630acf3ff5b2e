//! What goes over the wire: pages compressed per request, the site's precompressed files sent
//! as they are, content-hashed `/pkg` files kept a year and everything else asked for again, and
//! the live stream never compressed (its events must not wait in a compressor's buffer).

#![allow(clippy::unwrap_used)]

mod common;

use axum::body::Body;
use axum::http::{header, Request, Response, StatusCode};
use leptos::prelude::LeptosOptions;
use server::http::caching::{IMMUTABLE, NO_CACHE};
use server::storage::Store;
use std::io::Read;
use std::path::PathBuf;
use tower::ServiceExt;

const WASM: &[u8] = b"\0asm the build's wasm";
const WASM_BR: &[u8] = b"the wasm's brotli copy";

/// A site with one hashed wasm and its brotli copy, and the build's `hash.txt` where leptos
/// reads it, beside the running binary (as cargo-leptos puts it beside the server's).
fn site() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    std::fs::write(
        exe.parent().unwrap().join("hash.txt"),
        "js: abc\nwasm: abc\ncss: abc\n",
    )
    .unwrap();
    let root = std::env::temp_dir().join(format!(
        "pantau-wire-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    std::fs::create_dir_all(root.join("pkg")).unwrap();
    std::fs::write(root.join("pkg/pantau.abc.wasm"), WASM).unwrap();
    std::fs::write(root.join("pkg/pantau.abc.wasm.br"), WASM_BR).unwrap();
    root
}

fn options(root: &std::path::Path, hashed: bool) -> LeptosOptions {
    let mut options = common::web::options();
    options.site_root = root.to_string_lossy().as_ref().into();
    options.hash_files = hashed;
    options
}

async fn get(
    store: &Store,
    options: LeptosOptions,
    path: &str,
    encoding: Option<&str>,
    cookie: Option<&str>,
) -> Response<Body> {
    let mut request = Request::builder().uri(path);
    if let Some(encoding) = encoding {
        request = request.header(header::ACCEPT_ENCODING, encoding);
    }
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    server::http::router::router(store.clone(), options)
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap()
}

fn header(response: &Response<Body>, name: header::HeaderName) -> Option<&str> {
    response
        .headers()
        .get(name)
        .map(|value| value.to_str().unwrap())
}

async fn body(response: Response<Body>) -> Vec<u8> {
    axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap()
        .to_vec()
}

async fn hashed_files_are_kept_a_year_pages_are_compressed_and_the_live_stream_is_not(
    store: &Store,
) {
    let root = site();

    let wasm = get(
        store,
        options(&root, true),
        "/pkg/pantau.abc.wasm",
        Some("br, gzip"),
        None,
    )
    .await;
    assert_eq!(wasm.status(), StatusCode::OK);
    assert_eq!(header(&wasm, header::CONTENT_ENCODING), Some("br"));
    assert_eq!(header(&wasm, header::CACHE_CONTROL), Some(IMMUTABLE));
    assert_eq!(header(&wasm, header::VARY), Some("accept-encoding"));
    assert_eq!(body(wasm).await, WASM_BR);

    // A client that takes no encoding gets the file itself.
    let plain = get(
        store,
        options(&root, true),
        "/pkg/pantau.abc.wasm",
        None,
        None,
    )
    .await;
    assert_eq!(header(&plain, header::CONTENT_ENCODING), None);
    assert_eq!(body(plain).await, WASM);

    // Unhashed names may change under the same address: asked for again every time.
    let unhashed = get(
        store,
        options(&root, false),
        "/pkg/pantau.abc.wasm",
        Some("br"),
        None,
    )
    .await;
    assert_eq!(header(&unhashed, header::CACHE_CONTROL), Some(NO_CACHE));

    // An old build's name that is gone is not kept.
    let gone = get(
        store,
        options(&root, true),
        "/pkg/pantau.old.wasm",
        Some("br"),
        None,
    )
    .await;
    assert_eq!(gone.status(), StatusCode::NOT_FOUND);
    assert_eq!(header(&gone, header::CACHE_CONTROL), Some(NO_CACHE));

    let page = get(store, options(&root, true), "/masuk", Some("br"), None).await;
    assert_eq!(page.status(), StatusCode::OK);
    assert_eq!(header(&page, header::CONTENT_ENCODING), Some("br"));
    assert_eq!(header(&page, header::CACHE_CONTROL), Some(NO_CACHE));
    let mut html = String::new();
    brotli::Decompressor::new(&body(page).await[..], 4096)
        .read_to_string(&mut html)
        .unwrap();
    assert!(html.contains("<form"), "{html}");
    // The page names this build's files, as `hash.txt` gives them.
    assert!(html.contains(r#"href="/pkg/pantau.abc.wasm""#), "{html}");
    assert!(html.contains(r#"href="/pkg/pantau.abc.css""#), "{html}");

    let plan = common::demo_plan(store).await;
    let operator = common::operator(store, plan).await;
    let cookie = common::cookie(store, &operator).await;
    let events = get(
        store,
        options(&root, true),
        &format!("/api/plans/{plan}/events"),
        Some("br, gzip"),
        Some(&cookie),
    )
    .await;
    assert_eq!(events.status(), StatusCode::OK);
    assert_eq!(
        header(&events, header::CONTENT_TYPE),
        Some("text/event-stream")
    );
    assert_eq!(header(&events, header::CONTENT_ENCODING), None);
    std::fs::remove_dir_all(root).unwrap();
}
both!(
    wire,
    hashed_files_are_kept_a_year_pages_are_compressed_and_the_live_stream_is_not
);
