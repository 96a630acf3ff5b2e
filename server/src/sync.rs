//! Offline sync on the server. A push applies each mutation at most once, in the order sent:
//! inside one write that holds the plan's lock it looks up the answer already given to that
//! (client, sequence number), and otherwise decides (apply, conflict or reject), stores the
//! effect, the field's new version, the audit entry and the answer together.

use crate::editing::{announce, begin, internal, stamp, stored};
use crate::guard;
use crate::storage::{NewConflict, PlanWrite, Stamp, Store, StoredConflict};
use app::error::AppError;
use model::access::{Permission, Person};
use model::audit::field_change;
use model::edit::{apply, current_value, describe_place, parse_value, EditError, Field};
use model::sync::{field_key, is_conflict, valid_client, Mutation, Outcome};
use model::workflow::check_unlocked;
use model::PlanId;

/// Applies `mutations` in order; one answer per mutation, in the same order. A mutation that
/// cannot be applied never stops the ones behind it.
pub async fn push(
    store: &Store,
    who: &Person,
    mutations: Vec<Mutation>,
) -> Result<Vec<Outcome>, AppError> {
    let mut outcomes = Vec::with_capacity(mutations.len());
    let mut changed = Vec::new();
    for mutation in mutations {
        let outcome = push_one(store, who, &mutation).await?;
        if matches!(outcome, Outcome::Applied { .. }) && !changed.contains(&mutation.plan) {
            changed.push(mutation.plan);
        }
        outcomes.push(outcome);
    }
    for plan in changed {
        announce(store, plan).await;
    }
    Ok(outcomes)
}

async fn push_one(store: &Store, who: &Person, m: &Mutation) -> Result<Outcome, AppError> {
    valid_client(&m.client).map_err(AppError::Invalid)?;
    let refused = match guard::plan(store, who, m.plan, Permission::EditPlan).await {
        Ok(_) => None,
        Err(AppError::Forbidden(why)) => Some(why),
        Err(AppError::NotFound(what)) => Some(format!("{what} tidak ditemukan")),
        Err(other) => return Err(other),
    };
    let stamp = stamp(who);
    let Some(mut write) = store.write_plan(m.plan).await.map_err(internal)? else {
        // No such plan: nothing to lock, nothing to record the answer in.
        return Ok(Outcome::Rejected {
            reason: format!("Rencana nomor {} tidak ditemukan", m.plan),
        });
    };
    if let Some(answer) = write
        .stored_outcome(&m.client, m.seq)
        .await
        .map_err(internal)?
    {
        return serde_json::from_str(&answer).map_err(|error| {
            tracing::error!(%error, "a stored sync answer cannot be read");
            AppError::Internal
        });
    }
    let outcome = match refused {
        Some(reason) => Outcome::Rejected { reason },
        None => decide(&mut write, &stamp, m).await?,
    };
    let answer = serde_json::to_string(&outcome).map_err(|_| AppError::Internal)?;
    write
        .record_outcome(&m.client, m.seq, &stamp, &answer)
        .await
        .map_err(stored)?;
    write.commit().await.map_err(stored)?;
    Ok(outcome)
}

async fn decide(write: &mut PlanWrite, stamp: &Stamp, m: &Mutation) -> Result<Outcome, AppError> {
    let reject = |reason: String| Ok(Outcome::Rejected { reason });
    let mut plan = write.plan().await.map_err(stored)?;
    let value = match parse_value(&m.field, &m.text) {
        Ok(value) => value,
        Err(error) => return reject(error.to_string()),
    };
    let key = field_key(&m.field);
    let current = write.field_version(&key).await.map_err(stored)?;
    let theirs = match current_value(&plan, &m.field) {
        Ok(value) => value,
        Err(EditError::NotFound(what)) => return reject(format!("{what} tidak ditemukan")),
        Err(error) => return reject(error.to_string()),
    };
    if theirs == value {
        // Already what the person wants: nothing to apply, nothing to disagree about.
        return Ok(Outcome::Applied { version: current });
    }
    if is_conflict(m.base_version, current) {
        let server_text = theirs.input_text();
        let conflict = write
            .add_conflict(
                stamp,
                &NewConflict {
                    field: &m.field,
                    key: &key,
                    place: &describe_place(&plan, &m.field),
                    label: &m.field.label(),
                    mine: &m.text,
                    theirs: &server_text,
                    base_version: m.base_version,
                    server_version: current,
                },
            )
            .await
            .map_err(stored)?;
        return Ok(Outcome::Conflict {
            conflict,
            server_text,
            server_version: current,
        });
    }
    let states = write.quarter_states().await.map_err(stored)?;
    if let Err(locked) = check_unlocked(&m.field, &states) {
        return reject(locked.0);
    }
    let version = store_value(write, stamp, &mut plan, &m.field, value).await?;
    Ok(match version {
        Ok(version) => Outcome::Applied { version },
        Err(reason) => Outcome::Rejected { reason },
    })
}

/// Applies a validated value: the stored field, its version and its audit entry. The inner
/// error is a refusal for the person (e.g. blokir above pagu).
async fn store_value(
    write: &mut PlanWrite,
    stamp: &Stamp,
    plan: &mut model::Plan,
    field: &Field,
    value: model::edit::Value,
) -> Result<Result<u64, String>, AppError> {
    let change = match field_change(plan, field, &value) {
        Ok(Some(change)) => change,
        Ok(None) => return Ok(Ok(0)),
        Err(error) => return Ok(Err(error.to_string())),
    };
    if let Err(error) = apply(plan, field, value.clone()) {
        return Ok(Err(error.to_string()));
    }
    write
        .update_fields(&[(*field, value)])
        .await
        .map_err(stored)?;
    let versions = write
        .bump_versions(&[(field_key(field), field)])
        .await
        .map_err(stored)?;
    write.record(stamp, &[change]).await.map_err(stored)?;
    Ok(Ok(versions.first().copied().unwrap_or_default()))
}

/// How a person settles a conflict.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Resolution {
    KeepMine,
    KeepServer,
    NewValue(String),
}

/// Settles an open conflict: the chosen value becomes the field's value (as a new edit, with
/// its own version and audit entry), and the conflict leaves the open list.
pub async fn resolve(
    store: &Store,
    who: &Person,
    plan: PlanId,
    conflict: i64,
    resolution: Resolution,
) -> Result<(), AppError> {
    guard::plan(store, who, plan, Permission::EditPlan).await?;
    let stamp = stamp(who);
    let mut write = begin(store, plan).await?;
    let open: StoredConflict = write
        .conflict(conflict)
        .await
        .map_err(stored)?
        .ok_or_else(|| AppError::NotFound(format!("Konflik nomor {conflict}")))?;
    let text = match &resolution {
        Resolution::KeepMine => Some(open.mine.clone()),
        Resolution::KeepServer => None,
        Resolution::NewValue(text) => Some(text.clone()),
    };
    if let Some(text) = text {
        let value =
            parse_value(&open.field, &text).map_err(|e| AppError::Invalid(e.to_string()))?;
        let states = write.quarter_states().await.map_err(stored)?;
        check_unlocked(&open.field, &states).map_err(|e| AppError::Locked(e.0))?;
        let mut current = write.plan().await.map_err(stored)?;
        store_value(&mut write, &stamp, &mut current, &open.field, value)
            .await?
            .map_err(AppError::Invalid)?;
    }
    let label = match resolution {
        Resolution::KeepMine => "keep_mine",
        Resolution::KeepServer => "keep_server",
        Resolution::NewValue(_) => "new_value",
    };
    if !write
        .resolve_conflict(conflict, &stamp, label)
        .await
        .map_err(stored)?
    {
        return Err(AppError::NotFound(format!("Konflik nomor {conflict}")));
    }
    write.commit().await.map_err(stored)?;
    announce(store, plan).await;
    Ok(())
}
