//! The roll-up's table: headings that sort (links, so they work without JavaScript), one row
//! per unit in the order `model::rollup::order::arrange` gave, and the total row, which always
//! sums every unit in reach whatever the filter shows.

use super::address;
use leptos::prelude::*;
use model::number::{format_percent, format_percent_or_dash};
use model::rollup::order::{RowView, SortKey};
use model::rollup::{RollupRow, Sums};
use model::time::Zone;
use model::{Quarter, UnitId};
use rust_decimal::Decimal;

/// Where the table sits: the roll-up's unit, year, quarter, target, zone and view.
#[derive(Clone, Copy)]
pub(super) struct Place {
    pub root: UnitId,
    pub year: i32,
    pub quarter: Quarter,
    pub target: Decimal,
    pub zone: Zone,
    pub view: RowView,
}

/// The columns in order: a heading and, for a sortable one, its key; whether it holds figures.
const COLUMNS: &[(&str, Option<SortKey>, bool)] = &[
    ("Unit", Some(SortKey::Unit), false),
    ("Keadaan triwulan", Some(SortKey::State), false),
    (
        "Indikator tercapai / mendekati / tertinggal",
        Some(SortKey::Standing),
        true,
    ),
    ("RPD \u{2260} pagu", Some(SortKey::RpdMismatches), true),
    ("Pagu \u{2212} blokir (Rp)", Some(SortKey::Available), true),
    (
        "Realisasi s.d. triwulan (Rp)",
        Some(SortKey::Realized),
        true,
    ),
    ("Penyerapan", Some(SortKey::Absorption), true),
    ("Selisih dari target", None, true),
    ("Konflik terbuka", Some(SortKey::Conflicts), true),
    ("Perubahan terakhir", Some(SortKey::LastChange), false),
];

#[component]
pub(super) fn RollupTable(rows: Vec<RollupRow>, total: Sums, place: Place) -> impl IntoView {
    let headings = COLUMNS
        .iter()
        .map(|(title, key, numeric)| {
            let class = numeric.then_some("num");
            let Some(key) = key else {
                return view! { <th scope="col" class=class>{*title}</th> }.into_any();
            };
            let sorted = place.view.sort == *key;
            let sort = sorted.then_some(if place.view.descending {
                "descending"
            } else {
                "ascending"
            });
            let arrow = match sort {
                Some("descending") => " \u{25bc}",
                Some(_) => " \u{25b2}",
                None => "",
            };
            let to = address(
                place.root,
                place.year,
                place.quarter,
                &place.view.sorted_by(*key),
            );
            view! {
                <th scope="col" class=class aria-sort=sort>
                    <a class="sort" href=to>{*title}{arrow}</a>
                </th>
            }
            .into_any()
        })
        .collect_view();
    let body = rows
        .into_iter()
        .map(|row| view! { <UnitRow row place/> })
        .collect_view();
    view! {
        <div class="table-scroll" role="region" tabindex="0" aria-label="Rekap unit">
            <table class="rollup-table">
                <thead>
                    <tr>{headings}</tr>
                </thead>
                <tbody>
                    {body}
                    <TotalRow total place/>
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn UnitRow(row: RollupRow, place: Place) -> impl IntoView {
    let RollupRow {
        unit,
        name,
        depth,
        plan,
        overdue,
        has_units_below,
        sums,
    } = row;
    let mut state = match &plan {
        Some((_, state)) => state.label().to_owned(),
        None => "Belum ada rencana".to_owned(),
    };
    if overdue {
        state.push_str(" \u{00b7} terlambat");
    }
    let state_class = match &plan {
        Some(_) if overdue => "state overdue".to_owned(),
        Some((_, state)) => format!("state state-{}", state.code()),
        None => "muted".to_owned(),
    };
    let links = plan.map(|(id, _)| {
        view! {
            <a href=format!("/rencana/{id}")>"Rencana"</a>
            " \u{00b7} "
            <a href=format!("/rencana/{id}/dasbor")>"Dasbor"</a>
        }
    });
    let below = (has_units_below && unit != place.root).then(|| {
        let to = address(unit, place.year, place.quarter, &place.view);
        view! { " \u{00b7} " <a href=to>"Rekap"</a> }
    });
    let summed = has_units_below.then(|| {
        let mut text = format!("termasuk unit di bawahnya: {}", sums.states.describe());
        if sums.overdue > 0 {
            text.push_str(&format!(" \u{00b7} {} terlambat", sums.overdue));
        }
        view! { <div class="muted">{text}</div> }
    });
    view! {
        <tr class=format!("depth-{}", depth.min(4)) data-unit=unit.0>
            <th scope="row">
                <span class="unit-name">{name}</span>
                <div class="unit-links">{links}{below}</div>
                {summed}
            </th>
            <td class=state_class>{state}</td>
            <Figures sums place/>
        </tr>
    }
}

#[component]
fn TotalRow(total: Sums, place: Place) -> impl IntoView {
    let mut states = total.states.describe();
    if total.overdue > 0 {
        states.push_str(&format!(" \u{00b7} {} terlambat", total.overdue));
    }
    view! {
        <tr class="total">
            <th scope="row">{format!("Jumlah ({} rencana)", total.plans)}</th>
            <td>{states}</td>
            <Figures sums=total place/>
        </tr>
    }
}

/// The figure cells of a row, in the columns' order after the state.
#[component]
fn Figures(sums: Sums, place: Place) -> impl IntoView {
    let gap = sums.against_target(place.target);
    let gap_class = match gap {
        Some(g) if g < Decimal::ZERO => "num behind",
        _ => "num",
    };
    let gap_text = match gap {
        Some(g) if g > Decimal::ZERO => format!("+{}", format_percent(g)),
        other => format_percent_or_dash(other),
    };
    let last = match &sums.last_change {
        Some(change) => format!("{} \u{00b7} {}", change.by, change.at.in_zone(place.zone)),
        None => "\u{2013}".to_owned(),
    };
    let flagged = |n: u32| if n > 0 { "num flagged" } else { "num" };
    let s = sums.standings;
    let unreported = (s.unreported > 0).then(|| {
        view! { <div class="muted">{format!("{} belum diisi", s.unreported)}</div> }
    });
    view! {
        <td class=flagged(s.behind) data-standing=format!("{}/{}/{}", s.met, s.close, s.behind)>
            {format!("{} / {} / {}", s.met, s.close, s.behind)}
            {unreported}
        </td>
        <td class=flagged(sums.rpd_mismatches)>{sums.rpd_mismatches}</td>
        <td class="num">{sums.available().to_string()}</td>
        <td class="num">{sums.realized.to_string()}</td>
        <td class="num">{format_percent_or_dash(sums.absorption())}</td>
        <td class=gap_class>{gap_text}</td>
        <td class=flagged(sums.open_conflicts)>{sums.open_conflicts}</td>
        <td class="last-change">{last}</td>
    }
}
