//! A randomized state-machine test of offline sync against the real server code, on SQLite and
//! on PostgreSQL. Several clients edit a few fields of one plan, go offline, lose requests (before
//! the server sees them) and responses (after it committed), send duplicates and late copies,
//! and are killed (memory lost, storage kept); a pimpinan approves and reopens a quarter now and
//! then. When the network goes quiet every outbox is empty and every client equals the server,
//! every edit was applied exactly once or is a visible conflict or rejection, and field versions
//! only grew.

#![allow(clippy::unwrap_used)]

mod common;

use model::access::{Grant, Person, Role};
use model::edit::{current_value, Field, ReportField};
use model::sync::{field_key, Mutation, MutationId, Outbox, Outcome, Session};
use model::workflow::Transition;
use model::{PlanId, Quarter};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use server::storage::{InsertOutcome, Store, UnitPlacement};
use server::usecases::sync::push;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};

const CLIENTS: usize = 3;
const FIELDS: usize = 4;

#[derive(Clone, Debug)]
enum Op {
    Edit {
        client: usize,
        field: usize,
    },
    Sync {
        client: usize,
        drop_request: bool,
        drop_response: bool,
        duplicate: bool,
    },
    /// A copy of an earlier request, arriving late.
    Late {
        client: usize,
    },
    Kill {
        client: usize,
    },
    Offline {
        client: usize,
    },
    Online {
        client: usize,
    },
    Approve,
    Reopen,
}

fn op() -> impl Strategy<Value = Op> {
    let c = 0..CLIENTS;
    prop_oneof![
        4 => (c.clone(), 0..FIELDS).prop_map(|(client, field)| Op::Edit { client, field }),
        4 => (c.clone(), any::<bool>(), any::<bool>(), any::<bool>()).prop_map(
            |(client, drop_request, drop_response, duplicate)| Op::Sync { client, drop_request, drop_response, duplicate }
        ),
        1 => c.clone().prop_map(|client| Op::Late { client }),
        1 => c.clone().prop_map(|client| Op::Kill { client }),
        1 => c.clone().prop_map(|client| Op::Offline { client }),
        1 => c.prop_map(|client| Op::Online { client }),
        1 => Just(Op::Approve),
        1 => Just(Op::Reopen),
    ]
}

/// One browser tab: its storage (outbox, next sequence number) survives a kill; its memory
/// (the versions it knows) does not, and is pulled again.
struct Client {
    name: String,
    /// The page load's session; a kill starts a new one (a new client id), as a reload does.
    session: Session,
    generation: u32,
    outbox: Outbox,
    known: HashMap<String, u64>,
    online: bool,
    sent: Vec<Vec<Mutation>>,
}

struct World {
    store: Store,
    plan: PlanId,
    operator: Person,
    pimpinan: Person,
    fields: Vec<Field>,
    clients: Vec<Client>,
    /// Every mutation ever made, and the answers the clients saw.
    made: Vec<Mutation>,
    seen_versions: HashMap<String, u64>,
    edits: u32,
}

static CASE: AtomicU32 = AtomicU32::new(0);

async fn world(store: &Store) -> World {
    let n = CASE.fetch_add(1, Ordering::SeqCst);
    let mut plan = model::synthetic::synthetic_plan(2);
    plan.header.work_unit = format!("SATKER ACAK {n}");
    let InsertOutcome::Created(id) = store.insert_plan(&plan, &UnitPlacement::Top).await.unwrap()
    else {
        panic!()
    };
    let stored = store.load_plan(id).await.unwrap().unwrap();
    let ids: Vec<_> = stored.indicators().map(|i| i.id.unwrap()).collect();
    let (a, b) = (ids[0], ids[1]);
    let fields = vec![
        Field::Report(a, Quarter::Q1, ReportField::Note),
        Field::Report(a, Quarter::Q2, ReportField::Note),
        Field::Report(b, Quarter::Q1, ReportField::Evidence),
        Field::Report(b, Quarter::Q2, ReportField::Note),
    ];
    let unit = store.plan_unit(id).await.unwrap().unwrap();
    let operator = common::person(
        store,
        &[Grant {
            unit,
            role: Role::Operator,
        }],
    )
    .await;
    let pimpinan = common::person(
        store,
        &[Grant {
            unit,
            role: Role::Pimpinan,
        }],
    )
    .await;
    let clients = (0..CLIENTS)
        .map(|i| Client {
            name: format!("kasus-{n}-klien-{i}"),
            session: Session::new(format!("kasus-{n}-klien-{i}-g0")).unwrap(),
            generation: 0,
            outbox: Outbox::default(),
            known: HashMap::new(),
            online: true,
            sent: Vec::new(),
        })
        .collect();
    World {
        store: store.clone(),
        plan: id,
        operator,
        pimpinan,
        fields,
        clients,
        made: Vec::new(),
        seen_versions: HashMap::new(),
        edits: 0,
    }
}

impl World {
    async fn step(&mut self, op: Op) {
        match op {
            Op::Edit { client, field } => {
                self.edits += 1;
                let field = self.fields[field];
                let owner = self.operator.id;
                let c = &mut self.clients[client];
                let known = c.known.get(&field_key(&field)).copied().unwrap_or(0);
                // Unique, so every application changes the value.
                let text = format!("{} #{}", c.name, self.edits);
                let m = c
                    .outbox
                    .enqueue(owner, &mut c.session, self.plan, field, text, known);
                self.made.push(m);
            }
            Op::Sync {
                client,
                drop_request,
                drop_response,
                duplicate,
            } => {
                self.sync(client, drop_request, drop_response, duplicate)
                    .await;
            }
            Op::Late { client } => {
                let request = self.clients[client].sent.first().cloned();
                if let Some(request) = request {
                    push(&self.store, &self.operator, request).await.unwrap();
                }
            }
            Op::Kill { client } => {
                let c = &mut self.clients[client];
                c.known.clear();
                c.sent.clear();
                c.generation += 1;
                c.session = Session::new(format!("{}-g{}", c.name, c.generation)).unwrap();
            }
            Op::Offline { client } => self.clients[client].online = false,
            Op::Online { client } => self.clients[client].online = true,
            Op::Approve => {
                let who = self.operator.clone();
                let _ = server::usecases::quarters::change_quarter(
                    &self.store,
                    &who,
                    self.plan,
                    Quarter::Q1,
                    Transition::Submit,
                )
                .await;
                // The pimpinan approves what the plan is now.
                let seen = self.store.plan_version(self.plan).await.unwrap();
                let _ = server::usecases::quarters::change_quarter(
                    &self.store,
                    &self.pimpinan,
                    self.plan,
                    Quarter::Q1,
                    Transition::Approve { seen },
                )
                .await;
            }
            Op::Reopen => {
                let _ = server::usecases::quarters::change_quarter(
                    &self.store,
                    &self.pimpinan,
                    self.plan,
                    Quarter::Q1,
                    Transition::Reopen,
                )
                .await;
            }
        }
    }

    async fn sync(
        &mut self,
        client: usize,
        drop_request: bool,
        drop_response: bool,
        duplicate: bool,
    ) {
        let c = &mut self.clients[client];
        if !c.online || c.outbox.is_empty() {
            return;
        }
        let request = c.outbox.batch(self.operator.id, usize::MAX);
        c.sent.push(request.clone());
        if drop_request {
            return;
        }
        let answers = push(&self.store, &self.operator, request.clone())
            .await
            .unwrap();
        if duplicate {
            let again = push(&self.store, &self.operator, request.clone())
                .await
                .unwrap();
            assert_eq!(again, answers, "a replay gets the stored answer");
        }
        if drop_response {
            return;
        }
        let c = &mut self.clients[client];
        let answered: Vec<MutationId> = request.iter().map(Mutation::id).collect();
        c.outbox.settle(self.operator.id, &answered);
        for (m, answer) in request.iter().zip(&answers) {
            if let Outcome::Applied { version }
            | Outcome::Conflict {
                server_version: version,
                ..
            } = answer
            {
                let key = field_key(&m.field);
                let known = c.known.entry(key).or_default();
                *known = (*known).max(*version);
            }
        }
        self.pull(client).await;
    }

    /// The client learns every field's current version, and checks none went down.
    async fn pull(&mut self, client: usize) {
        let (_, changes) = self.store.changes_since(self.plan, 0).await.unwrap();
        for (field, version) in changes {
            let key = field_key(&field);
            let seen = self.seen_versions.entry(key.clone()).or_default();
            assert!(
                version >= *seen,
                "version of {key} went down: {seen} → {version}"
            );
            *seen = version;
            self.clients[client].known.insert(key, version);
        }
    }

    /// The network goes quiet: everyone online, every outbox sent until empty.
    async fn settle(&mut self) {
        for client in 0..CLIENTS {
            self.clients[client].online = true;
            self.sync(client, false, false, false).await;
            assert!(
                self.clients[client].outbox.is_empty(),
                "outbox of client {client} not empty"
            );
        }
        // Then everyone pulls what the others sent.
        for client in 0..CLIENTS {
            self.pull(client).await;
        }
    }

    async fn check(&self) {
        let store = &self.store;
        // Every mutation made has exactly one answer on the server.
        let answers = answers(store, self.plan).await;
        assert_eq!(
            answers.len(),
            self.made.len(),
            "each edit answered exactly once"
        );
        let applied = answers
            .values()
            .filter(|o| matches!(o, Outcome::Applied { .. }))
            .count();
        let conflicts = answers
            .values()
            .filter(|o| matches!(o, Outcome::Conflict { .. }))
            .count();
        // Each application left exactly one audit entry (workflow steps leave theirs too).
        let field_entries = store
            .history(self.plan, Default::default())
            .await
            .unwrap()
            .iter()
            .filter(|e| !e.change.place.starts_with("Triwulan"))
            .count();
        assert_eq!(field_entries, applied, "one audit entry per applied edit");
        // Every conflict is visible until resolved.
        assert_eq!(
            store.open_conflicts(self.plan).await.unwrap().len(),
            conflicts
        );
        // Versions count the applications; every client agrees with the server.
        let plan = store.load_plan(self.plan).await.unwrap().unwrap();
        let (_, versions) = store.changes_since(self.plan, 0).await.unwrap();
        for field in &self.fields {
            let key = field_key(field);
            let version = versions
                .iter()
                .find(|(f, _)| f == field)
                .map_or(0, |(_, v)| *v);
            let applied_here = self
                .made
                .iter()
                .filter(|m| m.field == *field)
                .filter(|m| {
                    matches!(
                        answers.get(&(m.client.clone(), m.seq)),
                        Some(Outcome::Applied { .. })
                    )
                })
                .count() as u64;
            assert_eq!(version, applied_here, "version of {key}");
            // The stored value is the text of the last application (or the original).
            let value = current_value(&plan, field).unwrap().input_text();
            if version > 0 {
                assert!(
                    self.made.iter().any(|m| m.text == value),
                    "{key} holds {value:?}, made by no edit"
                );
            }
            for c in &self.clients {
                assert_eq!(
                    c.known.get(&key).copied().unwrap_or(0),
                    version,
                    "client {} on {key}",
                    c.name
                );
            }
        }
    }
}

async fn answers(store: &Store, plan: PlanId) -> HashMap<(String, u64), Outcome> {
    store.sync_answers(plan).await.unwrap()
}

fn run_machine(kind: common::Kind, cases: u32) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let db = runtime.block_on(common::TestDb::new(kind));
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let result = runner.run(&proptest::collection::vec(op(), 1..24), |ops| {
        runtime.block_on(async {
            let mut world = world(&db.store).await;
            for op in ops {
                world.step(op).await;
            }
            world.settle().await;
            world.check().await;
        });
        Ok(())
    });
    runtime.block_on(db.finish());
    if let Err(error) = result {
        panic!("{error}");
    }
}

/// Cases per database: together at least 1000 in every CI run.
const CASES: u32 = 600;

#[test]
fn random_offline_histories_converge_on_sqlite() {
    run_machine(common::Kind::Sqlite, CASES);
}

#[test]
fn random_offline_histories_converge_on_postgres() {
    run_machine(common::Kind::Postgres, CASES);
}
