//! The page's side of offline sync. Every edit is first written to the outbox in the browser's
//! local storage, then sent; the answers update the fields and their versions. What others
//! changed is pulled after each send, when the connection returns and every half minute.
//! Conflicts come back with both values, for the person to choose.
//!
//! The outbox belongs to the people who typed it: the page sends, counts and shows only the
//! signed-in person's edits; another person's wait on the device until they sign in again.
//!
//! The handle is `Copy` and lives as context on the plan page. On the server (rendering) it
//! holds the state the page starts with and never sends anything.

#[cfg(feature = "hydrate")]
mod browser;
mod courier;
mod incoming;
mod outbox_store;
mod recovery;

pub use courier::{send_waiting, Sent};
pub use recovery::{AsideView, Take};

use leptos::prelude::*;
use model::edit::{parse_value, Field};
use model::sync::{Conflict, Pulled, Session};
use model::{PlanId, UserId};
use std::collections::HashMap;

/// How many of `owner`'s edits wait in this browser's outbox (none on the server).
pub fn waiting_of(owner: UserId) -> usize {
    outbox_store::load().map_or(0, |outbox| outbox.waiting(owner))
}

/// Where one field's latest edit stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldSync {
    /// In the outbox, not yet answered.
    Waiting,
    Saved,
    Conflict,
    Rejected(String),
}

/// A field shown on the page: the text last saved, queued or received for it; how to read what
/// is typed in it now; how to show a text that came from the server.
#[derive(Clone, Copy)]
pub struct FieldHandle {
    pub known: RwSignal<String>,
    pub read: Callback<(), String>,
    pub show: Callback<String>,
}

#[derive(Clone, Copy)]
pub struct SyncEngine {
    plan: PlanId,
    /// The signed-in person: the page's edits are theirs, and only theirs are sent.
    owner: UserId,
    versions: StoredValue<HashMap<Field, u64>>,
    cursor: StoredValue<i64>,
    session: StoredValue<Option<Session>>,
    fields: StoredValue<HashMap<Field, FieldHandle>>,
    /// The texts of the edits waiting in the outbox when the page loaded.
    waiting_at_load: StoredValue<HashMap<Field, String>>,
    /// Applies a text from the server (or the outbox) to the page's working copy.
    working_copy: Callback<(Field, String)>,
    /// Whether the last request reached the server (and the browser thinks it is online).
    pub online: RwSignal<bool>,
    pub sending: RwSignal<bool>,
    /// The person's edits in the outbox, of every plan.
    pub waiting: RwSignal<usize>,
    /// Other people's edits waiting on this device (never shown, never sent from this page).
    pub others_waiting: RwSignal<usize>,
    /// Outbox values that did not read and were moved aside, still to be looked at.
    pub asides: RwSignal<Vec<AsideView>>,
    pub status: RwSignal<HashMap<Field, FieldSync>>,
    pub conflicts: RwSignal<Vec<Conflict>>,
    /// Refused edits, for the person to read: "Realisasi TW I: …".
    pub rejected: RwSignal<Vec<String>>,
    /// Why nothing can be sent now (the session ended, storage is full).
    pub problem: RwSignal<Option<String>>,
}

impl SyncEngine {
    /// The page's sync state for `owner`, the signed-in person, starting from what the server
    /// rendered: every field's version and the open conflicts. `working_copy` applies a text to
    /// the page's figures.
    pub fn new(
        plan: PlanId,
        owner: UserId,
        start: Pulled,
        working_copy: Callback<(Field, String)>,
    ) -> SyncEngine {
        let versions = start.changes.iter().map(|c| (c.field, c.version)).collect();
        let sync = SyncEngine {
            plan,
            owner,
            versions: StoredValue::new(versions),
            cursor: StoredValue::new(start.revision),
            session: StoredValue::new(None),
            fields: StoredValue::new(HashMap::new()),
            waiting_at_load: StoredValue::new(
                outbox_store::load()
                    .unwrap_or_default()
                    .pending_texts(owner, plan)
                    .into_iter()
                    .collect(),
            ),
            working_copy,
            online: RwSignal::new(true),
            sending: RwSignal::new(false),
            waiting: RwSignal::new(0),
            others_waiting: RwSignal::new(0),
            asides: RwSignal::new(Vec::new()),
            status: RwSignal::new(HashMap::new()),
            conflicts: RwSignal::new(start.conflicts),
            rejected: RwSignal::new(Vec::new()),
            problem: RwSignal::new(None),
        };
        #[cfg(feature = "hydrate")]
        {
            // Whichever part of the page sends, the fields hear the answers.
            let listener = courier::listen(move |delivery| sync.delivered(delivery));
            on_cleanup(move || courier::unlisten(listener));
            // After hydration: the page must first match what the server rendered.
            set_timeout(move || browser::start(sync), std::time::Duration::ZERO);
        }
        sync
    }

    pub fn plan(&self) -> PlanId {
        self.plan
    }

    /// Called once in the browser: a session for this page load, and the edits still waiting
    /// in the outbox put back into the working copy (the fields show them as they mount).
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    fn resume(&self, client: String) {
        match Session::new(client) {
            Ok(session) => self.session.set_value(Some(session)),
            Err(e) => self.problem.set(Some(e)),
        }
        let outbox = match outbox_store::load() {
            Ok(outbox) => outbox,
            Err(message) => {
                self.problem.set(Some(message));
                Default::default()
            }
        };
        self.count(&outbox);
        self.refresh_asides();
        let pending = outbox.pending_texts(self.owner, self.plan);
        self.status.update(|status| {
            for field in pending.keys() {
                status.insert(*field, FieldSync::Waiting);
            }
        });
        for (field, text) in pending {
            self.working_copy.run((field, text));
        }
    }

    /// The text an edit that was waiting in the outbox when the page loaded gives this field.
    pub fn waiting_text(&self, field: &Field) -> Option<String> {
        self.waiting_at_load.with_value(|texts| {
            if texts.is_empty() {
                return None;
            }
            texts.get(field).cloned()
        })
    }

    pub fn register(&self, field: &Field, handle: FieldHandle) {
        self.fields.update_value(|fields| {
            fields.insert(*field, handle);
        });
    }

    pub fn unregister(&self, field: &Field) {
        self.fields.update_value(|fields| {
            fields.remove(field);
        });
    }

    fn handle(&self, field: &Field) -> Option<FieldHandle> {
        self.fields.with_value(|fields| fields.get(field).copied())
    }

    /// What is typed in the field now, if it is on the page.
    pub fn read(&self, field: &Field) -> Option<String> {
        self.handle(field).map(|h| h.read.run(()))
    }

    /// The open conflict on a field, if any (reactive).
    pub fn conflict_on(&self, field: &Field) -> Option<Conflict> {
        self.conflicts
            .with(|list| list.iter().find(|c| c.field == *field).cloned())
    }

    /// Queues every field whose text differs from what was last saved or queued, then sends.
    /// A text the model refuses queues nothing of the form: the field keeps it and the form
    /// shows why.
    pub fn save(&self, edits: Vec<(Field, String)>) {
        let Some(mut session) = self.session.get_value() else {
            return;
        };
        let refused: Vec<(Field, String)> = edits
            .iter()
            .filter_map(|(field, text)| {
                parse_value(field, text)
                    .err()
                    .map(|e| (*field, e.to_string()))
            })
            .collect();
        // A refusal shown on the form is answered by this save, whatever it becomes.
        self.status.update(|status| {
            for (field, _) in &edits {
                if matches!(status.get(field), Some(FieldSync::Rejected(_))) {
                    status.remove(field);
                }
            }
            for (field, reason) in &refused {
                status.insert(*field, FieldSync::Rejected(reason.clone()));
            }
        });
        if !refused.is_empty() {
            return;
        }
        let owner = self.owner;
        let plan = self.plan;
        let queued = outbox_store::update(|outbox| {
            let mut queued = Vec::new();
            for (field, text) in edits {
                let handle = self.handle(&field);
                if handle.is_some_and(|h| h.known.get_untracked() == text) {
                    continue;
                }
                let known = self
                    .versions
                    .with_value(|v| v.get(&field).copied().unwrap_or(0));
                outbox.enqueue(owner, &mut session, plan, field, text.clone(), known);
                queued.push((field, handle, text));
            }
            queued
        });
        let queued = match queued {
            Ok((queued, outbox)) => {
                self.count(&outbox);
                queued
            }
            Err(message) => {
                // Nothing was queued: the fields keep their text for another try.
                self.problem.set(Some(message));
                return;
            }
        };
        if queued.is_empty() {
            return;
        }
        self.session.set_value(Some(session));
        self.status.update(|status| {
            for (field, _, _) in &queued {
                status.insert(*field, FieldSync::Waiting);
            }
        });
        for (_, handle, text) in queued {
            if let Some(h) = handle {
                h.known.set(text);
            }
        }
        self.send();
    }

    /// Sends the outbox now (then pulls); a no-op while a send is under way.
    pub fn send(&self) {
        #[cfg(feature = "hydrate")]
        {
            let sync = *self;
            leptos::task::spawn_local(async move { sync.send_all().await });
        }
    }

    /// Pulls what others changed.
    pub fn pull(&self) {
        #[cfg(feature = "hydrate")]
        {
            let sync = *self;
            leptos::task::spawn_local(async move { sync.pull_now().await });
        }
    }

    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    async fn send_all(self) {
        if self.sending.get_untracked() {
            return;
        }
        self.sending.set(true);
        let sent = send_waiting(self.owner).await;
        self.sending.set(false);
        match sent {
            Sent::Done { .. } => self.reached(),
            Sent::Failed(error) => return self.failed(error),
            Sent::Storage(message) => self.problem.set(Some(message)),
        }
        self.pull_now().await;
    }
}
