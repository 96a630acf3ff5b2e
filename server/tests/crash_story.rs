//! A crash in the middle of a sync push. A real `pantau serve` process is killed with SIGKILL
//! while a push is in flight, then restarted on the same SQLite file. Right after the crash,
//! before anything is re-sent, every edit the server acknowledged must be in the file, once; the
//! push that was cut off is there whole or not at all. Then the client re-sends its whole outbox,
//! acknowledged or not (as a browser that never saw the answer would), and every edit ends up
//! applied exactly once: the answer it was first given, one audit entry, the field's version
//! counting each edit once. Three crashes in a row, each re-sending everything queued so far.
//!
//! SQLite only: the child process uses the embedded database; PostgreSQL is not needed here.
//! The HTTP client is a few lines over `std::net::TcpStream`, so a cut-off answer is visible as
//! exactly that. `PANTAU_CRASH_SEED` replays a run's timing (the seed is printed).

#![allow(clippy::unwrap_used)]

use model::audit::HistoryFilter;
use model::edit::{current_value, Field, ReportField, Value};
use model::sync::{field_key, Mutation, MutationId, Outcome};
use model::{IndicatorId, PlanId, Quarter};
use server::storage::Store;
use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const CRASHES: usize = 3;
const BATCH: usize = 5;
const CLIENT: &str = "tab-crash-story-0001";
const PLAN: PlanId = PlanId(1);

#[test]
fn a_server_killed_in_the_middle_of_a_push_keeps_every_acknowledged_edit_once() {
    let seed = std::env::var("PANTAU_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        });
    eprintln!("crash story: PANTAU_CRASH_SEED={seed}");
    let mut dice = Dice(seed | 1);
    let dir = std::env::temp_dir().join(format!("pantau_crash_{}_{seed}", std::process::id()));
    std::fs::create_dir_all(dir.join("site")).unwrap();
    let url = format!("sqlite://{}", dir.join("pantau.db").display());
    let runtime = tokio::runtime::Runtime::new().unwrap();

    let mut server = Server::start(&dir, &url);
    let (fields, baseline) = runtime.block_on(demo_fields(&url));
    let per_crash = fields.len() / CRASHES;
    assert!(
        per_crash >= 2 * BATCH,
        "the demo plan has too few fields ({}) for {CRASHES} crashes",
        fields.len()
    );

    // Everything the client has queued so far, in order; like a browser's outbox it is kept
    // until every mutation in it has an answer.
    let mut outbox: Vec<Edit> = Vec::new();
    let (mut cut_mid_push, mut stored_unanswered) = (0, 0);
    for crash in 0..CRASHES {
        let fields = &fields[crash * per_crash..(crash + 1) * per_crash];
        let edits = edits(fields, outbox.len() as u64 + 1, seed);
        let batches: Vec<&[Edit]> = edits.chunks(BATCH).collect();
        let kill = push_and_kill(&mut server, &batches, &mut dice);

        // What the client knows: the answers that arrived, and the push that got none.
        let mut acknowledged: Vec<&Edit> = Vec::new();
        let mut cut: &[Edit] = &[];
        for (batch, fate) in batches.iter().zip(&kill.fates) {
            match fate {
                Fate::Acknowledged(outcomes) => {
                    let expected: Vec<Outcome> = batch.iter().map(Edit::outcome).collect();
                    assert_eq!(outcomes, &expected, "the first answers to a push");
                    acknowledged.extend(batch.iter());
                }
                Fate::Lost { in_flight: true } => cut = batch,
                Fate::Lost { in_flight: false } | Fate::NotSent => {}
            }
        }
        assert!(
            !acknowledged.is_empty(),
            "crash {crash}: no push was acknowledged before the kill ({:?})",
            kill.fates
        );

        // The file as the dead server left it, before anything is re-sent: every acknowledged
        // edit is there once; the push cut off (one transaction) is there whole or not at all.
        let stored_cut = runtime.block_on(async {
            let store = Store::connect(&url).await.unwrap();
            let answers = store.sync_answers(PLAN).await.unwrap();
            let stored_cut = cut
                .first()
                .is_some_and(|e| answers.contains_key(&(CLIENT.to_owned(), e.mutation.seq)));
            let applied: Vec<&Edit> = outbox
                .iter()
                .chain(acknowledged.iter().copied())
                .chain(if stored_cut { cut } else { &[] })
                .collect();
            let not_applied: Vec<&Edit> = edits
                .iter()
                .filter(|e| !applied.iter().any(|a| a.mutation.seq == e.mutation.seq))
                .collect();
            check(&store, &applied, &not_applied, &baseline, "after the crash").await;
            store.close().await;
            stored_cut
        });
        cut_mid_push += usize::from(!cut.is_empty());
        stored_unanswered += usize::from(stored_cut);
        eprintln!(
            "crash {}: {} of {} pushes acknowledged; killed {}µs after push {} went out (a push \
             took {}µs); {}",
            crash + 1,
            kill.fates
                .iter()
                .filter(|f| matches!(f, Fate::Acknowledged(_)))
                .count(),
            batches.len(),
            kill.delay.as_micros(),
            kill.target + 1,
            kill.round_trip_micros,
            match (cut.is_empty(), stored_cut) {
                (true, _) => "no push was in flight",
                (false, false) => "the push in flight was not stored",
                (false, true) => "the push in flight was stored, its answer never arrived",
            }
        );

        // Restart on the same file and re-send the whole outbox, this crash's edits included:
        // each gets the answer of its one application.
        outbox.extend(edits);
        server = Server::start(&dir, &url);
        let client = Client::sign_in(server.port);
        for batch in outbox.chunks(BATCH) {
            let mutations: Vec<Mutation> = batch.iter().map(|e| e.mutation.clone()).collect();
            let expected: Vec<Outcome> = batch.iter().map(Edit::outcome).collect();
            match client.push(&mutations, || {}) {
                Ok(outcomes) => assert_eq!(outcomes, expected, "the answers to a re-sent push"),
                Err(lost) => panic!("a re-send after the restart got no answer: {lost:?}"),
            }
        }
        runtime.block_on(async {
            let store = Store::connect(&url).await.unwrap();
            let applied: Vec<&Edit> = outbox.iter().collect();
            check(&store, &applied, &[], &baseline, "after re-sending").await;
            store.close().await;
        });
    }
    eprintln!(
        "crash story: {cut_mid_push} of {CRASHES} kills cut a push in flight; \
         {stored_unanswered} of those pushes were stored but never answered"
    );
    assert!(
        cut_mid_push > 0,
        "no kill of {CRASHES} landed while a push was in flight: the story proved nothing"
    );
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A mutation and the version its field reaches when it is applied.
#[derive(Clone, Debug)]
struct Edit {
    mutation: Mutation,
    version: u64,
}

impl Edit {
    fn outcome(&self) -> Outcome {
        Outcome::Applied {
            version: self.version,
        }
    }
}

/// Two edits of every field, the second typed over the first while it was still queued
/// (`after`): a first edit applied again once the second is in would then be a conflict, not
/// a no-op the story could not tell from a stored answer.
fn edits(fields: &[Field], first_seq: u64, seed: u64) -> Vec<Edit> {
    let n = fields.len() as u64;
    (0..2u64)
        .flat_map(|round| fields.iter().enumerate().map(move |(i, f)| (round, i, *f)))
        .map(|(round, i, field)| {
            let seq = first_seq + round * n + i as u64;
            Edit {
                mutation: Mutation {
                    client: CLIENT.into(),
                    seq,
                    plan: PLAN,
                    field,
                    text: format!("catatan luring {seed:x} nomor {seq}"),
                    base_version: 0,
                    after: (round == 1).then(|| MutationId {
                        client: CLIENT.into(),
                        seq: seq - n,
                    }),
                },
                version: round + 1,
            }
        })
        .collect()
}

/// What a kill cut short.
struct Kill {
    fates: Vec<Fate>,
    /// The push (0-based) after whose request the kill was timed.
    target: usize,
    delay: Duration,
    round_trip_micros: u64,
}

/// Pushes the batches from a background thread and SIGKILLs the server a random while after
/// one of the middle requests went out: anywhere from at once to a little after its answer is
/// due, so kills land before, during and after the push's commit.
fn push_and_kill(server: &mut Server, batches: &[&[Edit]], dice: &mut Dice) -> Kill {
    let client = Client::sign_in(server.port);
    let pace = Arc::new(Pace::default());
    let pusher = {
        let batches: Vec<Vec<Mutation>> = batches
            .iter()
            .map(|b| b.iter().map(|e| e.mutation.clone()).collect())
            .collect();
        let pace = pace.clone();
        std::thread::spawn(move || push_until_cut(&client, &batches, &pace))
    };
    let target = 1 + dice.below(batches.len() as u64 - 2) as usize;
    while pace.sent.load(Ordering::SeqCst) <= target && !pusher.is_finished() {
        std::thread::sleep(Duration::from_micros(50));
    }
    let round_trip_micros = pace.round_trip_micros.load(Ordering::SeqCst);
    let delay = Duration::from_micros(dice.below(round_trip_micros * 5 / 4 + 1));
    std::thread::sleep(delay);
    server.kill();
    Kill {
        fates: pusher.join().expect("the pusher thread"),
        target,
        delay,
        round_trip_micros,
    }
}

/// The fields the story edits: the free-text cells of quarters II to IV of every indicator of
/// the demo plan. Also the audit entries each indicator has before the story.
async fn demo_fields(url: &str) -> (Vec<Field>, HashMap<IndicatorId, usize>) {
    let store = Store::connect(url).await.unwrap();
    let plan = store.load_plan(PLAN).await.unwrap().expect("the demo plan");
    let indicators: Vec<IndicatorId> = plan.indicators().filter_map(|i| i.id).collect();
    let mut fields = Vec::new();
    for quarter in [Quarter::Q2, Quarter::Q3, Quarter::Q4] {
        for cell in [
            ReportField::Note,
            ReportField::Evidence,
            ReportField::PlannedWork,
        ] {
            for indicator in &indicators {
                fields.push(Field::Report(*indicator, quarter, cell));
            }
        }
    }
    let mut baseline = HashMap::new();
    for indicator in indicators {
        baseline.insert(indicator, history_of(&store, indicator).await.len());
    }
    store.close().await;
    (fields, baseline)
}

async fn history_of(store: &Store, indicator: IndicatorId) -> Vec<model::audit::AuditEntry> {
    let filter = HistoryFilter {
        indicator: Some(indicator),
        ..Default::default()
    };
    store.history(PLAN, filter).await.unwrap()
}

/// What the database says: exactly the `applied` edits have an answer, the one they were
/// first given, and one audit entry each; each field holds the text and version of its last
/// applied edit; the `not_applied` edits left no trace.
async fn check(
    store: &Store,
    applied: &[&Edit],
    not_applied: &[&Edit],
    baseline: &HashMap<IndicatorId, usize>,
    when: &str,
) {
    let answers = store.sync_answers(PLAN).await.unwrap();
    let (_, changes) = store.changes_since(PLAN, 0).await.unwrap();
    let versions: HashMap<String, u64> = changes.iter().map(|(f, v)| (field_key(f), *v)).collect();
    let plan = store.load_plan(PLAN).await.unwrap().unwrap();
    let mut histories = HashMap::new();
    for indicator in baseline.keys() {
        histories.insert(*indicator, history_of(store, *indicator).await);
    }
    let indicator_of = |e: &Edit| match e.mutation.field {
        Field::Report(indicator, _, _) => indicator,
        other => panic!("the story edits report cells only, not {other:?}"),
    };
    let entries_with = |e: &Edit| {
        histories[&indicator_of(e)]
            .iter()
            .filter(|entry| entry.change.new == e.mutation.text)
            .count()
    };
    let mut last: HashMap<String, &Edit> = HashMap::new();
    for e in applied {
        let latest = last.entry(field_key(&e.mutation.field)).or_insert(e);
        if e.version > latest.version {
            *latest = e;
        }
    }

    assert_eq!(
        answers.len(),
        applied.len(),
        "{when}: one stored answer per applied edit"
    );
    for e in applied {
        let seq = e.mutation.seq;
        assert_eq!(
            answers.get(&(CLIENT.to_owned(), seq)),
            Some(&e.outcome()),
            "{when}: the stored answer to mutation {seq}"
        );
        assert_eq!(
            entries_with(e),
            1,
            "{when}: audit entries of mutation {seq}"
        );
    }
    for e in last.values() {
        let seq = e.mutation.seq;
        assert_eq!(
            current_value(&plan, &e.mutation.field).ok(),
            Some(Value::Text(e.mutation.text.clone())),
            "{when}: the value of the field mutation {seq} was the last to set"
        );
        assert_eq!(
            versions.get(&field_key(&e.mutation.field)),
            Some(&e.version),
            "{when}: the version of the field mutation {seq} was the last to set"
        );
    }
    for e in not_applied {
        let seq = e.mutation.seq;
        let key = field_key(&e.mutation.field);
        assert!(
            !answers.contains_key(&(CLIENT.to_owned(), seq)),
            "{when}: mutation {seq} was never applied, yet has an answer"
        );
        assert_ne!(
            current_value(&plan, &e.mutation.field).ok(),
            Some(Value::Text(e.mutation.text.clone())),
            "{when}: mutation {seq} has no answer, yet its text is stored"
        );
        assert_eq!(
            entries_with(e),
            0,
            "{when}: audit entries of mutation {seq}"
        );
        if !last.contains_key(&key) {
            assert_eq!(
                versions.get(&key),
                None,
                "{when}: a field no applied edit touched has a version"
            );
        }
    }
    for (indicator, entries) in &histories {
        let expected = baseline[indicator]
            + applied
                .iter()
                .filter(|e| indicator_of(e) == *indicator)
                .count();
        assert_eq!(
            entries.len(),
            expected,
            "{when}: audit entries of indicator {indicator:?}, one per applied edit"
        );
    }
}

/// What became of one batch of the push loop.
#[derive(Debug)]
enum Fate {
    /// The whole answer arrived.
    Acknowledged(Vec<Outcome>),
    /// No (whole) answer; `in_flight` when the request had been sent in full.
    Lost { in_flight: bool },
    /// The loop had stopped before it.
    NotSent,
}

/// How far the push loop is, for the killer to aim at.
#[derive(Default)]
struct Pace {
    /// Requests sent in full.
    sent: AtomicUsize,
    /// From sending the last acknowledged request to its whole answer.
    round_trip_micros: AtomicU64,
}

/// Pushes the batches one after another until one gets no answer.
fn push_until_cut(client: &Client, batches: &[Vec<Mutation>], pace: &Pace) -> Vec<Fate> {
    let mut fates = Vec::with_capacity(batches.len());
    for batch in batches {
        if matches!(fates.last(), Some(Fate::Lost { .. } | Fate::NotSent)) {
            fates.push(Fate::NotSent);
            continue;
        }
        let mut sent_at = Instant::now();
        fates.push(
            match client.push(batch, || {
                sent_at = Instant::now();
                pace.sent.fetch_add(1, Ordering::SeqCst);
            }) {
                Ok(outcomes) => {
                    let micros = sent_at.elapsed().as_micros() as u64;
                    pace.round_trip_micros.store(micros, Ordering::SeqCst);
                    Fate::Acknowledged(outcomes)
                }
                Err(Lost::Unsent(_)) => Fate::Lost { in_flight: false },
                Err(Lost::Unanswered(_)) => Fate::Lost { in_flight: true },
            },
        );
    }
    fates
}

/// A `pantau serve` child process; killed when dropped, so a failing test leaves none behind.
struct Server {
    child: Child,
    port: u16,
}

impl Server {
    fn start(dir: &Path, url: &str) -> Server {
        let port = free_port();
        let log_path = dir.join(format!("server-{port}.log"));
        let log = std::fs::File::create(&log_path).unwrap();
        let child = Command::new(env!("CARGO_BIN_EXE_pantau"))
            .args(["serve", "--demo"])
            .current_dir(dir)
            .env("DATABASE_URL", url)
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
            .env("LEPTOS_SITE_ROOT", dir.join("site"))
            .env("LEPTOS_SITE_PKG_DIR", "pkg")
            .env("LEPTOS_OUTPUT_NAME", "pantau")
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("start pantau serve");
        let mut server = Server { child, port };
        server.wait_until_up(&log_path);
        server
    }

    fn wait_until_up(&mut self, log: &Path) {
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                panic!(
                    "pantau serve exited ({status}) before answering:\n{}",
                    std::fs::read_to_string(log).unwrap_or_default()
                );
            }
            let probe = request("GET", self.port, "/masuk", &[], b"");
            if let Ok(reply) = exchange(self.port, &probe, || {}) {
                assert_eq!(reply.status, 200, "GET /masuk");
                return;
            }
            assert!(
                Instant::now() < deadline,
                "pantau serve did not answer in time:\n{}",
                std::fs::read_to_string(log).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// SIGKILL: no shutdown, no flushing, no goodbye.
    fn kill(&mut self) {
        self.child.kill().expect("SIGKILL the server");
        self.child.wait().expect("reap the server");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A signed-in operator of the demo plan.
#[derive(Clone)]
struct Client {
    port: u16,
    cookie: String,
}

impl Client {
    fn sign_in(port: u16) -> Client {
        let form = b"username=operator.luwuk&password=operator-luwuk";
        let headers = [("Content-Type", "application/x-www-form-urlencoded")];
        let reply = exchange(
            port,
            &request("POST", port, "/api/masuk", &headers, form),
            || {},
        )
        .expect("sign in");
        let cookie = reply
            .headers
            .iter()
            .filter(|(name, _)| name == "set-cookie")
            .filter_map(|(_, value)| value.split(';').next())
            .find(|pair| pair.starts_with("pantau_sesi=") && pair.len() > "pantau_sesi=".len())
            .unwrap_or_else(|| panic!("no session cookie from the sign-in: {reply:?}"))
            .to_owned();
        Client { port, cookie }
    }

    /// One `POST /api/sync_push`. A refusal (a status other than 200) fails the test: a crash
    /// loses answers, it never makes the server say no.
    fn push(&self, batch: &[Mutation], sent: impl FnOnce()) -> Result<Vec<Outcome>, Lost> {
        let body = serde_json::to_vec(&serde_json::json!({ "mutations": batch })).unwrap();
        let headers = [
            ("Content-Type", "application/json"),
            ("Accept", "application/json"),
            ("Cookie", self.cookie.as_str()),
        ];
        let reply = exchange(
            self.port,
            &request("POST", self.port, "/api/sync_push", &headers, &body),
            sent,
        )?;
        assert_eq!(
            reply.status,
            200,
            "POST /api/sync_push answered {}",
            String::from_utf8_lossy(&reply.body)
        );
        Ok(serde_json::from_slice(&reply.body).unwrap_or_else(|e| {
            panic!(
                "the push answer is no list of outcomes ({e}): {}",
                String::from_utf8_lossy(&reply.body)
            )
        }))
    }
}

/// Why a request got no answer.
#[derive(Debug)]
enum Lost {
    /// The request did not leave whole (no connection, or cut while writing).
    #[allow(dead_code)]
    Unsent(std::io::Error),
    /// Sent in full; the answer never arrived whole.
    #[allow(dead_code)]
    Unanswered(String),
}

#[derive(Debug)]
struct Reply {
    status: u16,
    /// Names in lower case.
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

fn request(method: &str, port: u16, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\n\
         Connection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let mut bytes = head.into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

/// Sends one request on a fresh connection and reads the answer to its end. `sent` runs once the
/// request is written in full.
fn exchange(port: u16, request: &[u8], sent: impl FnOnce()) -> Result<Reply, Lost> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(Lost::Unsent)?;
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .map_err(Lost::Unsent)?;
    stream.write_all(request).map_err(Lost::Unsent)?;
    sent();
    let mut raw = Vec::new();
    let read = stream.read_to_end(&mut raw);
    parse_reply(&raw, read.is_ok())
        .ok_or_else(|| Lost::Unanswered(format!("{read:?} after {} bytes", raw.len())))
}

/// The reply, if `raw` holds a whole one. `ended_cleanly`: the connection closed without error,
/// which is the only end of a body that has neither a length nor chunks.
fn parse_reply(raw: &[u8], ended_cleanly: bool) -> Option<Reply> {
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&raw[..split]).ok()?;
    let rest = &raw[split + 4..];
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    let body = if let Some(length) = header("content-length") {
        let length: usize = length.parse().ok()?;
        rest.get(..length)?.to_vec()
    } else if header("transfer-encoding").is_some_and(|t| t.eq_ignore_ascii_case("chunked")) {
        dechunk(rest)?
    } else if ended_cleanly {
        rest.to_vec()
    } else {
        return None;
    };
    Some(Reply {
        status,
        headers,
        body,
    })
}

/// A chunked body, if it is complete (ends with the last, empty chunk).
fn dechunk(mut rest: &[u8]) -> Option<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        let end = rest.windows(2).position(|w| w == b"\r\n")?;
        let size_text = std::str::from_utf8(&rest[..end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        rest = &rest[end + 2..];
        if size == 0 {
            return Some(body);
        }
        body.extend_from_slice(rest.get(..size)?);
        rest = rest.get(size + 2..)?;
    }
}

/// xorshift64: enough randomness to vary where the kill lands, and replayable from the seed.
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}
