//! The admin page (`/admin`, "Pengguna & unit"): the units an admin manages and the people in
//! them, with forms to add units and people, to give and take roles, and to set a new password.
//! Every form is an `ActionForm`, so it posts with JavaScript off; hydrated, it saves in place and
//! the page reloads its data after each change that succeeded. The server decides what each
//! admin may do; the page only offers the units it manages.

mod forms;
mod log;
mod people;
mod units;

use crate::api::admin::{
    get_admin_view, CreateUnit, CreateUser, GrantRole, ResetPassword, RevokeRole, SetDisabled,
    SetUnitZone,
};
use crate::api::AdminView;
use crate::components::ErrorNote;
use crate::error::AppError;
use leptos::either::Either;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use model::UserId;

/// The page's forms. Owned by the page, so an outcome outlives the refetch that follows it.
#[derive(Clone, Copy)]
pub struct Actions {
    pub create_unit: ServerAction<CreateUnit>,
    pub create_user: ServerAction<CreateUser>,
    pub grant: ServerAction<GrantRole>,
    pub revoke: ServerAction<RevokeRole>,
    pub reset: ServerAction<ResetPassword>,
    pub disable: ServerAction<SetDisabled>,
    pub zone: ServerAction<SetUnitZone>,
    /// Whom the last role removal was for, so its outcome shows beside that person. `None` when
    /// it came back in the address of a post made without JavaScript.
    pub revoked_for: RwSignal<Option<UserId>>,
    /// Whom the last new password was for, likewise.
    pub reset_for: RwSignal<Option<UserId>>,
    /// Whom the last disable or enable was for, likewise.
    pub disabled_for: RwSignal<Option<UserId>>,
}

impl Actions {
    fn new() -> Actions {
        let actions = Actions {
            create_unit: ServerAction::new(),
            create_user: ServerAction::new(),
            grant: ServerAction::new(),
            revoke: ServerAction::new(),
            reset: ServerAction::new(),
            disable: ServerAction::new(),
            zone: ServerAction::new(),
            revoked_for: RwSignal::new(None),
            reset_for: RwSignal::new(None),
            disabled_for: RwSignal::new(None),
        };
        // The input is set while a call is pending and cleared when it ends: remember it.
        Effect::new(move |_| {
            if let Some(user) = actions.revoke.input().with(|i| i.as_ref().map(|i| i.user)) {
                actions.revoked_for.set(Some(user));
            }
        });
        Effect::new(move |_| {
            if let Some(user) = actions.reset.input().with(|i| i.as_ref().map(|i| i.user)) {
                actions.reset_for.set(Some(user));
            }
        });
        Effect::new(move |_| {
            if let Some(user) = actions.disable.input().with(|i| i.as_ref().map(|i| i.user)) {
                actions.disabled_for.set(Some(user));
            }
        });
        actions
    }

    /// Changes after every change that succeeded, and only then: after a refused one the
    /// form keeps what was typed.
    fn succeeded(self) -> Memo<usize> {
        let create_unit = successes(self.create_unit);
        let create_user = successes(self.create_user);
        let grant = successes(self.grant);
        let revoke = successes(self.revoke);
        let reset = successes(self.reset);
        let disable = successes(self.disable);
        let zone = successes(self.zone);
        Memo::new(move |_| {
            create_unit.get()
                + create_user.get()
                + grant.get()
                + revoke.get()
                + reset.get()
                + disable.get()
                + zone.get()
        })
    }
}

/// The version of the last successful call of `action`.
fn successes<S>(action: ServerAction<S>) -> Memo<usize>
where
    S: ServerFn<Output = (), Error = AppError> + Clone + Send + Sync + 'static,
{
    Memo::new(move |previous: Option<&usize>| {
        let version = action.version().get();
        if action.value().with(|v| matches!(v, Some(Ok(())))) {
            version
        } else {
            previous.copied().unwrap_or(version)
        }
    })
}

#[component]
pub fn AdminPage() -> impl IntoView {
    let actions = Actions::new();
    let succeeded = actions.succeeded();
    let data = Resource::new(move || succeeded.get(), |_| get_admin_view());
    view! {
        <article class="admin">
            <h1>"Pengguna & unit"</h1>
            <Transition fallback=|| view! { <p>"Memuat\u{2026}"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(data) => Either::Left(view! { <AdminSections data actions/> }),
                        Err(error) => Either::Right(view! { <ErrorNote error/> }),
                    }
                })}
            </Transition>
        </article>
    }
}

#[component]
fn AdminSections(data: AdminView, actions: Actions) -> impl IntoView {
    let AdminView {
        units,
        manageable,
        people,
        manageable_people,
        disabled,
        viewer,
        log,
        zone,
    } = data;
    let choices = units::UnitChoices::new(&units, &manageable);
    // Roles are given only to people this admin may manage.
    let grantable: Vec<_> = people
        .iter()
        .filter(|p| manageable_people.contains(&p.id))
        .cloned()
        .collect();
    let people = people::PeopleList {
        people,
        manageable: manageable_people,
        disabled,
        viewer,
    };
    view! {
        <units::UnitTable units=units.clone() manageable/>
        <people::PeopleTable people choices=choices.clone() actions/>
        <section class="admin-forms" aria-label="Tambah dan ubah">
            <forms::CreateUnitForm choices=choices.clone() action=actions.create_unit/>
            <forms::CreateUserForm choices=choices.clone() action=actions.create_user/>
            <forms::GrantRoleForm people=grantable choices=choices.clone() action=actions.grant/>
            <forms::UnitZoneForm choices action=actions.zone/>
        </section>
        <log::AdminLog entries=log zone/>
    }
}
