//! How the server answers when it refuses or fails. Every request gets an id (`x-request-id`,
//! and the `request{id=…}` span that every log line of the request carries). A refusal is a 4xx
//! whose status follows the kind of [`AppError`] ([`AppError::status`]) and whose message a
//! person can read, in Indonesian; a 5xx is only the server's own fault, logged under the id
//! that its message shows.
//!
//! leptos answers every failed server function with 500 and the encoded error: the layer reads
//! that error and sets its status. A plain HTML form post (JavaScript off) is answered by
//! leptos with a redirect back to the page, the error in its address: left as it is.

use app::error::{AppError, RequestId};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use leptos::server_fn::error::SERVER_FN_ERROR_HEADER;
use rand_core::{OsRng, RngCore};
use std::collections::HashSet;
use std::sync::Arc;
use tracing::Instrument;

pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// The most of an error body the layer reads back (a refusal may quote what was sent).
const MAX_ERROR_BYTES: usize = 16 * 1024 * 1024;

/// The addresses of the server functions: a refusal there is answered as an encoded
/// [`AppError`], as the page's client reads it.
#[derive(Clone, Debug)]
pub struct ServerFnPaths(Arc<HashSet<String>>);

impl ServerFnPaths {
    /// Every server function registered in this binary.
    pub fn registered() -> ServerFnPaths {
        ServerFnPaths(Arc::new(
            leptos::server_fn::axum::server_fn_paths()
                .map(|(path, _)| path.to_owned())
                .collect(),
        ))
    }
}

/// Who asked: the page's client calling a server function reads an encoded [`AppError`];
/// everyone else (a browser's form post or address bar, a script) reads text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reader {
    ServerFnClient,
    Person,
}

/// A new id: 48 random bits in hex, short enough to read out over the phone.
pub fn new_request_id() -> RequestId {
    let mut bytes = [0u8; 6];
    OsRng.fill_bytes(&mut bytes);
    RequestId(hex::encode(bytes))
}

/// The outermost layer: gives the request its id and span, and makes every refusal and fault
/// say what it is (see the module's comment).
pub async fn answer(
    State(server_fns): State<ServerFnPaths>,
    mut request: Request,
    next: Next,
) -> Response {
    let id = new_request_id();
    request.extensions_mut().insert(id.clone());
    // At error level, so that a log filter that lets any line through keeps the id on it.
    // `person` is filled in by the session gate once it knows who asks.
    let span = tracing::error_span!(
        "request",
        id = %id.0,
        method = %request.method(),
        path = %request.uri().path(),
        person = tracing::field::Empty,
    );
    let reader = if server_fns.0.contains(request.uri().path()) && !accepts_html(&request) {
        Reader::ServerFnClient
    } else {
        Reader::Person
    };
    let probe = is_probe(&request);
    async move {
        let started = std::time::Instant::now();
        let response = next.run(request).await;
        let mut response = explain(response, &id, reader).await;
        if let Ok(value) = HeaderValue::from_str(&id.0) {
            response.headers_mut().insert(REQUEST_ID_HEADER, value);
        }
        log_answer(response.status(), started.elapsed(), probe);
        response
    }
    .instrument(span)
    .await
}

/// Health checks come every few seconds: their lines are kept for the debug level.
fn is_probe(request: &Request) -> bool {
    matches!(request.uri().path(), "/healthz" | "/readyz")
        && matches!(
            *request.method(),
            axum::http::Method::GET | axum::http::Method::HEAD
        )
}

/// One line per request, inside its span (id, method, path, person): the status and how long
/// the answer took to start (a streamed body, such as the live feed, goes on after it); and
/// the same in the metrics.
fn log_answer(status: StatusCode, took: std::time::Duration, probe: bool) {
    crate::metrics::request(status, took);
    let ms = u64::try_from(took.as_millis()).unwrap_or(u64::MAX);
    if probe {
        tracing::debug!(status = status.as_u16(), ms, "answered");
    } else {
        tracing::info!(status = status.as_u16(), ms, "answered");
    }
}

fn accepts_html(request: &Request) -> bool {
    request
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"))
}

async fn explain(response: Response, id: &RequestId, reader: Reader) -> Response {
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    if response.headers().contains_key(SERVER_FN_ERROR_HEADER) {
        return server_fn_refusal(response, id).await;
    }
    if status == StatusCode::SERVICE_UNAVAILABLE && !is_empty(&response) {
        // `/readyz` saying why it is not ready (logged there): for a probe, not a fault.
        return response;
    }
    if status.is_server_error() {
        tracing::error!(%status, "answered with a server fault");
    }
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if is_html {
        // A page: it says what happened itself, in Indonesian.
        return response;
    }
    let error = if status.is_server_error() {
        AppError::Internal(Some(id.0.clone()))
    } else if status == StatusCode::PAYLOAD_TOO_LARGE {
        // A handler's own words (an evidence file over its limit) stay; the body limit's
        // English ones become the general limit's.
        let said = axum::body::to_bytes(response.into_body(), MAX_ERROR_BYTES).await;
        match said {
            Ok(said) if !said.is_empty() && &said[..] != TOWER_LIMIT_WORDS => {
                AppError::TooLarge(String::from_utf8_lossy(&said).into_owned())
            }
            _ => AppError::body_too_large(),
        }
    } else if is_empty(&response) {
        // axum's own refusals (a method the address does not take) come with no words.
        match status {
            StatusCode::UNAUTHORIZED => AppError::Unauthenticated,
            StatusCode::NOT_FOUND => AppError::NotFound("Alamat ini".into()),
            _ => AppError::Malformed,
        }
    } else if reader == Reader::Person {
        // Our own handlers' refusals are written for people already.
        return response;
    } else {
        // The gate's refusal, for a server function's client.
        let body = axum::body::to_bytes(response.into_body(), MAX_ERROR_BYTES).await;
        let said = body.map(|b| String::from_utf8_lossy(&b).into_owned());
        match (status, said) {
            (StatusCode::FORBIDDEN, Ok(said)) => AppError::Forbidden(said),
            (StatusCode::UNAUTHORIZED, _) => AppError::Unauthenticated,
            _ => AppError::Malformed,
        }
    };
    let mut answer = match reader {
        Reader::ServerFnClient => encoded(&error),
        Reader::Person => text(&error),
    };
    *answer.status_mut() = status;
    answer
}

/// What tower-http's body limit answers with.
pub const TOWER_LIMIT_WORDS: &[u8] = b"length limit exceeded";

fn is_empty(response: &Response) -> bool {
    use axum::body::HttpBody as _;
    response.body().size_hint().exact() == Some(0)
}

/// A failed server function: its status from the kind of error; a fault gets the request's id.
async fn server_fn_refusal(response: Response, id: &RequestId) -> Response {
    let (mut parts, body) = response.into_parts();
    let error = match axum::body::to_bytes(body, MAX_ERROR_BYTES).await {
        Ok(bytes) => serde_json::from_slice::<AppError>(&bytes).unwrap_or_else(|error| {
            AppError::internal(format_args!(
                "a server function's error does not read: {error}"
            ))
        }),
        Err(error) => AppError::internal(format_args!(
            "a server function's error cannot be read: {error}"
        )),
    };
    let error = match error {
        AppError::Internal(_) => AppError::Internal(Some(id.0.clone())),
        other => other,
    };
    let encoded = encoded(&error);
    parts.status = encoded.status();
    let mut response = Response::from_parts(parts, encoded.into_body());
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response.headers_mut().remove(header::CONTENT_LENGTH);
    response
}

/// `error` as the page's client reads it: its status, and the error in JSON.
pub fn encoded(error: &AppError) -> Response {
    let body = serde_json::to_vec(error).unwrap_or_else(|_| b"\"Malformed\"".to_vec());
    let mut response = (status_of(error), body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    headers.insert(SERVER_FN_ERROR_HEADER, HeaderValue::from_static("/"));
    response
}

/// `error` as a person reads it: its status, and its message as text.
pub fn text(error: &AppError) -> Response {
    let mut response = (status_of(error), error.to_string()).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

fn status_of(error: &AppError) -> StatusCode {
    StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_ids_are_twelve_hex_digits_and_differ() {
        let a = new_request_id();
        let b = new_request_id();
        assert_eq!(a.0.len(), 12);
        assert!(a.0.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }
}
