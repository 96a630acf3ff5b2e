//! The forms that add a unit, add a person, and give a person a role. Units to choose from are
//! the ones the admin manages.

use super::units::UnitChoices;
use crate::api::admin::{CreateUnit, CreateUser, GrantRole, SetUnitZone};
use crate::components::SaveStatus;
use crate::error::AppError;
use leptos::prelude::*;
use model::access::{Person, Role, MIN_PASSWORD_CHARS};
use model::time::Zone;

/// What each role may do, for the role `<select>`.
pub fn role_label(role: Role) -> String {
    let what = match role {
        Role::Operator => "mengisi rencana unitnya",
        Role::Pimpinan => "membaca dan menyetujui rencana unitnya dan unit di bawahnya",
        Role::Admin => "mengelola unit di bawahnya dan penggunanya",
    };
    format!("{} \u{2014} {what}", role.label())
}

/// The unit and the role a new person or a new grant is for.
#[component]
fn UnitAndRole(choices: UnitChoices) -> impl IntoView {
    let roles = Role::ALL
        .map(|role| view! { <option value=role.code()>{role_label(role)}</option> })
        .collect_view();
    view! {
        <Labelled text="Unit"><select name="unit" required>{choices.view()}</select></Labelled>
        <Labelled text="Peran"><select name="role" required>{roles}</select></Labelled>
    }
}

/// One row of a stacked form: a control under its label.
#[component]
fn Labelled(text: &'static str, children: Children) -> impl IntoView {
    view! {
        <label>
            <span>{text}</span>
            {children()}
        </label>
    }
}

/// The form's button with the outcome of its last post beside it.
#[component]
fn SubmitRow<T: Clone + Send + Sync + 'static>(
    label: &'static str,
    pending: Signal<bool>,
    result: Signal<Option<Result<T, AppError>>>,
) -> impl IntoView {
    view! {
        <div>
            <button type="submit">{label}</button>
            <SaveStatus pending result/>
        </div>
    }
}

#[component]
pub fn CreateUnitForm(choices: UnitChoices, action: ServerAction<CreateUnit>) -> impl IntoView {
    view! {
        <ActionForm action attr:class="stacked-form admin-form" attr:aria-labelledby="create-unit-title">
            <h2 id="create-unit-title">"Tambah unit"</h2>
            <Labelled text="Nama unit"><input type="text" name="name" required maxlength="200"/></Labelled>
            <Labelled text="Di bawah unit"><select name="parent" required>{choices.view()}</select></Labelled>
            <SubmitRow label="Tambah unit" pending=action.pending().into() result=action.value().into()/>
        </ActionForm>
    }
}

#[component]
pub fn CreateUserForm(choices: UnitChoices, action: ServerAction<CreateUser>) -> impl IntoView {
    view! {
        <ActionForm action attr:class="stacked-form admin-form" attr:aria-labelledby="create-user-title">
            <h2 id="create-user-title">"Tambah pengguna"</h2>
            <Labelled text="Nama pengguna"><input type="text" name="username" required autocomplete="off" autocapitalize="none" spellcheck="false" minlength="3" maxlength="32"/></Labelled>
            <Labelled text="Nama lengkap"><input type="text" name="name" required maxlength="200"/></Labelled>
            <Labelled text="Kata sandi awal"><input type="password" name="password" required autocomplete="new-password" minlength=MIN_PASSWORD_CHARS/></Labelled>
            <UnitAndRole choices/>
            <SubmitRow label="Tambah pengguna" pending=action.pending().into() result=action.value().into()/>
        </ActionForm>
    }
}

#[component]
pub fn GrantRoleForm(
    people: Vec<Person>,
    choices: UnitChoices,
    action: ServerAction<GrantRole>,
) -> impl IntoView {
    let people = people
        .into_iter()
        .map(|p| view! { <option value=p.id.0>{format!("{} ({})", p.name, p.username)}</option> })
        .collect_view();
    view! {
        <ActionForm action attr:class="stacked-form admin-form" attr:aria-labelledby="grant-role-title">
            <h2 id="grant-role-title">"Beri peran"</h2>
            <Labelled text="Pengguna"><select name="user" required>{people}</select></Labelled>
            <UnitAndRole choices/>
            <SubmitRow label="Beri peran" pending=action.pending().into() result=action.value().into()/>
        </ActionForm>
    }
}

/// Sets a unit's time zone, or lets it keep its parent's (a UPT takes its Kanwil's).
#[component]
pub fn UnitZoneForm(choices: UnitChoices, action: ServerAction<SetUnitZone>) -> impl IntoView {
    let zones = Zone::ALL
        .map(|zone| view! { <option value=zone.code()>{zone.label()}</option> })
        .collect_view();
    view! {
        <ActionForm action attr:class="stacked-form admin-form" attr:aria-labelledby="unit-zone-title">
            <h2 id="unit-zone-title">"Zona waktu unit"</h2>
            <Labelled text="Unit"><select name="unit" required>{choices.view()}</select></Labelled>
            <Labelled text="Zona waktu">
                <select name="zone">
                    <option value="">"Ikuti unit induk"</option>
                    {zones}
                </select>
            </Labelled>
            <SubmitRow label="Simpan zona waktu" pending=action.pending().into() result=action.value().into()/>
        </ActionForm>
    }
}
