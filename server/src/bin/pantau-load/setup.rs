//! The people and plans of a load run, stored in one transaction (hashing 200 passwords and
//! starting 200 `pantau create-user` processes would take minutes): a regional office, work
//! units under it with a plan each (`model::synthetic`, mostly of 16 to 64 indicators, now and
//! then 120, like the units of a province), and one operator account per simulated person,
//! five to a unit.
//!
//! Who edits what: the report rows of quarters I and II are divided among a plan's staff, each
//! row belonging to one person (people divide a sheet this way); the rows of quarters III and
//! IV are shared by everyone of the plan who works with JavaScript on, so their offline edits
//! meet and some become conflicts. People with JavaScript off save whole rows with form posts,
//! which carry no version, so they only ever save their own rows: otherwise a stale form would
//! overwrite a colleague's value, which is how form saves work, not a loss the run should count.

use model::access::{Grant, Role};
use model::{IndicatorId, PlanId, Quarter, UserId};
use server::storage::{AdminStamp, InsertOutcome, NewPerson, Store, UnitPlacement};
use std::sync::Arc;

/// The regional office above the run's units.
pub const OFFICE: &str = "KANWIL UJI BEBAN SERENTAK";
/// The plans' sizes, in indicators, unit after unit.
pub const PLAN_SIZES: [usize; 8] = [16, 24, 24, 32, 32, 48, 64, 120];
/// People per work unit (the last unit may have more).
pub const STAFF_PER_UNIT: usize = 5;
/// One person in this many works with JavaScript off.
pub const SCRIPTLESS_EVERY: usize = 8;

pub type Row = (IndicatorId, Quarter);

/// One simulated person.
pub struct Member {
    pub number: usize,
    pub username: String,
    pub user: UserId,
    pub plan: PlanId,
    /// Hydrated page (edits through the outbox and sync) or JavaScript off (form posts).
    pub scripted: bool,
    pub own_rows: Vec<Row>,
    /// Rows every scripted person of the plan may edit.
    pub shared_rows: Arc<Vec<Row>>,
}

pub struct World {
    pub members: Vec<Member>,
    pub password: String,
    pub plans: Vec<PlanId>,
}

/// Stores the office, the plans and `staff` operators; fails on a database that already
/// holds them (a run needs a fresh database, or its check would count another run's edits).
pub async fn prepare(store: &Store, staff: usize) -> Result<World, String> {
    let failed = |what: &'static str| move |e: server::storage::StoreError| format!("{what}: {e}");
    if store
        .unit_named(OFFICE)
        .await
        .map_err(failed("reading the units"))?
        .is_some()
    {
        return Err(format!(
            "the database already holds {OFFICE}: a load run needs a fresh database"
        ));
    }
    let password = format!("beban-{:x}", nanos());
    let hash = server::usecases::password::hash_password(&password)
        .await
        .map_err(|e| format!("hashing the password: {e}"))?;
    let by = AdminStamp::command_line(server::clock::now());
    let mut batch = store
        .account_batch()
        .await
        .map_err(failed("opening a transaction"))?;
    let office = batch
        .create_unit(OFFICE, None, &by)
        .await
        .map_err(failed("creating the office"))?;
    let mut plans = Vec::new();
    let mut units = Vec::new();
    for i in 0..(staff / STAFF_PER_UNIT).max(1) {
        let mut plan = model::synthetic::synthetic_plan(PLAN_SIZES[i % PLAN_SIZES.len()]);
        plan.header.work_unit = format!("SATKER UJI BEBAN SERENTAK {:02}", i + 1);
        let id = match batch
            .insert_plan(&plan, &UnitPlacement::Under(office), &by)
            .await
            .map_err(failed("storing a plan"))?
        {
            InsertOutcome::Created(id) => id,
            InsertOutcome::AlreadyExists(_) => {
                return Err("a load plan is already stored: use a fresh database".into())
            }
        };
        plans.push(id);
        units.push(
            batch
                .plan_unit(id)
                .await
                .map_err(failed("reading a unit"))?,
        );
    }
    let mut members = Vec::with_capacity(staff);
    for number in 1..=staff {
        let at = (number - 1) % plans.len();
        let username = format!("beban.{number:03}");
        let person = NewPerson {
            username: &username,
            name: &format!("Staf Beban {number:03}"),
            password_hash: &hash,
            grant: Grant {
                unit: units[at],
                role: Role::Operator,
            },
            created_by: None,
        };
        let user = batch
            .create_user(&person, &by)
            .await
            .map_err(failed("creating a person"))?;
        members.push(Member {
            number,
            username,
            user,
            plan: plans[at],
            scripted: number % SCRIPTLESS_EVERY != 0,
            own_rows: Vec::new(),
            shared_rows: Arc::new(Vec::new()),
        });
    }
    batch.commit().await.map_err(failed("committing"))?;
    for plan in &plans {
        divide_rows(store, *plan, &mut members).await?;
    }
    Ok(World {
        members,
        password,
        plans,
    })
}

/// Gives each person of `plan` their own rows (quarters I and II, dealt out in turn) and the
/// plan's shared rows (quarters III and IV).
async fn divide_rows(store: &Store, plan: PlanId, members: &mut [Member]) -> Result<(), String> {
    let stored = store
        .load_plan(plan)
        .await
        .map_err(|e| format!("reading plan {plan}: {e}"))?
        .ok_or_else(|| format!("plan {plan} is not stored"))?;
    let indicators: Vec<IndicatorId> = stored.indicators().filter_map(|i| i.id).collect();
    let rows_of = |quarters: [Quarter; 2]| -> Vec<Row> {
        quarters
            .iter()
            .flat_map(|q| indicators.iter().map(move |i| (*i, *q)))
            .collect()
    };
    let shared = Arc::new(rows_of([Quarter::Q3, Quarter::Q4]));
    let mut here: Vec<&mut Member> = members.iter_mut().filter(|m| m.plan == plan).collect();
    if here.is_empty() {
        return Ok(());
    }
    let count = here.len();
    for (i, row) in rows_of([Quarter::Q1, Quarter::Q2]).into_iter().enumerate() {
        here[i % count].own_rows.push(row);
    }
    for member in here {
        if member.own_rows.is_empty() {
            return Err(format!("plan {plan} has fewer rows than people"));
        }
        member.shared_rows = shared.clone();
    }
    Ok(())
}

pub fn nanos() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default()
}
