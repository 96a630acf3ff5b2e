//! The signed-in person in the top bar: their name, the way to the admin page when they hold
//! the admin role anywhere, and signing out (a plain form post, so it works without
//! JavaScript; with it, waiting edits are mentioned first). Shows nothing when no one is signed
//! in. Once signed in, the person's edits still waiting on this device are sent, whatever the
//! page.

use super::sign_out::SignOut;
use crate::api::session::current_person;
use crate::sync::{send_waiting, waiting_of};
use leptos::prelude::*;
use model::access::{Person, Role};

#[component]
pub fn Account() -> impl IntoView {
    let person = Resource::new(|| (), |_| current_person());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                person.await.ok().flatten().map(|person| view! { <AccountMenu person/> })
            })}
        </Suspense>
    }
}

#[component]
fn AccountMenu(person: Person) -> impl IntoView {
    let admin = person.grants.iter().any(|g| g.role == Role::Admin);
    // Effects run only in the browser: edits left waiting when this person last signed out (or
    // lost the connection) go now, not only when a plan page is opened.
    let id = person.id;
    Effect::new(move |_| {
        if waiting_of(id) > 0 {
            leptos::task::spawn_local(async move {
                let _ = send_waiting(id).await;
            });
        }
    });
    view! {
        <nav class="account" aria-label="Akun">
            <span class="account-name" title=person.username.clone()>{person.name}</span>
            {admin.then(|| view! { <a class="account-link" href="/admin">"Pengguna & unit"</a> })}
            <SignOut person=person.id/>
        </nav>
    }
}
