//! Outbox values that did not read, moved aside by the store: the page says so, and offers what
//! can still be read from them to the signed-in person: their own edits, and edits that name no
//! owner (only if they take them as their own). Other people's edits are only counted; they are
//! offered to their owners when they sign in. The value moved aside is never changed.

use super::{outbox_store, FieldSync, SyncEngine};
use leptos::prelude::*;
use model::sync::stored::{self, Read};
use model::sync::Mutation;

/// A value moved aside, as the signed-in person sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AsideView {
    /// Its local-storage key.
    pub key: String,
    /// Why it did not read.
    pub reason: String,
    /// The person's own edits in it, not yet sent.
    pub mine: Vec<Mutation>,
    /// Edits in it that name no owner.
    pub unknown: Vec<Mutation>,
    /// How many of other people's edits it holds.
    pub others: usize,
}

/// Which edits of a value moved aside the person sends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Take {
    Mine,
    /// Those with no owner, as the person's own.
    UnknownAsMine,
}

impl SyncEngine {
    /// Reads the values moved aside again, and what they offer the person.
    pub fn refresh_asides(&self) {
        let owner = self.owner;
        let views: Vec<AsideView> = outbox_store::asides()
            .into_iter()
            .filter(|aside| !aside.recovered.closed_for(owner))
            .map(|aside| {
                let reason = match stored::read(Some(&aside.raw)) {
                    Read::Unreadable(why) => why.reason(),
                    Read::Outbox(_) => "tidak dapat dibaca".into(),
                };
                let offer = stored::offer(&stored::salvage(&aside.raw), &aside.recovered, owner);
                AsideView {
                    key: aside.key,
                    reason,
                    mine: offer.mine,
                    unknown: offer.unknown,
                    others: offer.others,
                }
            })
            .collect();
        if self.asides.with_untracked(|now| *now != views) {
            self.asides.set(views);
        }
    }

    /// Queues the chosen edits of a value moved aside as the person's, then sends them.
    pub fn recover(&self, key: &str, take: Take) {
        let owner = self.owner;
        let Some(aside) = outbox_store::asides().into_iter().find(|a| a.key == key) else {
            return self.refresh_asides();
        };
        let found = stored::salvage(&aside.raw);
        let offer = stored::offer(&found, &aside.recovered, owner);
        let edits = match take {
            Take::Mine => offer.mine,
            Take::UnknownAsMine => offer.unknown,
        };
        let queued = outbox_store::update(|outbox| {
            outbox.adopt(owner, edits.clone());
        });
        let outbox = match queued {
            Ok(((), outbox)) => outbox,
            Err(message) => return self.problem.set(Some(message)),
        };
        let mut recovered = aside.recovered;
        recovered.mark_queued(&found, owner, &edits);
        if let Err(message) = outbox_store::save_recovered(key, &recovered) {
            self.problem.set(Some(message));
        }
        self.count(&outbox);
        // This plan's edits show on the page as waiting, like edits made here.
        for edit in edits.iter().filter(|e| e.plan == self.plan) {
            self.status.update(|status| {
                status.insert(edit.field, FieldSync::Waiting);
            });
            self.show(edit.field, edit.text.clone());
        }
        self.refresh_asides();
        self.send();
    }

    /// The person has seen the notice: it is not shown to them again. The value stays aside.
    pub fn close_aside(&self, key: &str) {
        if let Some(aside) = outbox_store::asides().into_iter().find(|a| a.key == key) {
            let mut recovered = aside.recovered;
            recovered.close(self.owner);
            if let Err(message) = outbox_store::save_recovered(key, &recovered) {
                self.problem.set(Some(message));
            }
        }
        self.refresh_asides();
    }
}
