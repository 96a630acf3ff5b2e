//! An approval names the version of the plan the pimpinan looked at. The version is the id of
//! the plan's latest audit entry: every change (a field, a change of shape, a workflow step)
//! writes one in the same transaction, and a save that changes nothing writes none, so the
//! version moves exactly when the plan does. If entries were written after it, the approval is
//! refused with what changed.

use crate::audit::AuditEntry;
use crate::workflow::WorkflowError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The id of a plan's latest audit entry; 0 for a plan nothing was recorded for yet.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct PlanVersion(pub i64);

impl fmt::Display for PlanVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// How many changes a refusal lists; the rest are counted.
pub const LISTED_CHANGES: usize = 5;

/// The longest value a refusal quotes; longer ones are cut with `…`.
const QUOTED_CHARS: usize = 60;

/// Refuses an approval when `later` (the first entries recorded after the page's version,
/// oldest first) is not empty; `total` counts every entry after it. The message lists where,
/// which field, old → new and who, so the pimpinan knows what to look at again.
pub fn check_unchanged(later: &[AuditEntry], total: u64) -> Result<(), WorkflowError> {
    if later.is_empty() && total == 0 {
        return Ok(());
    }
    let listed: Vec<String> = later
        .iter()
        .take(LISTED_CHANGES)
        .map(|e| {
            let c = &e.change;
            format!(
                "{}, {}: {} \u{2192} {} (oleh {})",
                c.place,
                c.field,
                quote(&c.old),
                quote(&c.new),
                e.by
            )
        })
        .collect();
    let rest = total.saturating_sub(listed.len() as u64);
    let more = if rest > 0 {
        format!("; dan {rest} perubahan lain")
    } else {
        String::new()
    };
    Err(WorkflowError(format!(
        "Data berubah sejak Anda membuka halaman ini: {}{more}. Muat ulang halaman, periksa perubahannya, lalu setujui lagi.",
        listed.join("; ")
    )))
}

fn quote(value: &str) -> String {
    if value.is_empty() {
        return "\u{2013}".into();
    }
    crate::text::excerpt(value, QUOTED_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::{Change, Subject};
    use crate::time::Timestamp;

    fn entry(place: &str, field: &str, old: &str, new: &str) -> AuditEntry {
        AuditEntry {
            at: Timestamp(0),
            by: "Sri".into(),
            change: Change {
                subject: Subject::default(),
                place: place.into(),
                field: field.into(),
                old: old.into(),
                new: new.into(),
            },
        }
    }

    #[test]
    fn nothing_recorded_since_the_page_was_rendered_lets_the_approval_through() {
        assert_eq!(check_unchanged(&[], 0), Ok(()));
    }

    #[test]
    fn a_change_since_the_page_was_rendered_is_listed_with_place_field_values_and_who() {
        let later = [
            entry("Indikator 1.1", "Target", "100", "90"),
            entry("Indikator 1.1", "Kegiatan ditautkan", "", "Pengadaan"),
        ];
        assert_eq!(
            check_unchanged(&later, 2).unwrap_err().0,
            "Data berubah sejak Anda membuka halaman ini: Indikator 1.1, Target: 100 \u{2192} 90 (oleh Sri); \
             Indikator 1.1, Kegiatan ditautkan: \u{2013} \u{2192} Pengadaan (oleh Sri). \
             Muat ulang halaman, periksa perubahannya, lalu setujui lagi."
        );
    }

    #[test]
    fn many_changes_list_the_first_five_and_count_the_rest() {
        let later: Vec<AuditEntry> = (0..5)
            .map(|n| entry("Kegiatan K", "Pagu", &n.to_string(), &(n + 1).to_string()))
            .collect();
        let why = check_unchanged(&later, 12).unwrap_err().0;
        assert_eq!(why.matches("(oleh Sri)").count(), 5);
        assert!(why.contains("; dan 7 perubahan lain."), "{why}");
    }

    #[test]
    fn a_long_value_is_cut() {
        let long = "x".repeat(100);
        let why = check_unchanged(&[entry("P", "Keterangan TW I", "", &long)], 1)
            .unwrap_err()
            .0;
        assert!(
            why.contains(&format!("{}\u{2026}", "x".repeat(60))),
            "{why}"
        );
        assert!(!why.contains(&"x".repeat(61)));
    }
}
