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

/// The site's own `public/` folder, as cargo-leptos copies it into the site.
fn public() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../public")
}

/// A phone pins Pantau from the manifest: it is served without a session (browsers fetch it
/// without cookies) as `application/manifest+json`, it parses, and every icon it names is
/// served as the image type it says; the favicon and touch icon too.
async fn the_manifest_and_every_icon_it_names_are_served(store: &Store) {
    let fetch = |path: String| async move {
        let response = get(store, options(&public(), true), &path, None, None).await;
        let status = response.status();
        let kind = header(&response, header::CONTENT_TYPE).map(str::to_owned);
        (status, kind, body(response).await)
    };
    let (status, kind, manifest) = fetch(app::MANIFEST.to_owned()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(kind.as_deref(), Some("application/manifest+json"));
    let manifest: serde_json::Value = serde_json::from_slice(&manifest).unwrap();
    assert_eq!(manifest["name"], "Pantau");
    assert_eq!(manifest["short_name"], "Pantau");
    assert_eq!(manifest["start_url"], "/");
    assert_eq!(manifest["display"], "standalone");
    assert_eq!(manifest["lang"], "id");
    // The colours are the stylesheet's: the top bar's and the page's.
    let css = std::fs::read_to_string(public().join("../style/main.css")).unwrap();
    for (key, variable) in [("theme_color", "--ink"), ("background_color", "--band")] {
        let colour = manifest[key].as_str().unwrap();
        assert!(
            css.contains(&format!("{variable}: {colour};")),
            "{key} {colour}"
        );
    }
    let icons = manifest["icons"].as_array().unwrap();
    let mut sizes = Vec::new();
    for icon in icons {
        let src = icon["src"].as_str().unwrap();
        let (status, kind, bytes) = fetch(src.to_owned()).await;
        assert_eq!(status, StatusCode::OK, "{src}");
        assert_eq!(kind.as_deref(), icon["type"].as_str(), "{src}");
        if kind.as_deref() == Some("image/png") {
            // A PNG whose header says the size the manifest gives.
            assert_eq!(&bytes[1..4], b"PNG", "{src}");
            let width = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
            let height = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
            assert_eq!(format!("{width}x{height}"), icon["sizes"], "{src}");
        }
        sizes.push((
            icon["sizes"].as_str().unwrap().to_owned(),
            icon["purpose"].as_str().unwrap_or("any").to_owned(),
        ));
    }
    for wanted in [
        ("192x192", "any"),
        ("512x512", "any"),
        ("512x512", "maskable"),
    ] {
        assert!(
            sizes.contains(&(wanted.0.to_owned(), wanted.1.to_owned())),
            "{wanted:?} in {sizes:?}"
        );
    }
    for (path, kind) in [
        ("/favicon.ico", "image/x-icon"),
        ("/icons/pantau-180.png", "image/png"),
    ] {
        let (status, got, _) = fetch(path.to_owned()).await;
        assert_eq!(
            (status, got.as_deref()),
            (StatusCode::OK, Some(kind)),
            "{path}"
        );
    }
    // The service worker stores exactly these for offline use.
    let worker = std::fs::read_to_string(public().join("sw.js")).unwrap();
    let mut named: Vec<&str> = icons.iter().map(|i| i["src"].as_str().unwrap()).collect();
    named.extend([app::MANIFEST, "/favicon.ico", "/icons/pantau-180.png"]);
    for path in named {
        assert!(worker.contains(&format!("'{path}'")), "sw.js misses {path}");
    }
}
both!(manifest, the_manifest_and_every_icon_it_names_are_served);

/// Every page, the server-written import page and the not-found page included, links the
/// manifest and the icons in its head.
async fn every_page_links_the_manifest_and_the_icons(store: &Store) {
    let plan = common::demo_plan(store).await;
    let links = app::app_links_html();
    let wanted = [
        format!(r#"<link rel="manifest" href="{}""#, app::MANIFEST),
        r#"<link rel="apple-touch-icon" href="/icons/pantau-180.png""#.to_owned(),
        r#"<link rel="icon" href="/icons/pantau.svg" type="image/svg+xml""#.to_owned(),
        r#"<link rel="icon" href="/favicon.ico" sizes="48x48""#.to_owned(),
        r##"<meta name="theme-color" content="#1d2430""##.to_owned(),
    ];
    for tag in &wanted {
        assert!(links.contains(tag.as_str()), "{tag} in {links}");
    }
    for path in [
        "/".to_owned(),
        "/masuk".to_owned(),
        "/admin".to_owned(),
        "/impor".to_owned(),
        "/tidak-ada".to_owned(),
        format!("/rencana/{plan}"),
        format!("/rencana/{plan}/dasbor"),
        format!("/rencana/{plan}/riwayat"),
        format!("/rencana/{plan}/cetak"),
    ] {
        let (_, html) = common::web::get(store, &path).await;
        let head = html.split("</head>").next().unwrap();
        for tag in &wanted {
            assert!(head.contains(tag.as_str()), "{path} lacks {tag}: {head}");
        }
    }
}
both!(
    pages_link_the_manifest,
    every_page_links_the_manifest_and_the_icons
);
