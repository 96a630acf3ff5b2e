//! `pantau generate-national [UNITS] [YEARS]`: a made-up national tree for the roll-up's
//! benchmark (`model::synthetic::national`): a directorate at the top, 34 Kanwil below it,
//! UNITS (1,000) UPTs spread evenly under them, and each UPT's plan for each of YEARS (5) years
//! ending with this one. Run again, it adds only what is missing.

use crate::storage::{AdminStamp, InsertOutcome, Store, UnitPlacement};
use futures::{stream, StreamExt, TryStreamExt};
use model::synthetic::national::{kanwil_name, kanwil_of, national_plan, unit_name, KANWIL};
use model::UnitId;

pub const TOP: &str = "DIREKTORAT UJI NASIONAL";

/// The units made (or found).
pub struct National {
    pub top: UnitId,
    pub kanwil: Vec<UnitId>,
    pub units: Vec<UnitId>,
    pub years: Vec<i32>,
    /// Plans stored by this run (those already there are not counted).
    pub stored: usize,
}

pub async fn generate_national(
    store: &Store,
    units: usize,
    years: usize,
    last_year: i32,
) -> Result<National, String> {
    let by = AdminStamp::command_line(crate::clock::now());
    let unit = |name: String, parent: Option<UnitId>| {
        let by = by.clone();
        async move {
            match store.unit_named(&name).await.map_err(|e| e.to_string())? {
                Some(found) => Ok::<UnitId, String>(found.id),
                None => store
                    .create_unit(&name, parent, &by)
                    .await
                    .map_err(|e| format!("cannot create {name}: {e}")),
            }
        }
    };
    let top = unit(TOP.to_owned(), None).await?;
    let mut kanwil = Vec::with_capacity(KANWIL);
    for k in 0..KANWIL {
        kanwil.push(unit(kanwil_name(k), Some(top)).await?);
    }
    let mut upts = Vec::with_capacity(units);
    for u in 0..units {
        let parent = kanwil[kanwil_of(u, units, KANWIL)];
        upts.push(unit(unit_name(u), Some(parent)).await?);
    }
    let years: Vec<i32> = (0..years)
        .map(|back| last_year - i32::try_from(back).unwrap_or(0))
        .collect();
    let jobs: Vec<(usize, i32)> = years
        .iter()
        .flat_map(|year| (0..units).map(move |u| (u, *year)))
        .collect();
    // A few plans at once on PostgreSQL; SQLite takes one writer at a time (a transaction that
    // reads and then writes is refused, not queued, while another writes).
    let at_once = match store.backend() {
        crate::storage::Backend::Sqlite => 1,
        crate::storage::Backend::Postgres => 4,
    };
    let stored: Vec<bool> = stream::iter(jobs)
        .map(|(u, year)| async move {
            let plan = national_plan(u, year);
            match store
                .insert_plan(&plan, &UnitPlacement::ExistingOnly)
                .await
                .map_err(|e| format!("cannot store {} {year}: {e}", plan.header.work_unit))?
            {
                InsertOutcome::Created(_) => Ok::<bool, String>(true),
                InsertOutcome::AlreadyExists(_) => Ok(false),
            }
        })
        .buffer_unordered(at_once)
        .try_collect()
        .await?;
    // A national load is a bulk load: the planner must know the tables' new sizes before the
    // first roll-up, or PostgreSQL scans every activity's quarters once per plan.
    store
        .refresh_statistics()
        .await
        .map_err(|e| format!("cannot refresh the statistics: {e}"))?;
    Ok(National {
        top,
        kanwil,
        units: upts,
        years,
        stored: stored.into_iter().filter(|s| *s).count(),
    })
}

/// `pantau generate-national [UNITS] [YEARS]` on `store`.
pub async fn command(store: &Store, args: &[&str]) -> Result<(), String> {
    let number = |i: usize, default: usize| {
        args.get(i).map_or(Ok(default), |a| {
            a.parse::<usize>()
                .map_err(|_| format!("generate-national: {a} is not a number"))
        })
    };
    let (units, years) = (number(0, model::synthetic::national::UNITS)?, number(1, 5)?);
    let this_year = crate::clock::now().in_zone(model::time::Zone::Wib).year();
    let national = generate_national(store, units, years, this_year).await?;
    println!(
        "{TOP} (unit {}): {} Kanwil, {} units, years {:?}; {} plans stored now",
        national.top,
        national.kanwil.len(),
        national.units.len(),
        national.years,
        national.stored
    );
    Ok(())
}
