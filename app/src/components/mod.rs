//! Small components shared by pages.

mod account;
pub mod charts;
mod field;
mod formula;
mod post_form;
mod sign_out;
mod sync_form;
mod table;

pub use account::Account;
pub use field::{sync_select, EditGate, FieldInput, LabelledInput, SaveStatus};
pub use formula::Formula;
pub use post_form::{posted_refusal, PostButton, PostForm};
pub use sync_form::{EnterSaves, SyncForm, SyncStatus};
pub use table::{col, num, Column, ScrollTable, Table};

use crate::error::AppError;
use leptos::prelude::*;

#[component]
pub fn ErrorNote(error: AppError) -> impl IntoView {
    // A page that cannot be shown says so in its status too, for scripts and proxies.
    #[cfg(feature = "ssr")]
    if let (Ok(status), Some(response)) = (
        http::StatusCode::from_u16(error.status()),
        use_context::<leptos_axum::ResponseOptions>(),
    ) {
        response.set_status(status);
    }
    view! { <p class="error" role="alert">{error.to_string()}</p> }
}

/// A text cell; the sheet's empty cell reads as `-`.
pub fn text_or_dash(text: &str) -> String {
    if text.trim().is_empty() {
        "-".to_owned()
    } else {
        text.to_owned()
    }
}
