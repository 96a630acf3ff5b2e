//! The roll-up (`/unit/{id}?tahun=2026&tw=2`): every unit at and below one, one row each, for a
//! year and a quarter: the quarter's state (terlambat past its deadline), indicators met / close
//! / behind, RPD that does not add up to pagu, absorption against the year's target, open sync
//! conflicts and the last change, a unit's row summing the units below it, and a total row.
//! Above it, what needs attention in every unit. Server-rendered; it reads in full without
//! JavaScript: the year, the quarter, the sort order (`urut`, `arah`) and the filter
//! (`perhatian=1`) are links, and the hydrated page follows the same links through the router,
//! sorting the rows it already has.

mod attention;
mod table;

use crate::api::rollup::{get_rollup, get_rollup_unit};
use crate::components::charts::{UnitAbsorptionChart, UnitBar, UnitStandingChart};
use crate::components::ErrorNote;
use crate::error::AppError;
use crate::live::use_unit_changes;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use model::number::format_percent;
use model::rollup::order::{arrange, RowView};
use model::rollup::{Rollup, RollupRow};
use model::{Quarter, UnitId};

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
    // Sorting and filtering need no request: the rows are arranged again from what was fetched.
    let row_view = Memo::new(move |_| -> Result<RowView, AppError> {
        let query = query.read();
        RowView::from_query(
            query.get_str("urut"),
            query.get_str("arah"),
            query.get_str("perhatian"),
        )
        .map_err(AppError::Invalid)
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
                    Ok(rollup) => Either::Left(view! { <LiveRollup rollup row_view/> }),
                    Err(error) => Either::Right(view! { <ErrorNote error/> }),
                }
            })}
        </Suspense>
    }
}

/// The roll-up as fetched, then kept up to date: when the live feed names a unit whose plan
/// was saved, that unit's figures alone are fetched and the tree is summed again in the
/// browser (`Rollup::replace_plan`); when changes may have been missed, the whole roll-up is
/// fetched again. Sorting and filtering arrange what is held, without a request.
#[component]
fn LiveRollup(rollup: Rollup, row_view: Memo<Result<RowView, AppError>>) -> impl IntoView {
    let (root, year, quarter) = (rollup.unit, rollup.year, rollup.quarter);
    let state = RwSignal::new(rollup);
    let live = use_unit_changes(root);
    Effect::new(move |_| {
        if let Some((_, unit)) = live.changed.get() {
            if state.with_untracked(|r| r.shows(unit)) {
                leptos::task::spawn_local(async move {
                    match get_rollup_unit(root, unit, year, quarter.number()).await {
                        Ok(figures) => state.update(|r| r.replace_plan(unit, figures)),
                        Err(error) => leptos::logging::warn!("roll-up row {unit}: {error}"),
                    }
                });
            }
        }
    });
    Effect::new(move |seen: Option<u64>| {
        let version = live.resync.get();
        if seen.is_some_and(|seen| seen != version) {
            leptos::task::spawn_local(async move {
                if let Ok(fresh) = get_rollup(root, Some(year), Some(quarter.number())).await {
                    state.set(fresh);
                }
            });
        }
        version
    });
    move || match row_view.get() {
        Ok(row_view) => Either::Left(view! { <RollupView rollup=state.get() row_view/> }),
        Err(error) => Either::Right(view! { <ErrorNote error/> }),
    }
}

/// The address of this roll-up for a year, quarter and view.
pub(crate) fn address(unit: UnitId, year: i32, quarter: Quarter, view: &RowView) -> String {
    let extra = view.query();
    let sep = if extra.is_empty() { "" } else { "&" };
    format!(
        "/unit/{unit}?tahun={year}&tw={}{sep}{extra}",
        quarter.number()
    )
}

#[component]
fn RollupView(rollup: Rollup, row_view: RowView) -> impl IntoView {
    let Rollup {
        unit,
        year,
        quarter,
        target,
        years,
        rows,
        total,
        zone,
        deadline,
        attention,
        units: _,
        plans: _,
    } = rollup;
    let name = rows.first().map(|r| r.name.clone()).unwrap_or_default();
    let mut years = years;
    if !years.contains(&year) {
        years.push(year);
        years.sort_unstable_by(|a, b| b.cmp(a));
    }
    let year_links = years
        .into_iter()
        .map(|y| {
            let current = (y == year).then_some("page");
            view! { <a class="chip" href=address(unit, y, quarter, &row_view) aria-current=current>{y}</a> }
        })
        .collect_view();
    let quarter_links = Quarter::ALL
        .into_iter()
        .map(|q| {
            let current = (q == quarter).then_some("page");
            view! { <a class="chip" href=address(unit, year, q, &row_view) aria-current=current>{q.label()}</a> }
        })
        .collect_view();
    let filter_links = [(false, "Semua unit"), (true, "Hanya yang perlu perhatian")]
        .into_iter()
        .map(|(only, label)| {
            let current = (only == row_view.attention_only).then_some("page");
            let to = address(unit, year, quarter, &row_view.filtered(only));
            view! { <a class="chip" href=to aria-current=current>{label}</a> }
        })
        .collect_view();
    let units = rows.len();
    let rows = arrange(rows, &row_view, target);
    let shown = rows.len();
    // The charts draw the units right below this one (the Kanwil of a national roll-up, the
    // UPTs of a Kanwil's), in the table's order; a unit with none below draws itself.
    let below: Vec<&RollupRow> = rows.iter().filter(|r| r.depth == 1).collect();
    let charted: Vec<UnitBar> = if below.is_empty() {
        rows.iter().take(1).collect()
    } else {
        below
    }
    .into_iter()
    .map(|r| UnitBar {
        name: r.name.clone(),
        absorption: r.sums.absorption(),
        standings: r.sums.standings,
    })
    .collect();
    let place = table::Place {
        root: unit,
        year,
        quarter,
        target,
        zone,
        view: row_view,
    };
    view! {
        <article class="rollup">
            <hgroup class="plan-heading">
                <h1>{name}</h1>
                <p>{format!("Rekap unit \u{2014} Tahun Anggaran {year} \u{2014} {}", quarter.label())}</p>
            </hgroup>
            <nav class="rollup-choice" aria-label="Tahun, triwulan dan saringan">
                <p><span class="muted">"Tahun: "</span>{year_links}</p>
                <p><span class="muted">"Triwulan: "</span>{quarter_links}</p>
                <p><span class="muted">"Tampilkan: "</span>{filter_links}</p>
            </nav>
            <attention::AttentionList items=attention/>
            <p class="muted">
                {format!(
                    "{} unit. Target penyerapan s.d. {}: {}. Batas laporan {}: {} (lewat batas dan belum disetujui: terlambat). Penyerapan = realisasi s.d. triwulan \u{00f7} (pagu \u{2212} blokir); kegiatan yang mendukung beberapa indikator dihitung sekali.",
                    if shown == units { units.to_string() } else { format!("{shown} dari {units}") },
                    quarter.label(),
                    format_percent(target),
                    quarter.label(),
                    deadline.label(),
                )}
            </p>
            <table::RollupTable rows total place/>
            <div class="chart-grid rollup-charts">
                <UnitAbsorptionChart
                    caption=format!("Penyerapan per unit s.d. {} terhadap target {}", quarter.label(), format_percent(target))
                    units=charted.clone()
                    target
                />
                <UnitStandingChart
                    caption=format!("Sebaran capaian indikator per unit s.d. {}", quarter.label())
                    units=charted
                />
            </div>
        </article>
    }
}
