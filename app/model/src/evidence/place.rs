//! Where a slot sits in a plan, as the page and the audit trail name it, and the audit entry
//! of attaching or removing evidence.

use super::{Owner, Slot};
use crate::audit::{Change, Subject};
use crate::plan::Plan;

/// `Indikator 1.1` or `Kegiatan Belanja Bahan Makanan`; `None` when the plan has no such
/// indicator or activity (the slot is not part of this plan).
pub fn place(plan: &Plan, slot: &Slot) -> Option<String> {
    match slot.owner {
        Owner::Indicator(id) => plan.goals.iter().find_map(|g| {
            g.indicators
                .iter()
                .find(|i| i.id == Some(id))
                .map(|i| format!("Indikator {}.{}", g.number, i.number))
        }),
        Owner::Activity(id) => plan.activity(id).map(|a| format!("Kegiatan {}", a.name)),
    }
}

/// The audit entry of evidence `name` attached (`attached`) or removed at `slot`, whose place
/// is `place`: `Data dukung TW I: – → BAST.pdf`.
pub fn evidence_change(place: String, slot: &Slot, name: &str, attached: bool) -> Change {
    let (indicator, activity) = match slot.owner {
        Owner::Indicator(id) => (Some(id), None),
        Owner::Activity(id) => (None, Some(id)),
    };
    let (old, new) = if attached {
        (String::new(), name.to_owned())
    } else {
        (name.to_owned(), String::new())
    };
    Change {
        subject: Subject {
            goal: None,
            indicator,
            activity,
            quarter: Some(slot.quarter),
        },
        place,
        field: format!("Berkas data dukung {}", slot.quarter.label()),
        old,
        new,
    }
}
