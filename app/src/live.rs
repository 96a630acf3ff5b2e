//! Live updates of a plan: a version number that changes whenever the plan is saved on any
//! server. Resources keyed on it refetch, so a dashboard moves without a reload.
//!
//! In the browser it listens to the server-sent events at `/api/plans/{id}/events`. The
//! browser reconnects a dropped stream by itself; every reconnect also bumps the version, so
//! the page catches up on whatever was saved while it was away.

use leptos::prelude::*;
use model::PlanId;

pub fn use_plan_version(plan: PlanId) -> Signal<u64> {
    let version = RwSignal::new(0u64);
    #[cfg(feature = "hydrate")]
    browser::subscribe(plan, version);
    #[cfg(not(feature = "hydrate"))]
    let _ = plan;
    version.into()
}

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::prelude::*;
    use model::PlanId;
    use send_wrapper::SendWrapper;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    use web_sys::{Event, EventSource};

    pub fn subscribe(plan: PlanId, version: RwSignal<u64>) {
        let Ok(source) = EventSource::new(&format!("/api/plans/{}/events", plan.0)) else {
            return;
        };
        let bump = move |_: Event| version.update(|v| *v += 1);
        // `ready` arrives on every (re)connection; the first one is the page's own load.
        let mut first = true;
        let on_ready = Closure::<dyn FnMut(Event)>::new(move |e: Event| {
            if std::mem::take(&mut first) {
                return;
            }
            bump(e);
        });
        let on_changed = Closure::<dyn FnMut(Event)>::new(bump);
        let _ = source.add_event_listener_with_callback("ready", on_ready.as_ref().unchecked_ref());
        let _ =
            source.add_event_listener_with_callback("changed", on_changed.as_ref().unchecked_ref());
        // The closures live as long as the stream; both go when the page does.
        let held = SendWrapper::new((source, on_ready, on_changed));
        on_cleanup(move || held.0.close());
    }
}
