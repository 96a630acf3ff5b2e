//! What every answer of the corpus must be: a 4xx with a request id, and a message in
//! Indonesian (a server function's error decoded as the page's client decodes it).

use app::error::AppError;
use axum::body::Body;
use axum::http::{header, HeaderMap, Response, StatusCode};
use std::time::Duration;

/// Words of English error text (serde's, axum's, leptos's) that no Indonesian message holds.
const ENGLISH: [&str; 31] = [
    "error",
    "invalid",
    "failed",
    "missing",
    "expected",
    "unknown",
    "deserializing",
    "deserialize",
    "argument",
    "arguments",
    "cannot",
    "could",
    "found",
    "limit",
    "exceeded",
    "unsupported",
    "method",
    "allowed",
    "payload",
    "request",
    "function",
    "variant",
    "field",
    "internal",
    "unexpected",
    "the",
    "not",
    "line",
    "column",
    "type",
    "while",
];

/// Words that say it is Indonesian; a message holds at least one.
const INDONESIAN: [&str; 24] = [
    "tidak",
    "dan",
    "di",
    "yang",
    "untuk",
    "anda",
    "silakan",
    "permintaan",
    "paling",
    "sesi",
    "kesalahan",
    "ditemukan",
    "berhak",
    "hanya",
    "data",
    "karakter",
    "belum",
    "sudah",
    "dapat",
    "harus",
    "halaman",
    "ditolak",
    "terlalu",
    "dikenal",
];

/// Whether `message` reads as Indonesian: some Indonesian word, no English one.
pub fn indonesian(message: &str) -> Result<(), String> {
    let words: Vec<String> = message
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if let Some(word) = words.iter().find(|w| ENGLISH.contains(&w.as_str())) {
        return Err(format!("English word {word:?} in {:?}", short(message)));
    }
    if !words.iter().any(|w| INDONESIAN.contains(&w.as_str())) {
        return Err(format!("no Indonesian in {:?}", short(message)));
    }
    Ok(())
}

fn short(text: &str) -> String {
    text.chars().take(300).collect()
}

/// The rules every answer of the corpus keeps.
pub async fn check(response: Response<Body>, is_server_fn: bool) -> Result<(), String> {
    let status = response.status();
    let headers = response.headers().clone();
    if !status.is_client_error() {
        let body = body_text(response).await;
        return Err(format!("answered {status}: {}", short(&body)));
    }
    request_id(&headers)?;
    let body = body_text(response).await;
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let message = if is_server_fn {
        // The page's client decodes this body as the error.
        let error = serde_json::from_str::<AppError>(&body)
            .map_err(|_| format!("{status}, not an AppError: {}", short(&body)))?;
        if matches!(error, AppError::Transport(_) | AppError::Internal(_)) {
            return Err(format!("{status}: {error:?}"));
        }
        // A method the address does not take keeps its own status.
        if status.as_u16() != error.status() && status != StatusCode::METHOD_NOT_ALLOWED {
            return Err(format!("{status} for {error:?}"));
        }
        error.to_string()
    } else if content_type.starts_with("text/html") {
        page_message(&body).ok_or_else(|| format!("{status}: a page with no message"))?
    } else {
        body
    };
    indonesian(&message).map_err(|why| format!("{status}: {why}"))
}

/// The message a page shows for what it cannot show.
fn page_message(html: &str) -> Option<String> {
    match html.find("role=\"alert\"") {
        Some(at) => {
            let rest = &html[at..];
            let text = &rest[rest.find('>')? + 1..];
            Some(text.split('<').next()?.to_owned())
        }
        None => html
            .contains("Halaman tidak ditemukan")
            .then(|| "Halaman tidak ditemukan".to_owned()),
    }
}

fn request_id(headers: &HeaderMap) -> Result<(), String> {
    let id = headers
        .get(server::http::errors::REQUEST_ID_HEADER)
        .and_then(|v| v.to_str().ok())
        .ok_or("no request id")?;
    if id.len() == 12 && id.chars().all(|c| c.is_ascii_hexdigit()) {
        Ok(())
    } else {
        Err(format!("request id {id:?}"))
    }
}

pub async fn body_text(response: Response<Body>) -> String {
    let bytes = tokio::time::timeout(
        Duration::from_secs(10),
        axum::body::to_bytes(response.into_body(), usize::MAX),
    )
    .await
    .map_err(|_| "a body that never ends".to_owned())
    .and_then(|b| b.map_err(|e| e.to_string()));
    match bytes {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(why) => why,
    }
}
