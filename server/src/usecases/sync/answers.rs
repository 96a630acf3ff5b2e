//! The answers a push gives without deciding: stored answers replayed (by person, client and
//! sequence number), and refusals of edits whose id is not theirs to use.

use crate::storage::{PlanWrite, StoredAnswer};
use app::error::AppError;
use model::access::Person;
use model::sync::{Mutation, Outcome};
use std::collections::{BTreeSet, HashMap, HashSet};

/// The answer to an edit whose stored answer no longer reads.
const UNREADABLE_ANSWER: &str =
    "Jawaban tersimpan untuk perubahan ini tidak dapat dibaca; periksa nilainya dan simpan lagi";

/// The answers given before to the person's mutations of the push, by (client, sequence
/// number).
pub(super) async fn given_answers<'m>(
    write: &mut PlanWrite,
    who: &Person,
    group: &'m [Mutation],
) -> Result<HashMap<(&'m str, u64), StoredAnswer>, AppError> {
    let mut ranges: HashMap<&str, (u64, u64)> = HashMap::new();
    for m in group {
        let range = ranges.entry(&m.client).or_insert((m.seq, m.seq));
        *range = (range.0.min(m.seq), range.1.max(m.seq));
    }
    let mut given = HashMap::new();
    for (client, (first, last)) in ranges {
        for (seq, answer) in write.stored_outcomes(who.id, client, first, last).await? {
            given.insert((client, seq), answer);
        }
    }
    Ok(given)
}

/// The client ids of the push that another person has sent edits from: refused, so no one's
/// edits are ever answered or applied under another person's name.
pub(super) async fn clients_of_others<'m>(
    write: &mut PlanWrite,
    who: &Person,
    group: &'m [Mutation],
) -> Result<HashSet<&'m str>, AppError> {
    let clients: BTreeSet<&str> = group.iter().map(|m| m.client.as_str()).collect();
    let mut foreign = HashSet::new();
    for client in clients {
        if write.client_used_by_other(who.id, client).await? {
            foreign.insert(client);
        }
    }
    Ok(foreign)
}

/// The answer to an edit whose (client, sequence number) was answered before. The same numbers
/// for another plan are another edit: refused, and nothing is applied.
pub(super) fn replayed(m: &Mutation, answer: &StoredAnswer) -> Outcome {
    if answer.plan != m.plan {
        return Outcome::Rejected {
            reason: format!(
                "Nomor perubahan ini (klien {}, urutan {}) sudah dipakai untuk rencana lain; perubahan ini tidak disimpan",
                m.client, m.seq
            ),
        };
    }
    // An answer that no longer reads refuses this edit alone, never the whole push.
    serde_json::from_str(&answer.outcome).unwrap_or_else(|error| {
        tracing::error!(%error, client = %m.client, seq = m.seq, "a stored sync answer cannot be read");
        Outcome::Rejected {
            reason: UNREADABLE_ANSWER.into(),
        }
    })
}
