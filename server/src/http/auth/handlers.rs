//! The sign-in and sign-out endpoints: plain form posts that answer with a redirect.

use super::{
    client_address, sign_in, token_hash, AuthState, LoginRefused, SESSION_COOKIE, SESSION_SECONDS,
};
use crate::clock::now;
use app::error::{AppError, RequestId};
use axum::extract::{ConnectInfo, FromRequest, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;
use std::net::SocketAddr;

#[derive(Deserialize)]
pub struct LoginForm {
    pub username: String,
    pub password: String,
    #[serde(default)]
    pub lanjut: String,
}

/// `POST /api/masuk`: a plain form post; on success the session cookie and a redirect to where
/// the person was going, otherwise back to the login page with the reason. A body that is not
/// the login form (no page sends one) is refused with 400.
pub async fn login(State(auth): State<AuthState>, request: Request) -> Response {
    let socket = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0);
    let address = client_address(&auth.settings, request.headers(), socket);
    let id = request.extensions().get::<RequestId>().cloned();
    let form = match Form::<LoginForm>::from_request(request, &()).await {
        Ok(Form(form)) => form,
        Err(rejection) => {
            tracing::info!(%rejection, "refused: the login form did not decode");
            return (
                StatusCode::BAD_REQUEST,
                "Permintaan tidak dapat dibaca: isi nama pengguna dan kata sandi di halaman masuk",
            )
                .into_response();
        }
    };
    match sign_in(&auth.store, &form.username, &form.password, address, now()).await {
        Ok(token) => {
            let mut response = Redirect::to(safe_next(&form.lanjut)).into_response();
            set_cookie(
                &mut response,
                &format!("{SESSION_COOKIE}={token}; Max-Age={SESSION_SECONDS}"),
                auth.settings.secure_cookies,
            );
            response
        }
        Err(LoginRefused::Internal) => back_to_login(
            &AppError::Internal(id.map(|id| id.0)).to_string(),
            &form.lanjut,
        ),
        Err(refused) => {
            crate::metrics::failed_sign_in();
            back_to_login(&refused.message(), &form.lanjut)
        }
    }
}

/// `POST /api/keluar`: ends the session.
pub async fn logout(State(auth): State<AuthState>, headers: HeaderMap) -> Response {
    if let Some(token) = super::gate::session_token(&headers) {
        let hash = token_hash(&token);
        let user = auth.store.session_user(&hash, now()).await.ok().flatten();
        match auth.store.delete_session(&hash).await {
            Ok(()) => {
                // The live streams this session opened close.
                if let Some(user) = user {
                    auth.store.sessions_ended(user).await;
                }
            }
            Err(error) => tracing::error!(%error, "cannot end a session"),
        }
    }
    let mut response = Redirect::to("/masuk").into_response();
    set_cookie(
        &mut response,
        &format!("{SESSION_COOKIE}=; Max-Age=0"),
        auth.settings.secure_cookies,
    );
    response
}

fn set_cookie(response: &mut Response, cookie: &str, secure: bool) {
    let secure = if secure { "; Secure" } else { "" };
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

/// Only a path on this site: one `/`, then no second `/` right after another, no `\`, no
/// whitespace or control character anywhere (browsers drop tabs and newlines from a
/// `Location`, so `/\t/evil.example` would become `//evil.example`); anything else goes to `/`.
pub(super) fn safe_next(next: &str) -> &str {
    let same_site = next.starts_with('/')
        && !next.contains("//")
        && !next.contains('\\')
        && !next.chars().any(|c| c.is_control() || c.is_whitespace());
    if same_site {
        next
    } else {
        "/"
    }
}

/// Percent-encodes all but unreserved characters and `/`, for a query value.
pub(super) fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn after_login_only_a_path_on_this_site_is_followed() {
        assert_eq!(safe_next("/rencana/1?sasaran=2"), "/rencana/1?sasaran=2");
        assert_eq!(safe_next("/"), "/");
        for elsewhere in [
            "",
            "rencana/1",
            "//evil.example",
            "https://evil.example",
            "/\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r/evil.example",
            "\t//evil.example",
            " /rencana/1",
            "/rencana/1 x",
            "/rencana//1",
            "/\u{0}/evil.example",
            "/\u{a0}/evil.example",
            "/\u{2028}/evil.example",
        ] {
            assert_eq!(safe_next(elsewhere), "/", "{elsewhere:?}");
        }
    }
}
