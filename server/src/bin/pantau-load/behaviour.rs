//! How a simulated person spends the run: they arrive during the first seconds, sign in, open
//! their plan, and then, with pauses of seconds between, edit rows (a few at a time, now and
//! then a rapid burst as when pasting from a sheet), work a while offline and sync, read the
//! dashboard with its live updates, or reload the page. With JavaScript off they save by form
//! posts and have no outbox.

use crate::dice::Dice;
use crate::events::EventStream;
use crate::journal::{Journal, Kind};
use crate::person::Person;
use crate::setup::Member;
use std::time::{Duration, Instant};
use tokio::sync::mpsc;

/// What every person shares: when the run ends, how long arrivals are spread over, and the
/// password of every account.
pub struct Schedule {
    pub deadline: Instant,
    pub arrivals: Duration,
    pub password: String,
}

pub async fn live(member: &Member, host: &str, seed: u64, schedule: &Schedule) -> Journal {
    let mut person = Person::new(member, host, Dice::new(seed, member.number as u64));
    let arrival = person.dice.below(schedule.arrivals.as_millis() as u64);
    tokio::time::sleep(Duration::from_millis(arrival)).await;
    if !person.sign_in(&schedule.password).await {
        return person.finish();
    }
    person.home().await;
    if !person.open_plan().await {
        return person.finish();
    }
    let deadline = schedule.deadline;
    while Instant::now() < deadline {
        if member.scripted && person.pull_due() {
            person.pull().await;
        }
        let roll = person.dice.below(100);
        match (member.scripted, roll) {
            (_, 0..=54) => burst(&mut person, deadline).await,
            (true, 55..=64) => offline_spell(&mut person, deadline).await,
            (false, 55..=64) | (_, 65..=84) => dashboard(&mut person, deadline).await,
            _ => {
                if person.open_plan().await && member.scripted {
                    person.pull().await;
                }
            }
        }
        pause(&mut person, 2_000, 10_000, deadline).await;
    }
    // Edits still queued at the end are sent, as the page sends them when back online.
    if person.has_outbox() {
        person.send_outbox(Kind::OutboxPush).await;
    }
    person.finish()
}

async fn pause(person: &mut Person<'_>, low_ms: u64, high_ms: u64, deadline: Instant) {
    let wanted = person.dice.pause(low_ms, high_ms);
    let left = deadline.saturating_duration_since(Instant::now());
    tokio::time::sleep(wanted.min(left)).await;
}

/// A few rows saved one after another, typed for seconds each; one time in ten a rapid burst
/// of five to ten rows a fraction of a second apart.
async fn burst(person: &mut Person<'_>, deadline: Instant) {
    let rapid = person.dice.chance(10);
    let rows = if rapid {
        5 + person.dice.below(6)
    } else {
        1 + person.dice.below(4)
    };
    for i in 0..rows {
        if Instant::now() >= deadline {
            break;
        }
        if i > 0 {
            if rapid {
                pause(person, 300, 900, deadline).await;
            } else {
                pause(person, 1_000, 6_000, deadline).await;
            }
        }
        if person.member.scripted {
            person.save_row_online().await;
        } else {
            person.save_row_by_form().await;
        }
    }
}

/// Three to twelve rows edited with no connection, then the outbox is sent and the page pulls.
async fn offline_spell(person: &mut Person<'_>, deadline: Instant) {
    let rows = 3 + person.dice.below(10);
    for _ in 0..rows {
        if Instant::now() >= deadline {
            break;
        }
        pause(person, 1_000, 4_000, deadline).await;
        person.save_row_offline();
    }
    person.send_outbox(Kind::OutboxPush).await;
    person.pull().await;
}

/// The dashboard, read for 5 to 20 seconds with its live stream open: each change announced
/// makes it fetch its data again (changes that arrive meanwhile are taken together).
async fn dashboard(person: &mut Person<'_>, deadline: Instant) {
    if !person.dashboard_page().await {
        return;
    }
    let reading = person
        .dice
        .pause(5_000, 20_000)
        .min(deadline.saturating_duration_since(Instant::now()));
    let path = format!("/api/plans/{}/events", person.member.plan);
    let mut stream =
        match EventStream::open(person.host(), person.source(), &path, person.cookie()).await {
            Ok(stream) => stream,
            Err(e) => {
                let who = person.member.username.clone();
                person.journal.error(format!("{who}: {path}: {e}"));
                return;
            }
        };
    let (events, mut arrived) = mpsc::unbounded_channel();
    let reader = tokio::spawn(async move {
        loop {
            let event = stream.next_event().await;
            let ended = event.is_err();
            if events.send(event).is_err() || ended {
                break;
            }
        }
    });
    let until = tokio::time::Instant::now() + reading;
    loop {
        tokio::select! {
            event = arrived.recv() => match event {
                Some(Ok(name)) if name == "changed" => {
                    while arrived.try_recv().is_ok() {}
                    person.refetch_dashboard().await;
                }
                Some(Ok(_)) => {}
                Some(Err(e)) => {
                    let who = person.member.username.clone();
                    person.journal.error(format!("{who}: the live stream broke: {e}"));
                    break;
                }
                None => break,
            },
            _ = tokio::time::sleep_until(until) => break,
        }
    }
    reader.abort();
}
