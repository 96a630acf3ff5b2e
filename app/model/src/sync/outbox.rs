//! The browser's outbox, as pure logic: edits wait here, in the order made, until the server
//! answers them. The browser keeps it in local storage (so it survives a reload or a closed tab)
//! and every tab of the browser shares it; each tab hands out sequence numbers from its own
//! session, so no two tabs ever give one id to two edits.
//!
//! An office PC is shared: each entry names the person who typed it, and everything a page does
//! with the outbox (send, count, lay waiting texts over the plan) concerns the signed-in person's
//! entries only. Another person's entries wait, untouched, until that person signs in again.

use super::{valid_client, Mutation, MutationId, Outcome};
use crate::edit::Field;
use crate::ids::{PlanId, UserId};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// One tab's session: a random client id (new on every page load) and the sequence number of
/// its next edit, which only grows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    id: String,
    next: u64,
}

impl Session {
    pub fn new(id: String) -> Result<Session, String> {
        valid_client(&id)?;
        Ok(Session { id, next: 1 })
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    fn take_seq(&mut self) -> u64 {
        let seq = self.next;
        self.next += 1;
        seq
    }
}

/// A waiting edit and the person who typed it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub owner: UserId,
    pub edit: Mutation,
}

/// Edits not yet answered by the server, oldest first, of everyone who used this browser.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outbox {
    pub entries: Vec<Entry>,
}

impl Outbox {
    /// Queues `owner`'s edit. Its base is the field's version as the page knows it; when an
    /// earlier edit of the same field by the same person is still waiting, the new one is typed
    /// over that edit: it takes the same base and names it in `after`.
    pub fn enqueue(
        &mut self,
        owner: UserId,
        session: &mut Session,
        plan: PlanId,
        field: Field,
        text: String,
        known_version: u64,
    ) -> Mutation {
        let (base_version, after) = match self.latest(owner, plan, &field) {
            Some(earlier) => (earlier.base_version, Some(earlier.id())),
            None => (known_version, None),
        };
        let mutation = Mutation {
            client: session.id.clone(),
            seq: session.take_seq(),
            plan,
            field,
            text,
            base_version,
            after,
        };
        self.entries.push(Entry {
            owner,
            edit: mutation.clone(),
        });
        mutation
    }

    /// `owner`'s edits, oldest first.
    pub fn of(&self, owner: UserId) -> impl Iterator<Item = &Mutation> {
        self.entries
            .iter()
            .filter(move |e| e.owner == owner)
            .map(|e| &e.edit)
    }

    /// `owner`'s oldest `max` edits, to send in one request. Nobody else's are ever sent.
    pub fn batch(&self, owner: UserId, max: usize) -> Vec<Mutation> {
        self.of(owner).take(max).cloned().collect()
    }

    /// Takes `owner`'s answered edits out of the outbox (an answer of any kind settles an edit).
    pub fn settle<'a>(
        &mut self,
        owner: UserId,
        answered: impl IntoIterator<Item = &'a MutationId>,
    ) {
        let answered: BTreeSet<&MutationId> = answered.into_iter().collect();
        self.entries
            .retain(|e| e.owner != owner || !answered.contains(&e.edit.id()));
    }

    /// `owner`'s newest waiting edit of a field.
    pub fn latest(&self, owner: UserId, plan: PlanId, field: &Field) -> Option<&Mutation> {
        self.entries
            .iter()
            .rev()
            .find(|e| e.owner == owner && e.edit.plan == plan && e.edit.field == *field)
            .map(|e| &e.edit)
    }

    /// The text each field of the plan will have once `owner`'s waiting edits arrive.
    pub fn pending_texts(&self, owner: UserId, plan: PlanId) -> BTreeMap<Field, String> {
        self.of(owner)
            .filter(|m| m.plan == plan)
            .map(|m| (m.field, m.text.clone()))
            .collect()
    }

    /// How many of `owner`'s edits wait.
    pub fn waiting(&self, owner: UserId) -> usize {
        self.of(owner).count()
    }

    /// How many edits of other people wait on this device.
    pub fn waiting_for_others(&self, owner: UserId) -> usize {
        self.entries.iter().filter(|e| e.owner != owner).count()
    }

    /// Queues edits recovered from an unreadable outbox as `owner`'s, keeping their ids (so an
    /// edit that reached the server before gets its stored answer, not a second application).
    /// An edit already waiting is not queued twice. Returns how many were queued.
    pub fn adopt(&mut self, owner: UserId, edits: impl IntoIterator<Item = Mutation>) -> usize {
        let mut present: BTreeSet<MutationId> = self.entries.iter().map(|e| e.edit.id()).collect();
        let mut queued = 0;
        for edit in edits {
            if present.insert(edit.id()) {
                self.entries.push(Entry { owner, edit });
                queued += 1;
            }
        }
        queued
    }

    /// Every waiting edit, of everyone.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl From<&Mutation> for MutationId {
    fn from(m: &Mutation) -> MutationId {
        m.id()
    }
}

/// Pairs each sent mutation with the server's answer (the server answers in the order sent).
pub fn answers<'a>(
    sent: &'a [Mutation],
    outcomes: &'a [Outcome],
) -> impl Iterator<Item = (&'a Mutation, &'a Outcome)> {
    sent.iter().zip(outcomes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::ReportField;
    use crate::ids::IndicatorId;
    use crate::quarter::Quarter;

    const SRI: UserId = UserId(1);
    const BUDI: UserId = UserId(2);

    fn numerator() -> Field {
        Field::Report(IndicatorId(3), Quarter::Q1, ReportField::Numerator)
    }

    fn note() -> Field {
        Field::Report(IndicatorId(3), Quarter::Q1, ReportField::Note)
    }

    /// A fresh outbox with Sri's edits of plan 1 queued from one tab, in order: (field, text,
    /// the version the tab knew).
    fn sri_queue(edits: &[(Field, &str, u64)]) -> (Outbox, Vec<Mutation>) {
        let mut tab = Session::new("tab-aaaaaaaa".into()).unwrap();
        let mut outbox = Outbox::default();
        let queued = edits
            .iter()
            .map(|(field, text, known)| {
                outbox.enqueue(SRI, &mut tab, PlanId(1), *field, (*text).into(), *known)
            })
            .collect();
        (outbox, queued)
    }

    fn ids(outbox: &Outbox) -> Vec<MutationId> {
        outbox.entries.iter().map(|e| e.edit.id()).collect()
    }

    #[test]
    fn a_session_hands_out_growing_sequence_numbers() {
        let (_, queued) = sri_queue(&[(numerator(), "4", 0), (note(), "x", 0)]);
        assert_eq!((queued[0].seq, queued[1].seq), (1, 2));
        assert_eq!(queued[0].client, "tab-aaaaaaaa");
    }

    #[test]
    fn two_tabs_sharing_an_outbox_never_give_the_same_id() {
        let mut one = Session::new("tab-aaaaaaaa".into()).unwrap();
        let mut two = Session::new("tab-bbbbbbbb".into()).unwrap();
        let mut outbox = Outbox::default();
        for i in 0..5 {
            outbox.enqueue(SRI, &mut one, PlanId(1), note(), format!("a{i}"), 0);
            outbox.enqueue(SRI, &mut two, PlanId(1), note(), format!("b{i}"), 0);
        }
        let ids: BTreeSet<MutationId> = ids(&outbox).into_iter().collect();
        assert_eq!(ids.len(), 10);
    }

    #[test]
    fn a_session_id_must_be_a_valid_client_id() {
        assert!(Session::new("no".into()).is_err());
    }

    #[test]
    fn an_edit_over_a_waiting_edit_of_the_same_field_names_it() {
        let (_, queued) = sri_queue(&[
            (numerator(), "4", 2),
            (note(), "x", 7),
            (numerator(), "5", 2),
        ]);
        let [first, other, second] = &queued[..] else {
            panic!("three edits queued");
        };
        assert_eq!(first.after, None);
        assert_eq!(other.after, None);
        assert_eq!(second.base_version, 2);
        assert_eq!(second.after, Some(first.id()));
    }

    #[test]
    fn an_edit_is_never_typed_over_another_persons_waiting_edit() {
        let mut sri_tab = Session::new("tab-aaaaaaaa".into()).unwrap();
        let mut budi_tab = Session::new("tab-bbbbbbbb".into()).unwrap();
        let mut outbox = Outbox::default();
        outbox.enqueue(SRI, &mut sri_tab, PlanId(1), numerator(), "4".into(), 2);
        let budi = outbox.enqueue(BUDI, &mut budi_tab, PlanId(1), numerator(), "5".into(), 3);
        assert_eq!((budi.base_version, budi.after), (3, None));
    }

    #[test]
    fn answered_edits_leave_the_outbox_and_the_rest_keep_their_order() {
        let (mut outbox, queued) = sri_queue(&[
            (numerator(), "4", 0),
            (note(), "x", 0),
            (numerator(), "5", 0),
        ]);
        let [a, b, c] = &queued[..] else {
            panic!("three edits queued");
        };
        outbox.settle(SRI, [&b.id()]);
        assert_eq!(ids(&outbox), vec![a.id(), c.id()]);
        assert_eq!(outbox.batch(SRI, 1), vec![a.clone()]);
    }

    #[test]
    fn a_push_holds_only_the_signed_in_persons_edits_and_leaves_the_others_waiting() {
        let mut sri_tab = Session::new("tab-aaaaaaaa".into()).unwrap();
        let mut budi_tab = Session::new("tab-bbbbbbbb".into()).unwrap();
        let mut outbox = Outbox::default();
        let sri = outbox.enqueue(SRI, &mut sri_tab, PlanId(1), numerator(), "4".into(), 0);
        let budi = outbox.enqueue(BUDI, &mut budi_tab, PlanId(1), note(), "x".into(), 0);
        assert_eq!(outbox.batch(BUDI, 200), vec![budi.clone()]);
        assert_eq!(
            (outbox.waiting(BUDI), outbox.waiting_for_others(BUDI)),
            (1, 1)
        );
        // Budi's push answered: Sri's edit is untouched, even when its id is named.
        outbox.settle(BUDI, [&budi.id(), &sri.id()]);
        assert_eq!(
            outbox.entries,
            vec![Entry {
                owner: SRI,
                edit: sri.clone()
            }]
        );
        assert_eq!(outbox.waiting(BUDI), 0);
        assert_eq!(outbox.batch(SRI, 200), vec![sri]);
    }

    #[test]
    fn pending_texts_show_the_newest_waiting_text_of_each_field_of_that_person() {
        let mut tab = Session::new("tab-aaaaaaaa".into()).unwrap();
        let mut outbox = Outbox::default();
        outbox.enqueue(SRI, &mut tab, PlanId(1), numerator(), "4".into(), 0);
        outbox.enqueue(SRI, &mut tab, PlanId(2), numerator(), "9".into(), 0);
        outbox.enqueue(SRI, &mut tab, PlanId(1), numerator(), "5".into(), 0);
        outbox.enqueue(BUDI, &mut tab, PlanId(1), numerator(), "6".into(), 0);
        let texts = outbox.pending_texts(SRI, PlanId(1));
        assert_eq!(texts.len(), 1);
        assert_eq!(texts[&numerator()], "5");
        assert_eq!(outbox.pending_texts(BUDI, PlanId(1))[&numerator()], "6");
    }

    #[test]
    fn adopted_edits_keep_their_ids_and_are_never_queued_twice() {
        let (mut outbox, queued) = sri_queue(&[(note(), "x", 0)]);
        let waiting = queued[0].clone();
        let mut found = waiting.clone();
        found.seq = 40;
        assert_eq!(
            outbox.adopt(SRI, [waiting.clone(), found.clone(), found.clone()]),
            1
        );
        assert_eq!(ids(&outbox), vec![waiting.id(), found.id()]);
        assert_eq!(outbox.entries[1].owner, SRI);
    }
}
