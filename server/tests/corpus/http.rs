//! What every corpus request shares: the seeded generator, the request and its headers.

use super::{Who, World};
use axum::body::Body;
use axum::http::{header, Request};

/// The corpus's seeded generator: the same requests from the same seed on every machine.
pub use server::ops::dice::Dice as Rng;

/// One request of the corpus and what makes it bad.
pub struct Bad {
    pub label: String,
    /// What makes it bad, for the figures.
    pub kind: String,
    pub request: Request<Body>,
}

pub const HOST: &str = "127.0.0.1:3000";
pub const ORIGIN: &str = "http://127.0.0.1:3000";
pub const MEGABYTE: usize = 1024 * 1024;

/// A text of `bytes` bytes with no word of any language in it.
pub fn filler(bytes: usize) -> String {
    "qz7 ".repeat(bytes / 4 + 1)[..bytes].to_owned()
}

/// Percent-encodes every byte but the unreserved ones.
pub fn encode(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(bytes.len() * 3);
    for &b in bytes {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => {
                out.push('%');
                out.push(HEX[usize::from(b >> 4)] as char);
                out.push(HEX[usize::from(b & 15)] as char);
            }
        }
    }
    out
}

pub fn post(path: &str, content_type: Option<&str>) -> axum::http::request::Builder {
    let mut builder = Request::builder()
        .method("POST")
        .uri(path)
        .header(header::HOST, HOST)
        .header(header::ORIGIN, ORIGIN);
    if let Some(content_type) = content_type {
        builder = builder.header(header::CONTENT_TYPE, content_type);
    }
    builder
}

fn with_cookie(
    builder: axum::http::request::Builder,
    world: &World,
    who: Who,
) -> axum::http::request::Builder {
    match world.cookie(who) {
        Some(cookie) => builder.header(header::COOKIE, cookie),
        None => builder,
    }
}

/// Finishes a request: the session of `who`, an `Accept` a script might send, the body.
pub fn finish(
    mut builder: axum::http::request::Builder,
    world: &World,
    who: Who,
    rng: &mut Rng,
    body: Vec<u8>,
    length: bool,
) -> Request<Body> {
    builder = with_cookie(builder, world, who);
    match rng.below(4) {
        0 => {}
        1 => builder = builder.header(header::ACCEPT, "application/json"),
        2 => builder = builder.header(header::ACCEPT, "*/*"),
        _ => builder = builder.header(header::ACCEPT, "application/json, */*;q=0.5"),
    }
    if length {
        builder = builder.header(header::CONTENT_LENGTH, body.len());
    }
    builder.body(Body::from(body)).expect("a request")
}

pub fn without_origin(
    path: &str,
    content_type: Option<&str>,
    rng: &mut Rng,
) -> axum::http::request::Builder {
    let mut builder = Request::builder()
        .method("POST")
        .uri(path)
        .header(header::HOST, HOST);
    match rng.below(3) {
        0 => {}
        1 => builder = builder.header(header::ORIGIN, "http://jahat.example"),
        _ => builder = builder.header(header::REFERER, "http://127.0.0.1:3009/rencana/1"),
    }
    if let Some(content_type) = content_type {
        builder = builder.header(header::CONTENT_TYPE, content_type);
    }
    builder
}
