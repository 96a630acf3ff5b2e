//! Requests through the real router, in-process: the options it is built with, sending a request,
//! and reading what came back.

// Shared by every test binary; each uses some of it.
#![allow(dead_code)]

use axum::body::Body;
use axum::http::{header, Request, Response, StatusCode};
use leptos::prelude::LeptosOptions;
use server::storage::Store;
use tower::ServiceExt;

/// The options the router is built with in tests (no site files are served).
pub fn options() -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("pantau")
        .site_pkg_dir("pkg")
        .build()
}

/// `request` through a fresh router on `store`.
pub async fn send(store: &Store, request: Request<Body>) -> Response<Body> {
    server::http::router::router(store.clone(), options())
        .oneshot(request)
        .await
        .expect("the router answers")
}

/// The answer's body as text.
pub async fn text(response: Response<Body>) -> String {
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("read the body");
    String::from_utf8(bytes.to_vec()).expect("the body is UTF-8")
}

/// Where a redirect leads, or "" when the answer is none.
pub fn location(response: &Response<Body>) -> String {
    response
        .headers()
        .get(header::LOCATION)
        .map(|l| l.to_str().expect("a readable Location").to_owned())
        .unwrap_or_default()
}

/// A `GET` of `path` with the given session cookie, or none: the status and the page.
pub async fn get_with(store: &Store, path: &str, cookie: Option<String>) -> (StatusCode, String) {
    let mut request = Request::builder().uri(path);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    let response = send(store, request.body(Body::empty()).expect("a request")).await;
    (response.status(), text(response).await)
}

/// A `GET` by someone who may see everything (see [`super::everyone_cookie`]).
pub async fn get(store: &Store, path: &str) -> (StatusCode, String) {
    get_with(store, path, Some(super::everyone_cookie(store).await)).await
}

/// A form post to `path` from a page of this site, as a browser with JavaScript off sends it.
pub fn form_post(path: &str, body: impl Into<String>) -> Request<Body> {
    Request::builder()
        .method("POST")
        .uri(path)
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, "http://127.0.0.1:3000")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body.into()))
        .expect("a request")
}

/// The boundary of [`file_post`]'s multipart body.
pub const BOUNDARY: &str = "----pantau-test-boundary-7MA4YWxkTrZu0gW";

/// A multipart form post of one file field, as a browser sends an upload form.
pub fn file_post(path: &str, field: &str, file_name: &str, bytes: &[u8]) -> Request<Body> {
    let mut body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{file_name}\"\r\n\
         Content-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    Request::builder()
        .method("POST")
        .uri(path)
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, "http://127.0.0.1:3000")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(Body::from(body))
        .expect("a request")
}

/// The seed's text export for another unit and year: a sheet any unit can import.
pub fn sheet_for(unit: &str, year: i32) -> String {
    server::ops::import::DEMO_SHEET.replace(
        "LEMBAGA PEMASYARAKATAN KELAS IIB LUWUK TAHUN 2024",
        &format!("{unit} TAHUN {year}"),
    )
}

/// A `GET` of `path`, as a browser asks for a page.
pub fn get_request(path: &str) -> Request<Body> {
    Request::builder()
        .uri(path)
        .header(header::HOST, "127.0.0.1:3000")
        .body(Body::empty())
        .expect("a request")
}
