//! The roll-up (`/unit/{id}?tahun=2026&tw=2`): every unit at and below one, one row each, for a
//! year and a quarter: the quarter's state, RPD that does not add up to pagu, absorption against
//! the year's target, open sync conflicts and the last change, a unit's row summing the units
//! below it, and a total row. Server-rendered; it reads in full without JavaScript, and the year
//! and quarter are links.

use crate::api::rollup::get_rollup;
use crate::components::{col, num, Column, ErrorNote, ScrollTable};
use crate::error::AppError;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use model::number::{format_percent, format_percent_or_dash};
use model::rollup::{Rollup, RollupRow, Sums};
use model::time::Zone;
use model::{Quarter, UnitId};
use rust_decimal::Decimal;

/// What the address asks for: the unit, and the year and quarter when it names them.
type Asked = Result<(UnitId, Option<i32>, Option<u8>), AppError>;

#[component]
pub fn RollupPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let asked = Memo::new(move |_| -> Asked {
        let unit = params
            .read()
            .get("id")
            .and_then(|raw| raw.parse::<i64>().ok())
            .filter(|id| *id > 0)
            .map(UnitId)
            .ok_or_else(|| AppError::NotFound("Unit".into()))?;
        let query = query.read();
        let year = query
            .get("tahun")
            .map(|raw| model::rollup::fiscal_year_from_query(&raw))
            .transpose()
            .map_err(AppError::Invalid)?;
        let quarter = query
            .get("tw")
            .map(|raw| Quarter::from_query(&raw).map(Quarter::number))
            .transpose()
            .map_err(AppError::Invalid)?;
        Ok((unit, year, quarter))
    });
    let data = Resource::new(
        move || asked.get(),
        |asked| async move {
            let (unit, year, quarter) = asked?;
            get_rollup(unit, year, quarter).await
        },
    );
    view! {
        <Suspense fallback=|| view! { <p>"Memuat rekap unit\u{2026}"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(rollup) => Either::Left(view! { <RollupView rollup/> }),
                    Err(error) => Either::Right(view! { <ErrorNote error/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn RollupView(rollup: Rollup) -> impl IntoView {
    let Rollup {
        unit,
        year,
        quarter,
        target,
        years,
        rows,
        total,
        zone,
    } = rollup;
    let name = rows.first().map(|r| r.name.clone()).unwrap_or_default();
    let here = move |y: i32, q: Quarter| format!("/unit/{unit}?tahun={y}&tw={}", q.number());
    let mut years = years;
    if !years.contains(&year) {
        years.push(year);
        years.sort_unstable_by(|a, b| b.cmp(a));
    }
    let year_links = years
        .into_iter()
        .map(|y| {
            let current = (y == year).then_some("page");
            view! { <a class="chip" href=here(y, quarter) aria-current=current>{y}</a> }
        })
        .collect_view();
    let quarter_links = Quarter::ALL
        .into_iter()
        .map(|q| {
            let current = (q == quarter).then_some("page");
            view! { <a class="chip" href=here(year, q) aria-current=current>{q.label()}</a> }
        })
        .collect_view();
    let units = rows.len();
    let body = rows
        .into_iter()
        .map(|row| view! { <UnitRow row root=unit year quarter target zone/> })
        .collect_view();
    view! {
        <article class="rollup">
            <hgroup class="plan-heading">
                <h1>{name}</h1>
                <p>{format!("Rekap unit \u{2014} Tahun Anggaran {year} \u{2014} {}", quarter.label())}</p>
            </hgroup>
            <nav class="rollup-choice" aria-label="Tahun dan triwulan">
                <p><span class="muted">"Tahun: "</span>{year_links}</p>
                <p><span class="muted">"Triwulan: "</span>{quarter_links}</p>
            </nav>
            <p class="muted">
                {format!(
                    "{units} unit. Target penyerapan s.d. {}: {}. Penyerapan = realisasi s.d. triwulan \u{00f7} (pagu \u{2212} blokir); kegiatan yang mendukung beberapa indikator dihitung sekali.",
                    quarter.label(),
                    format_percent(target)
                )}
            </p>
            <ScrollTable class="rollup-table" columns=COLUMNS region="Rekap unit">
                {body}
                <TotalRow total target zone/>
            </ScrollTable>
        </article>
    }
}

const COLUMNS: &[Column] = &[
    col("Unit"),
    col("Keadaan triwulan"),
    num("RPD \u{2260} pagu"),
    num("Pagu \u{2212} blokir (Rp)"),
    num("Realisasi s.d. triwulan (Rp)"),
    num("Penyerapan"),
    num("Selisih dari target"),
    num("Konflik terbuka"),
    col("Perubahan terakhir"),
];

#[component]
fn UnitRow(
    row: RollupRow,
    root: UnitId,
    year: i32,
    quarter: Quarter,
    target: Decimal,
    zone: Zone,
) -> impl IntoView {
    let RollupRow {
        unit,
        name,
        depth,
        plan,
        has_units_below,
        sums,
    } = row;
    let state = match &plan {
        Some((_, state)) => state.label().to_owned(),
        None => "Belum ada rencana".to_owned(),
    };
    let state_class = match &plan {
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
    let below = (has_units_below && unit != root).then(|| {
        view! {
            " \u{00b7} "
            <a href=format!("/unit/{unit}?tahun={year}&tw={}", quarter.number())>"Rekap"</a>
        }
    });
    let summed = has_units_below.then(|| {
        view! { <div class="muted">{format!("termasuk unit di bawahnya: {}", sums.states.describe())}</div> }
    });
    view! {
        <tr class=format!("depth-{}", depth.min(4))>
            <th scope="row">
                <span class="unit-name">{name}</span>
                <div class="unit-links">{links}{below}</div>
                {summed}
            </th>
            <td class=state_class>{state}</td>
            <Figures sums target zone/>
        </tr>
    }
}

#[component]
fn TotalRow(total: Sums, target: Decimal, zone: Zone) -> impl IntoView {
    view! {
        <tr class="total">
            <th scope="row">{format!("Jumlah ({} rencana)", total.plans)}</th>
            <td>{total.states.describe()}</td>
            <Figures sums=total target zone/>
        </tr>
    }
}

/// The figure cells of a row, in the columns' order after the state.
#[component]
fn Figures(sums: Sums, target: Decimal, zone: Zone) -> impl IntoView {
    let gap = sums.against_target(target);
    let gap_class = match gap {
        Some(g) if g < Decimal::ZERO => "num behind",
        _ => "num",
    };
    let gap_text = match gap {
        Some(g) if g > Decimal::ZERO => format!("+{}", format_percent(g)),
        other => format_percent_or_dash(other),
    };
    let last = match &sums.last_change {
        Some(change) => format!("{} \u{00b7} {}", change.by, change.at.in_zone(zone)),
        None => "\u{2013}".to_owned(),
    };
    let rpd_class = if sums.rpd_mismatches > 0 {
        "num flagged"
    } else {
        "num"
    };
    let conflict_class = if sums.open_conflicts > 0 {
        "num flagged"
    } else {
        "num"
    };
    view! {
        <td class=rpd_class>{sums.rpd_mismatches}</td>
        <td class="num">{sums.available().to_string()}</td>
        <td class="num">{sums.realized.to_string()}</td>
        <td class="num">{format_percent_or_dash(sums.absorption())}</td>
        <td class=gap_class>{gap_text}</td>
        <td class=conflict_class>{sums.open_conflicts}</td>
        <td class="last-change">{last}</td>
    }
}
