//! A form whose fields are saved through the offline outbox. With JavaScript off it is a plain
//! form posted to its server function; once hydrated, a submit queues each changed field and
//! sends the outbox, and the status shows where the row's edits stand.

use crate::sync::{FieldSync, SyncEngine};
use leptos::prelude::*;
use model::edit::Field;

#[component]
pub fn SyncForm(
    /// The server function's address, for a post with JavaScript off.
    action: &'static str,
    /// The fields this form saves (all its inputs are inside the `<form>` element).
    #[prop(into)]
    fields: Signal<Vec<Field>>,
    #[prop(optional)] class: &'static str,
    /// The rows show where their own fields stand (a [`SyncStatus`] each), so the form shows
    /// no status of its own.
    #[prop(optional)]
    status_in_rows: bool,
    /// The row of a table form a field is in, as its row's button names it (`value`): a row's
    /// button saves its row alone, Enter (which names no row) the whole table.
    #[prop(optional)]
    row_of: Option<fn(&Field) -> String>,
    children: Children,
) -> impl IntoView {
    let sync = expect_context::<SyncEngine>();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let row = ev
            .submitter()
            .and_then(|button| button.get_attribute("value"))
            .filter(|value| !value.is_empty());
        let chosen = |field: &Field| match (row_of, &row) {
            (Some(row_of), Some(row)) => row_of(field) == *row,
            _ => true,
        };
        // Only the fields whose text changed are queued, so a submit of a whole table saves
        // just what was typed in it.
        let edits = fields.with_untracked(|fields| {
            fields
                .iter()
                .filter(|field| chosen(field))
                .filter_map(|field| sync.read(field).map(|text| (*field, text)))
                .collect()
        });
        sync.save(edits);
    };
    view! {
        <form method="post" action=action class=class on:submit=on_submit>
            {children()}
            {(!status_in_rows).then(|| view! { <SyncStatus fields=fields.get_untracked()/> })}
        </form>
    }
}

/// The first submit button of a form that several buttons submit: Enter in a one-line input
/// presses a form's first submit button, so this one (hidden, posting no name of its own) makes
/// Enter save every changed cell rather than whatever the first visible button does.
#[component]
pub fn EnterSaves() -> impl IntoView {
    view! { <button type="submit" hidden tabindex="-1">"Simpan"</button> }
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
