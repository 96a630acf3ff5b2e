//! Signing out: a plain form post (`/api/keluar`), so it works without JavaScript. With it, a
//! person who still has edits waiting on this device is told before leaving that they stay here
//! and are sent when they sign in again, and is offered to send them now first, or to sign out
//! anyway.

use crate::error::AppError;
use crate::sync::{send_waiting, waiting_of, Sent};
use leptos::html;
use leptos::prelude::*;
use model::UserId;

/// What the warning says under its count after a try to send.
fn after_send(sent: &Sent, left: usize) -> Option<String> {
    match sent {
        Sent::Done { refused, conflicts } if left == 0 => {
            let mut note = "Semua perubahan Anda sudah terkirim.".to_owned();
            if *refused > 0 {
                note.push_str(&format!(" {refused} ditolak server dan tidak disimpan."));
            }
            if *conflicts > 0 {
                note.push_str(&format!(
                    " {conflicts} menjadi konflik yang menunggu diselesaikan di halaman rencana."
                ));
            }
            Some(note)
        }
        Sent::Done { .. } => None,
        Sent::Failed(AppError::Transport(_)) => {
            Some("Server tidak dapat dihubungi; perubahan tetap tersimpan di perangkat ini.".into())
        }
        Sent::Failed(AppError::Unauthenticated) => {
            Some("Sesi Anda telah berakhir; perubahan dikirim saat Anda masuk lagi.".into())
        }
        Sent::Failed(other) => Some(other.to_string()),
        Sent::Storage(message) => Some(message.clone()),
    }
}

#[component]
pub fn SignOut(person: UserId) -> impl IntoView {
    let form = NodeRef::<html::Form>::new();
    // Some(n): the warning is open; n of the person's edits still wait.
    let warning = RwSignal::new(None::<usize>);
    let note = RwSignal::new(None::<String>);
    let sending = RwSignal::new(false);
    // Set when the person chose to leave: the form then posts as it would without JavaScript.
    let leaving = StoredValue::new(false);
    let leave = move || {
        leaving.set_value(true);
        if let Some(form) = form.get_untracked() {
            // Posts without another submit event.
            let _ = form.submit();
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        if leaving.get_value() {
            return;
        }
        let waiting = waiting_of(person);
        if waiting > 0 {
            ev.prevent_default();
            note.set(None);
            warning.set(Some(waiting));
        }
    };
    let sync_now = move |_| {
        sending.set(true);
        note.set(None);
        leptos::task::spawn_local(async move {
            let sent = send_waiting(person).await;
            sending.set(false);
            let left = waiting_of(person);
            if sent
                == (Sent::Done {
                    refused: 0,
                    conflicts: 0,
                })
                && left == 0
            {
                // Everything arrived: on to signing out, as asked.
                return leave();
            }
            warning.set(Some(left));
            note.set(after_send(&sent, left));
        });
    };
    view! {
        <form method="post" action="/api/keluar" class="logout-form" node_ref=form on:submit=on_submit>
            <button type="submit" class="logout-button">"Keluar"</button>
            {move || warning.get().map(|waiting| view! {
                <div class="signout-warning" role="alertdialog" aria-labelledby="signout-warning-text" aria-modal="false">
                    <p id="signout-warning-text">
                        {if waiting > 0 {
                            format!(
                                "{waiting} perubahan belum terkirim tetap tersimpan di perangkat ini \
                                 dan akan dikirim saat Anda masuk lagi."
                            )
                        } else {
                            "Tidak ada lagi perubahan Anda yang menunggu di perangkat ini.".to_owned()
                        }}
                    </p>
                    {move || note.get().map(|n| view! { <p class="signout-note" role="status">{n}</p> })}
                    <div class="signout-actions">
                        {(waiting > 0).then(|| view! {
                            <button type="button" class="signout-sync" on:click=sync_now disabled=move || sending.get()>
                                {move || if sending.get() { "Mengirim\u{2026}" } else { "Sinkronkan sekarang" }}
                            </button>
                        })}
                        <button type="submit" class="secondary" on:click=move |_| leaving.set_value(true)>
                            {if waiting > 0 { "Keluar tanpa mengirim" } else { "Keluar" }}
                        </button>
                        <button type="button" class="secondary" on:click=move |_| warning.set(None)>"Batal"</button>
                    </div>
                </div>
            })}
        </form>
    }
}
