//! One module per page.

pub mod admin;
pub mod dashboard;
pub mod history;
pub mod home;
pub mod login;
pub mod plan;
pub mod print;
pub mod rollup;
pub mod years;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use model::PlanId;

/// The plan a `/rencana/:id/...` page is about, `None` when the address names no plan.
pub fn plan_id_param() -> Memo<Option<PlanId>> {
    let params = use_params_map();
    Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|raw| raw.parse::<i64>().ok())
            .map(PlanId)
    })
}

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
