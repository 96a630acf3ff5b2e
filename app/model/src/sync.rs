//! Offline edits that sync later. The browser keeps every edit in an outbox as a [`Mutation`]:
//! one field, the text typed, and the field's version the person saw. The server applies each
//! (client, sequence number) at most once and answers with an [`Outcome`]; a replay gets the
//! stored answer. An edit made on an older version than the server's is a conflict, kept for a
//! person to resolve, never silently overwritten.

use crate::edit::{Field, GoalField};
use crate::ids::PlanId;
use serde::{Deserialize, Serialize};

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

/// Whether an edit on `base` may be applied over the server's `current` version.
pub fn is_conflict(base: u64, current: u64) -> bool {
    base < current
}

/// A stable name for a field, for storing its version: `r:12:2:numerator`.
pub fn field_key(field: &Field) -> String {
    match field {
        Field::Header(h) => format!("h:{}", h.name()),
        Field::Goal(id, GoalField::Title) => format!("g:{id}:title"),
        Field::Indicator(id, f) => format!("i:{id}:{}", f.name()),
        Field::Report(id, q, f) => format!("r:{id}:{}:{}", q.index() + 1, f.name()),
        Field::Activity(id, f) => format!("a:{id}:{}", f.name()),
        Field::ActivityQuarter(id, q, f) => format!("aq:{id}:{}:{}", q.index() + 1, f.name()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{HeaderField, IndicatorField, MoneyField, ReportField};
    use crate::ids::{ActivityId, IndicatorId};
    use crate::quarter::Quarter;

    #[test]
    fn every_field_has_its_own_key() {
        let keys = [
            field_key(&Field::Report(
                IndicatorId(12),
                Quarter::Q2,
                ReportField::Numerator,
            )),
            field_key(&Field::Report(
                IndicatorId(12),
                Quarter::Q2,
                ReportField::Denominator,
            )),
            field_key(&Field::Report(
                IndicatorId(12),
                Quarter::Q3,
                ReportField::Numerator,
            )),
            field_key(&Field::Indicator(IndicatorId(12), IndicatorField::Name)),
            field_key(&Field::ActivityQuarter(
                ActivityId(12),
                Quarter::Q2,
                MoneyField::Realization,
            )),
            field_key(&Field::Header(HeaderField::Title)),
        ];
        assert_eq!(keys[0], "r:12:2:numerator");
        let unique: std::collections::BTreeSet<_> = keys.iter().collect();
        assert_eq!(unique.len(), keys.len());
    }

    #[test]
    fn an_edit_on_an_older_version_is_a_conflict() {
        assert!(!is_conflict(3, 3));
        assert!(is_conflict(2, 3));
        assert!(!is_conflict(4, 3));
    }

    #[test]
    fn a_client_id_is_a_short_token() {
        assert!(valid_client("3f2a9c1e-77aa-4b1c").is_ok());
        assert!(valid_client("short").is_err());
        assert!(valid_client("has space in it").is_err());
    }
}
