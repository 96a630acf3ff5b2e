//! The unit tree, as a table in tree order with each unit's parent named, and the units an admin
//! may choose in the forms.

use crate::components::{col, Column, ScrollTable};
use leptos::prelude::*;
use model::access::Unit;
use model::time::zone_of_unit;
use model::UnitId;
use std::collections::HashSet;

/// `units` in tree order (each unit followed by the units below it), with their depth. Units
/// whose parent is not in the list start a tree of their own; a cycle in the links (which
/// storage prevents) cannot loop.
pub fn tree_order(units: &[Unit]) -> Vec<(usize, &Unit)> {
    let known: HashSet<UnitId> = units.iter().map(|u| u.id).collect();
    let mut order = Vec::with_capacity(units.len());
    let mut seen = HashSet::new();
    let roots = units
        .iter()
        .filter(|u| u.parent.is_none_or(|p| !known.contains(&p)));
    for root in roots {
        visit(units, root, 0, &mut seen, &mut order);
    }
    // Whatever a cycle kept from being reached.
    for unit in units {
        visit(units, unit, 0, &mut seen, &mut order);
    }
    order
}

fn visit<'a>(
    units: &'a [Unit],
    unit: &'a Unit,
    depth: usize,
    seen: &mut HashSet<UnitId>,
    order: &mut Vec<(usize, &'a Unit)>,
) {
    if !seen.insert(unit.id) {
        return;
    }
    order.push((depth, unit));
    for child in units.iter().filter(|u| u.parent == Some(unit.id)) {
        visit(units, child, depth + 1, seen, order);
    }
}

/// The name of `id` among `units`, or its number when it is not there.
pub fn unit_name(units: &[Unit], id: UnitId) -> String {
    units
        .iter()
        .find(|u| u.id == id)
        .map(|u| u.name.clone())
        .unwrap_or_else(|| format!("Unit #{id}"))
}

/// The units an admin may pick (the ones they manage), in tree order, each with a label that
/// names its parent so that units of the same name stay apart.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UnitChoices {
    pub options: Vec<(UnitId, String)>,
    /// Every unit's name, for the roles people hold.
    pub names: Vec<(UnitId, String)>,
}

impl UnitChoices {
    pub fn new(units: &[Unit], manageable: &[UnitId]) -> UnitChoices {
        let options = tree_order(units)
            .into_iter()
            .filter(|(_, u)| manageable.contains(&u.id))
            .map(|(_, u)| {
                let label = match u.parent {
                    Some(parent) => format!("{} ({})", u.name, unit_name(units, parent)),
                    None => u.name.clone(),
                };
                (u.id, label)
            })
            .collect();
        let names = units.iter().map(|u| (u.id, u.name.clone())).collect();
        UnitChoices { options, names }
    }

    pub fn name(&self, id: UnitId) -> String {
        self.names
            .iter()
            .find(|(unit, _)| *unit == id)
            .map(|(_, name)| name.clone())
            .unwrap_or_else(|| format!("Unit #{id}"))
    }

    pub fn manages(&self, id: UnitId) -> bool {
        self.options.iter().any(|(unit, _)| *unit == id)
    }

    /// `<option>`s for a unit `<select>`.
    pub fn view(&self) -> impl IntoView {
        self.options
            .iter()
            .map(|(id, label)| view! { <option value=id.0>{label.clone()}</option> })
            .collect_view()
    }
}

const COLUMNS: &[Column] = &[
    col("Unit"),
    col("Induk"),
    col("Zona waktu"),
    col("Anda kelola"),
];

/// `WITA` when set on the unit, `WITA (dari induk)` when it keeps its parent's, `WIB (bawaan)`
/// for a top unit with none set.
fn zone_text(units: &[Unit], unit: &Unit) -> String {
    let zone = zone_of_unit(units, unit.id).code();
    match (unit.zone, unit.parent) {
        (Some(_), _) => zone.to_owned(),
        (None, Some(_)) => format!("{zone} (dari induk)"),
        (None, None) => format!("{zone} (bawaan)"),
    }
}

#[component]
pub fn UnitTable(units: Vec<Unit>, manageable: Vec<UnitId>) -> impl IntoView {
    let rows = tree_order(&units)
        .into_iter()
        .map(|(depth, unit)| {
            let parent = unit
                .parent
                .map(|p| unit_name(&units, p))
                .unwrap_or_else(|| "\u{2014}".to_owned());
            let managed = manageable.contains(&unit.id);
            let zone = zone_text(&units, unit);
            view! {
                <tr class="unit-row" data-depth=depth>
                    <td>
                        <span class="unit-name" style=format!("padding-left: {}rem", depth)>{unit.name.clone()}</span>
                    </td>
                    <td>{parent}</td>
                    <td class="unit-zone">{zone}</td>
                    <td>{if managed { "Ya" } else { "Tidak" }}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="unit-title">
            <h2 id="unit-title">"Unit"</h2>
            <ScrollTable class="units" columns=COLUMNS>
                {rows}
            </ScrollTable>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(id: i64, name: &str, parent: Option<i64>) -> Unit {
        Unit {
            id: UnitId(id),
            name: name.into(),
            parent: parent.map(UnitId),
            zone: None,
        }
    }

    #[test]
    fn units_come_in_tree_order_with_their_depth() {
        let units = [
            unit(3, "Lapas Luwuk", Some(1)),
            unit(1, "Kanwil Sulteng", None),
            unit(2, "Kanwil Sulsel", None),
            unit(4, "Rutan Makassar", Some(2)),
            unit(5, "Lingkar", Some(6)),
            unit(6, "Lingkar juga", Some(5)),
        ];
        let order: Vec<(usize, i64)> = tree_order(&units)
            .into_iter()
            .map(|(d, u)| (d, u.id.0))
            .collect();
        assert_eq!(order, [(0, 1), (1, 3), (0, 2), (1, 4), (0, 5), (1, 6)]);
    }

    #[test]
    fn choices_are_the_managed_units_named_with_their_parent() {
        let units = [unit(1, "Kanwil", None), unit(2, "Lapas", Some(1))];
        let choices = UnitChoices::new(&units, &[UnitId(2)]);
        assert_eq!(choices.options, [(UnitId(2), "Lapas (Kanwil)".to_owned())]);
        assert!(!choices.manages(UnitId(1)));
        assert_eq!(choices.name(UnitId(1)), "Kanwil");
    }

    #[test]
    fn a_units_zone_says_whether_it_is_its_own_or_its_parents() {
        let mut kanwil = unit(1, "Kanwil", None);
        kanwil.zone = Some(model::time::Zone::Wita);
        let units = [kanwil, unit(2, "Lapas", Some(1)), unit(3, "Lain", None)];
        assert_eq!(zone_text(&units, &units[0]), "WITA");
        assert_eq!(zone_text(&units, &units[1]), "WITA (dari induk)");
        assert_eq!(zone_text(&units, &units[2]), "WIB (bawaan)");
    }
}
