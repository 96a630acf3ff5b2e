//! The signed-in person in the top bar: their name, the way to the admin page when they hold
//! the admin role anywhere, and signing out (a plain form post, so it works without
//! JavaScript). Shows nothing when no one is signed in.

use crate::api::session::current_person;
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
    view! {
        <nav class="account" aria-label="Akun">
            <span class="account-name" title=person.username.clone()>{person.name}</span>
            {admin.then(|| view! { <a class="account-link" href="/admin">"Pengguna & unit"</a> })}
            <form method="post" action="/api/keluar" class="logout-form">
                <button type="submit" class="logout-button">"Keluar"</button>
            </form>
        </nav>
    }
}
