//! What the evidence stories share: a plan with an operator, multipart bodies as a browser
//! sends them, and requests through the real router.

use crate::common;
use axum::body::Body;
use axum::http::{header, Request, Response, StatusCode};
use model::access::Person;
use model::{IndicatorId, PlanId};
use server::config::Settings;
use server::storage::Store;
use tower::ServiceExt;

pub const BOUNDARY: &str = "----pantau-evidence-boundary-q8Tz";

pub struct World {
    pub plan: PlanId,
    /// Indicator 1.1.
    pub indicator: IndicatorId,
    pub operator: Person,
    pub cookie: String,
}

pub async fn world(store: &Store) -> World {
    let (plan, stored) = common::demo(store).await;
    let operator = common::operator(store, plan).await;
    let cookie = common::cookie(store, &operator).await;
    World {
        plan,
        indicator: stored.goals[0].indicators[0].id.unwrap(),
        operator,
        cookie,
    }
}

impl World {
    /// The address of indicator 1.1's quarter `tw`.
    pub fn slot(&self, tw: u8) -> String {
        format!(
            "/rencana/{}/bukti/indikator/{}/tw/{tw}",
            self.plan, self.indicator
        )
    }
}

/// One part of a multipart form: a file (with its name) or a text field.
pub enum Part<'a> {
    File(&'a str, &'a [u8]),
    Text(&'a str, &'a str),
}

pub fn multipart_body(parts: &[Part<'_>]) -> Vec<u8> {
    let mut body = Vec::new();
    for part in parts {
        match part {
            Part::File(name, bytes) => {
                body.extend_from_slice(
                    format!(
                        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"berkas\"; \
                         filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                    )
                    .as_bytes(),
                );
                body.extend_from_slice(bytes);
            }
            Part::Text(field, text) => body.extend_from_slice(
                format!(
                    "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{field}\"\r\n\r\n{text}"
                )
                .as_bytes(),
            ),
        }
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// A multipart post from a page of this site, as the add form sends it.
pub fn post(path: &str, cookie: &str, body: Body) -> Request<Body> {
    Request::builder()
        .method("POST")
        .uri(path)
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, "http://127.0.0.1:3000")
        .header(header::COOKIE, cookie)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(body)
        .unwrap()
}

pub fn get(path: &str, cookie: &str) -> Request<Body> {
    Request::builder()
        .uri(path)
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .unwrap()
}

pub async fn send_with(
    store: &Store,
    settings: Settings,
    request: Request<Body>,
) -> Response<Body> {
    server::http::router::router_with(store.clone(), common::web::options(), settings)
        .oneshot(request)
        .await
        .unwrap()
}

pub async fn send(store: &Store, request: Request<Body>) -> Response<Body> {
    send_with(store, Settings::default(), request).await
}

/// Attaches `parts` to indicator 1.1's quarter `tw`: the status and the answer's text.
pub async fn attach(store: &Store, w: &World, tw: u8, parts: &[Part<'_>]) -> (StatusCode, String) {
    let request = post(&w.slot(tw), &w.cookie, Body::from(multipart_body(parts)));
    let response = send(store, request).await;
    let status = response.status();
    (status, body_text(response).await)
}

pub async fn body_bytes(response: Response<Body>) -> Vec<u8> {
    axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap()
        .to_vec()
}

pub async fn body_text(response: Response<Body>) -> String {
    String::from_utf8_lossy(&body_bytes(response).await).into_owned()
}

/// The ids of the evidence links on a slot's page, in order.
pub fn evidence_ids(page: &str) -> Vec<i64> {
    page.split("action=\"/bukti/")
        .skip(1)
        .filter_map(|rest| rest.split('/').next()?.parse().ok())
        .collect()
}

/// A PDF of `size` bytes (its header, then filler that differs with `seed`).
pub fn pdf(size: usize, seed: u8) -> Vec<u8> {
    let mut bytes = b"%PDF-1.7\n".to_vec();
    let mut x = u32::from(seed) + 1;
    while bytes.len() < size {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        bytes.push((x >> 16) as u8);
    }
    bytes.truncate(size);
    bytes
}

/// A PNG's first bytes and a little more: enough for the kind, small for the test.
pub fn png() -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend_from_slice(&[0, 0, 0, 13, b'I', b'H', b'D', b'R']);
    bytes.extend_from_slice(&[7; 200]);
    bytes
}
