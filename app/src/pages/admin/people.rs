//! The people an admin manages: their roles, each with a button to take it away, a form to give
//! them a new password, and a button to disable or enable their account. People who also hold
//! roles in units this admin does not manage are listed without buttons.

use super::units::UnitChoices;
use super::Actions;
use crate::components::{col, Column, SaveStatus, ScrollTable};
use crate::error::AppError;
use leptos::either::Either;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use model::access::{Grant, Person, MIN_PASSWORD_CHARS};
use model::UserId;

/// The people on the page, which of them this admin may act on, and which are disabled.
#[derive(Clone, Debug)]
pub struct PeopleList {
    pub people: Vec<Person>,
    pub manageable: Vec<UserId>,
    pub disabled: Vec<UserId>,
    /// The admin looking at the page.
    pub viewer: UserId,
}

const COLUMNS: &[Column] = &[
    col("Nama"),
    col("Peran"),
    col("Kata sandi baru"),
    col("Akun"),
];

#[component]
pub fn PeopleTable(people: PeopleList, choices: UnitChoices, actions: Actions) -> impl IntoView {
    // An outcome that came back in the address (a post made without JavaScript) names no one:
    // it shows above the table.
    let unplaced = move || {
        unplaced(actions.revoke, actions.revoked_for)
            .or(unplaced(actions.reset, actions.reset_for))
            .or(unplaced(actions.disable, actions.disabled_for))
            .and_then(Result::err)
            .map(|error| {
                view! { <p class="error" role="alert">{error.to_string()}</p> }
            })
    };
    let PeopleList {
        people,
        manageable,
        disabled,
        viewer,
    } = people;
    let body = if people.is_empty() {
        Either::Left(view! { <p>"Belum ada pengguna di unit yang Anda kelola."</p> })
    } else {
        let rows = people
            .into_iter()
            .map(|person| {
                let may = manageable.contains(&person.id);
                let off = disabled.contains(&person.id);
                let me = person.id == viewer;
                view! { <PersonRow person may off me choices=choices.clone() actions/> }
            })
            .collect_view();
        Either::Right(view! { <ScrollTable class="people" columns=COLUMNS>{rows}</ScrollTable> })
    };
    view! {
        <section aria-labelledby="people-title">
            <h2 id="people-title">"Pengguna"</h2>
            {unplaced}
            {body}
        </section>
    }
}

#[component]
fn PersonRow(
    person: Person,
    /// Whether this admin may act on them (every role of theirs in a unit this admin manages).
    may: bool,
    /// Whether their account is disabled.
    off: bool,
    /// Whether this is the admin's own row.
    me: bool,
    choices: UnitChoices,
    actions: Actions,
) -> impl IntoView {
    let id = person.id;
    let (revoke_pending, revoke_result) = outcome_for(actions.revoke, actions.revoked_for, id);
    let (reset_pending, reset_result) = outcome_for(actions.reset, actions.reset_for, id);
    let (disable_pending, disable_result) = outcome_for(actions.disable, actions.disabled_for, id);
    let grants = if person.grants.is_empty() {
        Either::Left(view! { <p class="muted">"Belum punya peran"</p> })
    } else {
        let items = person
            .grants
            .iter()
            .map(
                |grant| view! { <GrantItem user=id grant=*grant may choices=choices.clone() actions/> },
            )
            .collect_view();
        Either::Right(view! { <ul class="grants">{items}</ul> })
    };
    let password_label = format!("Kata sandi baru untuk {}", person.name);
    let other_admin = move || {
        let note = if me {
            "Akun Anda: peran dan kata sandinya diubah oleh admin lain"
        } else {
            "Dikelola admin lain"
        };
        view! { <p class="muted">{note}</p> }
    };
    let password = if may {
        Either::Left(view! {
            <ActionForm action=actions.reset attr:class="inline-form reset-password">
                <input type="hidden" name="user" value=id.0/>
                <input
                    type="password"
                    name="password"
                    autocomplete="new-password"
                    minlength=MIN_PASSWORD_CHARS
                    required
                    aria-label=password_label.clone()
                    placeholder=format!("Paling sedikit {MIN_PASSWORD_CHARS} karakter")
                />
                <button type="submit">"Atur kata sandi"</button>
            </ActionForm>
            <SaveStatus pending=reset_pending result=reset_result/>
        })
    } else {
        Either::Right(other_admin())
    };
    let state = if off { "Nonaktif" } else { "Aktif" };
    let account = if may {
        let (label, value, class) = if off {
            ("Aktifkan kembali", "false", "secondary")
        } else {
            ("Nonaktifkan", "true", "secondary danger-button")
        };
        let aria = format!("{label} akun {}", person.name);
        Either::Left(view! {
            <p class="account-state">{state}</p>
            <ActionForm action=actions.disable attr:class="inline-form set-disabled">
                <input type="hidden" name="user" value=id.0/>
                <input type="hidden" name="disabled" value=value/>
                <button type="submit" class=class aria-label=aria>{label}</button>
            </ActionForm>
            <SaveStatus pending=disable_pending result=disable_result/>
        })
    } else {
        Either::Right(view! { <p class="account-state">{state}</p> })
    };
    view! {
        <tr class="person" class:disabled=off data-username=person.username.clone()>
            <th scope="row">
                <span class="person-name">{person.name.clone()}</span>
                <div class="muted">{person.username.clone()}</div>
            </th>
            <td>
                {grants}
                <SaveStatus pending=revoke_pending result=revoke_result/>
            </td>
            <td>{password}</td>
            <td>{account}</td>
        </tr>
    }
}

/// The outcome of `action`'s last post when it names no person (posted without JavaScript, the
/// outcome comes back in the address).
fn unplaced<S>(
    action: ServerAction<S>,
    target: RwSignal<Option<UserId>>,
) -> Option<Result<(), AppError>>
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    let outcome = action.value().get().map(|r| r.map(|_| ()));
    target.get().is_none().then_some(outcome).flatten()
}

/// Whether `action` is running, and what it answered, for the row of person `id` only.
type RowOutcome<T> = (Signal<bool>, Signal<Option<Result<T, AppError>>>);

fn outcome_for<S>(
    action: ServerAction<S>,
    target: RwSignal<Option<UserId>>,
    id: UserId,
) -> RowOutcome<S::Output>
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    let mine = move || target.get() == Some(id);
    (
        Signal::derive(move || mine() && action.pending().get()),
        Signal::derive(move || mine().then(|| action.value().get()).flatten()),
    )
}

#[component]
fn GrantItem(
    user: UserId,
    grant: Grant,
    may: bool,
    choices: UnitChoices,
    actions: Actions,
) -> impl IntoView {
    let unit = choices.name(grant.unit);
    let label = format!("{} \u{2014} {unit}", grant.role.label());
    let revoke_label = format!("Cabut peran {label}");
    // Roles of people the admin may not act on, and roles in units the admin does not manage,
    // are shown, but only the server could refuse taking them away: no button.
    let button = (may && choices.manages(grant.unit)).then(|| {
        view! {
            <ActionForm action=actions.revoke attr:class="inline-form revoke-role">
                <input type="hidden" name="user" value=user.0/>
                <input type="hidden" name="unit" value=grant.unit.0/>
                <input type="hidden" name="role" value=grant.role.code()/>
                <button type="submit" class="secondary" aria-label=revoke_label>"Cabut"</button>
            </ActionForm>
        }
    });
    view! {
        <li class="grant" data-role=grant.role.code()>
            <span>{label}</span>
            {button}
        </li>
    }
}
