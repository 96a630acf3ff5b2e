//! The login page. Signing in is a plain form post to the server (`/api/masuk`), which sets the
//! session cookie and sends the person on to `lanjut`, or back here with the reason in `galat`.
//! Works the same with JavaScript off.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn LoginPage() -> impl IntoView {
    let query = use_query_map();
    let next = move || query.read().get("lanjut").unwrap_or_else(|| "/".to_owned());
    let error = move || {
        query
            .read()
            .get("galat")
            .filter(|message| !message.trim().is_empty())
    };
    view! {
        <section class="login">
            <h1>"Masuk ke Pantau"</h1>
            {move || error().map(|message| view! { <p class="error" role="alert">{message}</p> })}
            <form method="post" action="/api/masuk" class="login-form">
                <input type="hidden" name="lanjut" value=next/>
                <label>
                    <span>"Nama pengguna"</span>
                    <input type="text" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" required/>
                </label>
                <label>
                    <span>"Kata sandi"</span>
                    <input type="password" name="password" autocomplete="current-password" required/>
                </label>
                <button type="submit">"Masuk"</button>
            </form>
        </section>
    }
}
