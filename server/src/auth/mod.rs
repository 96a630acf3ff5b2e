//! Signing in and out, sessions, and the checks every request passes before any handler:
//! cross-site requests that change data are refused, the session cookie is resolved to the
//! signed-in person, and pages ask for a login when no one is signed in.

use crate::guard::now;
use crate::storage::Store;
use app::api::ssr::SignedIn;
use app::error::AppError;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::extract::{ConnectInfo, FromRequest, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use model::login::{wait_seconds, FREE_FAILURES_PER_ACCOUNT, FREE_FAILURES_PER_ADDRESS};
use model::time::Timestamp;
use model::UserId;
use rand_core::{OsRng, RngCore};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::net::SocketAddr;
use std::sync::OnceLock;

pub const SESSION_COOKIE: &str = "pantau_sesi";
/// A session lasts a working day.
pub const SESSION_SECONDS: i64 = 12 * 60 * 60;

pub fn hash_password(password: &str) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|error| {
            tracing::error!(%error, "cannot hash a password");
            AppError::Internal
        })
}

fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Checked against when the username does not exist, so an unknown name takes as long to refuse
/// as a wrong password.
fn decoy_hash() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| hash_password("decoy password never used").unwrap_or_default())
}

fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Why a login was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum LoginRefused {
    WrongCredentials,
    /// Too many failures in a row: try again after this many seconds.
    Wait(i64),
    Internal,
}

impl LoginRefused {
    pub fn message(&self) -> String {
        match self {
            LoginRefused::WrongCredentials => "Nama pengguna atau kata sandi salah".into(),
            LoginRefused::Wait(seconds) => {
                format!("Terlalu banyak percobaan yang gagal. Coba lagi dalam {seconds} detik.")
            }
            LoginRefused::Internal => "Terjadi kesalahan di server; silakan coba lagi".into(),
        }
    }
}

/// Checks a login at `now` and opens a session; returns the session token for the cookie.
/// Failed attempts are counted per account and per address, and slow both down.
pub async fn sign_in(
    store: &Store,
    username: &str,
    password: &str,
    address: Option<SocketAddr>,
    now: Timestamp,
) -> Result<String, LoginRefused> {
    let internal = |error: crate::storage::StoreError| {
        tracing::error!(%error, "login storage failure");
        LoginRefused::Internal
    };
    let username = username.trim().to_lowercase();
    let account_key = format!("user:{username}");
    let address_key = format!(
        "addr:{}",
        address.map(|a| a.ip().to_string()).unwrap_or_default()
    );
    for (key, free) in [
        (&account_key, FREE_FAILURES_PER_ACCOUNT),
        (&address_key, FREE_FAILURES_PER_ADDRESS),
    ] {
        let (failures, last) = store.login_failures(key).await.map_err(internal)?;
        if let Some(wait) = wait_seconds(failures, free, last, now) {
            return Err(LoginRefused::Wait(wait));
        }
    }
    let record = store.login_record(&username).await.map_err(internal)?;
    let user: Option<UserId> = match &record {
        Some((id, hash)) if verify_password(password, hash) => Some(*id),
        Some(_) => None,
        None => {
            verify_password(password, decoy_hash());
            None
        }
    };
    let Some(user) = user else {
        for key in [&account_key, &address_key] {
            store
                .record_login_failure(key, now)
                .await
                .map_err(internal)?;
        }
        tracing::info!(%username, "login failed");
        return Err(LoginRefused::WrongCredentials);
    };
    for key in [&account_key, &address_key] {
        store.clear_login_failures(key).await.map_err(internal)?;
    }
    store.delete_expired_sessions(now).await.map_err(internal)?;
    open_session(store, user, now).await.map_err(internal)
}

/// A new session for `user` from `now`; returns the token the cookie carries (only its hash is
/// stored).
pub async fn open_session(
    store: &Store,
    user: UserId,
    now: Timestamp,
) -> Result<String, crate::storage::StoreError> {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    let token = hex::encode(bytes);
    store
        .create_session(&token_hash(&token), user, now.plus_seconds(SESSION_SECONDS))
        .await?;
    Ok(token)
}

#[derive(Deserialize)]
pub struct LoginForm {
    pub username: String,
    pub password: String,
    #[serde(default)]
    pub lanjut: String,
}

/// `POST /api/masuk`: a plain form post; on success the session cookie and a redirect to where
/// the person was going, otherwise back to the login page with the reason.
pub async fn login(State(store): State<Store>, request: Request) -> Response {
    let address = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0);
    let Ok(Form(form)) = Form::<LoginForm>::from_request(request, &()).await else {
        return back_to_login("Isi nama pengguna dan kata sandi", "");
    };
    match sign_in(&store, &form.username, &form.password, address, now()).await {
        Ok(token) => {
            let mut response = Redirect::to(safe_next(&form.lanjut)).into_response();
            set_cookie(
                &mut response,
                &format!("{SESSION_COOKIE}={token}; Max-Age={SESSION_SECONDS}"),
            );
            response
        }
        Err(refused) => back_to_login(&refused.message(), &form.lanjut),
    }
}

/// `POST /api/keluar`: ends the session.
pub async fn logout(State(store): State<Store>, headers: HeaderMap) -> Response {
    if let Some(token) = session_token(&headers) {
        if let Err(error) = store.delete_session(&token_hash(&token)).await {
            tracing::error!(%error, "cannot end a session");
        }
    }
    let mut response = Redirect::to("/masuk").into_response();
    set_cookie(&mut response, &format!("{SESSION_COOKIE}=; Max-Age=0"));
    response
}

fn set_cookie(response: &mut Response, cookie: &str) {
    let secure = if std::env::var("PANTAU_SECURE_COOKIES").is_ok_and(|v| v == "1") {
        "; Secure"
    } else {
        ""
    };
    let value = format!("{cookie}; Path=/; HttpOnly; SameSite=Lax{secure}");
    if let Ok(value) = HeaderValue::from_str(&value) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
}

fn back_to_login(message: &str, next: &str) -> Response {
    let mut url = format!("/masuk?galat={}", encode(message));
    if !next.is_empty() {
        url.push_str(&format!("&lanjut={}", encode(safe_next(next))));
    }
    Redirect::to(&url).into_response()
}

/// Only a path on this site: never another site (`//evil`, `https://…`).
fn safe_next(next: &str) -> &str {
    if next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') {
        next
    } else {
        "/"
    }
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn session_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value.to_owned())
        .filter(|v| !v.is_empty())
}

/// The middleware in front of every route.
pub async fn gate(State(store): State<Store>, mut request: Request, next: Next) -> Response {
    let method = request.method().clone();
    if !matches!(method, Method::GET | Method::HEAD | Method::OPTIONS) {
        if let Err(message) = same_origin(request.headers()) {
            return (StatusCode::FORBIDDEN, message).into_response();
        }
    }
    let person = match session_token(request.headers()) {
        Some(token) => match store.session_user(&token_hash(&token), now()).await {
            Ok(Some(user)) => store.person(user).await.unwrap_or_else(|error| {
                tracing::error!(%error, "cannot read the session's person");
                None
            }),
            Ok(None) => None,
            Err(error) => {
                tracing::error!(%error, "cannot read a session");
                None
            }
        },
        None => None,
    };
    let path = request.uri().path();
    if person.is_none() && method == Method::GET && is_page(path) {
        let target = request
            .uri()
            .path_and_query()
            .map(|p| p.as_str())
            .unwrap_or("/");
        return Redirect::to(&format!("/masuk?lanjut={}", encode(target))).into_response();
    }
    if let Some(person) = person {
        request.extensions_mut().insert(SignedIn(person));
    }
    next.run(request).await
}

/// Pages need a signed-in person; the login page, server functions (which answer for
/// themselves), scripts and files do not.
fn is_page(path: &str) -> bool {
    let last = path.rsplit('/').next().unwrap_or_default();
    !(path == "/masuk"
        || path.starts_with("/api/")
        || path.starts_with("/pkg/")
        || last.contains('.'))
}

/// A request that changes data must come from a page of this site: its `Origin` (or, failing
/// that, `Referer`) must name the host it was sent to.
fn same_origin(headers: &HeaderMap) -> Result<(), &'static str> {
    const REFUSED: &str = "Permintaan ditolak: permintaan yang mengubah data harus berasal dari halaman Pantau sendiri";
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .ok_or(REFUSED)?;
    let source = headers
        .get(header::ORIGIN)
        .or_else(|| headers.get(header::REFERER))
        .and_then(|v| v.to_str().ok())
        .ok_or(REFUSED)?;
    let authority = source
        .split_once("://")
        .map(|(_, rest)| rest.split('/').next().unwrap_or_default())
        .ok_or(REFUSED)?;
    if authority.eq_ignore_ascii_case(host) {
        Ok(())
    } else {
        Err(REFUSED)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(name.clone(), HeaderValue::from_str(value).unwrap());
        }
        map
    }

    #[test]
    fn a_post_from_this_site_passes_and_one_from_elsewhere_or_nowhere_does_not() {
        let own = headers(&[
            (header::HOST, "127.0.0.1:3000"),
            (header::ORIGIN, "http://127.0.0.1:3000"),
        ]);
        assert!(same_origin(&own).is_ok());
        let referer = headers(&[
            (header::HOST, "pantau.go.id"),
            (header::REFERER, "https://pantau.go.id/rencana/1"),
        ]);
        assert!(same_origin(&referer).is_ok());
        let other = headers(&[
            (header::HOST, "127.0.0.1:3000"),
            (header::ORIGIN, "http://evil.example"),
        ]);
        assert!(same_origin(&other).is_err());
        let port = headers(&[
            (header::HOST, "127.0.0.1:3000"),
            (header::ORIGIN, "http://127.0.0.1:3009"),
        ]);
        assert!(same_origin(&port).is_err());
        assert!(same_origin(&headers(&[(header::HOST, "127.0.0.1:3000")])).is_err());
        let null = headers(&[(header::HOST, "127.0.0.1:3000"), (header::ORIGIN, "null")]);
        assert!(same_origin(&null).is_err());
    }

    #[test]
    fn after_login_only_a_path_on_this_site_is_followed() {
        assert_eq!(safe_next("/rencana/1?sasaran=2"), "/rencana/1?sasaran=2");
        assert_eq!(safe_next("//evil.example"), "/");
        assert_eq!(safe_next("https://evil.example"), "/");
        assert_eq!(safe_next("/\\evil.example"), "/");
    }

    #[test]
    fn the_session_cookie_is_found_among_others() {
        let h = headers(&[(header::COOKIE, "a=1; pantau_sesi=abc; b=2")]);
        assert_eq!(session_token(&h), Some("abc".into()));
        assert_eq!(
            session_token(&headers(&[(header::COOKIE, "pantau_sesi=")])),
            None
        );
    }

    #[test]
    fn pages_need_a_login_but_files_and_the_login_page_do_not() {
        assert!(is_page("/"));
        assert!(is_page("/rencana/1/dasbor"));
        assert!(!is_page("/masuk"));
        assert!(!is_page("/pkg/pantau.wasm"));
        assert!(!is_page("/robots.txt"));
        assert!(!is_page("/api/get_plan123"));
    }

    #[test]
    fn a_password_verifies_against_its_own_hash_only() {
        let hash = hash_password("kata-sandi-rahasia").unwrap();
        assert!(verify_password("kata-sandi-rahasia", &hash));
        assert!(!verify_password("kata-sandi-lain", &hash));
        assert!(!verify_password("x", "not a hash"));
    }
}
