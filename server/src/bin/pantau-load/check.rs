//! After the run: the audit trail in the database against what the people saw acknowledged.
//! Every acknowledged change must have left its entry (the person, the cell, the new value)
//! exactly as often as it was acknowledged; an entry beyond that is a change applied twice.
//! Changes whose answer never came may each be there once or not at all.

use crate::journal::{Entry, Journal};
use sqlx::any::AnyPoolOptions;
use sqlx::Row;
use std::collections::HashMap;

#[derive(Debug, Default)]
pub struct Verdict {
    /// Audit entries the people saw acknowledged.
    pub acknowledged: u64,
    /// Of those, found in the audit trail.
    pub present: u64,
    /// Acknowledged, yet not in the audit trail.
    pub lost: u64,
    /// In the audit trail more often than acknowledged (unanswered ones allowed once).
    pub doubled: u64,
}

/// Reads the audit entries made by the people `users` (ids from `first` to `last`).
pub async fn audit(url: &str, first: i64, last: i64, journal: &Journal) -> Result<Verdict, String> {
    sqlx::any::install_default_drivers();
    let pool = AnyPoolOptions::new()
        .max_connections(1)
        .connect(url)
        .await
        .map_err(|e| format!("cannot open {url} to check the audit trail: {e}"))?;
    let rows = sqlx::query(
        "SELECT user_id, indicator_id, activity_id, quarter, field, new_value FROM audit_log \
         WHERE user_id >= $1 AND user_id <= $2",
    )
    .bind(first)
    .bind(last)
    .fetch_all(&pool)
    .await
    .map_err(|e| format!("cannot read the audit trail: {e}"))?;
    pool.close().await;
    let mut found: HashMap<Entry, u64> = HashMap::new();
    for row in rows {
        let read = |e: sqlx::Error| format!("an audit entry does not read: {e}");
        let entry = Entry {
            user: row.try_get(0).map_err(read)?,
            indicator: row.try_get(1).map_err(read)?,
            activity: row.try_get(2).map_err(read)?,
            quarter: row.try_get(3).map_err(read)?,
            field: row.try_get(4).map_err(read)?,
            new: row.try_get(5).map_err(read)?,
        };
        *found.entry(entry).or_default() += 1;
    }
    Ok(compare(&found, journal))
}

fn compare(found: &HashMap<Entry, u64>, journal: &Journal) -> Verdict {
    let expected = count(&journal.acknowledged);
    let unsure = count(&journal.unsure);
    let mut verdict = Verdict {
        acknowledged: journal.acknowledged.len() as u64,
        ..Verdict::default()
    };
    for (entry, wanted) in &expected {
        let there = found.get(*entry).copied().unwrap_or(0);
        verdict.present += there.min(*wanted);
        verdict.lost += wanted.saturating_sub(there);
    }
    for (entry, there) in found {
        let allowed =
            expected.get(entry).copied().unwrap_or(0) + unsure.get(entry).copied().unwrap_or(0);
        verdict.doubled += there.saturating_sub(allowed);
    }
    verdict
}

fn count(entries: &[Entry]) -> HashMap<&Entry, u64> {
    let mut counts: HashMap<&Entry, u64> = HashMap::new();
    for e in entries {
        *counts.entry(e).or_default() += 1;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(new: &str) -> Entry {
        Entry {
            user: 7,
            indicator: Some(3),
            activity: None,
            quarter: Some(1),
            field: "Catatan".into(),
            new: new.into(),
        }
    }

    #[test]
    fn an_entry_missing_is_lost_and_one_too_many_is_doubled() {
        let journal = Journal {
            acknowledged: vec![entry("a"), entry("b"), entry("b")],
            unsure: vec![entry("c")],
            ..Journal::default()
        };
        let found = HashMap::from([(entry("a"), 2), (entry("b"), 1), (entry("c"), 1)]);
        let verdict = compare(&found, &journal);
        assert_eq!(
            (
                verdict.acknowledged,
                verdict.present,
                verdict.lost,
                verdict.doubled
            ),
            (3, 2, 1, 1)
        );
    }
}
