//! How the roll-up's rows are shown: sorted by a column and, when asked, only the units that
//! need attention, told by the address (`?urut=penyerapan&arah=turun&perhatian=1`) so that the
//! page sorts and filters with JavaScript off and the hydrated page does the same through the
//! router. The tree stays a tree: units are sorted among their siblings, and a unit kept by the
//! filter keeps the units above it (whose sums include it), so every row still sits under its
//! parent. The total row is not a row here: it always sums everything in reach.

use super::{RollupRow, Sums};
use crate::workflow::QuarterState;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// A column the rows can be sorted by; `code` is its word in the address.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SortKey {
    /// By name, as the tree lists them.
    #[default]
    Unit,
    /// Most urgent first: overdue, returned, draft, submitted, approved, no plan.
    State,
    /// Most indicators behind first, then most close.
    Standing,
    RpdMismatches,
    Available,
    Realized,
    Absorption,
    Conflicts,
    LastChange,
}

impl SortKey {
    pub const ALL: [SortKey; 9] = [
        SortKey::Unit,
        SortKey::State,
        SortKey::Standing,
        SortKey::RpdMismatches,
        SortKey::Available,
        SortKey::Realized,
        SortKey::Absorption,
        SortKey::Conflicts,
        SortKey::LastChange,
    ];

    pub fn code(self) -> &'static str {
        match self {
            SortKey::Unit => "unit",
            SortKey::State => "keadaan",
            SortKey::Standing => "capaian",
            SortKey::RpdMismatches => "rpd",
            SortKey::Available => "pagu",
            SortKey::Realized => "realisasi",
            SortKey::Absorption => "penyerapan",
            SortKey::Conflicts => "konflik",
            SortKey::LastChange => "perubahan",
        }
    }

    pub fn from_code(code: &str) -> Option<SortKey> {
        SortKey::ALL.into_iter().find(|k| k.code() == code.trim())
    }
}

/// Sorting and filtering, as the address asks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowView {
    pub sort: SortKey,
    pub descending: bool,
    /// "Hanya yang perlu perhatian" ([`Sums::needs_attention`]).
    pub attention_only: bool,
}

impl RowView {
    /// Reads `urut`, `arah` (`naik` / `turun`) and `perhatian` (`1` / `0`); anything else is
    /// refused with the words a page shows.
    pub fn from_query(
        sort: Option<&str>,
        direction: Option<&str>,
        attention: Option<&str>,
    ) -> Result<RowView, String> {
        let sort = match sort {
            None => SortKey::Unit,
            Some(raw) => SortKey::from_code(raw).ok_or_else(|| {
                format!(
                    "Urutan \u{201c}{}\u{201d} tidak dikenal: pilih salah satu kolom ({})",
                    crate::text::excerpt(raw, 20),
                    SortKey::ALL.map(SortKey::code).join(", ")
                )
            })?,
        };
        let descending = match direction.map(str::trim) {
            None | Some("naik") => false,
            Some("turun") => true,
            Some(raw) => {
                return Err(format!(
                    "Arah \u{201c}{}\u{201d} tidak dikenal: pilih naik atau turun",
                    crate::text::excerpt(raw, 20)
                ))
            }
        };
        let attention_only = match attention.map(str::trim) {
            None | Some("0") => false,
            Some("1") => true,
            Some(raw) => {
                return Err(format!(
                    "Saringan \u{201c}{}\u{201d} tidak dikenal: tulis perhatian=1 atau 0",
                    crate::text::excerpt(raw, 20)
                ))
            }
        };
        Ok(RowView {
            sort,
            descending,
            attention_only,
        })
    }

    /// The query this view adds to an address (`urut=rpd&arah=turun&perhatian=1`), leaving out
    /// what is the default; empty for the default view.
    pub fn query(&self) -> String {
        let mut parts = Vec::new();
        if self.sort != SortKey::Unit {
            parts.push(format!("urut={}", self.sort.code()));
        }
        if self.descending {
            parts.push("arah=turun".to_owned());
        }
        if self.attention_only {
            parts.push("perhatian=1".to_owned());
        }
        parts.join("&")
    }

    /// The view a column heading's link leads to: that column ascending, or descending when it
    /// is already sorted ascending.
    pub fn sorted_by(&self, key: SortKey) -> RowView {
        RowView {
            sort: key,
            descending: self.sort == key && !self.descending,
            attention_only: self.attention_only,
        }
    }

    /// The same view with the filter turned on or off.
    pub fn filtered(&self, attention_only: bool) -> RowView {
        RowView {
            attention_only,
            ..*self
        }
    }
}

/// `rows` (the tree, parents first, as `roll_up` makes them) filtered and sorted per `view`.
/// The first row, the unit the roll-up is of, always stays first.
pub fn arrange(rows: Vec<RollupRow>, view: &RowView, target: Decimal) -> Vec<RollupRow> {
    let mut nodes = nest(rows);
    if view.attention_only {
        for node in &mut nodes {
            prune(&mut node.children, target);
        }
    }
    let mut out = Vec::new();
    for node in nodes {
        flatten(node, view, &mut out);
    }
    out
}

struct Node {
    row: RollupRow,
    children: Vec<Node>,
}

/// Rebuilds the tree from rows listed parents first with their depth.
fn nest(rows: Vec<RollupRow>) -> Vec<Node> {
    let mut roots: Vec<Node> = Vec::new();
    // The path from a root to the row placed last: `stack[d]` is at depth `d` below the root.
    let mut stack: Vec<Node> = Vec::new();
    for row in rows {
        let depth = usize::try_from(row.depth).unwrap_or(usize::MAX);
        while stack.len() > depth {
            close(&mut stack, &mut roots);
        }
        stack.push(Node {
            row,
            children: Vec::new(),
        });
    }
    while !stack.is_empty() {
        close(&mut stack, &mut roots);
    }
    roots
}

fn close(stack: &mut Vec<Node>, roots: &mut Vec<Node>) {
    if let Some(node) = stack.pop() {
        match stack.last_mut() {
            Some(parent) => parent.children.push(node),
            None => roots.push(node),
        }
    }
}

fn prune(children: &mut Vec<Node>, target: Decimal) {
    children.retain(|n| n.row.sums.needs_attention(target));
    for child in children {
        prune(&mut child.children, target);
    }
}

fn flatten(node: Node, view: &RowView, out: &mut Vec<RollupRow>) {
    let Node { row, mut children } = node;
    out.push(row);
    children.sort_by(|a, b| {
        let by_key = compare(&a.row, &b.row, view.sort);
        let by_key = if view.descending {
            by_key.reverse()
        } else {
            by_key
        };
        by_key.then_with(|| a.row.name.cmp(&b.row.name))
    });
    for child in children {
        flatten(child, view, out);
    }
}

fn compare(a: &RollupRow, b: &RollupRow, key: SortKey) -> Ordering {
    let (x, y) = (&a.sums, &b.sums);
    match key {
        SortKey::Unit => a.name.cmp(&b.name),
        SortKey::State => state_rank(a).cmp(&state_rank(b)),
        SortKey::Standing => {
            (y.standings.behind, y.standings.close).cmp(&(x.standings.behind, x.standings.close))
        }
        SortKey::RpdMismatches => x.rpd_mismatches.cmp(&y.rpd_mismatches),
        SortKey::Available => x.available().cmp(&y.available()),
        SortKey::Realized => x.realized.cmp(&y.realized),
        SortKey::Absorption => x.absorption().cmp(&y.absorption()),
        SortKey::Conflicts => x.open_conflicts.cmp(&y.open_conflicts),
        SortKey::LastChange => last(x).cmp(&last(y)),
    }
}

fn last(sums: &Sums) -> Option<(i64, i64)> {
    sums.last_change.as_ref().map(|c| (c.at.0, c.line))
}

fn state_rank(row: &RollupRow) -> u8 {
    match &row.plan {
        _ if row.overdue => 0,
        Some((_, QuarterState::Returned { .. })) => 1,
        Some((_, QuarterState::Draft)) => 2,
        Some((_, QuarterState::Submitted { .. })) => 3,
        Some((_, QuarterState::Approved { .. })) => 4,
        None => 5,
    }
}
