//! The quarter workflow on the server: the person's right to take the step, the model's rule
//! for whether it can be taken now, the new state and its audit entry in one write.

use crate::editing::{announce, begin, stamp, stored};
use crate::guard;
use crate::storage::Store;
use app::error::AppError;
use model::access::Person;
use model::audit::workflow_change;
use model::workflow::{step, QuarterState, Transition};
use model::{PlanId, Quarter};

pub async fn change_quarter(
    store: &Store,
    who: &Person,
    plan: PlanId,
    quarter: Quarter,
    transition: Transition,
) -> Result<QuarterState, AppError> {
    guard::plan(store, who, plan, transition.permission()).await?;
    let stamp = stamp(who);
    let mut write = begin(store, plan).await?;
    let states = write.quarter_states().await.map_err(stored)?;
    let before = &states[quarter.index()];
    let after = step(quarter, before, &transition, &who.name, stamp.at)
        .map_err(|e| AppError::Invalid(e.0))?;
    write
        .set_quarter_state(quarter, &after)
        .await
        .map_err(stored)?;
    let change = workflow_change(quarter, &transition, before, &after);
    write.record(&stamp, &[change]).await.map_err(stored)?;
    write.commit().await.map_err(stored)?;
    announce(store, plan).await;
    Ok(after)
}
