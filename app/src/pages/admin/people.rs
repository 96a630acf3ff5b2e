//! The people an admin manages: their roles, each with a button to take it away, and a form to
//! give them a new password.

use super::units::UnitChoices;
use super::Actions;
use crate::components::SaveStatus;
use leptos::either::Either;
use leptos::prelude::*;
use model::access::{Grant, Person, MIN_PASSWORD_CHARS};
use model::UserId;

#[component]
pub fn PeopleTable(people: Vec<Person>, choices: UnitChoices, actions: Actions) -> impl IntoView {
    // An outcome that came back in the address (a post made without JavaScript) names no one:
    // it shows above the table.
    let unplaced = move || {
        let revoke = actions
            .revoked_for
            .get()
            .is_none()
            .then(|| actions.revoke.value().get())
            .flatten();
        let reset = actions
            .reset_for
            .get()
            .is_none()
            .then(|| actions.reset.value().get())
            .flatten();
        revoke.or(reset).and_then(Result::err).map(|error| {
            view! { <p class="error" role="alert">{error.to_string()}</p> }
        })
    };
    let body = if people.is_empty() {
        Either::Left(view! { <p>"Belum ada pengguna di unit yang Anda kelola."</p> })
    } else {
        let rows = people
            .into_iter()
            .map(|person| view! { <PersonRow person choices=choices.clone() actions/> })
            .collect_view();
        Either::Right(view! {
            <div class="table-scroll">
                <table class="people">
                    <thead>
                        <tr>
                            <th scope="col">"Nama"</th>
                            <th scope="col">"Peran"</th>
                            <th scope="col">"Kata sandi baru"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        })
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
fn PersonRow(person: Person, choices: UnitChoices, actions: Actions) -> impl IntoView {
    let id = person.id;
    let mine = move |target: RwSignal<Option<UserId>>| move || target.get() == Some(id);
    let revoke_pending = Signal::derive({
        let mine = mine(actions.revoked_for);
        move || mine() && actions.revoke.pending().get()
    });
    let revoke_result = Signal::derive({
        let mine = mine(actions.revoked_for);
        move || mine().then(|| actions.revoke.value().get()).flatten()
    });
    let reset_pending = Signal::derive({
        let mine = mine(actions.reset_for);
        move || mine() && actions.reset.pending().get()
    });
    let reset_result = Signal::derive({
        let mine = mine(actions.reset_for);
        move || mine().then(|| actions.reset.value().get()).flatten()
    });
    let grants = if person.grants.is_empty() {
        Either::Left(view! { <p class="muted">"Belum punya peran"</p> })
    } else {
        let items = person
            .grants
            .iter()
            .map(
                |grant| view! { <GrantItem user=id grant=*grant choices=choices.clone() actions/> },
            )
            .collect_view();
        Either::Right(view! { <ul class="grants">{items}</ul> })
    };
    let password_label = format!("Kata sandi baru untuk {}", person.name);
    view! {
        <tr class="person" data-username=person.username.clone()>
            <th scope="row">
                <span class="person-name">{person.name.clone()}</span>
                <div class="muted">{person.username.clone()}</div>
            </th>
            <td>
                {grants}
                <SaveStatus pending=revoke_pending result=revoke_result/>
            </td>
            <td>
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
            </td>
        </tr>
    }
}

#[component]
fn GrantItem(user: UserId, grant: Grant, choices: UnitChoices, actions: Actions) -> impl IntoView {
    let unit = choices.name(grant.unit);
    let label = format!("{} \u{2014} {unit}", grant.role.label());
    let revoke_label = format!("Cabut peran {label}");
    // Roles in units the admin does not manage are shown, but only the server could refuse
    // taking them away: no button.
    let button = choices.manages(grant.unit).then(|| {
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
