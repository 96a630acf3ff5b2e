//! Offline edits that sync later. The browser keeps every edit in an outbox as a [`Mutation`]:
//! one field, the text typed, and the field's version the person saw. The server applies each
//! (client, sequence number) at most once and answers with an [`Outcome`]; a replay gets the
//! stored answer. An edit made on an older version than the server's is a conflict, kept for a
//! person to resolve, never silently overwritten.

use crate::edit::Field;
use crate::ids::PlanId;
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};

mod outbox;
pub mod stored;
pub use outbox::{answers, Entry, Outbox, Session};

/// Names one mutation: the tab session that made it and its number there.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct MutationId {
    pub client: String,
    pub seq: u64,
}

/// One edit as the outbox holds it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mutation {
    /// The tab's session: random, made by the browser.
    pub client: String,
    /// Grows by one with each edit of that client.
    pub seq: u64,
    pub plan: PlanId,
    pub field: Field,
    pub text: String,
    /// The field's version the edit was made on (0: never changed since import).
    pub base_version: u64,
    /// The person's own earlier edit of the field, still unsent, that this one was typed over.
    /// If that edit is the last one applied to the field, this one is no conflict.
    #[serde(default)]
    pub after: Option<MutationId>,
}

impl Mutation {
    pub fn id(&self) -> MutationId {
        MutationId {
            client: self.client.clone(),
            seq: self.seq,
        }
    }
}

/// The server's answer to one mutation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    /// Stored; the field is now at this version.
    Applied { version: u64 },
    /// The field changed on the server since the edit's base version: the server kept its
    /// value, and the conflict waits for a person.
    Conflict {
        conflict: i64,
        server_text: String,
        server_version: u64,
    },
    /// Refused (invalid, a locked quarter, no permission); the reason is for the person.
    Rejected { reason: String },
}

/// Checks a client id: 8 to 64 of `A-Z a-z 0-9 -`.
pub fn valid_client(client: &str) -> Result<(), String> {
    let ok = (8..=64).contains(&client.len())
        && client
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-');
    if ok {
        Ok(())
    } else {
        Err("Identitas klien tidak sah".into())
    }
}

/// Whether an edit made on version `base` conflicts with the field at version `current`, whose
/// last change was the mutation `last` (none for a form save or an import). An edit typed over
/// the person's own pending edit (`after`) does not conflict with it once that edit is applied.
pub fn is_conflict(
    base: u64,
    current: u64,
    after: Option<&MutationId>,
    last: Option<&MutationId>,
) -> bool {
    base < current && !(after.is_some() && after == last)
}

/// A conflict as a person sees it: both values, who made the edit and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    pub id: i64,
    pub field: Field,
    /// Where the field is, e.g. "Sasaran 1 · Indikator 2 · TW I".
    pub place: String,
    pub label: String,
    /// The value the person typed offline.
    pub mine: String,
    /// The server's value when the edit arrived.
    pub theirs: String,
    pub user_name: String,
    pub at: Timestamp,
}

/// How a person settles a conflict.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Resolution {
    KeepMine,
    KeepServer,
    NewValue(String),
}

impl Resolution {
    /// Reads a resolution form: `choice` is `mine`, `server` or `new` (with `text`).
    pub fn from_form(choice: &str, text: String) -> Result<Resolution, String> {
        match choice {
            "mine" => Ok(Resolution::KeepMine),
            "server" => Ok(Resolution::KeepServer),
            "new" => Ok(Resolution::NewValue(text)),
            other => Err(format!(
                "Pilihan penyelesaian konflik tidak dikenal: {other}"
            )),
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            Resolution::KeepMine => "keep_mine",
            Resolution::KeepServer => "keep_server",
            Resolution::NewValue(_) => "new_value",
        }
    }
}

/// One field as the server has it now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldNow {
    pub field: Field,
    pub text: String,
    pub version: u64,
}

/// What a pull returns: the plan's revision (the next cursor), the fields changed after the
/// cursor, and the conflicts still open.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pulled {
    pub revision: i64,
    pub changes: Vec<FieldNow>,
    pub conflicts: Vec<Conflict>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edit_on_an_older_version_is_a_conflict() {
        assert!(!is_conflict(3, 3, None, None));
        assert!(is_conflict(2, 3, None, None));
        assert!(!is_conflict(4, 3, None, None));
    }

    #[test]
    fn an_edit_over_the_persons_own_applied_edit_is_no_conflict() {
        let own = MutationId {
            client: "tab-aaaaaaaa".into(),
            seq: 4,
        };
        let other = MutationId {
            client: "tab-bbbbbbbb".into(),
            seq: 9,
        };
        assert!(!is_conflict(2, 3, Some(&own), Some(&own)));
        assert!(is_conflict(2, 3, Some(&own), Some(&other)));
        assert!(is_conflict(2, 3, Some(&own), None));
        assert!(is_conflict(2, 3, None, None));
    }

    #[test]
    fn a_resolution_form_names_one_of_three_choices() {
        assert_eq!(
            Resolution::from_form("mine", String::new()),
            Ok(Resolution::KeepMine)
        );
        assert_eq!(
            Resolution::from_form("server", String::new()),
            Ok(Resolution::KeepServer)
        );
        assert_eq!(
            Resolution::from_form("new", "7".into()),
            Ok(Resolution::NewValue("7".into()))
        );
        assert!(Resolution::from_form("both", String::new()).is_err());
    }

    #[test]
    fn a_client_id_is_a_short_token() {
        assert!(valid_client("3f2a9c1e-77aa-4b1c").is_ok());
        assert!(valid_client("short").is_err());
        assert!(valid_client("has space in it").is_err());
    }
}
