//! What comes back from the server to the plan page: the answers to the person's edits (sent
//! by this page or by another part of it, through the courier), and what others changed.

use super::{courier, outbox_store, FieldSync, SyncEngine};
use leptos::prelude::*;
use model::edit::Field;
use model::sync::{Mutation, Outcome};

impl SyncEngine {
    /// The server answered some of the person's edits (sent by this page or another part of it).
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    pub(super) fn delivered(&self, delivery: &courier::Delivery) {
        if delivery.owner != self.owner {
            return;
        }
        self.reached();
        self.count(delivery.outbox);
        for (m, outcome) in model::sync::answers(delivery.sent, delivery.outcomes) {
            self.answered(delivery.outbox, m, outcome);
        }
    }

    /// The counts of waiting edits, the person's and other people's.
    pub(super) fn count(&self, outbox: &model::sync::Outbox) {
        self.waiting.set(outbox.waiting(self.owner));
        self.others_waiting
            .set(outbox.waiting_for_others(self.owner));
    }

    pub(super) fn reached(&self) {
        self.online.set(true);
        if self.problem.with_untracked(Option::is_some) {
            self.problem.set(None);
        }
    }

    pub(super) fn failed(&self, error: crate::error::AppError) {
        use crate::error::AppError;
        match error {
            AppError::Transport(_) => self.online.set(false),
            AppError::Unauthenticated => self.problem.set(Some(
                "Sesi Anda telah berakhir: masuk lagi untuk mengirim perubahan. \
                 Perubahan Anda tetap tersimpan di perangkat ini."
                    .into(),
            )),
            other => self.problem.set(Some(other.to_string())),
        }
    }

    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    fn answered(&self, outbox: &model::sync::Outbox, m: &Mutation, outcome: &Outcome) {
        if m.plan != self.plan {
            return;
        }
        let still_waiting = outbox.latest(self.owner, self.plan, &m.field).is_some();
        let status = match outcome {
            Outcome::Applied { version } => {
                self.set_version(m.field, *version);
                FieldSync::Saved
            }
            Outcome::Conflict {
                server_text,
                server_version,
                ..
            } => {
                self.set_version(m.field, *server_version);
                // The server kept its value: the field shows it, the conflict list shows both.
                if !still_waiting {
                    self.show(m.field, server_text.clone());
                }
                FieldSync::Conflict
            }
            Outcome::Rejected { reason } => {
                self.rejected
                    .update(|list| list.push(format!("{}: {reason}", m.field.label())));
                FieldSync::Rejected(reason.clone())
            }
        };
        let status = if still_waiting && !matches!(status, FieldSync::Rejected(_)) {
            FieldSync::Waiting
        } else {
            status
        };
        self.status.update(|all| {
            all.insert(m.field, status);
        });
    }

    fn set_version(&self, field: Field, version: u64) {
        self.versions.update_value(|v| {
            let known = v.entry(field).or_default();
            *known = (*known).max(version);
        });
    }

    /// Puts a server text into the field (if shown) and the working copy.
    pub(super) fn show(&self, field: Field, text: String) {
        if let Some(h) = self.handle(&field) {
            h.show.run(text.clone());
            h.known.set(text.clone());
        }
        self.working_copy.run((field, text));
    }

    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    pub(super) async fn pull_now(self) {
        let since = self.cursor.get_value();
        let pulled = match crate::api::sync::sync_pull(self.plan, since).await {
            Ok(pulled) => pulled,
            Err(error) => return self.failed(error),
        };
        self.reached();
        let outbox = outbox_store::load().unwrap_or_default();
        for change in pulled.changes {
            // The person's own waiting edit wins on the page until the server answers it.
            if outbox
                .latest(self.owner, self.plan, &change.field)
                .is_some()
            {
                continue;
            }
            let known = self
                .versions
                .with_value(|v| v.get(&change.field).copied().unwrap_or(0));
            if change.version <= known {
                continue;
            }
            // Someone is typing in it: leave their text; saving it will show the conflict.
            if let Some(h) = self.handle(&change.field) {
                if h.read.run(()) != h.known.get_untracked() {
                    continue;
                }
            }
            self.set_version(change.field, change.version);
            self.show(change.field, change.text);
        }
        if pulled.revision != since {
            #[cfg(feature = "hydrate")]
            super::browser::refresh_offline_copy();
        }
        self.cursor.set_value(pulled.revision);
        if self.conflicts.with_untracked(|c| *c != pulled.conflicts) {
            self.conflicts.set(pulled.conflicts);
        }
    }
}
