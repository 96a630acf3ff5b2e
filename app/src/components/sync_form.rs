//! A form whose fields are saved through the offline outbox. With JavaScript off it is a plain
//! form posted to its server function; once hydrated, a submit queues each changed field and
//! sends the outbox, and the status shows where the row's edits stand.

use crate::sync::{FieldSync, SyncEngine};
use leptos::prelude::*;
use model::edit::Field;

#[component]
pub fn SyncForm(
    /// The form's id; inputs outside the `<form>` element join it with `form="…"`.
    id: String,
    /// The server function's address, for a post with JavaScript off.
    action: &'static str,
    /// The fields this form saves.
    fields: Vec<Field>,
    #[prop(optional)] class: &'static str,
    children: Children,
) -> impl IntoView {
    let sync = expect_context::<SyncEngine>();
    let status_fields = fields.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let edits = fields
            .iter()
            .filter_map(|field| sync.read(field).map(|text| (*field, text)))
            .collect();
        sync.save(edits);
    };
    view! {
        <form id=id method="post" action=action class=class on:submit=on_submit>
            {children()}
            <SyncStatus fields=status_fields/>
        </form>
    }
}

/// Where a form's edits stand: refused (with the reason), in conflict, waiting, or saved.
#[component]
pub fn SyncStatus(fields: Vec<Field>) -> impl IntoView {
    let sync = expect_context::<SyncEngine>();
    let state = move || {
        sync.status.with(|status| {
            let mine: Vec<&FieldSync> = fields.iter().filter_map(|f| status.get(f)).collect();
            if let Some(FieldSync::Rejected(reason)) =
                mine.iter().find(|s| matches!(s, FieldSync::Rejected(_)))
            {
                return Some(FieldSync::Rejected(reason.clone()));
            }
            [FieldSync::Conflict, FieldSync::Waiting, FieldSync::Saved]
                .into_iter()
                .find(|wanted| mine.contains(&wanted))
        })
    };
    view! {
        <span class="save-status" role="status" aria-live="polite">
            {move || match state() {
                Some(FieldSync::Rejected(reason)) => view! { <span class="save-error" role="alert">{reason}</span> }.into_any(),
                Some(FieldSync::Conflict) => view! {
                    <span class="save-error conflict">"Konflik: pilih nilai di daftar konflik"</span>
                }.into_any(),
                Some(FieldSync::Waiting) => {
                    if sync.online.get() {
                        view! { <span class="waiting">"Mengirim\u{2026}"</span> }.into_any()
                    } else {
                        view! { <span class="waiting">"Belum terkirim"</span> }.into_any()
                    }
                }
                Some(FieldSync::Saved) => view! { <span class="saved">"Tersimpan"</span> }.into_any(),
                None => ().into_any(),
            }}
        </span>
    }
}
