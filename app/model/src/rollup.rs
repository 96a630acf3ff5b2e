//! The roll-up (`/unit/{id}`): every unit at and below one, for a fiscal year and a quarter, one
//! row each. A row holds the unit's own plan's quarter state, and figures summed over the unit
//! and every unit below it (a Kanwil row sums its UPTs). Storage sums each plan's figures in SQL
//! (each activity once, however many indicators it serves); this places them in the tree, adds
//! every subtree up, and says what the sums mean.

use crate::access::{allows, Permission, Person, Unit, UnitTree};
use crate::dashboard::StandingCounts;
use crate::deadlines::{Day, ReportDeadlines};
use crate::figures::percent_of;
use crate::ids::{PlanId, UnitId};
use crate::money::Rupiah;
use crate::quarter::Quarter;
use crate::time::{zone_of_unit, Timestamp};
use crate::workflow::QuarterState;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::ops::RangeInclusive;

pub mod attention;
pub mod live;
pub mod order;

/// The fiscal years a plan may have.
pub const FISCAL_YEARS: RangeInclusive<i32> = 2000..=2100;

/// The year an address names (`?tahun=2026`), or why it names none, in the words a page shows.
pub fn fiscal_year_from_query(raw: &str) -> Result<i32, String> {
    raw.trim()
        .parse::<i32>()
        .ok()
        .filter(|y| FISCAL_YEARS.contains(y))
        .ok_or_else(|| {
            format!(
                "Tahun \u{201c}{}\u{201d} tidak sah: tulis tahun empat angka antara {} dan {}",
                crate::text::excerpt(raw, 20),
                FISCAL_YEARS.start(),
                FISCAL_YEARS.end()
            )
        })
}

/// The units whose roll-up the home page offers `person`: those where a role of theirs reaches
/// more than one unit (a pimpinan of a unit with units below it), leaving out any that lies
/// below another one offered. In grant order.
/// The year a roll-up shows when the address names none: this year when it has plans, else the
/// latest earlier year that has (a plan already made for next year does not move the view
/// into the future), else the earliest later one. `years` are the years with plans.
pub fn default_year(years: &[i32], this_year: i32) -> i32 {
    if years.is_empty() || years.contains(&this_year) {
        return this_year;
    }
    let before = years.iter().copied().filter(|y| *y < this_year).max();
    let after = years.iter().copied().filter(|y| *y > this_year).min();
    before.or(after).unwrap_or(this_year)
}

pub fn offered_units(person: &Person, tree: &UnitTree) -> Vec<UnitId> {
    let reaching: Vec<UnitId> = person
        .grants
        .iter()
        .map(|g| g.unit)
        .filter(|u| tree.has_units_below(*u))
        .filter(|u| {
            tree.children_of(*u)
                .any(|below| allows(person, tree, Permission::ReadPlan, below))
        })
        .collect();
    let mut offered: Vec<UnitId> = Vec::new();
    for unit in &reaching {
        let below_another = reaching
            .iter()
            .any(|other| other != unit && tree.is_within(*unit, *other));
        if !below_another && !offered.contains(unit) {
            offered.push(*unit);
        }
    }
    offered
}

/// Who changed a plan last, and when (its newest audit line).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LastChange {
    pub by: String,
    pub at: Timestamp,
    /// The audit line's number: a later line has a larger one, which orders changes made in
    /// the same second.
    pub line: i64,
}

/// One plan's figures for the year and quarter, as storage sums them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanFigures {
    pub plan: PlanId,
    pub state: QuarterState,
    pub activities: u32,
    pub budget: Rupiah,
    pub blocked: Rupiah,
    /// Realization of the quarters up to and including the chosen one.
    pub realized: Rupiah,
    /// Activities whose four RPD quarters do not add up to their pagu
    /// (`checks::withdrawal_plan_check`).
    pub rpd_mismatches: u32,
    pub open_conflicts: u32,
    pub last_change: Option<LastChange>,
    /// Its indicators by standing at the end of the quarter (`dashboard::standing_counts`), as
    /// kept beside the plan by every write (`plan_standings`).
    pub standings: StandingCounts,
    /// The quarter's deadline has passed, in the unit's zone, and it is not approved
    /// ([`mark_overdue`]; storage leaves it `false`).
    pub overdue: bool,
}

/// Marks each plan whose quarter is overdue on the day its own unit is in at `now`.
pub fn mark_overdue(
    plans: &mut HashMap<UnitId, PlanFigures>,
    units: &[Unit],
    deadlines: &ReportDeadlines,
    quarter: Quarter,
    now: Timestamp,
) {
    for (unit, plan) in plans.iter_mut() {
        let zone = zone_of_unit(units, *unit);
        plan.overdue = deadlines.is_overdue(quarter, &plan.state, now, zone);
    }
}

impl PlanFigures {
    /// Penyerapan of this plan alone, as [`Sums::absorption`] rules it.
    pub fn absorption(&self) -> Option<Decimal> {
        percent_of(
            self.realized.amount(),
            (self.budget - self.blocked).amount(),
        )
    }
}

/// How many plans stand in each quarter state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StateCounts {
    pub draft: u32,
    pub submitted: u32,
    pub approved: u32,
    pub returned: u32,
}

impl StateCounts {
    fn count(&mut self, state: &QuarterState) {
        match state {
            QuarterState::Draft => self.draft += 1,
            QuarterState::Submitted { .. } => self.submitted += 1,
            QuarterState::Approved { .. } => self.approved += 1,
            QuarterState::Returned { .. } => self.returned += 1,
        }
    }

    fn add(&mut self, other: StateCounts) {
        self.draft += other.draft;
        self.submitted += other.submitted;
        self.approved += other.approved;
        self.returned += other.returned;
    }

    /// `2 disetujui · 1 dikembalikan`: the states that occur, in workflow order.
    pub fn describe(&self) -> String {
        let parts: Vec<String> = [
            (self.draft, "draf"),
            (self.submitted, "diajukan"),
            (self.approved, "disetujui"),
            (self.returned, "dikembalikan"),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, word)| format!("{n} {word}"))
        .collect();
        if parts.is_empty() {
            "belum ada rencana".to_owned()
        } else {
            parts.join(" \u{00b7} ")
        }
    }
}

/// Figures summed over a set of plans (a unit and the units below it).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Sums {
    pub plans: u32,
    pub states: StateCounts,
    pub activities: u32,
    pub budget: Rupiah,
    pub blocked: Rupiah,
    pub realized: Rupiah,
    pub rpd_mismatches: u32,
    pub open_conflicts: u32,
    /// The newest change of any of the plans.
    pub last_change: Option<LastChange>,
    /// Indicators of all the plans by standing.
    pub standings: StandingCounts,
    /// Plans whose quarter is overdue.
    pub overdue: u32,
}

impl Sums {
    pub fn add_plan(&mut self, plan: &PlanFigures) {
        self.plans += 1;
        self.states.count(&plan.state);
        self.activities += plan.activities;
        self.budget = self.budget + plan.budget;
        self.blocked = self.blocked + plan.blocked;
        self.realized = self.realized + plan.realized;
        self.rpd_mismatches += plan.rpd_mismatches;
        self.open_conflicts += plan.open_conflicts;
        self.take_newer(plan.last_change.as_ref());
        self.standings.add(plan.standings);
        self.overdue += u32::from(plan.overdue);
    }

    pub fn add(&mut self, other: &Sums) {
        self.plans += other.plans;
        self.states.add(other.states);
        self.activities += other.activities;
        self.budget = self.budget + other.budget;
        self.blocked = self.blocked + other.blocked;
        self.realized = self.realized + other.realized;
        self.rpd_mismatches += other.rpd_mismatches;
        self.open_conflicts += other.open_conflicts;
        self.take_newer(other.last_change.as_ref());
        self.standings.add(other.standings);
        self.overdue += other.overdue;
    }

    fn take_newer(&mut self, change: Option<&LastChange>) {
        if let Some(change) = change {
            let newer = |c: &LastChange| (change.at, change.line) > (c.at, c.line);
            if self.last_change.as_ref().is_none_or(newer) {
                self.last_change = Some(change.clone());
            }
        }
    }

    /// Pagu − blokir: what may be spent.
    pub fn available(&self) -> Rupiah {
        self.budget - self.blocked
    }

    /// Penyerapan up to the chosen quarter: realization / (pagu − blokir) × 100, the dashboard's
    /// rule (`BudgetTotals::cumulative_absorption`); `None` with nothing to spend.
    pub fn absorption(&self) -> Option<Decimal> {
        percent_of(self.realized.amount(), self.available().amount())
    }

    /// Absorption minus the year's target for the quarter, in percentage points (negative:
    /// behind).
    pub fn against_target(&self, target: Decimal) -> Option<Decimal> {
        self.absorption().map(|a| a - target)
    }

    /// "Perlu perhatian": an overdue quarter (which includes one waiting for approval past its
    /// deadline), an indicator behind its target, or absorption below the quarter's target.
    pub fn needs_attention(&self, target: Decimal) -> bool {
        self.overdue > 0
            || self.standings.behind > 0
            || self
                .against_target(target)
                .is_some_and(|g| g < Decimal::ZERO)
    }
}

/// One unit's row.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RollupRow {
    pub unit: UnitId,
    pub name: String,
    /// 0 for the unit the roll-up is of, 1 for the units right below it, and so on.
    pub depth: u32,
    /// The unit's own plan of the year, and its state in the quarter; `None` without a plan.
    pub plan: Option<(PlanId, QuarterState)>,
    /// The unit's own plan is overdue in the quarter (terlambat).
    pub overdue: bool,
    /// Whether units below it are summed into `sums`.
    pub has_units_below: bool,
    /// The unit's own plan and those of every unit below it that is in reach.
    pub sums: Sums,
}

/// The whole roll-up page's data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rollup {
    pub unit: UnitId,
    pub year: i32,
    pub quarter: Quarter,
    /// The year's absorption target at the end of the quarter, in percent.
    pub target: Decimal,
    /// The fiscal years with a plan in the unit's subtree, newest first (the year switcher).
    pub years: Vec<i32>,
    /// The unit first, then each unit below it after its parent, by name.
    pub rows: Vec<RollupRow>,
    /// Every plan in reach, once: the first row's sums.
    pub total: Sums,
    /// The zone the page's times are read in: the unit's (`time::zone_of_unit`).
    pub zone: crate::time::Zone,
    /// The quarter's report deadline (the last day it may be approved).
    pub deadline: Day,
    /// What needs attention in every unit in reach, most urgent first.
    pub attention: Vec<attention::UnitAttention>,
    /// The units of `rows` and each one's own plan: what a live page sums again when one unit's
    /// plan changes (`live`), without asking for the others.
    pub units: Vec<Unit>,
    pub plans: Vec<(UnitId, PlanFigures)>,
}

/// The rows of `root` and every unit below it that `in_reach` admits (a unit out of reach is
/// left out with the units below it), each summing its subtree's plans. `plans` holds each
/// unit's plan of the year. `None` when `root` is not among `units` or not in reach.
pub fn roll_up(
    root: UnitId,
    units: &[Unit],
    plans: &HashMap<UnitId, PlanFigures>,
    in_reach: impl Fn(UnitId) -> bool,
) -> Option<Vec<RollupRow>> {
    let top = units.iter().find(|u| u.id == root)?;
    if !in_reach(root) {
        return None;
    }
    let mut children: HashMap<UnitId, Vec<&Unit>> = HashMap::new();
    for unit in units {
        if let Some(parent) = unit.parent {
            children.entry(parent).or_default().push(unit);
        }
    }
    for list in children.values_mut() {
        list.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.0.cmp(&b.id.0)));
    }
    let mut rows = Vec::new();
    // Depth first, parents before children; a stored cycle (which storage prevents) is cut by
    // never visiting a unit twice.
    let mut seen = std::collections::HashSet::new();
    place(top, 0, &children, plans, &in_reach, &mut seen, &mut rows);
    Some(rows)
}

/// Pushes `unit`'s row and its subtree's, and returns the subtree's sums.
fn place(
    unit: &Unit,
    depth: u32,
    children: &HashMap<UnitId, Vec<&Unit>>,
    plans: &HashMap<UnitId, PlanFigures>,
    in_reach: &impl Fn(UnitId) -> bool,
    seen: &mut std::collections::HashSet<UnitId>,
    rows: &mut Vec<RollupRow>,
) -> Sums {
    seen.insert(unit.id);
    let at = rows.len();
    let own = plans.get(&unit.id);
    let mut sums = Sums::default();
    if let Some(plan) = own {
        sums.add_plan(plan);
    }
    rows.push(RollupRow {
        unit: unit.id,
        name: unit.name.clone(),
        depth,
        plan: own.map(|p| (p.plan, p.state.clone())),
        overdue: own.is_some_and(|p| p.overdue),
        has_units_below: false,
        sums: Sums::default(),
    });
    let below = children
        .get(&unit.id)
        .map(Vec::as_slice)
        .unwrap_or_default();
    for child in below {
        if seen.contains(&child.id) || !in_reach(child.id) {
            continue;
        }
        let child_sums = place(child, depth + 1, children, plans, in_reach, seen, rows);
        sums.add(&child_sums);
        if let Some(row) = rows.get_mut(at) {
            row.has_units_below = true;
        }
    }
    if let Some(row) = rows.get_mut(at) {
        row.sums = sums.clone();
    }
    sums
}

#[cfg(test)]
#[path = "rollup_tests.rs"]
mod tests;
