//! Backing up a running SQLite database and restoring it (`pantau backup`, `pantau restore`):
//! the copy is the database as it stood at one moment while edits kept arriving, it restores
//! into a fresh place equal to that moment table by table, and every unsafe restore is refused
//! with the target left as it was.

#![allow(clippy::unwrap_used)]

mod common;

use common::{dump_url, Kind, TestDb};
use model::access::Person;
use model::edit::{Field, FieldEdit, ReportField};
use model::{PlanId, Quarter};
use server::ops::backup::{backup, restore};
use server::storage::Store;
use server::usecases::editing::save_fields;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

type Dump = BTreeMap<String, Vec<String>>;

/// A fresh path in the temporary folder for a file of this test.
fn fresh_path(name: &str) -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    std::env::temp_dir().join(format!(
        "pantau_backup_{}_{nanos}_{name}",
        std::process::id()
    ))
}

fn remove(path: &Path) {
    for tail in ["", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(tail);
        let _ = std::fs::remove_file(name);
    }
}

fn url(path: &Path) -> String {
    format!("sqlite://{}", path.display())
}

/// The field the edits during the backup change, one after another.
async fn note_field(store: &Store, plan: PlanId) -> Field {
    let stored = store.load_plan_unchecked(plan).await.unwrap().unwrap();
    Field::Report(
        stored.goals[0].indicators[0].id.unwrap(),
        Quarter::Q2,
        ReportField::Note,
    )
}

/// What the writer saw: `states[k]` is every table after its first `k` edits; `acked` counts
/// the edits whose save had returned.
#[derive(Default)]
struct Seen {
    states: Mutex<Vec<Dump>>,
    acked: AtomicUsize,
    stop: AtomicBool,
}

/// Saves edit after edit (each committed before the next starts), and after each records every
/// table, until told to stop.
async fn keep_editing(store: Store, url: String, plan: PlanId, who: Person, seen: Arc<Seen>) {
    let note = note_field(&store, plan).await;
    let start = dump_url(&url).await;
    seen.states.lock().unwrap().push(start);
    let mut k = 0;
    while !seen.stop.load(Ordering::SeqCst) {
        k += 1;
        let edit = FieldEdit {
            field: note,
            text: format!("catatan ke-{k}"),
        };
        save_fields(&store, &who, plan, vec![edit]).await.unwrap();
        seen.acked.store(k, Ordering::SeqCst);
        let state = dump_url(&url).await;
        seen.states.lock().unwrap().push(state);
    }
}

async fn wait_for_edits(seen: &Seen, count: usize) {
    while seen.acked.load(Ordering::SeqCst) < count {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
}

/// How many backups the story takes while the edits go on.
const ROUNDS: usize = 6;

/// Tables the filled database holds rows in: compared, so they must not be empty.
const TABLES_WITH_ROWS: [&str; 7] = [
    "plans",
    "field_versions",
    "audit_log",
    "users",
    "admin_log",
    "sync_conflicts",
    "sync_mutations",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_while_edits_arrive_restores_to_the_moment_it_was_taken() {
    let _serial = common::SERIAL.lock().await;
    let db = TestDb::new(Kind::Sqlite).await;
    let (plan, operator) = common::filled::every_kind_of_row(&db.store).await;
    let seen = Arc::new(Seen::default());
    let writer = tokio::spawn(keep_editing(
        db.another_server().await,
        db.url(),
        plan,
        operator,
        seen.clone(),
    ));
    // Backups one after another while the edits go on: each must be one moment of the database.
    let mut taken = Vec::new();
    for round in 0..ROUNDS {
        wait_for_edits(&seen, 3 * round + 2).await;
        let file = fresh_path(&format!("cadangan-{round}.db"));
        let before = seen.acked.load(Ordering::SeqCst);
        let started = std::time::Instant::now();
        let done = backup(&db.url(), &file).await.unwrap();
        let took = started.elapsed();
        let after = seen.acked.load(Ordering::SeqCst);
        assert_eq!((done.plans, done.people), (1, 6), "{done}");
        println!(
            "backup {round}: {} bytes in {took:?}, {} edits saved meanwhile",
            done.bytes,
            after - before
        );
        taken.push((file, before, after));
    }
    // Edits go on after the last backup, and must not be in it.
    let last = taken.last().map_or(0, |t| t.2);
    wait_for_edits(&seen, last + 3).await;
    seen.stop.store(true, Ordering::SeqCst);
    writer.await.unwrap();

    let mut moments = Vec::new();
    for (file, before, after) in &taken {
        let target = fresh_path("dipulihkan.db");
        let restored = restore(&url(&target), file, false).await.unwrap();
        assert_eq!(restored.kept, None);
        let copy = dump_url(&url(&target)).await;
        for table in TABLES_WITH_ROWS {
            assert!(
                copy.get(table).is_some_and(|rows| !rows.is_empty()),
                "{table} is compared and holds rows: {:?}",
                copy.keys()
            );
        }
        // The copy is the database after exactly k edits: every one saved before the backup
        // began, none saved after it ended (one whose answer was on its way may be in).
        let (k, moments_seen) = {
            let states = seen.states.lock().unwrap();
            let k = states
                .iter()
                .position(|state| *state == copy)
                .unwrap_or_else(|| panic!("the copy equals no moment of the database"));
            (k, states.len())
        };
        assert!(
            (*before..=after + 1).contains(&k),
            "the copy holds {k} edits; {before} were saved before the backup, {after} by its end"
        );
        assert!(k < moments_seen - 1, "later edits are not in the copy");
        // A server opens the restored database as it is, nothing left to migrate.
        let store = Store::connect(&url(&target)).await.unwrap();
        let stored = store.load_plan_unchecked(plan).await.unwrap().unwrap();
        assert_eq!(
            stored.goals[0].indicators[0].quarter(Quarter::Q2).note,
            format!("catatan ke-{k}")
        );
        store.close().await;
        moments.push(k);
        remove(&target);
        remove(file);
    }
    println!("the copies hold the first {moments:?} edits");
    db.finish().await;
}

#[path = "backup_story/refusals.rs"]
mod refusals;

#[path = "backup_story/postgres.rs"]
mod postgres;
