//! Small components shared by pages.

pub mod charts;
mod field;
mod post_form;

pub use field::{FieldInput, SaveStatus};
pub use post_form::PostForm;

use crate::error::AppError;
use leptos::prelude::*;
use model::Rupiah;

#[component]
pub fn ErrorNote(error: AppError) -> impl IntoView {
    view! { <p class="error" role="alert">{error.to_string()}</p> }
}

/// An amount as the sheet writes it, `-` for none.
pub fn money(amount: Option<Rupiah>) -> String {
    amount
        .map(|a| a.to_string())
        .unwrap_or_else(|| "-".to_owned())
}

/// A text cell; the sheet's empty cell reads as `-`.
pub fn text_or_dash(text: &str) -> String {
    if text.trim().is_empty() {
        "-".to_owned()
    } else {
        text.to_owned()
    }
}
