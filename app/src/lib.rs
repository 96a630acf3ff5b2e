//! Pantau's user interface: the pages and components, and the server functions they call.
//! Compiled twice: with `ssr` into the server, with `hydrate` into the browser's wasm.
// The plan page's view types nest deeper than the default limit allows in a release (not
// type-erased) build of the wasm.
#![recursion_limit = "256"]

pub mod api;
pub mod components;
pub mod error;
pub mod live;
pub mod pages;
mod shell;
pub mod sync;

pub use shell::{app_links_html, shell, App, MANIFEST};

/// The browser's entry point: attach to the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(App);
}
