//! The browser's part: this page load's client id, and the events that send and pull — the
//! connection coming back, another tab changing the outbox, the page becoming visible again,
//! and a timer.

use super::{outbox_store, SyncEngine};
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// How often a page sends what is waiting and pulls what others changed.
const EVERY: Duration = Duration::from_secs(30);

pub fn start(sync: SyncEngine) {
    sync.resume(client_id());
    let online = window().navigator().on_line();
    sync.online.set(online);
    listen("online", move || {
        sync.online.set(true);
        sync.send();
    });
    listen("offline", move || sync.online.set(false));
    // Another tab queued or sent edits, or moved an unreadable outbox aside: the page follows.
    listen("storage", move || {
        if let Ok(outbox) = outbox_store::load() {
            sync.count(&outbox);
        }
        sync.refresh_asides();
    });
    listen("focus", move || {
        if sync.waiting.get_untracked() > 0 {
            sync.send();
        }
    });
    if online && sync.waiting.get_untracked() > 0 {
        sync.send();
    }
    let _ = set_interval_with_handle(move || sync.send(), EVERY);
}

/// A new id for every page load, so two tabs never share one: the time and 52 random bits.
fn client_id() -> String {
    let now = js_sys::Date::now() as u64;
    let random = (js_sys::Math::random() * 4_503_599_627_370_496.0) as u64;
    format!("t{now:x}-{random:x}")
}

fn listen(event: &str, f: impl Fn() + 'static) {
    let callback = Closure::<dyn Fn()>::new(f);
    let _ = window().add_event_listener_with_callback(event, callback.as_ref().unchecked_ref());
    // The page lives as long as the window: the listener is never removed.
    callback.forget();
}

/// Asks the service worker to store this page again as the server renders it now, so a reload
/// with no network starts from what this page last knew (not from before its edits).
pub fn refresh_offline_copy() {
    let window = window();
    let Some(worker) = window.navigator().service_worker().controller() else {
        return;
    };
    let Ok(href) = window.location().href() else {
        return;
    };
    let message = js_sys::Object::new();
    if js_sys::Reflect::set(&message, &"visited".into(), &href.into()).is_ok() {
        let _ = worker.post_message(&message);
    }
}
