//! The outbox as the browser stores it (`pantau.outbox` in local storage): a JSON value with a
//! format version, and what becomes of a value that does not decode.
//!
//! A value that does not decode (an older format, a damaged value, a newer build's format) is
//! never read as an empty outbox and never overwritten: the browser moves it, byte for byte, to
//! a key of its own ([`aside_key`]) and the page says so. What can still be read from it, edit by
//! edit ([`salvage`]), is offered to its owner for sending ([`offer`]); an edit whose owner is
//! unknown (the older format did not record it) is sent only if a person chooses to send it as
//! their own. The browser part only reads and writes storage; every rule is here.

use super::outbox::{Entry, Outbox};
use super::{Mutation, MutationId};
use crate::ids::UserId;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The local-storage key of the outbox.
pub const OUTBOX_KEY: &str = "pantau.outbox";
/// Keys of values moved aside: this prefix and the time they were found (milliseconds).
pub const UNREADABLE_PREFIX: &str = "pantau.outbox.unreadable.";
/// Keys of what people did with a value moved aside (same suffix as its key).
pub const RECOVERED_PREFIX: &str = "pantau.outbox.recovered.";

/// The format written now. Format 1 (no `format` field) held bare edits with no owner.
pub const FORMAT: u32 = 2;

#[derive(Serialize)]
struct Written<'a> {
    format: u32,
    entries: &'a [Entry],
}

#[derive(Deserialize)]
struct Current {
    entries: Vec<Entry>,
}

/// The outbox as it is written to storage.
pub fn encode(outbox: &Outbox) -> Result<String, String> {
    serde_json::to_string(&Written {
        format: FORMAT,
        entries: &outbox.entries,
    })
    .map_err(|e| e.to_string())
}

/// What a stored value reads as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Read {
    Outbox(Outbox),
    /// It must be moved aside, as it is; nothing may be written over it before.
    Unreadable(Unreadable),
}

/// Why a stored value does not read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unreadable {
    /// Not JSON, or not an outbox of the current format.
    Damaged,
    /// An older format (1: the one without a version), with edits in it.
    Older(u64),
    /// A newer format than this page knows (a newer build wrote it).
    Newer(u64),
}

impl Unreadable {
    /// The reason, for the person.
    pub fn reason(&self) -> String {
        match self {
            Unreadable::Damaged => "isinya rusak".into(),
            Unreadable::Older(_) => "disimpan oleh versi Pantau yang lebih lama".into(),
            Unreadable::Newer(n) => {
                format!("disimpan oleh versi Pantau yang lebih baru (format {n})")
            }
        }
    }
}

/// Reads the stored value (`None`: nothing stored). An older outbox with nothing in it reads as
/// empty: there is nothing to lose or to offer.
pub fn read(raw: Option<&str>) -> Read {
    let Some(raw) = raw else {
        return Read::Outbox(Outbox::default());
    };
    let Ok(value) = serde_json::from_str::<Value>(raw) else {
        return Read::Unreadable(Unreadable::Damaged);
    };
    let format = match value.get("format") {
        None if value.is_object() => 1,
        None => return Read::Unreadable(Unreadable::Damaged),
        Some(format) => match format.as_u64() {
            Some(n) => n,
            None => return Read::Unreadable(Unreadable::Damaged),
        },
    };
    if format == u64::from(FORMAT) {
        return match serde_json::from_value::<Current>(value) {
            Ok(current) => Read::Outbox(Outbox {
                entries: current.entries,
            }),
            Err(_) => Read::Unreadable(Unreadable::Damaged),
        };
    }
    if format > u64::from(FORMAT) {
        return Read::Unreadable(Unreadable::Newer(format));
    }
    let empty = value
        .get("entries")
        .and_then(Value::as_array)
        .is_some_and(Vec::is_empty);
    if empty {
        Read::Outbox(Outbox::default())
    } else {
        Read::Unreadable(Unreadable::Older(format))
    }
}

/// The key for a value moved aside at `now_ms`, one not `taken` yet.
pub fn aside_key(now_ms: i64, taken: impl Fn(&str) -> bool) -> String {
    let first = format!("{UNREADABLE_PREFIX}{now_ms}");
    let mut key = first.clone();
    let mut n = 0;
    while taken(&key) {
        n += 1;
        key = format!("{first}-{n}");
    }
    key
}

/// The key that records what people did with the value moved aside under `aside`.
pub fn recovered_key(aside: &str) -> Option<String> {
    aside
        .strip_prefix(UNREADABLE_PREFIX)
        .map(|suffix| format!("{RECOVERED_PREFIX}{suffix}"))
}

/// An edit read from an unreadable value; `owner` is `None` when the value did not say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub owner: Option<UserId>,
    pub edit: Mutation,
}

/// Every edit that can still be read from an unreadable value, one by one, in order: from a
/// whole JSON value each entry that decodes; from a damaged one (cut off, say) the entries
/// before the damage.
pub fn salvage(raw: &str) -> Vec<Found> {
    let items = match serde_json::from_str::<Value>(raw) {
        Ok(Value::Array(items)) => items,
        Ok(Value::Object(mut object)) => match object.remove("entries") {
            Some(Value::Array(items)) => items,
            _ => Vec::new(),
        },
        Ok(_) => Vec::new(),
        Err(_) => leading_items(raw),
    };
    items.into_iter().filter_map(found).collect()
}

fn found(item: Value) -> Option<Found> {
    if let Ok(entry) = serde_json::from_value::<Entry>(item.clone()) {
        return Some(Found {
            owner: Some(entry.owner),
            edit: entry.edit,
        });
    }
    serde_json::from_value::<Mutation>(item)
        .ok()
        .map(|edit| Found { owner: None, edit })
}

/// The whole items at the start of the entries array of a value that does not parse.
fn leading_items(raw: &str) -> Vec<Value> {
    let open = match raw.find("\"entries\"") {
        Some(at) => raw[at..].find('[').map(|i| at + i),
        None => raw.find('[').filter(|&i| raw[..i].trim().is_empty()),
    };
    let Some(open) = open else {
        return Vec::new();
    };
    let mut at = open + 1;
    let mut items = Vec::new();
    loop {
        let rest = raw[at..].trim_start_matches(|c: char| c.is_whitespace() || c == ',');
        at = raw.len() - rest.len();
        if rest.is_empty() || rest.starts_with(']') {
            break;
        }
        let mut stream = serde_json::Deserializer::from_str(rest).into_iter::<Value>();
        match stream.next() {
            Some(Ok(item)) => {
                items.push(item);
                at += stream.byte_offset();
            }
            _ => break,
        }
    }
    items
}

/// What people did with a value moved aside, kept beside it. The value itself is never changed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recovered {
    /// Edits queued again (as their owner's, or as the person's own): never offered again.
    #[serde(default)]
    pub queued: Vec<MutationId>,
    /// People who closed the notice.
    #[serde(default)]
    pub closed_by: Vec<UserId>,
}

impl Recovered {
    /// Reads the record; one that does not read counts as nothing done (an edit offered again
    /// is answered from the server's stored answer, never applied twice).
    pub fn read(raw: Option<&str>) -> Recovered {
        raw.and_then(|raw| serde_json::from_str(raw).ok())
            .unwrap_or_default()
    }

    pub fn encode(&self) -> Result<String, String> {
        serde_json::to_string(self).map_err(|e| e.to_string())
    }

    /// Records edits as queued again; once nothing is left to offer `me`, the notice is closed for them.
    pub fn mark_queued(&mut self, found: &[Found], me: UserId, edits: &[Mutation]) {
        for edit in edits {
            let id = edit.id();
            if !self.queued.contains(&id) {
                self.queued.push(id);
            }
        }
        let left = offer(found, self, me);
        if left.mine.is_empty() && left.unknown.is_empty() {
            self.close(me);
        }
    }

    pub fn close(&mut self, me: UserId) {
        if !self.closed_by.contains(&me) {
            self.closed_by.push(me);
        }
    }

    pub fn closed_for(&self, me: UserId) -> bool {
        self.closed_by.contains(&me)
    }
}

/// What a value moved aside offers the signed-in person.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Offer {
    /// Their own edits, not yet sent.
    pub mine: Vec<Mutation>,
    /// Edits that name no owner: sent only if the person takes them as their own.
    pub unknown: Vec<Mutation>,
    /// How many edits of other people it holds (offered to them when they sign in; never shown).
    pub others: usize,
}

pub fn offer(found: &[Found], recovered: &Recovered, me: UserId) -> Offer {
    let mut offer = Offer::default();
    for f in found {
        if recovered.queued.contains(&f.edit.id()) {
            continue;
        }
        match f.owner {
            Some(owner) if owner == me => offer.mine.push(f.edit.clone()),
            Some(_) => offer.others += 1,
            None => offer.unknown.push(f.edit.clone()),
        }
    }
    offer
}

#[cfg(test)]
#[path = "stored_tests.rs"]
mod tests;
