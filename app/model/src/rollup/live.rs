//! An open roll-up, kept up to date: when a plan below is saved, the page fetches that one
//! unit's figures and sums the tree again here, in the browser, from the figures it already
//! holds. No other unit is asked for; the rows, the total and the attention list come out
//! exactly as the server would have made them (the same functions).

use super::attention::attention_across;
use super::{roll_up, PlanFigures, Rollup};
use crate::ids::UnitId;
use std::collections::HashMap;

impl Rollup {
    /// Whether `unit` has a row here (a change elsewhere is not this page's).
    pub fn shows(&self, unit: UnitId) -> bool {
        self.units.iter().any(|u| u.id == unit)
    }

    /// Puts `figures` as `unit`'s own plan (`None`: it has none) and sums everything again.
    /// A unit without a row changes nothing.
    pub fn replace_plan(&mut self, unit: UnitId, figures: Option<PlanFigures>) {
        if !self.shows(unit) {
            return;
        }
        self.plans.retain(|(u, _)| *u != unit);
        if let Some(figures) = figures {
            self.plans.push((unit, figures));
        }
        let plans: HashMap<UnitId, PlanFigures> = self.plans.iter().cloned().collect();
        // `units` holds only units in reach, so every one is.
        if let Some(rows) = roll_up(self.unit, &self.units, &plans, |_| true) {
            self.total = rows.first().map(|r| r.sums.clone()).unwrap_or_default();
            self.attention =
                attention_across(&rows, &plans, self.quarter, self.target, self.deadline);
            self.rows = rows;
        }
    }
}
