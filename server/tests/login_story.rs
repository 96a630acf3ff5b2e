//! Signing in and out through the real router: the session cookie and its flags, failed logins
//! slowed down per account, cross-site posts refused (behind a proxy: unless from the public
//! origin), the client's address taken from a proxy's header only when trusted, redirects that
//! stay on the site, and oversized bodies and usernames refused with a message.

#![allow(clippy::unwrap_used)]

mod common;
mod signin;

use common::web::{location, options, send};

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, HeaderName, Request, Response, StatusCode};
use model::login::{wait_seconds, FREE_FAILURES_PER_ACCOUNT_AT_ADDRESS, MAX_WAIT_SECONDS};
use model::time::Timestamp;
use server::config::{Origin, Settings};
use server::http::auth::{sign_in, LoginRefused};
use server::http::router::router_with;
use server::storage::Store;
use signin::{someone, PASSWORD};
use std::net::SocketAddr;
use tower::ServiceExt;

fn login_request(username: &str, password: &str, origin: &str) -> Request<Body> {
    Request::builder()
        .method("POST")
        .uri("/api/masuk")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, origin)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(format!(
            "username={username}&password={password}&lanjut=%2Frencana%2F1"
        )))
        .unwrap()
}

async fn a_login_sets_an_http_only_same_site_cookie_and_logout_ends_the_session(store: &Store) {
    let username = someone(store).await;
    let response = send(
        store,
        login_request(&username, PASSWORD, "http://127.0.0.1:3000"),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/rencana/1");
    let cookie = response
        .headers()
        .get(header::SET_COOKIE)
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    for flag in [
        "pantau_sesi=",
        "HttpOnly",
        "SameSite=Lax",
        "Path=/",
        "Max-Age=43200",
    ] {
        assert!(cookie.contains(flag), "{cookie}");
    }
    let session = cookie.split(';').next().unwrap().to_owned();

    let home = |cookie: Option<String>| {
        let mut request = Request::builder().uri("/");
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        request.body(Body::empty()).unwrap()
    };
    assert_eq!(
        send(store, home(Some(session.clone()))).await.status(),
        StatusCode::OK
    );
    let anonymous = send(store, home(None)).await;
    assert_eq!(anonymous.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&anonymous), "/masuk?lanjut=/");

    let logout = Request::builder()
        .method("POST")
        .uri("/api/keluar")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, "http://127.0.0.1:3000")
        .header(header::COOKIE, &session)
        .body(Body::empty())
        .unwrap();
    let response = send(store, logout).await;
    assert_eq!(location(&response), "/masuk");
    assert!(response
        .headers()
        .get(header::SET_COOKIE)
        .unwrap()
        .to_str()
        .unwrap()
        .contains("Max-Age=0"));
    // The old cookie no longer opens anything.
    assert_eq!(
        send(store, home(Some(session))).await.status(),
        StatusCode::SEE_OTHER
    );
}
both!(
    cookie,
    a_login_sets_an_http_only_same_site_cookie_and_logout_ends_the_session
);

async fn a_wrong_password_says_so_without_saying_which_part_was_wrong(store: &Store) {
    let username = someone(store).await;
    for (name, password) in [(username.as_str(), "salah-sekali"), ("tidak.ada", PASSWORD)] {
        let response = send(
            store,
            login_request(name, password, "http://127.0.0.1:3000"),
        )
        .await;
        let to = location(&response);
        assert!(
            to.starts_with("/masuk?galat=Nama%20pengguna%20atau%20kata%20sandi%20salah"),
            "{to}"
        );
        assert!(to.ends_with("&lanjut=/rencana/1"), "{to}");
        assert!(response.headers().get(header::SET_COOKIE).is_none());
    }
}
both!(
    wrong,
    a_wrong_password_says_so_without_saying_which_part_was_wrong
);

async fn failed_logins_slow_down_the_account_until_its_wait_has_passed(store: &Store) {
    let username = someone(store).await;
    let t0 = Timestamp(1_800_000_000);
    for _ in 0..FREE_FAILURES_PER_ACCOUNT_AT_ADDRESS {
        assert_eq!(
            sign_in(store, &username, "salah", None, t0).await,
            Err(LoginRefused::WrongCredentials)
        );
    }
    // Now even the right password must wait; each further failure doubles the wait.
    assert_eq!(
        sign_in(store, &username, PASSWORD, None, t0).await,
        Err(LoginRefused::Wait(1))
    );
    assert_eq!(
        sign_in(store, &username, "salah", None, t0.plus_seconds(1)).await,
        Err(LoginRefused::WrongCredentials)
    );
    assert_eq!(
        sign_in(store, &username, PASSWORD, None, t0.plus_seconds(1)).await,
        Err(LoginRefused::Wait(2))
    );
    assert_eq!(
        LoginRefused::Wait(2).message(),
        "Terlalu banyak percobaan yang gagal. Coba lagi dalam 2 detik."
    );
    // After the wait the right password works, and the count starts again.
    assert!(
        sign_in(store, &username, PASSWORD, None, t0.plus_seconds(3))
            .await
            .is_ok()
    );
    for key in [format!("user:{username}"), format!("pair:|{username}")] {
        assert_eq!(store.login_failures(&key).await.unwrap().count, 0, "{key}");
    }
}
both!(
    throttle,
    failed_logins_slow_down_the_account_until_its_wait_has_passed
);

async fn failed_logins_from_one_address_slow_down_every_account_tried_from_it(store: &Store) {
    someone(store).await;
    let address = Some("10.1.2.3".parse().unwrap());
    let t0 = Timestamp(1_800_000_000);
    for n in 0..model::login::FREE_FAILURES_PER_ADDRESS {
        let _ = sign_in(store, &format!("tebakan{n}"), "salah", address, t0).await;
    }
    assert_eq!(
        sign_in(store, "operator.uji", PASSWORD, address, t0).await,
        Err(LoginRefused::Wait(1))
    );
    // Another address is not held up.
    assert!(sign_in(
        store,
        "operator.uji",
        PASSWORD,
        Some("10.9.9.9".parse().unwrap()),
        t0
    )
    .await
    .is_ok());
}
both!(
    address,
    failed_logins_from_one_address_slow_down_every_account_tried_from_it
);

async fn a_post_from_another_site_is_refused_and_changes_nothing(store: &Store) {
    let username = someone(store).await;
    let response = send(
        store,
        login_request(&username, PASSWORD, "http://evil.example"),
    )
    .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(response.headers().get(header::SET_COOKIE).is_none());
    // Even with a valid session, a cross-site save is refused before it runs.
    let id = server::ops::import::import_sheet(
        store,
        server::ops::import::DEMO_SHEET,
        &server::storage::UnitPlacement::Top,
    )
    .await
    .unwrap()
    .plan_id();
    let who = common::operator(store, id).await;
    let goal = store.load_plan_unchecked(id).await.unwrap().unwrap().goals[0]
        .id
        .unwrap();
    let before = store.load_plan_unchecked(id).await.unwrap();
    let request = Request::builder()
        .method("POST")
        .uri(<app::api::edit::SaveGoal as leptos::server_fn::ServerFn>::PATH)
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, "http://evil.example")
        .header(header::COOKIE, common::cookie(store, &who).await)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(format!("plan={id}&goal={goal}&title=Dibajak")))
        .unwrap();
    let response = send(store, request).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(store.load_plan_unchecked(id).await.unwrap(), before);
}
both!(
    cross_site,
    a_post_from_another_site_is_refused_and_changes_nothing
);

async fn an_oversized_body_is_refused_with_a_clear_message(store: &Store) {
    let id = server::ops::import::import_sheet(
        store,
        server::ops::import::DEMO_SHEET,
        &server::storage::UnitPlacement::Top,
    )
    .await
    .unwrap()
    .plan_id();
    let who = common::operator(store, id).await;
    let goal = store.load_plan_unchecked(id).await.unwrap().unwrap().goals[0]
        .id
        .unwrap();
    let body = format!(
        "plan={id}&goal={goal}&title={}",
        "x".repeat(3 * 1024 * 1024)
    );
    let cookie = common::cookie(store, &who).await;
    let message = "Data yang dikirim terlalu besar: paling banyak 2 MB per permintaan";
    // The page's client (its length said up front, or not), then a person's form post.
    for (length, accept) in [(true, None), (false, None), (true, Some("text/html"))] {
        let mut request = Request::builder()
            .method("POST")
            .uri(<app::api::edit::SaveGoal as leptos::server_fn::ServerFn>::PATH)
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::ORIGIN, "http://127.0.0.1:3000")
            .header(header::COOKIE, &cookie)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if length {
            request = request.header(header::CONTENT_LENGTH, body.len());
        }
        if let Some(accept) = accept {
            request = request.header(header::ACCEPT, accept);
        }
        let response = send(store, request.body(Body::from(body.clone())).unwrap()).await;
        assert_eq!(
            response.status(),
            StatusCode::PAYLOAD_TOO_LARGE,
            "{accept:?}"
        );
        let said = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        let said = String::from_utf8_lossy(&said);
        match accept {
            None => assert_eq!(
                serde_json::from_str::<app::error::AppError>(&said).unwrap(),
                app::error::AppError::TooLarge(message.into()),
            ),
            Some(_) => assert_eq!(said, message),
        }
    }
    let title = &store.load_plan_unchecked(id).await.unwrap().unwrap().goals[0].title;
    assert!(title.len() < 1000, "the oversized title was stored");
}
both!(too_large, an_oversized_body_is_refused_with_a_clear_message);

/// The body of a login form post.
fn login_body(username: &str, password: &str, next: &str) -> Body {
    Body::from(format!(
        "username={username}&password={password}&lanjut={next}"
    ))
}

async fn after_login_a_next_page_off_the_site_leads_home(store: &Store) {
    let username = someone(store).await;
    // `/<tab>/evil.example`: a browser drops the tab and goes to `//evil.example`.
    for next in [
        "%2F%09%2Fevil.example",
        "%2F%0A%2Fevil.example",
        "%2F%2Fevil.example",
    ] {
        let mut request = login_request(&username, PASSWORD, "http://127.0.0.1:3000");
        *request.body_mut() = login_body(&username, PASSWORD, next);
        let response = send(store, request).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&response), "/", "{next}");
    }
}
both!(next_page, after_login_a_next_page_off_the_site_leads_home);

async fn a_username_over_64_characters_is_refused_before_it_is_looked_up(store: &Store) {
    someone(store).await;
    let hashed_before = server::usecases::password::hashes_finished();
    let long = "a".repeat(65);
    assert_eq!(
        sign_in(store, &long, PASSWORD, None, Timestamp(1_800_000_000)).await,
        Err(LoginRefused::UsernameTooLong)
    );
    let response = send(
        store,
        login_request(&long, PASSWORD, "http://127.0.0.1:3000"),
    )
    .await;
    assert!(
        location(&response).starts_with(
            "/masuk?galat=Nama%20pengguna%20terlalu%20panjang%3A%20paling%20banyak%2064%20karakter"
        ),
        "{}",
        location(&response)
    );
    // Nothing was hashed or counted.
    assert_eq!(server::usecases::password::hashes_finished(), hashed_before);
    assert!(store.login_failure_keys().await.unwrap().is_empty());
    // 64 characters is still a name that is looked up (and here, not found).
    assert_eq!(
        sign_in(
            store,
            &"a".repeat(64),
            PASSWORD,
            None,
            Timestamp(1_800_000_000)
        )
        .await,
        Err(LoginRefused::WrongCredentials)
    );
    assert_eq!(store.login_failure_keys().await.unwrap().len(), 3);
}
both!(
    long_username,
    a_username_over_64_characters_is_refused_before_it_is_looked_up
);

fn behind_proxy() -> Settings {
    Settings {
        public_origin: Origin::parse("https://pantau.example.go.id"),
        trusted_proxy_header: Some(HeaderName::from_static("x-forwarded-for")),
        secure_cookies: true,
        metrics: false,
        evidence_max_bytes: None,
    }
}

async fn send_with(store: &Store, settings: Settings, request: Request<Body>) -> Response<Body> {
    router_with(store.clone(), options(), settings)
        .oneshot(request)
        .await
        .unwrap()
}

async fn behind_a_proxy_a_post_must_come_from_the_public_origin(store: &Store) {
    let username = someone(store).await;
    // The proxy passes on its upstream host; the browser names the public origin.
    let from_public = || login_request(&username, PASSWORD, "https://pantau.example.go.id");
    let response = send_with(store, behind_proxy(), from_public()).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let cookie = response.headers().get(header::SET_COOKIE).unwrap();
    assert!(cookie.to_str().unwrap().contains("; Secure"), "{cookie:?}");
    // Without the setting that origin is another site's.
    let response = send(store, from_public()).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    // With it, naming the internal host is not enough.
    let internal = login_request(&username, PASSWORD, "http://127.0.0.1:3000");
    let response = send_with(store, behind_proxy(), internal).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(response.headers().get(header::SET_COOKIE).is_none());
}
both!(
    public_origin,
    behind_a_proxy_a_post_must_come_from_the_public_origin
);

/// A login through the proxy at 10.0.0.1, forwarded for `forwarded`.
fn through_proxy(username: &str, password: &str, forwarded: &str) -> Request<Body> {
    let mut request = login_request(username, password, "https://pantau.example.go.id");
    request.headers_mut().insert(
        HeaderName::from_static("x-forwarded-for"),
        forwarded.parse().unwrap(),
    );
    request
        .extensions_mut()
        .insert(ConnectInfo("10.0.0.1:41000".parse::<SocketAddr>().unwrap()));
    request
}

/// Counts failures under `key` now until its wait is the longest: the router reads the real
/// clock, so a wait of a second could pass before the next request.
async fn hold_up(store: &Store, key: &str) {
    let now = server::clock::now();
    loop {
        let seen = store.login_failures(key).await.unwrap();
        if wait_seconds(seen, FREE_FAILURES_PER_ACCOUNT_AT_ADDRESS, now) == Some(MAX_WAIT_SECONDS) {
            return;
        }
        store.count_login_attempt(key, seen, now).await.unwrap();
    }
}

async fn failures_count_for_the_forwarded_address_only_when_the_proxy_header_is_trusted(
    store: &Store,
) {
    let username = someone(store).await;
    let waits = |response: &Response<Body>| location(response).contains("Coba%20lagi");
    // The client wrote 1.1.1.1; the proxy appended the address it saw.
    let guesser = "1.1.1.1, 203.0.113.7";
    for _ in 0..2 {
        let wrong = through_proxy(&username, "salah", guesser);
        let _ = send_with(store, behind_proxy(), wrong).await;
    }
    let pair = format!("pair:203.0.113.7|{username}");
    assert_eq!(store.login_failures(&pair).await.unwrap().count, 2);
    let keys = store.login_failure_keys().await.unwrap();
    assert!(
        !keys
            .iter()
            .any(|k| k.contains("1.1.1.1") || k.contains("10.0.0.1")),
        "{keys:?}"
    );
    hold_up(store, &pair).await;
    let response = send_with(
        store,
        behind_proxy(),
        through_proxy(&username, PASSWORD, guesser),
    )
    .await;
    assert!(waits(&response), "{}", location(&response));
    // Another client behind the same proxy is not held up.
    let owner = through_proxy(&username, PASSWORD, "198.51.100.2");
    let response = send_with(store, behind_proxy(), owner).await;
    assert_eq!(location(&response), "/rencana/1");

    // Without the setting the header is the client's to write and is ignored: every request
    // comes from the proxy's socket, whatever it claims.
    let settings = Settings {
        trusted_proxy_header: None,
        ..behind_proxy()
    };
    for n in 0..2 {
        let spoofed = through_proxy(&username, "salah", &format!("192.0.2.{n}"));
        let _ = send_with(store, settings.clone(), spoofed).await;
    }
    let socket = format!("pair:10.0.0.1|{username}");
    assert_eq!(store.login_failures(&socket).await.unwrap().count, 2);
    let keys = store.login_failure_keys().await.unwrap();
    assert!(!keys.iter().any(|k| k.contains("192.0.2.")), "{keys:?}");
    hold_up(store, &socket).await;
    let spoofed = through_proxy(&username, PASSWORD, "192.0.2.200");
    let response = send_with(store, settings, spoofed).await;
    assert!(waits(&response), "{}", location(&response));
}
both!(
    proxy_header,
    failures_count_for_the_forwarded_address_only_when_the_proxy_header_is_trusted
);
