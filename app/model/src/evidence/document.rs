//! The print view and the Excel export list each quarter's evidence in its DATA DUKUNG cell:
//! after what staff typed there, one line `Berkas: name, name, link` (files by name, links
//! whole, so a reader of the paper can find them).

use super::{Evidence, Owner, Source};
use crate::plan::Plan;

/// `plan` with each indicator quarter's evidence text followed by its attachments.
pub fn with_evidence(mut plan: Plan, evidence: &[Evidence]) -> Plan {
    for goal in &mut plan.goals {
        for indicator in &mut goal.indicators {
            let Some(id) = indicator.id else { continue };
            for (index, report) in indicator.quarters.iter_mut().enumerate() {
                let names: Vec<&str> = evidence
                    .iter()
                    .filter(|e| e.slot.owner == Owner::Indicator(id))
                    .filter(|e| e.slot.quarter.index() == index)
                    .map(|e| match &e.source {
                        Source::Link(link) => link.as_str(),
                        Source::File { .. } => e.name.as_str(),
                    })
                    .collect();
                if names.is_empty() {
                    continue;
                }
                let listed = format!("Berkas: {}", names.join(", "));
                report.evidence = match report.evidence.trim() {
                    "" => listed,
                    typed => format!("{typed}\n{listed}"),
                };
            }
        }
    }
    plan
}
