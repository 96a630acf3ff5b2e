//! Crashes in the middle of saving. A real `pantau serve` process is killed with SIGKILL 50
//! times while an operator's browser saves: sync pushes of edits queued offline and rows
//! posted by forms with JavaScript off, one after another. The kills are aimed at a push and
//! at a form post in turn: most land a random while after the request went out (before, during
//! or after its commit); one in four lands right after an answer that the network lost on its
//! way, so the browser re-sends an edit the server has already stored.
//!
//! Right after each kill, before anything is sent again, the audit trail in the database must
//! hold every change the browser saw acknowledged exactly once, a request cut off whole or not
//! at all, and nothing of the requests never sent. Then the server is restarted on the same
//! database and the browser sends again what it sent since the last kill, as a browser that
//! never saw some answers would: every push again (an acknowledged one must get the very
//! answers it got the first time), every form that got no answer again. After that every edit
//! is in the audit trail exactly once: none lost, none twice. On SQLite and PostgreSQL.
//!
//! The browser speaks HTTP only (`crash::http`), as a client of the push API and the forms;
//! the database is read only for its audit trail. `PANTAU_CRASH_SEED` replays a run's choices
//! (the seed is printed). The figures print at the end of each run, and are appended to
//! `PANTAU_BENCH_SUMMARY` when it names a file.

#![allow(clippy::unwrap_used)]

mod common;
mod crash;

use crash::audit::Audit;
use crash::browser::{Browser, Edit, Request};
use crash::http::Client;
use crash::killer::{send_and_kill, Fate, Moment};
use crash::server::Server;
use crash::{Dice, PLAN, REQUESTS};
use model::sync::{Mutation, Outcome};
use server::ops::bench_summary::Figure;
use std::io::Write;
use std::time::{Duration, Instant};

const KILLS: usize = 50;

mod a_server_killed_fifty_times_while_saving_keeps_every_acknowledged_edit_once {
    use super::common::Kind;

    #[test]
    fn on_sqlite() {
        super::story("SQLite", Kind::Sqlite);
    }

    #[test]
    fn on_postgres() {
        super::story("PostgreSQL", Kind::Postgres);
    }
}

fn story(label: &str, kind: common::Kind) {
    let started = Instant::now();
    let seed = std::env::var("PANTAU_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        });
    eprintln!("crash story ({label}): PANTAU_CRASH_SEED={seed}");
    let mut dice = Dice::seeded(seed);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let db = runtime.block_on(common::TestDb::new(kind));
    let url = db.url();
    let dir = std::env::temp_dir().join(format!("pantau_crash_{}_{seed}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let prefix = format!("crash {seed:x} ");
    let audit = runtime.block_on(Audit::open(&url, &prefix));

    let mut server = Server::start(&dir, &url, true);
    let signed_in = Client::sign_in(server.port);
    let mut browser = Browser::new(signed_in.plan(PLAN), prefix);
    let mut tally = Tally::default();
    for kill in 0..KILLS {
        let push = kill % 2 == 0;
        let target = 1 + dice.below(REQUESTS as u64 - 1) as usize;
        let requests = browser.next_requests(push, target, &mut dice);
        let moment = if kill % 8 >= 6 {
            Moment::AfterLostAnswer
        } else {
            Moment::Into(dice.below(1251) as f64 / 1000.0)
        };
        let client = signed_in.on(server.port);
        let fates = send_and_kill(&mut server, &client, &requests, target, moment);
        tally.count_kill(&requests, &fates);

        // The database as the dead server left it.
        let found = runtime.block_on(audit.counts());
        let when = format!("kill {}", kill + 1);
        let seen =
            browser.check_after_kill(&found, &requests, &fates, &format!("{when}: after it"));
        tally.acknowledged += seen.acknowledged;
        tally.stored_unanswered += seen.stored_unanswered;

        // Restarted: the browser sends every push again, and every form that got no answer.
        server = Server::start(&dir, &url, false);
        send_again(&signed_in.on(server.port), &requests, &fates, &when);
        browser.settle(&requests);
        let found = runtime.block_on(audit.counts());
        browser.check_all_once(&found, &format!("{when}: after sending again"));
    }
    let found = runtime.block_on(audit.counts());
    let edits = browser.done.len();
    let present = browser
        .done
        .iter()
        .filter(|t| found.get(*t) == Some(&1))
        .count();
    let doubled = found.values().filter(|n| **n > 1).count();
    tally.report(label, edits, present, doubled, started.elapsed());
    assert_eq!(present, edits, "every edit present once");
    assert_eq!(doubled, 0, "no edit twice");
    assert!(
        tally.cut_push > 0 && tally.cut_form > 0 && tally.stored_unanswered > 0,
        "the kills cut too little to prove anything: {} pushes and {} form posts in flight, \
         {} stored with no answer",
        tally.cut_push,
        tally.cut_form,
        tally.stored_unanswered
    );
    drop(server);
    runtime.block_on(audit.close());
    runtime.block_on(db.finish());
    let _ = std::fs::remove_dir_all(&dir);
}

/// After a restart: every push sent again must get the answers it was (or would have been)
/// given the first time; every form that got no answer is posted again.
fn send_again(client: &Client, requests: &[Request], fates: &[Fate], when: &str) {
    for (request, fate) in requests.iter().zip(fates) {
        match request {
            Request::Push(batch) => {
                let mutations: Vec<Mutation> = batch.iter().map(|e| e.mutation.clone()).collect();
                let expected: Vec<Outcome> = batch.iter().map(Edit::outcome).collect();
                match client.push(&mutations, || {}) {
                    Ok(outcomes) => assert_eq!(
                        outcomes, expected,
                        "{when}: the answers to a push sent again"
                    ),
                    Err(lost) => panic!("{when}: a push after the restart got no answer: {lost:?}"),
                }
            }
            Request::Form(row) if fate.unanswered() => {
                if let Err(lost) = client.post_row(PLAN, &row.fields, || {}) {
                    panic!("{when}: a form post after the restart got no answer: {lost:?}");
                }
            }
            Request::Form(_) => {}
        }
    }
}

/// The story's figures.
#[derive(Default)]
struct Tally {
    cut_push: usize,
    cut_form: usize,
    lost_answers: usize,
    between: usize,
    /// Requests with no answer whose effect was stored (the re-sent ones that must not apply
    /// twice).
    stored_unanswered: usize,
    /// Edits whose first answer arrived before a kill.
    acknowledged: usize,
}

impl Tally {
    fn count_kill(&mut self, requests: &[Request], fates: &[Fate]) {
        let hit = requests
            .iter()
            .zip(fates)
            .find(|(_, fate)| matches!(fate, Fate::Cut | Fate::AnswerLost));
        match hit {
            Some((_, Fate::AnswerLost)) => self.lost_answers += 1,
            Some((request, _)) if request.is_push() => self.cut_push += 1,
            Some(_) => self.cut_form += 1,
            None => self.between += 1,
        }
    }

    fn report(&self, label: &str, edits: usize, present: usize, doubled: usize, took: Duration) {
        let text = format!(
            "crash story ({label}): {KILLS} kills in {:.1} s: {} cut a push in flight, {} cut a \
             form post in flight, {} came right after an answer lost on the way, {} fell \
             between requests; {} unanswered requests had been stored. {} edits acknowledged \
             before a kill, {edits} in all after sending again: present once {present}, \
             doubled {doubled}\n",
            took.as_secs_f64(),
            self.cut_push,
            self.cut_form,
            self.lost_answers,
            self.between,
            self.stored_unanswered,
            self.acknowledged,
        );
        // Straight to the process's stderr: the test harness holds back `eprintln!` of a test
        // that passes, and these figures are the story's point.
        let _ = std::io::stderr().write_all(text.as_bytes());
        let area = format!("crash: {label}");
        let figure = |name: &str, value: String, goal: &str| Figure::new(&area, name, value, goal);
        server::ops::bench_summary::append(&[
            figure("kills", KILLS.to_string(), "50"),
            figure(
                "kills cutting a push / a form post / after a lost answer",
                format!(
                    "{} / {} / {}",
                    self.cut_push, self.cut_form, self.lost_answers
                ),
                "-",
            ),
            figure(
                "unanswered requests found stored",
                self.stored_unanswered.to_string(),
                "-",
            ),
            figure(
                "edits acknowledged before a kill",
                self.acknowledged.to_string(),
                "-",
            ),
            figure("edits present once", format!("{present} of {edits}"), "all"),
            figure("edits doubled", doubled.to_string(), "0"),
        ])
        .unwrap();
    }
}
