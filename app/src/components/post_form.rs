//! A one-button form for changes to the plan's shape. With JavaScript off it posts to the server
//! function like any form; hydrated, it calls `run` instead, which applies the result in place
//! (so nothing typed elsewhere on the page is lost to a reload).

use leptos::html;
use leptos::prelude::*;

#[component]
pub fn PostForm(
    /// The server function's URL.
    url: &'static str,
    /// Hidden fields: the ids the server function takes.
    hidden: Vec<(&'static str, String)>,
    /// An optional text field: its form name and its label.
    #[prop(optional)]
    text: Option<(&'static str, &'static str)>,
    /// The button's text.
    button: String,
    #[prop(optional)] class: &'static str,
    /// Runs on submit when hydrated, with the text field's value ("" when there is none).
    run: Callback<String>,
    /// Why the button cannot be used now (it is then disabled, with the reason as its title).
    #[prop(optional)]
    locked: Option<Signal<Option<String>>>,
) -> impl IntoView {
    let reason = move || locked.and_then(|l| l.get());
    let input = NodeRef::<html::Input>::new();
    let has_text = text.is_some();
    view! {
        <form
            method="post"
            action=url
            class=format!("post-form {class}")
            on:submit=move |ev| {
                ev.prevent_default();
                let value = input.get_untracked().map(|el| el.value()).unwrap_or_default();
                run.run(value);
                if let Some(el) = input.get_untracked() {
                    el.set_value("");
                }
            }
        >
            {hidden.into_iter().map(|(name, value)| view! { <input type="hidden" name=name value=value/> }).collect_view()}
            {text.map(|(name, label)| view! { <input node_ref=input type="text" name=name aria-label=label placeholder=label required=has_text/> })}
            <button type="submit" disabled=move || reason().is_some() title=reason>{button}</button>
        </form>
    }
}

/// The refusal of a form posted without JavaScript to one of the server functions at `ours`:
/// the server redirects back to the page with the function's path and its error in the query
/// (`__path`, `__err`).
pub fn posted_refusal(ours: &[&str]) -> Option<String> {
    let query = leptos_router::hooks::use_query_map();
    let query = query.read_untracked();
    let path = query.get("__path")?;
    if !ours.contains(&path.as_str()) {
        return None;
    }
    let error = query.get("__err")?;
    Some(
        leptos::server_fn::error::ServerFnUrlError::<crate::error::AppError>::decode_err(&error)
            .to_string(),
    )
}

/// A button that changes the plan's shape from inside a form it shares with other controls (a
/// quarter table, the budget table), so a page of a thousand indicators carries one form per
/// indicator instead of one per button. With JavaScript off it posts the surrounding form to
/// `url` (`formaction`), with its own `name=value` naming what it acts on (the server function
/// ignores the form's other fields); hydrated, it calls `run` instead.
#[component]
pub fn PostButton(
    /// The server function's URL.
    url: &'static str,
    /// The one field the button adds to the form's post, e.g. `("direction", "Up")`.
    #[prop(optional)]
    field: Option<(&'static str, String)>,
    /// The button's text.
    label: String,
    #[prop(optional)] class: &'static str,
    run: Callback<()>,
    /// Why the button cannot be used now (it is then disabled, with the reason as its title).
    #[prop(optional)]
    locked: Option<Signal<Option<String>>>,
) -> impl IntoView {
    let reason = move || locked.and_then(|l| l.get());
    let (name, value) = field.unzip();
    view! {
        <button
            type="submit"
            class=class
            formaction=url
            name=name
            value=value
            disabled=move || reason().is_some()
            title=reason
            on:click=move |ev| {
                ev.prevent_default();
                run.run(());
            }
        >
            {label}
        </button>
    }
}
