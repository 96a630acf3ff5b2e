//! The browser's outbox, as pure logic: edits wait here, in the order made, until the server
//! answers them. The browser keeps it in local storage (so it survives a reload or a closed tab)
//! and every tab of the browser shares it; each tab hands out sequence numbers from its own
//! session, so no two tabs ever give one id to two edits.

use super::{field_key, valid_client, Mutation, MutationId, Outcome};
use crate::edit::Field;
use crate::ids::PlanId;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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

/// Edits not yet answered by the server, oldest first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outbox {
    pub entries: Vec<Mutation>,
}

impl Outbox {
    /// Queues an edit. Its base is the field's version as the page knows it; when an earlier
    /// edit of the same field is still waiting, the new one is typed over that edit: it takes
    /// the same base and names it in `after`.
    pub fn enqueue(
        &mut self,
        session: &mut Session,
        plan: PlanId,
        field: Field,
        text: String,
        known_version: u64,
    ) -> Mutation {
        let (base_version, after) = match self.latest(plan, &field) {
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
        self.entries.push(mutation.clone());
        mutation
    }

    /// The oldest `max` entries, to send in one request.
    pub fn batch(&self, max: usize) -> Vec<Mutation> {
        self.entries.iter().take(max).cloned().collect()
    }

    /// Takes answered edits out of the outbox (an answer of any kind settles an edit).
    pub fn settle<'a>(&mut self, answered: impl IntoIterator<Item = &'a MutationId>) {
        let answered: std::collections::BTreeSet<&MutationId> = answered.into_iter().collect();
        self.entries
            .retain(|m| !answered.contains(&MutationId::from(m)));
    }

    /// The newest waiting edit of a field.
    pub fn latest(&self, plan: PlanId, field: &Field) -> Option<&Mutation> {
        self.entries
            .iter()
            .rev()
            .find(|m| m.plan == plan && m.field == *field)
    }

    /// The text each field of the plan will have once its waiting edits arrive, by field key.
    pub fn pending_texts(&self, plan: PlanId) -> BTreeMap<String, (Field, String)> {
        self.entries
            .iter()
            .filter(|m| m.plan == plan)
            .map(|m| (field_key(&m.field), (m.field, m.text.clone())))
            .collect()
    }

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

    fn numerator() -> Field {
        Field::Report(IndicatorId(3), Quarter::Q1, ReportField::Numerator)
    }

    fn note() -> Field {
        Field::Report(IndicatorId(3), Quarter::Q1, ReportField::Note)
    }

    #[test]
    fn a_session_hands_out_growing_sequence_numbers() {
        let mut tab = Session::new("tab-aaaaaaaa".into()).unwrap();
        let mut outbox = Outbox::default();
        let a = outbox.enqueue(&mut tab, PlanId(1), numerator(), "4".into(), 0);
        let b = outbox.enqueue(&mut tab, PlanId(1), note(), "x".into(), 0);
        assert_eq!((a.seq, b.seq), (1, 2));
        assert_eq!(a.client, "tab-aaaaaaaa");
    }

    #[test]
    fn two_tabs_sharing_an_outbox_never_give_the_same_id() {
        let mut one = Session::new("tab-aaaaaaaa".into()).unwrap();
        let mut two = Session::new("tab-bbbbbbbb".into()).unwrap();
        let mut outbox = Outbox::default();
        for i in 0..5 {
            outbox.enqueue(&mut one, PlanId(1), note(), format!("a{i}"), 0);
            outbox.enqueue(&mut two, PlanId(1), note(), format!("b{i}"), 0);
        }
        let ids: std::collections::BTreeSet<MutationId> =
            outbox.entries.iter().map(Mutation::id).collect();
        assert_eq!(ids.len(), 10);
    }

    #[test]
    fn a_session_id_must_be_a_valid_client_id() {
        assert!(Session::new("no".into()).is_err());
    }

    #[test]
    fn an_edit_over_a_waiting_edit_of_the_same_field_names_it() {
        let mut tab = Session::new("tab-aaaaaaaa".into()).unwrap();
        let mut outbox = Outbox::default();
        let first = outbox.enqueue(&mut tab, PlanId(1), numerator(), "4".into(), 2);
        let other = outbox.enqueue(&mut tab, PlanId(1), note(), "x".into(), 7);
        let second = outbox.enqueue(&mut tab, PlanId(1), numerator(), "5".into(), 2);
        assert_eq!(first.after, None);
        assert_eq!(other.after, None);
        assert_eq!(second.base_version, 2);
        assert_eq!(second.after, Some(first.id()));
    }

    #[test]
    fn answered_edits_leave_the_outbox_and_the_rest_keep_their_order() {
        let mut tab = Session::new("tab-aaaaaaaa".into()).unwrap();
        let mut outbox = Outbox::default();
        let a = outbox.enqueue(&mut tab, PlanId(1), numerator(), "4".into(), 0);
        let b = outbox.enqueue(&mut tab, PlanId(1), note(), "x".into(), 0);
        let c = outbox.enqueue(&mut tab, PlanId(1), numerator(), "5".into(), 0);
        outbox.settle([&b.id()]);
        assert_eq!(outbox.entries, vec![a.clone(), c.clone()]);
        assert_eq!(outbox.batch(1), vec![a]);
    }

    #[test]
    fn pending_texts_show_the_newest_waiting_text_of_each_field() {
        let mut tab = Session::new("tab-aaaaaaaa".into()).unwrap();
        let mut outbox = Outbox::default();
        outbox.enqueue(&mut tab, PlanId(1), numerator(), "4".into(), 0);
        outbox.enqueue(&mut tab, PlanId(2), numerator(), "9".into(), 0);
        outbox.enqueue(&mut tab, PlanId(1), numerator(), "5".into(), 0);
        let texts = outbox.pending_texts(PlanId(1));
        assert_eq!(texts.len(), 1);
        assert_eq!(texts[&field_key(&numerator())].1, "5");
    }
}
