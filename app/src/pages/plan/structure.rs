//! The controls that change the plan's shape: a [`PostForm`] where a name is typed, a
//! [`PostButton`] inside a form it shares otherwise (an indicator's quarter table, the budget
//! table, a goal's buttons), whose hydrated path calls the server function and applies what it
//! confirms to the working copy.

use super::state::GoalState;
use super::PlanState;
use crate::api::structure::*;
use crate::components::{EditGate, PostButton, PostForm};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos::task::spawn_local;
use model::edit::structure::{Created, Direction, StructureEdit};
use model::{ActivityId, GoalId, Indicator, IndicatorId};

/// Runs a structure change and reports its outcome in the page's notice.
fn settle<F>(state: PlanState, done: &'static str, call: F, apply: impl FnOnce(Created) + 'static)
where
    F: std::future::Future<Output = Result<Created, AppError>> + 'static,
{
    spawn_local(async move {
        match call.await {
            Ok(created) => {
                apply(created);
                state.notice.set(Some(Ok(done.to_owned())));
            }
            Err(error) => state.notice.set(Some(Err(error.to_string()))),
        }
    });
}

fn plan_field(state: PlanState) -> (&'static str, String) {
    ("plan", state.id.0.to_string())
}

/// Why `edit` cannot be made now (it would change a submitted or approved quarter's figures).
fn frozen(edit: StructureEdit) -> Signal<Option<String>> {
    let gate = use_context::<EditGate>();
    Signal::derive(move || gate.and_then(|g| g.structure_locked(&edit)))
}

fn direction_name(direction: Direction) -> String {
    format!("{direction:?}")
}

/// A form that adds a part to the plan under the name typed into it; shown to editors only.
fn add_form(
    state: PlanState,
    url: &'static str,
    text: (&'static str, &'static str),
    button: &'static str,
    run: impl Fn(String) + Send + Sync + 'static,
) -> impl IntoView {
    state.may_edit().then(|| {
        view! {
            <PostForm url hidden=vec![plan_field(state)] text button=button.into() run=Callback::new(run)/>
        }
    })
}

/// The two buttons that move a part up or down among its siblings; the form they are in names
/// the part.
fn move_buttons(
    url: &'static str,
    run: impl Fn(Direction) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    [
        (Direction::Up, "\u{25b2} Naik"),
        (Direction::Down, "\u{25bc} Turun"),
    ]
    .map(|(direction, label)| {
        view! {
            <PostButton
                url
                field=("direction", direction_name(direction))
                label=label.into()
                class="inline"
                run=Callback::new(move |_| run(direction))
            />
        }
    })
    .collect_view()
}

/// A button that removes a part of the plan; disabled while `edit` would change a frozen quarter.
/// `field` names the part when the form it is in does not.
fn remove_button(
    url: &'static str,
    field: Option<(&'static str, String)>,
    label: &'static str,
    edit: StructureEdit,
    run: impl Fn() + Send + Sync + 'static,
) -> impl IntoView {
    let run = Callback::new(move |_| run());
    let locked = frozen(edit);
    match field {
        Some(field) => view! {
            <PostButton url field label=label.into() class="inline danger" locked run/>
        }
        .into_any(),
        None => view! {
            <PostButton url label=label.into() class="inline danger" locked run/>
        }
        .into_any(),
    }
}

#[component]
pub fn AddGoalForm() -> impl IntoView {
    let state = expect_context::<PlanState>();
    let plan = state.id;
    add_form(
        state,
        AddGoal::url(),
        ("title", "Sasaran baru"),
        "Tambah sasaran",
        move |title| {
            settle(
                state,
                "Sasaran ditambahkan",
                add_goal(plan, title),
                move |c| {
                    if let Created::Goal(goal) = c {
                        state.goal_added(*goal);
                    }
                },
            )
        },
    )
}

/// A goal or an indicator: the parts that move among their siblings and are removed the same way.
#[derive(Clone, Copy)]
enum Part {
    Goal(GoalId),
    Indicator(IndicatorId),
}

impl Part {
    /// The form fields that name the part.
    fn hidden(self, state: PlanState) -> Vec<(&'static str, String)> {
        let named = match self {
            Part::Goal(id) => ("goal", id.0.to_string()),
            Part::Indicator(id) => ("indicator", id.0.to_string()),
        };
        vec![plan_field(state), named]
    }

    fn moved(self, state: PlanState, direction: Direction) {
        let plan = state.id;
        match self {
            Part::Goal(id) => settle(
                state,
                "Urutan sasaran diubah",
                move_goal(plan, id, direction),
                move |_| state.goal_moved(id, direction),
            ),
            Part::Indicator(id) => settle(
                state,
                "Urutan indikator diubah",
                move_indicator(plan, id, direction),
                move |_| state.indicator_moved(id, direction),
            ),
        }
    }

    fn removed(self, state: PlanState) {
        let plan = state.id;
        match self {
            Part::Goal(id) => settle(state, "Sasaran dihapus", remove_goal(plan, id), move |_| {
                state.goal_removed(id)
            }),
            Part::Indicator(id) => settle(
                state,
                "Indikator dihapus",
                remove_indicator(plan, id),
                move |_| state.indicator_removed(id),
            ),
        }
    }

    /// Up, down and remove, inside a form whose fields name the part ([`Part::hidden`]).
    fn buttons(self, state: PlanState) -> impl IntoView {
        let (move_url, remove_url, label, edit) = match self {
            Part::Goal(goal) => (
                MoveGoal::url(),
                RemoveGoal::url(),
                "Hapus sasaran",
                StructureEdit::RemoveGoal { goal },
            ),
            Part::Indicator(indicator) => (
                MoveIndicator::url(),
                RemoveIndicator::url(),
                "Hapus indikator",
                StructureEdit::RemoveIndicator { indicator },
            ),
        };
        view! {
            {move_buttons(move_url, move |direction| self.moved(state, direction))}
            {remove_button(remove_url, None, label, edit, move || self.removed(state))}
        }
    }
}

#[component]
pub fn GoalControls(goal: GoalState) -> impl IntoView {
    let state = expect_context::<PlanState>();
    let plan = state.id;
    let id = goal.id;
    state.may_edit().then(|| view! {
        <div class="structure-controls">
            <form method="post" action=MoveGoal::url() class="post-form">
                {Part::Goal(id).hidden(state).into_iter().map(|(name, value)| view! { <input type="hidden" name=name value=value/> }).collect_view()}
                {Part::Goal(id).buttons(state)}
            </form>
            <PostForm
                url=AddIndicator::url()
                hidden=Part::Goal(id).hidden(state)
                text=("name", "Indikator baru")
                button="Tambah indikator".into()
                class="inline"
                run=Callback::new(move |name: String| {
                    settle(state, "Indikator ditambahkan", add_indicator(plan, id, name), move |c| {
                        if let Created::Indicator(indicator) = c {
                            state.indicator_added(id, *indicator);
                        }
                    })
                })
            />
        </div>
    })
}

#[component]
pub fn IndicatorControls(indicator: RwSignal<Indicator>) -> impl IntoView {
    let state = expect_context::<PlanState>();
    let id = indicator.with_untracked(|i| i.id).unwrap_or(IndicatorId(0));
    // The quarter table's form, which these buttons are in, names the plan and the indicator.
    state.may_edit().then(|| {
        view! {
            <div class="structure-controls">{Part::Indicator(id).buttons(state)}</div>
        }
    })
}

/// Links an activity to an indicator: one form for the whole plan (two selects), so a plan
/// with a thousand indicators does not carry a thousand copies of the activity list.
#[component]
pub fn LinkActivityForm() -> impl IntoView {
    let state = expect_context::<PlanState>();
    let plan = state.id;
    let indicator_choice = RwSignal::new(String::new());
    let activity_choice = RwSignal::new(String::new());
    let indicators = move || {
        state
            .goals
            .get()
            .into_iter()
            .flat_map(|goal| {
                let number = goal.number.get();
                goal.indicators.get().into_iter().map(move |i| (number, i))
            })
            .map(|(goal, indicator)| {
                let (id, number, name) = indicator.with(|i| (i.id.unwrap_or(IndicatorId(0)), i.number, i.name.clone()));
                view! { <option value=id.0.to_string()>{format!("{goal}.{number} {name}")}</option> }
            })
            .collect_view()
    };
    let activities = move || {
        state.activities.with(|list| {
            list.iter()
                .map(|a| {
                    a.with(|a| view! { <option value=a.id.0.to_string()>{a.name.clone()}</option> })
                })
                .collect_view()
        })
    };
    let find_indicator = move |id: IndicatorId| {
        state.goals.with_untracked(|goals| {
            goals.iter().find_map(|g| {
                g.indicators.with_untracked(|list| {
                    list.iter()
                        .copied()
                        .find(|i| i.with_untracked(|i| i.id == Some(id)))
                })
            })
        })
    };
    let locked = frozen(StructureEdit::Link {
        indicator: IndicatorId(0),
        activity: ActivityId(0),
    });
    state.may_edit().then(|| view! {
        <form
            method="post"
            action=LinkActivity::url()
            class="post-form link-form"
            on:submit=move |ev| {
                ev.prevent_default();
                let (Ok(indicator), Ok(activity)) =
                    (indicator_choice.get_untracked().parse::<i64>(), activity_choice.get_untracked().parse::<i64>())
                else {
                    state.notice.set(Some(Err("Pilih indikator dan kegiatan yang akan ditautkan".into())));
                    return;
                };
                let (indicator, activity) = (IndicatorId(indicator), ActivityId(activity));
                settle(state, "Kegiatan ditautkan", link_activity(plan, indicator, activity), move |_| {
                    if let Some(signal) = find_indicator(indicator) {
                        state.linked(signal, activity);
                    }
                });
            }
        >
            <input type="hidden" name="plan" value=plan.0/>
            <span>"Tautkan kegiatan "</span>
            <select name="activity" aria-label="Kegiatan yang ditautkan" on:change=move |ev| activity_choice.set(event_target_value(&ev))>
                <option value="">"Pilih kegiatan\u{2026}"</option>
                {activities}
            </select>
            <span>" ke indikator "</span>
            <select name="indicator" aria-label="Indikator tujuan" on:change=move |ev| indicator_choice.set(event_target_value(&ev))>
                <option value="">"Pilih indikator\u{2026}"</option>
                {indicators}
            </select>
            <button type="submit" disabled=move || locked.get().is_some() title=move || locked.get()>"Tautkan"</button>
        </form>
    })
}

#[component]
pub fn UnlinkActivityButton(indicator: RwSignal<Indicator>, activity: ActivityId) -> impl IntoView {
    let state = expect_context::<PlanState>();
    let plan = state.id;
    let id = indicator.with_untracked(|i| i.id).unwrap_or(IndicatorId(0));
    state.may_edit().then(|| view! {
        // In the quarter table's form, which names the plan and the indicator.
        <PostButton
            url=UnlinkActivity::url()
            field=("activity", activity.0.to_string())
            label="Lepas".into()
            class="inline"
            locked=frozen(StructureEdit::Unlink { indicator: id, activity })
            run=Callback::new(move |_| {
                settle(state, "Tautan kegiatan dilepas", unlink_activity(plan, id, activity), move |_| {
                    state.unlinked(indicator, activity)
                })
            })
        />
    })
}

#[component]
pub fn AddActivityForm() -> impl IntoView {
    let state = expect_context::<PlanState>();
    let plan = state.id;
    add_form(
        state,
        AddActivity::url(),
        ("name", "Kegiatan baru"),
        "Tambah kegiatan",
        move |name| {
            settle(
                state,
                "Kegiatan ditambahkan",
                add_activity(plan, name),
                move |c| {
                    if let Created::Activity(activity) = c {
                        state.activity_added(*activity);
                    }
                },
            )
        },
    )
}

#[component]
pub fn RemoveActivityButton(activity: ActivityId) -> impl IntoView {
    let state = expect_context::<PlanState>();
    let plan = state.id;
    state.may_edit().then(|| {
        // In the budget table's form, which names the plan.
        remove_button(
            RemoveActivity::url(),
            Some(("activity", activity.0.to_string())),
            "Hapus",
            StructureEdit::RemoveActivity { activity },
            move || {
                settle(
                    state,
                    "Kegiatan dihapus",
                    remove_activity(plan, activity),
                    move |_| state.activity_removed(activity),
                )
            },
        )
    })
}

/// What the last change to the plan's shape did.
#[component]
pub fn Notice() -> impl IntoView {
    let state = expect_context::<PlanState>();
    move || {
        state.notice.get().map(|outcome| match outcome {
            Ok(message) => view! { <p class="notice ok" role="status">{message}</p> }.into_any(),
            Err(message) => view! { <p class="notice error" role="alert">{message}</p> }.into_any(),
        })
    }
}
