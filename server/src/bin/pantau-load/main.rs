//! `pantau-load`: simulated office staff against running Pantau servers.
//!
//!   pantau-load --database URL --server HOST:PORT [--server HOST:PORT ...] [--staff 200]
//!               [--seconds 60] [--label TEXT] [--goal-p95 MS] [--seed N]
//!
//! Stores a regional office, a work unit with a plan (16 to 120 indicators) per five people and
//! one operator account per person into the (fresh) database the servers use, then runs the
//! people for the given time against the servers (the people of one unit spread over them),
//! each signing in and editing, saving, syncing and reading the dashboard at human pace
//! (`behaviour`). Afterwards it checks the
//! audit trail against every change the people saw acknowledged (`check`), prints the latency
//! of each kind of request and the save figures, and appends them to `PANTAU_BENCH_SUMMARY`.
//! Exits non-zero on any error, lost or doubled change; timings are reported, never asserted.

mod behaviour;
mod check;
use server::ops::dice;
mod events;
mod http;
mod journal;
mod person;
mod report;
mod rows;
mod setup;

use journal::Journal;
use server::storage::Store;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

struct Options {
    database: String,
    servers: Vec<String>,
    staff: usize,
    seconds: u64,
    label: String,
    goal_p95_ms: u64,
    seed: u64,
}

fn options() -> Result<Options, String> {
    let mut options = Options {
        database: std::env::var("DATABASE_URL").unwrap_or_default(),
        servers: Vec::new(),
        staff: 200,
        seconds: 60,
        label: String::new(),
        goal_p95_ms: 100,
        seed: setup::nanos() as u64,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        let number = |text: String| {
            text.parse::<u64>()
                .map_err(|_| format!("{flag}: {text} is not a whole number"))
        };
        match flag.as_str() {
            "--database" => options.database = value()?,
            "--server" => options.servers.push(value()?),
            "--staff" => options.staff = number(value()?)? as usize,
            "--seconds" => options.seconds = number(value()?)?,
            "--label" => options.label = value()?,
            "--goal-p95" => options.goal_p95_ms = number(value()?)?,
            "--seed" => options.seed = number(value()?)?,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if options.database.is_empty() || options.servers.is_empty() {
        return Err(
            "usage: pantau-load --database URL --server HOST:PORT [--server HOST:PORT ...] \
             [--staff 200] [--seconds 60] [--label TEXT] [--goal-p95 MS] [--seed N]"
                .into(),
        );
    }
    if options.label.is_empty() {
        options.label = format!("{} server(s)", options.servers.len());
    }
    Ok(options)
}

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(message) => {
            eprintln!("pantau-load: {message}");
            ExitCode::FAILURE
        }
    }
}

/// True when the run had no error and lost or doubled nothing.
async fn run() -> Result<bool, String> {
    let options = options()?;
    let store = Store::connect(&options.database)
        .await
        .map_err(|e| format!("cannot open {}: {e}", options.database))?;
    let world = Arc::new(setup::prepare(&store, options.staff).await?);
    store.close().await;
    let scriptless = world.members.iter().filter(|m| !m.scripted).count();
    println!(
        "pantau-load: {} people over {} units' plans (of {:?} indicators in turn), {scriptless} \
         with JavaScript off; servers {}; seed {}",
        world.members.len(),
        world.plans.len(),
        setup::PLAN_SIZES,
        options.servers.join(", "),
        options.seed
    );
    let schedule = Arc::new(behaviour::Schedule {
        deadline: Instant::now() + Duration::from_secs(options.seconds),
        arrivals: Duration::from_secs(options.seconds / 3),
        password: world.password.clone(),
    });
    let started = Instant::now();
    let mut people = Vec::with_capacity(world.members.len());
    for i in 0..world.members.len() {
        let (world, schedule) = (world.clone(), schedule.clone());
        // Person i works on plan i mod units; colleagues of one unit alternate servers.
        let host = options.servers[(i / world.plans.len()) % options.servers.len()].clone();
        let seed = options.seed;
        people.push(tokio::spawn(async move {
            behaviour::live(&world.members[i], &host, seed, &schedule).await
        }));
    }
    let mut journal = Journal::default();
    for person in people {
        match person.await {
            Ok(theirs) => journal.merge(theirs),
            Err(e) => journal.error(format!("a person's task failed: {e}")),
        }
    }
    let elapsed = started.elapsed();
    let users: Vec<i64> = world.members.iter().map(|m| m.user.0).collect();
    let (first, last) = (
        users.iter().copied().min().unwrap_or(0),
        users.iter().copied().max().unwrap_or(0),
    );
    let verdict = check::audit(&options.database, first, last, &journal).await?;
    let lines = report::print(
        &report::Run {
            label: &options.label,
            people: world.members.len(),
            scriptless,
            seconds: options.seconds,
            seed: options.seed,
            elapsed,
            goal_p95_ms: options.goal_p95_ms,
        },
        &journal,
        &verdict,
    );
    server::ops::bench_summary::append(&lines)?;
    Ok(journal.errors.is_empty() && verdict.lost == 0 && verdict.doubled == 0)
}
