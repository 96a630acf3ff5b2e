//! Live updates of a plan: a version number that changes whenever the plan is saved on any
//! server. Resources keyed on it refetch, so a dashboard moves without a reload. And of a
//! roll-up: which unit's plan was just saved, so the page fetches that one unit.
//!
//! In the browser it listens to the server-sent events at `/api/plans/{id}/events` (or
//! `/api/units/{id}/events`). The browser reconnects a dropped stream by itself; every
//! reconnect also asks the page to catch up on whatever was saved while it was away.

use leptos::prelude::*;
use model::{PlanId, UnitId};

pub fn use_plan_version(plan: PlanId) -> Signal<u64> {
    let version = RwSignal::new(0u64);
    #[cfg(feature = "hydrate")]
    {
        let bump = move || version.update(|v| *v += 1);
        browser::subscribe(
            format!("/api/plans/{}/events", plan.0),
            std::rc::Rc::new(move |_| bump()),
            std::rc::Rc::new(bump),
        );
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = plan;
    version.into()
}

/// A roll-up's live feed: the units whose plan was saved, in order (each with a number, so the
/// same unit twice is two changes), and a version that changes when everything must be fetched
/// again (a reconnection, or changes missed).
pub struct UnitChanges {
    pub changed: Signal<Option<(u64, UnitId)>>,
    pub resync: Signal<u64>,
}

pub fn use_unit_changes(unit: UnitId) -> UnitChanges {
    let changed = RwSignal::new(None::<(u64, UnitId)>);
    let resync = RwSignal::new(0u64);
    #[cfg(feature = "hydrate")]
    browser::subscribe(
        format!("/api/units/{}/events", unit.0),
        std::rc::Rc::new(move |data: String| {
            if let Ok(id) = data.trim().parse::<i64>() {
                let n = changed.with_untracked(|c| c.map_or(0, |(n, _)| n + 1));
                changed.set(Some((n, UnitId(id))));
            }
        }),
        std::rc::Rc::new(move || resync.update(|v| *v += 1)),
    );
    #[cfg(not(feature = "hydrate"))]
    let _ = unit;
    UnitChanges {
        changed: changed.into(),
        resync: resync.into(),
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::prelude::*;
    use send_wrapper::SendWrapper;
    use std::cell::{Cell, RefCell};
    use std::rc::Rc;
    use std::time::Duration;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    use web_sys::{Event, EventSource, MessageEvent};

    type Callback = Closure<dyn FnMut(Event)>;

    /// One open stream and the callbacks it calls; closed when dropped.
    struct Stream {
        source: EventSource,
        _callbacks: Vec<Callback>,
    }

    impl Drop for Stream {
        fn drop(&mut self) {
            self.source.close();
        }
    }

    /// What a stream does with a `changed` event's data.
    pub type OnChanged = Rc<dyn Fn(String)>;
    /// What it does when the page must catch up (a reconnection, `resync`, back online).
    pub type OnCatchUp = Rc<dyn Fn()>;

    struct Live {
        url: String,
        on_changed: OnChanged,
        catch_up: OnCatchUp,
        /// Set once the first `ready` has arrived: every later one is a reconnection.
        connected_once: Cell<bool>,
        alive: Cell<bool>,
        stream: RefCell<Option<Stream>>,
        on_online: RefCell<Option<Callback>>,
    }

    pub fn subscribe(url: String, on_changed: OnChanged, catch_up: OnCatchUp) {
        let live = Rc::new(Live {
            url,
            on_changed,
            catch_up,
            connected_once: Cell::new(false),
            alive: Cell::new(true),
            stream: RefCell::new(None),
            on_online: RefCell::new(None),
        });
        open(&live);
        // Back online after an outage: a stream that looked open may have lost events on the
        // way, so refetch once (and reopen the stream if the browser had given up on it).
        let on_online = {
            let live = Rc::downgrade(&live);
            Closure::<dyn FnMut(Event)>::new(move |_| {
                if let Some(live) = live.upgrade() {
                    (live.catch_up)();
                    if live.stream.borrow().is_none() {
                        open(&live);
                    }
                }
            })
        };
        let _ =
            window().add_event_listener_with_callback("online", on_online.as_ref().unchecked_ref());
        *live.on_online.borrow_mut() = Some(on_online);
        let held = SendWrapper::new(live);
        on_cleanup(move || {
            held.alive.set(false);
            held.stream.borrow_mut().take();
            if let Some(callback) = held.on_online.borrow_mut().take() {
                let _ = window().remove_event_listener_with_callback(
                    "online",
                    callback.as_ref().unchecked_ref(),
                );
            }
        });
    }

    fn open(live: &Rc<Live>) {
        let Ok(source) = EventSource::new(&live.url) else {
            retry(live);
            return;
        };
        let on_changed = {
            let changed = live.on_changed.clone();
            Closure::<dyn FnMut(Event)>::new(move |event: Event| {
                let data = event
                    .dyn_ref::<MessageEvent>()
                    .and_then(|m| m.data().as_string())
                    .unwrap_or_default();
                changed(data);
            })
        };
        let on_resync = {
            let catch_up = live.catch_up.clone();
            Closure::<dyn FnMut(Event)>::new(move |_| catch_up())
        };
        let on_ready = {
            let live = Rc::downgrade(live);
            Closure::<dyn FnMut(Event)>::new(move |_| {
                if let Some(live) = live.upgrade() {
                    // A reconnection: whatever was saved meanwhile must be fetched.
                    if live.connected_once.replace(true) {
                        (live.catch_up)();
                    }
                }
            })
        };
        // The browser retries a dropped stream by itself, but gives up when a retry fails
        // (e.g. while offline): then start a new stream after a pause.
        let on_error = {
            let live = Rc::downgrade(live);
            Closure::<dyn FnMut(Event)>::new(move |_| {
                if let Some(live) = live.upgrade() {
                    let closed = live
                        .stream
                        .borrow()
                        .as_ref()
                        .is_some_and(|s| s.source.ready_state() == EventSource::CLOSED);
                    // The old stream is dropped in the retry, not here: this callback belongs to it.
                    if closed {
                        retry(&live);
                    }
                }
            })
        };
        for (name, callback) in [
            ("changed", &on_changed),
            ("resync", &on_resync),
            ("ready", &on_ready),
            ("error", &on_error),
        ] {
            let _ =
                source.add_event_listener_with_callback(name, callback.as_ref().unchecked_ref());
        }
        *live.stream.borrow_mut() = Some(Stream {
            source,
            _callbacks: vec![on_changed, on_resync, on_ready, on_error],
        });
    }

    fn retry(live: &Rc<Live>) {
        let live = SendWrapper::new(Rc::downgrade(live));
        set_timeout(
            move || {
                if let Some(live) = live.upgrade() {
                    live.stream.borrow_mut().take();
                    if live.alive.get() {
                        open(&live);
                    }
                }
            },
            Duration::from_secs(2),
        );
    }
}
