//! One module per page.

pub mod admin;
pub mod dashboard;
pub mod history;
pub mod home;
pub mod login;
pub mod plan;

use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(http::StatusCode::NOT_FOUND);
        }
    }
    view! {
        <h1>"Halaman tidak ditemukan"</h1>
        <p><a href="/">"Kembali ke daftar rencana"</a></p>
    }
}
