//! The middleware in front of every route: cross-site requests that change data are refused,
//! the session cookie is resolved to the person, and pages ask for a login.

use super::handlers::encode;
use super::{token_hash, AuthState, SessionHash, SESSION_COOKIE};
use crate::clock::now;
use crate::config::Origin;
use app::api::ssr::SignedIn;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

pub async fn gate(State(auth): State<AuthState>, mut request: Request, next: Next) -> Response {
    let store = &auth.store;
    let method = request.method().clone();
    if !matches!(method, Method::GET | Method::HEAD | Method::OPTIONS) {
        if let Err(message) = same_origin(request.headers(), auth.settings.public_origin.as_ref()) {
            return (StatusCode::FORBIDDEN, message).into_response();
        }
    }
    let session = session_token(request.headers()).map(|token| token_hash(&token));
    let person = match &session {
        Some(hash) => match store.session_user(hash, now()).await {
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
        // The request's log lines name who asked (the span is `http::errors::answer`'s).
        tracing::Span::current().record("person", person.id.0);
        request.extensions_mut().insert(SignedIn(person));
        if let Some(hash) = session {
            request.extensions_mut().insert(SessionHash(hash));
        }
    }
    next.run(request).await
}

pub(super) fn session_token(headers: &HeaderMap) -> Option<String> {
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
/// that, `Referer`) must be the public origin when one is configured (behind a proxy the `Host`
/// is whatever the proxy passes on), else name the host it was sent to.
fn same_origin(headers: &HeaderMap, public: Option<&Origin>) -> Result<(), &'static str> {
    const REFUSED: &str = "Permintaan ditolak: permintaan yang mengubah data harus berasal dari halaman Pantau sendiri";
    let source = headers
        .get(header::ORIGIN)
        .or_else(|| headers.get(header::REFERER))
        .and_then(|v| v.to_str().ok())
        .and_then(Origin::of_url)
        .ok_or(REFUSED)?;
    let own = match public {
        Some(public) => public.clone(),
        None => {
            let host = headers
                .get(header::HOST)
                .and_then(|h| h.to_str().ok())
                .ok_or(REFUSED)?;
            // The request reached this host by the source's scheme.
            let scheme = source.as_str().split("://").next().unwrap_or_default();
            Origin::of_url(&format!("{scheme}://{host}")).ok_or(REFUSED)?
        }
    };
    if source == own {
        Ok(())
    } else {
        Err(REFUSED)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(name.clone(), HeaderValue::from_str(value).unwrap());
        }
        map
    }

    /// Whether a post with this Host and this Origin (`origin:`) or Referer (`referer:`), or
    /// neither (`""`), passes, behind `public` when there is one.
    fn passes(host: &str, from: &str, public: Option<&Origin>) -> bool {
        let mut pairs = vec![(header::HOST, host)];
        if let Some(origin) = from.strip_prefix("origin:") {
            pairs.push((header::ORIGIN, origin));
        } else if let Some(referer) = from.strip_prefix("referer:") {
            pairs.push((header::REFERER, referer));
        }
        same_origin(&headers(&pairs), public).is_ok()
    }

    #[test]
    fn a_post_from_this_site_passes_and_one_from_elsewhere_or_nowhere_does_not() {
        let cases = [
            ("127.0.0.1:3000", "origin:http://127.0.0.1:3000", true),
            (
                "pantau.go.id",
                "referer:https://pantau.go.id/rencana/1",
                true,
            ),
            ("127.0.0.1:3000", "origin:http://evil.example", false),
            ("127.0.0.1:3000", "origin:http://127.0.0.1:3009", false),
            (
                "pantau.go.id",
                "origin:https://pantau.go.id.evil.example",
                false,
            ),
            ("127.0.0.1:3000", "", false),
            ("127.0.0.1:3000", "origin:null", false),
        ];
        for (host, from, expected) in cases {
            assert_eq!(passes(host, from, None), expected, "{host} {from}");
        }
    }

    #[test]
    fn behind_a_proxy_a_post_must_come_from_the_public_origin_whatever_the_host() {
        let public = Origin::parse("https://pantau.example.go.id").unwrap();
        // The proxy passes on its own upstream host.
        let from_public = "origin:https://pantau.example.go.id";
        assert!(passes("127.0.0.1:3000", from_public, Some(&public)));
        assert!(!passes("127.0.0.1:3000", from_public, None));
        let referer = "referer:https://PANTAU.example.go.id:443/rencana/1";
        assert!(passes("127.0.0.1:3000", referer, Some(&public)));
        // Naming the internal host is no longer enough, nor plain http.
        let internal = "origin:http://127.0.0.1:3000";
        assert!(!passes("127.0.0.1:3000", internal, Some(&public)));
        let plain = "origin:http://pantau.example.go.id";
        assert!(!passes("pantau.example.go.id", plain, Some(&public)));
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
}
