//! "Yang perlu perhatian di semua unit": one list over every unit in reach, most urgent first,
//! each item a link to the place where it is fixed. Urgency: a quarter overdue and not yet
//! submitted (draft or returned), indicators behind their target (most first), absorption
//! below the quarter's target (furthest first), a submitted quarter still waiting for approval
//! past its deadline. Built from each unit's own plan, never from subtree sums, so an item
//! names the plan to open.

use super::{PlanFigures, RollupRow};
use crate::deadlines::Day;
use crate::ids::{PlanId, UnitId};
use crate::number::format_percent;
use crate::quarter::Quarter;
use crate::workflow::QuarterState;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Concern {
    /// Past the deadline and not submitted; `returned`: sent back and not resubmitted.
    Overdue { returned: bool },
    /// Indicators whose year-to-date achievement is below the "close" threshold.
    BehindTarget { behind: u32, indicators: u32 },
    AbsorptionBelowTarget {
        absorption: Decimal,
        target: Decimal,
    },
    /// Submitted, past the deadline, not approved: the pimpinan's to decide.
    AwaitingApproval,
}

impl Concern {
    fn rank(&self) -> u8 {
        match self {
            Concern::Overdue { .. } => 0,
            Concern::BehindTarget { .. } => 1,
            Concern::AbsorptionBelowTarget { .. } => 2,
            Concern::AwaitingApproval => 3,
        }
    }

    /// Within a rank, the larger the worse.
    fn severity(&self) -> Decimal {
        match self {
            Concern::BehindTarget { behind, .. } => Decimal::from(*behind),
            Concern::AbsorptionBelowTarget { absorption, target } => *target - *absorption,
            Concern::Overdue { returned } => Decimal::from(u8::from(*returned)),
            Concern::AwaitingApproval => Decimal::ZERO,
        }
    }
}

/// One thing to look at in one unit's plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnitAttention {
    pub unit: UnitId,
    pub name: String,
    pub plan: PlanId,
    pub quarter: Quarter,
    pub deadline: Day,
    pub concern: Concern,
}

impl UnitAttention {
    /// A stable code for styling and tests (`data-kind`).
    pub fn code(&self) -> &'static str {
        match self.concern {
            Concern::Overdue { .. } => "overdue",
            Concern::BehindTarget { .. } => "behind-target",
            Concern::AbsorptionBelowTarget { .. } => "absorption",
            Concern::AwaitingApproval => "awaiting-approval",
        }
    }

    /// What is wrong, in Indonesian (the unit's name is shown beside it).
    pub fn message(&self) -> String {
        let q = self.quarter.label();
        let by = self.deadline.label();
        match &self.concern {
            Concern::Overdue { returned: true } => {
                format!("Laporan {q} terlambat: dikembalikan dan belum diajukan lagi (batas {by})")
            }
            Concern::Overdue { returned: false } => {
                format!("Laporan {q} terlambat: belum diajukan (batas {by})")
            }
            Concern::BehindTarget { behind, indicators } => {
                format!("{behind} dari {indicators} indikator tertinggal dari target s.d. {q}")
            }
            Concern::AbsorptionBelowTarget { absorption, target } => format!(
                "Penyerapan anggaran s.d. {q} baru {}, di bawah target {}",
                format_percent(*absorption),
                format_percent(*target)
            ),
            Concern::AwaitingApproval => {
                format!("Laporan {q} menunggu persetujuan melewati batas {by}")
            }
        }
    }

    /// Where it is fixed: the quarter's approval on the plan page, the dashboard's list of
    /// indicators behind, or the budget table.
    pub fn link(&self) -> String {
        let plan = self.plan;
        match self.concern {
            Concern::Overdue { .. } | Concern::AwaitingApproval => {
                format!("/rencana/{plan}#persetujuan")
            }
            Concern::BehindTarget { .. } => format!("/rencana/{plan}/dasbor#perhatian"),
            Concern::AbsorptionBelowTarget { .. } => format!("/rencana/{plan}#kegiatan-title"),
        }
    }
}

/// Everything needing attention in the units of `rows` (those in reach), most urgent first,
/// then by unit name.
pub fn attention_across(
    rows: &[RollupRow],
    plans: &HashMap<UnitId, PlanFigures>,
    quarter: Quarter,
    target: Decimal,
    deadline: Day,
) -> Vec<UnitAttention> {
    let mut items = Vec::new();
    for row in rows {
        let Some(plan) = plans.get(&row.unit) else {
            continue;
        };
        let mut push = |concern| {
            items.push(UnitAttention {
                unit: row.unit,
                name: row.name.clone(),
                plan: plan.plan,
                quarter,
                deadline,
                concern,
            });
        };
        if plan.overdue {
            match &plan.state {
                QuarterState::Submitted { .. } => push(Concern::AwaitingApproval),
                QuarterState::Returned { .. } => push(Concern::Overdue { returned: true }),
                _ => push(Concern::Overdue { returned: false }),
            }
        }
        if plan.standings.behind > 0 {
            push(Concern::BehindTarget {
                behind: plan.standings.behind,
                indicators: plan.standings.indicators(),
            });
        }
        if let Some(absorption) = plan.absorption().filter(|a| *a < target) {
            push(Concern::AbsorptionBelowTarget { absorption, target });
        }
    }
    items.sort_by(|a, b| {
        a.concern
            .rank()
            .cmp(&b.concern.rank())
            .then(b.concern.severity().cmp(&a.concern.severity()))
            .then(a.name.cmp(&b.name))
            .then(a.unit.0.cmp(&b.unit.0))
    });
    items
}
