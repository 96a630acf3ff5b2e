//! The HTML document and the router.

use crate::components::Account;
use crate::pages::{
    admin::AdminPage, dashboard::DashboardPage, history::HistoryPage, home::HomePage,
    login::LoginPage, plan::PlanPage, print::PrintPage, rollup::RollupPage, years::CopyPage,
    NotFound,
};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes, A},
    path, SsrMode,
};

/// Where the web app manifest is served (public/manifest.webmanifest).
pub const MANIFEST: &str = "/manifest.webmanifest";
/// The browser's bar in the top bar's colour (`--ink` in style/main.css).
pub const THEME_COLOR: &str = "#1d2430";
pub const FAVICON: &str = "/favicon.ico";
pub const SVG_ICON: &str = "/icons/pantau.svg";
pub const TOUCH_ICON: &str = "/icons/pantau-180.png";

/// The manifest, theme colour and icon links of every page, for the pages the server writes as
/// whole documents (the import pages); the shell below writes the same.
pub fn app_links_html() -> String {
    format!(
        "<link rel=\"manifest\" href=\"{MANIFEST}\"/>\
         <meta name=\"theme-color\" content=\"{THEME_COLOR}\"/>\
         <link rel=\"icon\" href=\"{FAVICON}\" sizes=\"48x48\"/>\
         <link rel=\"icon\" href=\"{SVG_ICON}\" type=\"image/svg+xml\"/>\
         <link rel=\"apple-touch-icon\" href=\"{TOUCH_ICON}\"/>"
    )
}

pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="id">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                // Pinned to a phone's home screen it opens as an app (public/manifest.webmanifest,
                // icons drawn by scripts/make_icons.py); the colour is the top bar's (--ink).
                <link rel="manifest" href=MANIFEST/>
                <meta name="theme-color" content=THEME_COLOR/>
                <link rel="icon" href=FAVICON sizes="48x48"/>
                <link rel="icon" href=SVG_ICON type="image/svg+xml"/>
                <link rel="apple-touch-icon" href=TOUCH_ICON/>
                <AutoReload options=options.clone()/>
                // /pkg names carry their content's hash (`hash-files`): these read the names of
                // this build from `hash.txt` beside the server binary.
                <HashedStylesheet options=options.clone() id="leptos"/>
                <HydrationScripts options/>
                <MetaTags/>
                // The service worker (public/sw.js) keeps visited pages and /pkg for offline use;
                // browsers without it (or on plain http) skip this. The router moves between
                // pages without a full load: the worker is told, so it stores those pages too.
                <script>
                    "if ('serviceWorker' in navigator) {\
                        window.addEventListener('load', function () { navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(function () {}); });\
                        var visited = function () { var w = navigator.serviceWorker.controller; if (w) w.postMessage({ visited: location.href }); };\
                        var push = history.pushState;\
                        history.pushState = function () { var r = push.apply(this, arguments); setTimeout(visited, 0); return r; };\
                        window.addEventListener('popstate', visited);\
                    }"
                </script>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // Effects run only in the browser: this marks the page as hydrated, for people's scripts
    // and the end-to-end tests alike.
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    view! {
        <Title text="Pantau"/>
        <Router>
            <header class="topbar">
                <A href="/" attr:class="brand">"Pantau"</A>
                <span class="tagline">"Rencana Aksi Perjanjian Kinerja"</span>
                <Account/>
            </header>
            <main data-hydrated=move || hydrated.get().to_string()>
                // Async: the whole page is rendered before it is sent, so it reads without JavaScript.
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/rencana/:id") view=PlanPage ssr=SsrMode::Async/>
                    <Route path=path!("/rencana/:id/dasbor") view=DashboardPage ssr=SsrMode::Async/>
                    <Route path=path!("/rencana/:id/cetak") view=PrintPage ssr=SsrMode::Async/>
                    <Route path=path!("/rencana/:id/riwayat") view=HistoryPage ssr=SsrMode::Async/>
                    <Route path=path!("/rencana/:id/salin") view=CopyPage ssr=SsrMode::Async/>
                    <Route path=path!("/masuk") view=LoginPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin") view=AdminPage ssr=SsrMode::Async/>
                    <Route path=path!("/unit/:id") view=RollupPage ssr=SsrMode::Async/>
                </Routes>
            </main>
            // The release, so that a clerk reporting a problem can say which one they use.
            <footer class="site-footer">{concat!("Pantau ", env!("CARGO_PKG_VERSION"))}</footer>
        </Router>
    }
}
