//! Sending while the server is killed: the browser's requests go out one after another from a
//! background thread until one gets no answer, and the server is SIGKILLed at a chosen moment.

use super::browser::Request;
use super::http::{Client, Lost};
use super::server::Server;
use super::PLAN;
use model::sync::{Mutation, Outcome};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What became of one request.
#[derive(Debug)]
pub enum Fate {
    /// The whole answer arrived (a push's outcomes; none for a form).
    Acknowledged(Vec<Outcome>),
    /// Sent in full; no whole answer.
    Cut,
    /// The whole answer arrived, but the browser never saw it (the network lost it on the
    /// way): as far as the browser knows, cut.
    AnswerLost,
    /// Not sent whole, or not at all.
    Unsent,
}

impl Fate {
    /// The browser has no answer to it.
    pub fn unanswered(&self) -> bool {
        !matches!(self, Fate::Acknowledged(_))
    }
}

/// When the kill lands.
#[derive(Clone, Copy, Debug)]
pub enum Moment {
    /// This fraction of a round trip (of a request of the target's kind) after the target
    /// went out: before, during or after its commit.
    Into(f64),
    /// Right after the target's answer arrived and was lost on the way: its effect is stored,
    /// the browser does not know it.
    AfterLostAnswer,
}

/// How far the browser is, for the killer to aim at.
#[derive(Default)]
struct Pace {
    /// Requests sent in full.
    sent: AtomicUsize,
    /// From sending the last acknowledged push (form) to its whole answer.
    push_micros: AtomicU64,
    form_micros: AtomicU64,
}

/// Sends `requests` and kills the server at `moment` relative to the `target`-th.
pub fn send_and_kill(
    server: &mut Server,
    client: &Client,
    requests: &[Request],
    target: usize,
    moment: Moment,
) -> Vec<Fate> {
    let pace = Arc::new(Pace::default());
    let lose = matches!(moment, Moment::AfterLostAnswer).then_some(target);
    let sender = {
        let (client, requests, pace) = (client.clone(), requests.to_vec(), pace.clone());
        std::thread::spawn(move || send_until_cut(&client, &requests, &pace, lose))
    };
    while pace.sent.load(Ordering::SeqCst) <= target && !sender.is_finished() {
        std::thread::sleep(Duration::from_micros(50));
    }
    match moment {
        Moment::Into(fraction) => {
            let round_trip = if requests[target].is_push() {
                pace.push_micros.load(Ordering::SeqCst)
            } else {
                pace.form_micros.load(Ordering::SeqCst)
            };
            std::thread::sleep(Duration::from_micros((round_trip as f64 * fraction) as u64));
        }
        // The sender stops at the lost answer.
        Moment::AfterLostAnswer => {
            while !sender.is_finished() {
                std::thread::sleep(Duration::from_micros(50));
            }
        }
    }
    server.kill();
    sender.join().expect("the sending thread")
}

/// Sends the requests one after another until one gets no answer (or, `lose`, until the
/// answer to that one arrives, which is then lost).
fn send_until_cut(
    client: &Client,
    requests: &[Request],
    pace: &Pace,
    lose: Option<usize>,
) -> Vec<Fate> {
    let mut fates = Vec::with_capacity(requests.len());
    for (i, request) in requests.iter().enumerate() {
        if fates.last().is_some_and(Fate::unanswered) {
            fates.push(Fate::Unsent);
            continue;
        }
        let mut sent_at = Instant::now();
        let sent = || {
            sent_at = Instant::now();
            pace.sent.fetch_add(1, Ordering::SeqCst);
        };
        let (answer, round_trip) = match request {
            Request::Push(batch) => {
                let mutations: Vec<Mutation> = batch.iter().map(|e| e.mutation.clone()).collect();
                let answer = client.push(&mutations, sent).map(Fate::Acknowledged);
                (answer, &pace.push_micros)
            }
            Request::Form(row) => {
                let answer = client
                    .post_row(PLAN, &row.fields, sent)
                    .map(|()| Fate::Acknowledged(Vec::new()));
                (answer, &pace.form_micros)
            }
        };
        fates.push(match answer {
            Ok(_) if lose == Some(i) => Fate::AnswerLost,
            Ok(fate) => {
                round_trip.store(sent_at.elapsed().as_micros() as u64, Ordering::SeqCst);
                fate
            }
            Err(Lost::Unsent) => Fate::Unsent,
            Err(Lost::Unanswered) => Fate::Cut,
        });
    }
    fates
}
