//! Bad input changes nothing and is refused in words a person can read. A generated corpus
//! (seeded, the same every run) of bad requests to every server function and every route goes
//! through the real router in-process, signed in as people of several roles. Every answer must
//! be a 4xx whose status is the one of its error's kind, carrying a request id, with a message
//! in Indonesian (a server function's body must decode as an `AppError` that is neither a fault
//! nor transport text; no English word may appear); no answer may be a 5xx; and every table of
//! the database must read byte for byte the same after the corpus as before it.
//!
//! Not in the corpus, by design: logins with a well-formed form (a wrong password, or any text
//! as username) are counted by the login throttle, which writes its rows on purpose
//! (`throttle_story.rs`), and are answered with a redirect back to the sign-in page; signing out
//! with a session ends it (that is its job) and with none goes to the sign-in page; a page asked
//! for without a session redirects to the sign-in page (`login_story.rs`); a push's refusals of
//! single edits are answers inside a 200, recorded for at-most-once delivery (`sync_story.rs`).
//! Plain form posts (JavaScript off) are answered with a redirect back carrying the error: the
//! last story here checks they keep working.

#![allow(clippy::unwrap_used)]

mod common;

use common::web::{location, options};
mod corpus;

use app::error::AppError;
use axum::body::Body;
use axum::http::{header, Request, Response, StatusCode};
use common::{Kind, TestDb};
use corpus::answers::{body_text, check, indonesian};
use corpus::requests::server_fn_request;
use corpus::{route_request, server_fns, Rng, World};
use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};
use tower::ServiceExt;

/// The corpus's seed; `PANTAU_BAD_INPUT_SEED=N` runs another corpus (to look further; the one
/// checked in is this).
const SEED: u64 = 0x5EED_0012;
/// Rounds over every server function; with the routes, over 1,000 requests.
const ROUNDS: usize = 28;
/// The push (JSON, the richest argument) gets this many requests a round.
const PUSHES_A_ROUND: usize = 4;
const ROUTE_REQUESTS: usize = 200;
/// The database is compared with its first dump this often, to name the requests that changed it.
const DUMP_EVERY: usize = 100;

/// What the corpus found.
#[derive(Default)]
struct Figures {
    requests: usize,
    client_errors: usize,
    server_errors: usize,
    by_status: BTreeMap<u16, usize>,
    /// Requests by what makes them bad.
    by_kind: BTreeMap<String, usize>,
    /// Answers that broke a rule: the request and what was wrong.
    wrong: Vec<String>,
    /// Tables that differ from the first dump, and the requests sent since the last good dump.
    changed: Vec<String>,
    /// The tables that differed at any comparison.
    changed_tables: BTreeSet<String>,
}

async fn bad_input_is_refused_with_a_4xx_in_indonesian_and_changes_nothing(kind: Kind) {
    let _serial = common::SERIAL.lock().await;
    let database = match kind {
        Kind::Sqlite => "SQLite",
        Kind::Postgres => "PostgreSQL",
    };
    let db = TestDb::new(kind).await;
    let world = World::new(&db.store).await;
    let app = server::http::router::router(db.store.clone(), options());
    let specs = server_fns();
    every_server_function_is_in_the_corpus(&specs);
    let before = db.dump().await;
    let started = Instant::now();
    let seed = std::env::var("PANTAU_BAD_INPUT_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(SEED);
    let mut rng = Rng::seeded(seed);
    let mut figures = Figures::default();
    let mut since_dump = Vec::new();
    let targets = (0..ROUNDS)
        .flat_map(|_| {
            specs.iter().flat_map(|spec| {
                let times = if spec.json { PUSHES_A_ROUND } else { 1 };
                std::iter::repeat_n(Some(spec), times)
            })
        })
        .chain((0..ROUTE_REQUESTS).map(|_| None));
    for spec in targets {
        let request = match spec {
            Some(spec) => server_fn_request(&world, spec, &mut rng),
            None => route_request(&world, &mut rng),
        };
        let is_server_fn = spec.is_some();
        let label = request.label;
        *figures.by_kind.entry(request.kind).or_default() += 1;
        let response = tokio::time::timeout(
            Duration::from_secs(20),
            app.clone().oneshot(request.request),
        )
        .await
        .unwrap_or_else(|_| panic!("no answer in 20 s: {label}"))
        .unwrap();
        figures.requests += 1;
        let status = response.status();
        *figures.by_status.entry(status.as_u16()).or_default() += 1;
        if status.is_client_error() {
            figures.client_errors += 1;
        }
        if status.is_server_error() {
            figures.server_errors += 1;
        }
        if let Err(why) = check(response, is_server_fn).await {
            figures.wrong.push(format!("{label}: {why}"));
        }
        since_dump.push(label);
        if figures.requests % DUMP_EVERY == 0 {
            compare(&db, &before, &mut since_dump, &mut figures).await;
        }
    }
    compare(&db, &before, &mut since_dump, &mut figures).await;
    let seconds = started.elapsed().as_secs_f64();
    report(database, seed, &figures, seconds);
    assert!(figures.requests >= 1000, "{} requests", figures.requests);
    let mut failures = Vec::new();
    if !figures.wrong.is_empty() {
        failures.push(format!(
            "{} of {} answers wrong ({} × 5xx):\n{}",
            figures.wrong.len(),
            figures.requests,
            figures.server_errors,
            figures.wrong.join("\n")
        ));
    }
    if !figures.changed.is_empty() {
        failures.push(format!(
            "stored data changed:\n{}",
            figures.changed.join("\n")
        ));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert_eq!(figures.server_errors, 0);
    assert_eq!(figures.client_errors, figures.requests);
    db.finish().await;
}

/// Every server function this binary registers is in the corpus's list.
fn every_server_function_is_in_the_corpus(specs: &[corpus::ServerFnSpec]) {
    let listed: BTreeSet<&str> = specs.iter().map(|s| s.path).collect();
    let registered: BTreeSet<&str> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path)
        .collect();
    let missing: Vec<&&str> = registered.difference(&listed).collect();
    assert!(missing.is_empty(), "not in the corpus: {missing:?}");
    assert_eq!(listed.len(), specs.len(), "a server function listed twice");
}

async fn compare(
    db: &TestDb,
    before: &BTreeMap<String, Vec<String>>,
    since_dump: &mut Vec<String>,
    figures: &mut Figures,
) {
    let now = db.dump().await;
    if &now != before {
        let tables: Vec<&String> = now
            .iter()
            .filter(|(table, rows)| before.get(*table) != Some(rows))
            .map(|(table, _)| table)
            .collect();
        figures
            .changed_tables
            .extend(tables.iter().map(|t| t.to_string()));
        figures.changed.push(format!(
            "tables {tables:?} changed by one of:\n  {}",
            since_dump.join("\n  ")
        ));
    }
    since_dump.clear();
}

/// The figures, printed and appended to `$PANTAU_BENCH_SUMMARY` when it is set.
fn report(database: &str, seed: u64, figures: &Figures, seconds: f64) {
    let changed = figures.changed_tables.len();
    println!(
        "bad input on {database} (seed {seed:#x}): {} requests, {} × 4xx, {} × 5xx, tables changed: {changed}, {seconds:.1} s; by status {:?}",
        figures.requests,
        figures.client_errors,
        figures.server_errors,
        figures.by_status
    );
    println!("  by what makes them bad: {:?}", figures.by_kind);
    if let Ok(path) = std::env::var("PANTAU_BENCH_SUMMARY") {
        use std::io::Write;
        let area = format!("bad input ({database})");
        let lines = [
            ("requests", figures.requests.to_string(), "≥ 1000"),
            ("4xx", figures.client_errors.to_string(), "all"),
            ("5xx", figures.server_errors.to_string(), "0"),
            ("tables changed", changed.to_string(), "0"),
        ];
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .expect("open the bench summary");
        for (figure, value, goal) in lines {
            writeln!(file, "{area}\t{figure}\t{value}\t{goal}").expect("write the bench summary");
        }
    }
}

mod corpus_run {
    use super::*;

    #[tokio::test]
    async fn on_sqlite() {
        bad_input_is_refused_with_a_4xx_in_indonesian_and_changes_nothing(Kind::Sqlite).await;
    }

    #[tokio::test]
    async fn on_postgres() {
        bad_input_is_refused_with_a_4xx_in_indonesian_and_changes_nothing(Kind::Postgres).await;
    }
}

/// For the stories below: a form post (JavaScript off) or a call of the page's client.
fn form_post(path: &str, body: String, cookie: &str, html: bool) -> Request<Body> {
    let mut request = common::web::form_post(path, body);
    let headers = request.headers_mut();
    headers.insert(
        header::REFERER,
        "http://127.0.0.1:3000/rencana/1".parse().unwrap(),
    );
    headers.insert(header::COOKIE, cookie.parse().unwrap());
    if html {
        headers.insert(
            header::ACCEPT,
            "text/html,application/xhtml+xml,*/*;q=0.8".parse().unwrap(),
        );
    }
    request
}

/// The error a form post's redirect carries back to the page (`__err`), as the page decodes it.
fn carried_error(location: &str) -> Option<AppError> {
    let query = location.split_once('?')?.1;
    let err = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("__err="))?;
    let err = err.replace("%3D", "=");
    Some(leptos::server_fn::error::ServerFnUrlError::<AppError>::decode_err(&err))
}

async fn form_posts_without_javascript_keep_working_and_carry_indonesian_refusals(kind: Kind) {
    let _serial = common::SERIAL.lock().await;
    let db = TestDb::new(kind).await;
    let world = World::new(&db.store).await;
    let app = server::http::router::router(db.store.clone(), options());
    let operator = world.cookie(corpus::Who::OperatorA).unwrap().to_owned();
    let pimpinan = world.cookie(corpus::Who::PimpinanA).unwrap().to_owned();
    let plan = world.plans[0];
    let save_goal = <app::api::edit::SaveGoal as leptos::server_fn::ServerFn>::PATH;
    let submit = <app::api::workflow::SubmitQuarter as leptos::server_fn::ServerFn>::PATH;
    // A good post still saves and goes back to the page, with no error.
    let good = format!("plan={plan}&goal={}&title=Sasaran+baru", world.goals[0]);
    let response = app
        .clone()
        .oneshot(form_post(save_goal, good, &operator, true))
        .await
        .unwrap();
    assert!(response.status().is_redirection(), "{}", response.status());
    let to = location(&response);
    assert!(
        to.starts_with("http://127.0.0.1:3000/rencana/1") && !to.contains("__err"),
        "{to}"
    );
    let stored = db.store.load_plan_unchecked(plan).await.unwrap().unwrap();
    assert_eq!(stored.goals[0].title, "Sasaran baru");
    let before = db.dump().await;
    // Bad posts go back to the page with the refusal, in Indonesian, and store nothing.
    let huge = "qz7 ".repeat(300_000);
    for (path, body, cookie, expected) in [
        (
            submit,
            format!("plan={plan}&quarter=9"),
            &operator,
            AppError::Malformed,
        ),
        (
            save_goal,
            "plan=abc&goal=1&title=x".to_owned(),
            &operator,
            AppError::Malformed,
        ),
        (
            save_goal,
            format!("plan={plan}&goal={}&title={huge}", world.goals[0]),
            &operator,
            AppError::Invalid(String::new()),
        ),
        (
            save_goal,
            format!("plan={plan}&goal={}&title=x", world.goals[0]),
            &pimpinan,
            AppError::Forbidden(String::new()),
        ),
    ] {
        let response = app
            .clone()
            .oneshot(form_post(path, body, cookie, true))
            .await
            .unwrap();
        assert!(response.status().is_redirection(), "{}", response.status());
        let to = location(&response);
        assert!(to.starts_with("http://127.0.0.1:3000/rencana/1?"), "{to}");
        let error = carried_error(&to).unwrap();
        assert_eq!(
            std::mem::discriminant(&error),
            std::mem::discriminant(&expected),
            "{error:?}"
        );
        indonesian(&error.to_string()).unwrap();
    }
    assert_eq!(db.dump().await, before, "a refused form post changed data");
    db.finish().await;
}

mod form_posts {
    use super::*;

    #[tokio::test]
    async fn on_sqlite() {
        form_posts_without_javascript_keep_working_and_carry_indonesian_refusals(Kind::Sqlite)
            .await;
    }

    #[tokio::test]
    async fn on_postgres() {
        form_posts_without_javascript_keep_working_and_carry_indonesian_refusals(Kind::Postgres)
            .await;
    }
}

async fn a_fault_is_a_500_naming_the_request_id_that_its_log_lines_carry(kind: Kind) {
    let _serial = common::SERIAL.lock().await;
    let db = TestDb::new(kind).await;
    let world = World::new(&db.store).await;
    let (logs, _logging) = common::logs::capture(tracing::Level::INFO);
    let app = server::http::router::router(db.store.clone(), options());
    let cookie = world.cookie(corpus::Who::OperatorA).unwrap().to_owned();
    let path = <app::api::dashboard::GetThresholds as leptos::server_fn::ServerFn>::PATH;
    let call = |body: &str| form_post(path, body.to_owned(), &cookie, false);
    let id_of = |response: &Response<Body>| {
        response.headers()[server::http::errors::REQUEST_ID_HEADER]
            .to_str()
            .unwrap()
            .to_owned()
    };

    // Arguments that do not decode: 400 in Indonesian; the English detail only in the log.
    let response = app.clone().oneshot(call("year=dua")).await.unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let id = id_of(&response);
    let error: AppError = serde_json::from_str(&body_text(response).await).unwrap();
    assert_eq!(error, AppError::Malformed);
    let lines = logs.lines_of(&id);
    assert!(
        lines
            .iter()
            .any(|l| l.contains("did not decode") && l.contains("error deserializing")),
        "{lines:#?}"
    );

    // A fault: the table is gone. 500, the id in the message and on the fault's log line.
    db.execute_script((
        "DROP TABLE absorption_thresholds",
        "DROP TABLE absorption_thresholds",
    ))
    .await;
    let response = app.clone().oneshot(call("year=2026")).await.unwrap();
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let id = id_of(&response);
    let error: AppError = serde_json::from_str(&body_text(response).await).unwrap();
    assert_eq!(error, AppError::Internal(Some(id.clone())));
    assert_eq!(
        error.to_string(),
        format!("Terjadi kesalahan di server (kode {id}); silakan coba lagi")
    );
    let lines = logs.lines_of(&id);
    assert!(
        lines
            .iter()
            .any(|l| l.contains("ERROR") && l.contains("storage failure")),
        "{lines:#?}"
    );
    // Another request, another id.
    let again = app.clone().oneshot(call("year=2026")).await.unwrap();
    assert_ne!(id_of(&again), id);
    db.finish().await;
}

mod faults {
    use super::*;

    #[tokio::test]
    async fn on_sqlite() {
        a_fault_is_a_500_naming_the_request_id_that_its_log_lines_carry(Kind::Sqlite).await;
    }

    #[tokio::test]
    async fn on_postgres() {
        a_fault_is_a_500_naming_the_request_id_that_its_log_lines_carry(Kind::Postgres).await;
    }
}

/// What a page's query string narrows or points to is read leniently: a value the page cannot
/// read is left out, and the page says what it shows. Whatever the query, no fault and no change.
async fn junk_in_a_pages_query_string_is_never_a_fault_and_changes_nothing(kind: Kind) {
    let _serial = common::SERIAL.lock().await;
    let db = TestDb::new(kind).await;
    let world = World::new(&db.store).await;
    let app = server::http::router::router(db.store.clone(), options());
    let cookie = world.cookie(corpus::Who::OperatorA).unwrap().to_owned();
    let plan = world.plans[0];
    let before = db.dump().await;
    let junk = [
        "tw=9",
        "tw=abc",
        "tw=-1",
        "indikator=abc",
        "indikator=99999999999999999999",
        "kegiatan=-1",
        "sasaran=abc",
        "sasaran=99",
        "sasaran=",
        "halaman=abc",
        "halaman=-1",
        "__path=%2Fapi%2Fsubmit_quarter&__err=%FF%FE",
        "lanjut=%2F%2Fjahat.example&galat=%3Cscript%3E",
        "x=%FF",
        "tahun=abc",
        "tahun=1999",
        "tahun=99999999999999999999",
        "__path=%2Fapi%2Fcopy_plan&__err=AAAA",
    ];
    let mut answered = BTreeMap::new();
    for page in ["", "/dasbor", "/riwayat", "/cetak", "/excel", "/salin"] {
        for query in junk {
            let path = format!("/rencana/{plan}{page}?{query}");
            let request = Request::builder()
                .uri(&path)
                .header(header::COOKIE, &cookie)
                .body(Body::empty())
                .unwrap();
            let response = app.clone().oneshot(request).await.unwrap();
            let status = response.status();
            assert!(!status.is_server_error(), "{path}: {status}");
            *answered.entry(status.as_u16()).or_insert(0) += 1;
        }
    }
    for path in [
        "/masuk?lanjut=%2F%2Fjahat.example&galat=%FF",
        "/?x=%FF",
        "/admin?y=1",
    ] {
        let request = Request::builder()
            .uri(path)
            .header(header::COOKIE, &cookie)
            .body(Body::empty())
            .unwrap();
        let status = app.clone().oneshot(request).await.unwrap().status();
        assert!(!status.is_server_error(), "{path}: {status}");
    }
    println!("pages with junk in the query: by status {answered:?}");
    assert_eq!(db.dump().await, before, "a page read changed data");
    db.finish().await;
}

mod junk_queries {
    use super::*;

    #[tokio::test]
    async fn on_sqlite() {
        junk_in_a_pages_query_string_is_never_a_fault_and_changes_nothing(Kind::Sqlite).await;
    }

    #[tokio::test]
    async fn on_postgres() {
        junk_in_a_pages_query_string_is_never_a_fault_and_changes_nothing(Kind::Postgres).await;
    }
}
