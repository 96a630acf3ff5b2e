//! The quarter workflow on the server: the person's right to take the step, the model's rule
//! for whether it can be taken now, the new state and its audit entry in one write. An approval
//! is refused, and nothing stored, when the plan changed after the version the pimpinan saw.

use crate::storage::Store;
use crate::usecases::editing::{begin, finish, stamp};
use crate::usecases::guard;
use app::api::workflow::QuarterStep;
use app::error::AppError;
use model::access::Person;
use model::approval::{check_unchanged, LISTED_CHANGES};
use model::audit::workflow_change;
use model::workflow::{step, Transition};
use model::{PlanId, Quarter};

pub async fn change_quarter(
    store: &Store,
    who: &Person,
    plan: PlanId,
    quarter: Quarter,
    transition: Transition,
) -> Result<QuarterStep, AppError> {
    // The trail's texts name the states' times on the unit's clock.
    let (_, zone) = guard::plan_in_zone(store, who, plan, transition.permission()).await?;
    let stamp = stamp(who);
    let mut write = begin(store, plan).await?;
    let states = write.quarter_states().await?;
    let before = &states[quarter.index()];
    let after = step(quarter, before, &transition, &who.name, stamp.at)
        .map_err(|e| AppError::Invalid(e.0))?;
    if let Transition::Approve { seen } = transition {
        // Read inside the write that holds the plan's lock: nothing can land between this
        // check and the approval. The step's own rule answers first: approving twice is
        // "already approved", not "changed since".
        if seen > write.version().await? {
            return Err(AppError::Invalid(
                "Versi halaman ini tidak dikenal; muat ulang halaman lalu setujui lagi".into(),
            ));
        }
        let (later, total) = write.entries_after(seen, LISTED_CHANGES).await?;
        check_unchanged(&later, total).map_err(|e| AppError::Stale(e.0))?;
    }
    write.set_quarter_state(quarter, &after).await?;
    let change = workflow_change(quarter, &transition, before, &after, zone);
    write.record(&stamp, &[change]).await?;
    let version = write.version().await?;
    finish(store, write).await?;
    Ok(QuarterStep {
        state: after,
        version,
    })
}
