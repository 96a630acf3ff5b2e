//! Offline sync on the server. A push applies each mutation at most once, in the order sent:
//! inside one write that holds the plan's lock it looks up the answer already given to that
//! (person, client, sequence number), and otherwise decides (apply, conflict or reject), stores
//! the effect, the field's new version, the audit entry and the answer together. A client id
//! another person has sent from is refused; the same numbers for another plan are refused.

use crate::storage::{FieldVersion, NewConflict, PlanWrite, Stamp, Store, StoredConflict};
use crate::usecases::editing::{announce, begin, finish, stamp};
use crate::usecases::guard;
use app::error::AppError;
use model::access::{Permission, Person};
use model::audit::field_change;
use model::edit::{apply, current_value, describe_place, parse_value, EditError, Field};
use model::freeze;
pub use model::sync::Resolution;
use model::time::Zone;

mod answers;
use answers::{clients_of_others, given_answers, replayed};
use model::sync::{is_conflict, valid_client, FieldNow, Mutation, MutationId, Outcome, Pulled};
use model::{Plan, PlanId};
use std::collections::{BTreeMap, HashMap};

/// The most edits one push may carry (the browser sends 200 at a time); a larger push is
/// refused whole, before any work.
pub const MAX_PUSH_EDITS: usize = 500;

/// Applies `mutations` in order; one answer per mutation, in the same order. A mutation that
/// cannot be applied never stops the ones behind it. Consecutive mutations of one plan share one
/// write: the plan is locked and read once, and their effects and answers commit together.
pub async fn push(
    store: &Store,
    who: &Person,
    mutations: Vec<Mutation>,
) -> Result<Vec<Outcome>, AppError> {
    if mutations.len() > MAX_PUSH_EDITS {
        return Err(AppError::TooLarge(format!(
            "Terlalu banyak perubahan dalam satu pengiriman: {} (paling banyak {MAX_PUSH_EDITS}); tidak ada yang disimpan",
            mutations.len()
        )));
    }
    for m in &mutations {
        valid_client(&m.client).map_err(AppError::Invalid)?;
    }
    let mut outcomes = Vec::with_capacity(mutations.len());
    let mut rest = mutations.as_slice();
    while let Some(first) = rest.first() {
        let n = rest.iter().take_while(|m| m.plan == first.plan).count();
        let (group, tail) = rest.split_at(n);
        let answers = push_group(store, who, first.plan, group).await?;
        if answers.iter().any(|o| matches!(o, Outcome::Applied { .. })) {
            announce(store, first.plan).await;
        }
        outcomes.extend(answers);
        rest = tail;
    }
    let conflicts = outcomes
        .iter()
        .filter(|o| matches!(o, Outcome::Conflict { .. }))
        .count();
    crate::metrics::push(outcomes.len(), conflicts);
    Ok(outcomes)
}

async fn push_group(
    store: &Store,
    who: &Person,
    plan_id: PlanId,
    group: &[Mutation],
) -> Result<Vec<Outcome>, AppError> {
    // A plan the person may not edit (or that does not exist) is refused before any lock is
    // taken or any row written: nothing of theirs lands, so a replay is refused the same way.
    // A refusal of a frozen field names when the quarter was decided, on the unit's clock.
    let refused = match guard::plan_in_zone(store, who, plan_id, Permission::EditPlan).await {
        Ok(found) => Ok(found),
        Err(AppError::Forbidden(why)) => Err(why),
        Err(AppError::NotFound(what)) => Err(format!("{what} tidak ditemukan")),
        Err(other) => return Err(other),
    };
    let zone = match refused {
        Ok((_, zone)) => zone,
        Err(reason) => {
            return Ok(group
                .iter()
                .map(|_| Outcome::Rejected {
                    reason: reason.clone(),
                })
                .collect())
        }
    };
    // Another push of this person, for another plan, may record an answer to one of these
    // (client, sequence number)s between this write's look-up and its insert: this write is then
    // rolled back and decided again, and meets that answer.
    for _ in 0..ATTEMPTS {
        if let Some(outcomes) = apply_group(store, who, plan_id, zone, group).await? {
            return Ok(outcomes);
        }
    }
    Err(AppError::internal(format_args!(
        "a sync push to plan {plan_id} kept meeting answers recorded by another push"
    )))
}

/// How often a plan's edits are decided again when another push recorded one of their answers
/// first.
const ATTEMPTS: usize = 3;

/// Decides and stores one plan's edits in one write; `None` when another push recorded the
/// answer to one of them first (nothing of this write is kept).
async fn apply_group(
    store: &Store,
    who: &Person,
    plan_id: PlanId,
    zone: Zone,
    group: &[Mutation],
) -> Result<Option<Vec<Outcome>>, AppError> {
    let stamp = stamp(who);
    let Some(mut write) = store.write_plan(plan_id).await? else {
        // Removed since the door check: nothing to lock, nothing to record the answers in.
        let reason = format!("Rencana nomor {plan_id} tidak ditemukan");
        return Ok(Some(
            group
                .iter()
                .map(|_| Outcome::Rejected {
                    reason: reason.clone(),
                })
                .collect(),
        ));
    };
    let mut work = Work {
        plan: write.plan().await?,
        states: write.quarter_states().await?,
        versions: write.field_versions().await?,
        zone,
        changes: Vec::new(),
        values: BTreeMap::new(),
    };
    let given = given_answers(&mut write, who, group).await?;
    let foreign = clients_of_others(&mut write, who, group).await?;
    // Each slot: the answer, and whether it is new (to be recorded) or a copy of another slot.
    let mut slots: Vec<(Outcome, Slot)> = Vec::with_capacity(group.len());
    // The first slot of each (client, sequence) in this push: duplicates are found in one pass.
    let mut first_of: HashMap<(&str, u64), usize> = HashMap::with_capacity(group.len());
    for (i, m) in group.iter().enumerate() {
        if let Some(&j) = first_of.get(&(m.client.as_str(), m.seq)) {
            slots.push((slots[j].0.clone(), Slot::CopyOf(j)));
            continue;
        }
        first_of.insert((m.client.as_str(), m.seq), i);
        if foreign.contains(m.client.as_str()) {
            let reason = format!(
                "Identitas klien {} sudah dipakai oleh pengguna lain; perubahan ini tidak disimpan atas nama Anda",
                m.client
            );
            slots.push((Outcome::Rejected { reason }, Slot::Given));
            continue;
        }
        if let Some(answer) = given.get(&(m.client.as_str(), m.seq)) {
            slots.push((replayed(m, answer), Slot::Given));
            continue;
        }
        let outcome = decide(&mut write, &stamp, &mut work, m).await?;
        slots.push((outcome, Slot::New));
    }
    // An edit refused because of another field (blokir above pagu) may fit once the edits sent
    // with it are in: each refused new edit gets one more try, unless a later edit in the push
    // replaced it (it must not land over the person's newer text).
    let applied_any = slots
        .iter()
        .any(|(o, slot)| *slot == Slot::New && matches!(o, Outcome::Applied { .. }));
    if applied_any {
        for (i, m) in group.iter().enumerate() {
            if slots[i].1 == Slot::New
                && matches!(slots[i].0, Outcome::Rejected { .. })
                && !group[i + 1..].iter().any(|later| later.field == m.field)
            {
                slots[i].0 = decide(&mut write, &stamp, &mut work, m).await?;
            }
        }
    }
    let mut answers = Vec::new();
    for (m, (outcome, slot)) in group.iter().zip(&slots) {
        if *slot == Slot::New {
            let answer = serde_json::to_string(outcome).map_err(AppError::internal)?;
            answers.push((m.client.as_str(), m.seq, answer));
        }
    }
    work.store(&mut write, &stamp).await?;
    let recorded = write.record_outcomes(&stamp, &answers).await?;
    if recorded < answers.len() {
        // Dropping the write rolls it back.
        return Ok(None);
    }
    write.commit().await?;
    Ok(Some(
        group
            .iter()
            .zip(&slots)
            .map(|(_, (outcome, slot))| match slot {
                Slot::CopyOf(j) => slots[*j].0.clone(),
                _ => outcome.clone(),
            })
            .collect(),
    ))
}

/// A push's view of the plan while it is applied: read once, kept current as edits land.
struct Work {
    plan: model::Plan,
    states: [model::workflow::QuarterState; 4],
    /// Every changed field's version and last writer.
    versions: HashMap<Field, FieldVersion>,
    /// The zone of the plan's unit.
    zone: Zone,
    /// The audit entries of the edits applied, recorded together before the commit.
    changes: Vec<model::audit::Change>,
    /// Each changed field's last value, stored together before the commit.
    values: BTreeMap<Field, model::edit::Value>,
}

impl Work {
    /// Takes an applied edit: its value and version are stored with the rest of the push.
    fn stage(&mut self, field: Field, value: model::edit::Value, writer: MutationId) -> u64 {
        let version = self.versions.get(&field).map_or(0, |v| v.version) + 1;
        self.versions.insert(
            field,
            FieldVersion {
                version,
                last: Some(writer),
            },
        );
        self.values.insert(field, value);
        version
    }

    /// Stores every staged value and version, and the audit entries.
    async fn store(&self, write: &mut PlanWrite, stamp: &Stamp) -> Result<(), AppError> {
        let values: Vec<(Field, model::edit::Value)> = self
            .values
            .iter()
            .map(|(field, value)| (*field, value.clone()))
            .collect();
        write.update_fields(&values).await?;
        let versions: Vec<(Field, &FieldVersion)> = self
            .values
            .keys()
            .filter_map(|field| self.versions.get(field).map(|v| (*field, v)))
            .collect();
        write.set_versions(&versions).await?;
        write.record(stamp, &self.changes).await?;
        Ok(())
    }
}

/// Where a mutation's answer in a push comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Slot {
    /// Decided now; recorded with the write.
    New,
    /// Given without deciding: a replay of a stored answer, or refused for its id. Not recorded.
    Given,
    /// The same (client, sequence number) earlier in this push.
    CopyOf(usize),
}

async fn decide(
    write: &mut PlanWrite,
    stamp: &Stamp,
    work: &mut Work,
    m: &Mutation,
) -> Result<Outcome, AppError> {
    let reject = |reason: String| Ok(Outcome::Rejected { reason });
    let value = match parse_value(&m.field, &m.text) {
        Ok(value) => value,
        Err(error) => return reject(error.to_string()),
    };
    let FieldVersion {
        version: current,
        last,
    } = work.versions.get(&m.field).cloned().unwrap_or_default();
    let theirs = match current_value(&work.plan, &m.field) {
        Ok(value) => value,
        Err(EditError::NotFound(what)) => return reject(format!("{what} tidak ditemukan")),
        Err(error) => return reject(error.to_string()),
    };
    if theirs == value {
        // Already what the person wants: nothing to apply, nothing to disagree about.
        return Ok(Outcome::Applied { version: current });
    }
    // A frozen field is refused before it can become a conflict: no choice between the two
    // values could be applied until the quarter is returned or reopened.
    if let Err(frozen) = freeze::check_field(&m.field, &work.states, work.zone) {
        return reject(frozen.0);
    }
    if is_conflict(m.base_version, current, m.after.as_ref(), last.as_ref()) {
        let server_text = theirs.input_text();
        let conflict = write
            .add_conflict(
                stamp,
                &NewConflict {
                    field: m.field,
                    place: &describe_place(&work.plan, &m.field),
                    label: &m.field.label(),
                    mine: &m.text,
                    theirs: &server_text,
                    base_version: m.base_version,
                    server_version: current,
                },
            )
            .await?;
        return Ok(Outcome::Conflict {
            conflict,
            server_text,
            server_version: current,
        });
    }
    Ok(match change_plan(&mut work.plan, &m.field, value.clone()) {
        Ok(None) => Outcome::Applied { version: current },
        Ok(Some(change)) => {
            work.changes.push(change);
            let version = work.stage(m.field, value, m.id());
            Outcome::Applied { version }
        }
        Err(reason) => Outcome::Rejected { reason },
    })
}

/// Applies a validated value to the plan in memory; gives its audit entry, or nothing when the
/// value was already there. The error is a refusal for the person (e.g. blokir above pagu).
fn change_plan(
    plan: &mut model::Plan,
    field: &Field,
    value: model::edit::Value,
) -> Result<Option<model::audit::Change>, String> {
    let Some(change) = field_change(plan, field, &value).map_err(|e| e.to_string())? else {
        return Ok(None);
    };
    apply(plan, field, value).map_err(|e| e.to_string())?;
    Ok(Some(change))
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
    let (_, zone) = guard::plan_in_zone(store, who, plan, Permission::EditPlan).await?;
    let stamp = stamp(who);
    let mut write = begin(store, plan).await?;
    let open: StoredConflict = write
        .conflict(conflict)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("Konflik nomor {conflict}")))?;
    let text = match &resolution {
        Resolution::KeepMine => Some(open.mine.clone()),
        Resolution::KeepServer => None,
        Resolution::NewValue(text) => Some(text.clone()),
    };
    if let Some(text) = text {
        let value =
            parse_value(&open.field, &text).map_err(|e| AppError::Invalid(e.to_string()))?;
        let mut current = write.plan().await?;
        if let Some(change) =
            change_plan(&mut current, &open.field, value.clone()).map_err(AppError::Invalid)?
        {
            // Like a form save: only a value that changes is checked against the freeze.
            let states = write.quarter_states().await?;
            freeze::check_field(&open.field, &states, zone).map_err(|e| AppError::Locked(e.0))?;
            write.update_fields(&[(open.field, value)]).await?;
            write.bump_versions(&[open.field], None).await?;
            write.record(&stamp, &[change]).await?;
        }
    }
    if !write
        .resolve_conflict_unchecked(conflict, &stamp, resolution.code())
        .await?
    {
        return Err(AppError::NotFound(format!("Konflik nomor {conflict}")));
    }
    finish(store, write).await?;
    Ok(())
}

/// What changed in the plan after `since` (a revision from an earlier pull, or 0 for every
/// field ever changed), each field with its text and version, and the open conflicts.
pub async fn pull(
    store: &Store,
    who: &Person,
    plan: PlanId,
    since: i64,
) -> Result<Pulled, AppError> {
    guard::plan(store, who, plan, Permission::ReadPlan).await?;
    Ok(pull_unchecked(store, plan, since).await?.0)
}

/// `pull` for a caller that has passed the door check, with the plan it read the texts from
/// (loaded after the changes were listed, so it holds at least every change listed).
pub async fn pull_unchecked(
    store: &Store,
    plan: PlanId,
    since: i64,
) -> Result<(Pulled, Plan), AppError> {
    let (revision, changed) = store.changes_since(plan, since).await?;
    let current = store
        .load_plan_unchecked(plan)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("Rencana nomor {plan}")))?;
    let changes = changed
        .into_iter()
        .filter_map(|(field, version)| {
            // A field of a goal, indicator or activity removed since has no value to send.
            let text = current_value(&current, &field).ok()?.input_text();
            Some(FieldNow {
                field,
                text,
                version,
            })
        })
        .collect();
    let conflicts = store.open_conflicts(plan).await?;
    Ok((
        Pulled {
            revision,
            changes,
            conflicts,
        },
        current,
    ))
}
