//! "Perlu perhatian": what a head of unit should look at, each with a link to where it is fixed
//! on the plan page.

use super::series::year_to_date_against_target;
use super::thresholds::AbsorptionThresholds;
use crate::checks::{withdrawal_plan_check, Check, IndicatorRef};
use crate::figures::{plan_totals, Standing, StandingThresholds};
use crate::ids::{ActivityId, PlanId};
use crate::number::format_percent;
use crate::plan::{Plan, QuarterReport};
use crate::quarter::Quarter;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Attention {
    /// Cumulative absorption at the end of the latest due quarter is below that quarter's target.
    AbsorptionBelowThreshold {
        quarter: Quarter,
        absorption: Decimal,
        threshold: Decimal,
    },
    /// The indicator's year-to-date achievement against target has not met the target.
    BehindTarget {
        indicator: IndicatorRef,
        name: String,
        against_target: Decimal,
        standing: Standing,
    },
    /// Due quarters with nothing reported: no A, no B and no achievement text.
    MissingReports {
        indicator: IndicatorRef,
        name: String,
        quarters: Vec<Quarter>,
    },
    /// Due quarters that report achievement with no evidence attached (no file, no link).
    MissingEvidence {
        indicator: IndicatorRef,
        name: String,
        quarters: Vec<Quarter>,
    },
    /// The activity's RPD does not add up to its pagu.
    WithdrawalPlanMismatch {
        activity: ActivityId,
        name: String,
        check: Check,
    },
    // Open sync conflicts belong here once offline sync exists (a later issue): a variant naming
    // the conflicting field, produced from stored conflicts. Nothing produces one yet.
}

impl Attention {
    /// A stable code for styling and tests (`data-kind`).
    pub fn code(&self) -> &'static str {
        match self {
            Attention::AbsorptionBelowThreshold { .. } => "absorption",
            Attention::BehindTarget { .. } => "behind-target",
            Attention::MissingReports { .. } => "missing-report",
            Attention::MissingEvidence { .. } => "missing-evidence",
            Attention::WithdrawalPlanMismatch { .. } => "rpd-mismatch",
        }
    }

    /// What is wrong, in Indonesian.
    pub fn message(&self) -> String {
        match self {
            Attention::AbsorptionBelowThreshold {
                quarter,
                absorption,
                threshold,
            } => format!(
                "Penyerapan anggaran s.d. {quarter} baru {}, di bawah target {}",
                format_percent(*absorption),
                format_percent(*threshold)
            ),
            Attention::BehindTarget {
                indicator,
                name,
                against_target,
                standing,
            } => format!(
                "Indikator {}.{} {name}: capaian kumulatif {} dari target ({})",
                indicator.goal,
                indicator.indicator,
                format_percent(*against_target),
                standing.label()
            ),
            Attention::MissingReports {
                indicator,
                name,
                quarters,
            } => format!(
                "Indikator {}.{} {name}: laporan {} belum diisi",
                indicator.goal,
                indicator.indicator,
                quarters
                    .iter()
                    .map(|q| q.label())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Attention::MissingEvidence {
                indicator,
                name,
                quarters,
            } => format!(
                "Indikator {}.{} {name}: capaian {} dilaporkan tanpa data dukung (berkas atau \
                 tautan)",
                indicator.goal,
                indicator.indicator,
                quarters
                    .iter()
                    .map(|q| q.label())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Attention::WithdrawalPlanMismatch { name, check, .. } => {
                // Activity names mostly begin with "Kegiatan" already.
                format!("{name}: {}", check.message())
            }
        }
    }

    /// The place on the plan page where it is fixed.
    pub fn anchor(&self, plan: PlanId) -> String {
        match self {
            // The budget table, where realization is entered.
            Attention::AbsorptionBelowThreshold { .. } => format!("/rencana/{plan}#kegiatan-title"),
            Attention::BehindTarget { indicator, .. }
            | Attention::MissingReports { indicator, .. }
            | Attention::MissingEvidence { indicator, .. } => format!(
                "/rencana/{plan}#indikator-{}-{}",
                indicator.goal, indicator.indicator
            ),
            Attention::WithdrawalPlanMismatch { activity, .. } => {
                format!("/rencana/{plan}#kegiatan-{activity}")
            }
        }
    }
}

/// Everything that needs attention, in this order: absorption (the whole plan), then each
/// indicator in plan order (behind target, then missing reports), then activities in plan order.
/// `due` are the quarters whose report is due ([`super::due_quarters`]).
pub fn attention(
    plan: &Plan,
    absorption: &AbsorptionThresholds,
    standing: &StandingThresholds,
    due: &[Quarter],
) -> Vec<Attention> {
    let mut items = Vec::new();
    if let Some(&quarter) = due.last() {
        let threshold = absorption.target(quarter);
        if let Some(value) = plan_totals(plan).cumulative_absorption(quarter) {
            if value < threshold {
                items.push(Attention::AbsorptionBelowThreshold {
                    quarter,
                    absorption: value,
                    threshold,
                });
            }
        }
    }
    for goal in &plan.goals {
        for indicator in &goal.indicators {
            let at = IndicatorRef {
                goal: goal.number,
                indicator: indicator.number,
            };
            // Judged on every quarter entered so far, as the bar chart's "Kumulatif" shows it; an
            // indicator with nothing entered is not behind, its missing reports say so instead.
            if let Some(value) = year_to_date_against_target(indicator) {
                let standing = standing.standing(value);
                if standing != Standing::Met {
                    items.push(Attention::BehindTarget {
                        indicator: at,
                        name: indicator.name.clone(),
                        against_target: value,
                        standing,
                    });
                }
            }
            let missing: Vec<Quarter> = due
                .iter()
                .copied()
                .filter(|q| is_empty(indicator.quarter(*q)))
                .collect();
            if !missing.is_empty() {
                items.push(Attention::MissingReports {
                    indicator: at,
                    name: indicator.name.clone(),
                    quarters: missing,
                });
            }
        }
    }
    for activity in &plan.activities {
        if let Some(check) = withdrawal_plan_check(activity) {
            items.push(Attention::WithdrawalPlanMismatch {
                activity: activity.id,
                name: activity.name.clone(),
                check,
            });
        }
    }
    items
}

/// Indicators whose due quarters report achievement (A, B or its text) with no evidence
/// attached (`counts`: attachments per quarter), in plan order.
pub fn missing_evidence(
    plan: &Plan,
    counts: &crate::evidence::EvidenceCounts,
    due: &[Quarter],
) -> Vec<Attention> {
    let mut items = Vec::new();
    for goal in &plan.goals {
        for indicator in &goal.indicators {
            let Some(id) = indicator.id else { continue };
            let quarters: Vec<Quarter> = due
                .iter()
                .copied()
                .filter(|q| !is_empty(indicator.quarter(*q)))
                .filter(|q| {
                    counts.of(&crate::evidence::Slot {
                        owner: crate::evidence::Owner::Indicator(id),
                        quarter: *q,
                    }) == 0
                })
                .collect();
            if !quarters.is_empty() {
                items.push(Attention::MissingEvidence {
                    indicator: IndicatorRef {
                        goal: goal.number,
                        indicator: indicator.number,
                    },
                    name: indicator.name.clone(),
                    quarters,
                });
            }
        }
    }
    items
}

/// Nothing reported: the planned work, evidence and note may be filled in ahead, so they do
/// not count as a report.
fn is_empty(report: &QuarterReport) -> bool {
    report.numerator.is_none()
        && report.denominator.is_none()
        && report.achievement.trim().is_empty()
}

#[cfg(test)]
#[path = "attention_tests.rs"]
mod tests;
