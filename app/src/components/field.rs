//! An input bound to one field of the plan: validated with the model's rules as the person types
//! (the message appears beside it; the working copy keeps its last valid value), Escape puts back
//! the last saved text, Enter submits the row's form.

use crate::sync::{FieldHandle, SyncEngine};
use leptos::html;
use leptos::prelude::*;
use model::edit::{parse_value, Field, Value};
use model::freeze;

/// Which fields the person may change now: none when they may not edit the plan, and none that
/// would change the figures of a submitted or approved quarter (the server's rule,
/// `model::freeze`, asked here too). Provided by the plan page; inputs without it are always
/// editable. The zone is the plan's unit's, in which a refusal names when the quarter was
/// decided.
#[derive(Clone, Copy)]
pub struct EditGate(pub RwSignal<crate::api::PlanAccess>, pub model::time::Zone);

impl EditGate {
    /// Why `field` cannot be changed now, or `None` when it can.
    pub fn locked(&self, field: &Field) -> Option<String> {
        self.0.with(|access| {
            if !access.may_edit {
                return Some("Hanya operator unit ini yang dapat mengubah rencana ini".into());
            }
            freeze::check_field(field, &access.states, self.1)
                .err()
                .map(|e| e.0)
        })
    }

    /// Whether the person may edit the plan at all.
    pub fn may_edit(&self) -> bool {
        self.0.with(|access| access.may_edit)
    }

    /// Why a change of shape cannot be made now, or `None` when it can.
    pub fn structure_locked(&self, edit: &model::edit::structure::StructureEdit) -> Option<String> {
        self.0.with(|access| {
            freeze::check_structure(edit, &access.states, self.1)
                .err()
                .map(|e| e.0)
        })
    }
}

#[component]
pub fn FieldInput(
    field: Field,
    /// The form field name the server function reads.
    #[prop(into)]
    name: String,
    /// The last saved text, for Escape.
    #[prop(into)]
    saved: Signal<String>,
    /// Receives each valid value as it is typed.
    #[prop(into)]
    on_value: Callback<Value>,
    #[prop(optional)] numeric: bool,
    #[prop(optional)] wide: bool,
    /// A text that may run long: a text area that wraps and grows with its text. Enter still
    /// saves the row; Shift+Enter starts a new line.
    #[prop(optional)]
    multiline: bool,
    /// Where the field is, for a screen reader: its label becomes "A TW I, indikator 1.1".
    #[prop(optional, into)]
    place: Option<Signal<String>>,
) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let input = NodeRef::<html::Input>::new();
    let area = NodeRef::<html::Textarea>::new();
    let label = {
        let label = field.label();
        move || match place {
            Some(place) => format!("{label}, {}", place.get()),
            None => label.clone(),
        }
    };
    let check = move |text: &str| match parse_value(&field, text) {
        Ok(value) => {
            error.set(None);
            on_value.run(value);
        }
        Err(e) => error.set(Some(e.message())),
    };
    let initial = saved.get_untracked();
    // The text last saved, queued or received: Escape puts it back; a save sends only changes.
    let known = RwSignal::new(initial.clone());
    let gate = use_context::<EditGate>();
    let locked = move || gate.and_then(|g| g.locked(&field));
    let sync = use_context::<SyncEngine>();
    let read = move || {
        (input.get_untracked().map(|el| el.value()))
            .or_else(|| area.get_untracked().map(|el| el.value()))
    };
    let show = move |text: &str| {
        if let Some(el) = input.get_untracked() {
            el.set_value(text);
        } else if let Some(el) = area.get_untracked() {
            el.set_value(text);
        }
    };
    join_sync(
        field,
        known,
        move || input.get().is_some() || area.get().is_some(),
        read,
        move |text| {
            show(text);
            error.set(None);
        },
        // After a reload, an edit still waiting in the outbox is what the field shows.
        move |text| {
            show(text);
            check(text);
        },
    );
    let escape = move || {
        let text = known.get_untracked();
        show(&text);
        check(&text);
    };
    let conflict = move || sync.and_then(|s| s.conflict_on(&field));
    // A frozen field is read-only, not disabled: a form posted with JavaScript off still sends
    // its (unchanged) value, so the row's other cells save.
    let disabled = move || gate.is_some_and(|g| !g.may_edit());
    let invalid = move || error.with(Option::is_some).to_string();
    // What the one-line input and the text area share.
    let common = view! {
        <{..}
            name=name
            aria-label=label
            disabled=disabled
            readonly=move || locked().is_some()
            title=locked
            aria-invalid=invalid
            on:input=move |ev| check(&event_target_value(&ev))
        />
    };
    let control = if multiline {
        leptos::either::Either::Right(view! {
            <textarea
                node_ref=area
                rows="1"
                class:wide=wide
                on:keydown=move |ev| {
                    if ev.key() == "Escape" {
                        escape();
                    } else if ev.key() == "Enter" && !ev.shift_key() {
                        ev.prevent_default();
                        submit_form_of(area);
                    }
                }
                {..common}
            >
                {initial}
            </textarea>
        })
    } else {
        leptos::either::Either::Left(view! {
            <input
                node_ref=input
                type="text"
                value=initial
                inputmode=if numeric { "decimal" } else { "text" }
                class:num=numeric
                class:wide=wide
                on:keydown=move |ev| {
                    if ev.key() == "Escape" {
                        escape();
                    }
                }
                {..common}
            />
        })
    };
    view! {
        <span
            class="field"
            class:invalid=move || error.with(Option::is_some)
            class:has-conflict=move || conflict().is_some()
        >
            {control}
            {move || error.get().map(|message| view! { <span class="field-error" role="alert">{message}</span> })}
            {move || conflict().map(|c| view! {
                <span class="field-conflict" role="note">
                    "Konflik \u{2014} Anda: \u{201c}" {c.mine} "\u{201d}, server: \u{201c}" {c.theirs} "\u{201d}"
                </span>
            })}
        </span>
    }
}

/// Submits the form a text area belongs to, as Enter in a one-line input does by itself.
fn submit_form_of(area: NodeRef<html::Textarea>) {
    #[cfg(feature = "hydrate")]
    if let Some(form) = area.get_untracked().and_then(|el| el.form()) {
        let _ = form.request_submit();
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = area;
}

/// A [`FieldInput`] beside its field's name: one row of a stacked form. The name is plain text
/// and the input carries it as its `aria-label`, not a `<label>` element: when a page finishes
/// parsing, Chromium (its form autofill, by all signs) visits every `<label>` of the page once
/// per form. On a plan of a thousand indicators (nine labels and two forms each) that took
/// 90 of the 100 seconds the static page needed; without the labels it took under one.
#[component]
pub fn LabelledInput(
    field: Field,
    /// The form field name the server function reads.
    name: &'static str,
    #[prop(into)] saved: Signal<String>,
    #[prop(into)] on_value: Callback<Value>,
    #[prop(optional)] numeric: bool,
    #[prop(optional)] wide: bool,
    #[prop(optional)] multiline: bool,
) -> impl IntoView {
    view! {
        <div class="labelled">
            <span>{field.label()}</span>
            <FieldInput field name saved on_value numeric wide multiline/>
        </div>
    }
}

/// The save status of a row's form: pending, saved, or the server's message.
#[component]
pub fn SaveStatus<T: Clone + Send + Sync + 'static>(
    pending: Signal<bool>,
    result: Signal<Option<Result<T, crate::error::AppError>>>,
) -> impl IntoView {
    view! {
        <span class="save-status" role="status" aria-live="polite">
            {move || {
                if pending.get() {
                    return view! { <span>"Menyimpan\u{2026}"</span> }.into_any();
                }
                match result.get() {
                    Some(Ok(_)) => view! { <span class="saved">"Tersimpan"</span> }.into_any(),
                    Some(Err(e)) => view! { <span class="save-error" role="alert">{e.to_string()}</span> }.into_any(),
                    None => ().into_any(),
                }
            }}
        </span>
    }
}

/// Lets the sync engine read and set a `<select>` bound to a field, as it does a [`FieldInput`].
pub fn sync_select(field: Field, select: NodeRef<html::Select>, initial: String) {
    let show = move |text: &str| {
        if let Some(el) = select.get_untracked() {
            el.set_value(text);
        }
    };
    join_sync(
        field,
        RwSignal::new(initial),
        move || select.get().is_some(),
        move || select.get_untracked().map(|el| el.value()),
        show,
        show,
    );
}

/// Registers a field's control with the page's sync engine (if any): `known` is the text last
/// saved, queued or received; `mounted` whether the control is on the page (tracked);
/// `read` what it holds now (`None` before it mounts); `show` puts a server text in it;
/// `restore` an edit that was still waiting in the outbox when the page loaded.
fn join_sync(
    field: Field,
    known: RwSignal<String>,
    mounted: impl Fn() -> bool + Send + Sync + 'static,
    read: impl Fn() -> Option<String> + Send + Sync + 'static,
    show: impl Fn(&str) + Send + Sync + 'static,
    restore: impl Fn(&str) + Send + Sync + 'static,
) {
    let Some(sync) = use_context::<SyncEngine>() else {
        return;
    };
    sync.register(
        &field,
        FieldHandle {
            known,
            read: Callback::new(move |_| read().unwrap_or_else(|| known.get_untracked())),
            show: Callback::new(move |text: String| show(&text)),
        },
    );
    on_cleanup(move || sync.unregister(&field));
    // The outbox was read when the page loaded: a field nothing waits for needs no effect (a
    // thousand-indicator page has some 28,000 fields, and each effect costs its hydration).
    if sync.waiting_text(&field).is_none() {
        return;
    }
    Effect::new(move |_| {
        if let (Some(text), true) = (sync.waiting_text(&field), mounted()) {
            known.set(text.clone());
            restore(&text);
        }
    });
}
