//! "Yang perlu perhatian di semua unit": the list the model orders most urgent first
//! (`model::rollup::attention`), each item a link to where it is fixed. A national roll-up can
//! hold thousands; the first [`SHOWN`] are listed and the rest counted.

use leptos::prelude::*;
use model::rollup::attention::UnitAttention;

const SHOWN: usize = 50;

#[component]
pub(super) fn AttentionList(items: Vec<UnitAttention>) -> impl IntoView {
    if items.is_empty() {
        return view! {
            <section id="perhatian-semua" class="attention ok" aria-labelledby="perhatian-semua-title">
                <h2 id="perhatian-semua-title">"Yang perlu perhatian di semua unit"</h2>
                <p>"Tidak ada: setiap unit tepat waktu dan sesuai target."</p>
            </section>
        }
        .into_any();
    }
    let count = items.len();
    let more = (count > SHOWN).then(|| {
        view! { <p class="muted">{format!("dan {} lainnya: saring tabel di bawah untuk melihat unitnya.", count - SHOWN)}</p> }
    });
    let list = items
        .into_iter()
        .take(SHOWN)
        .map(|item| {
            view! {
                <li data-kind=item.code() data-unit=item.unit.0>
                    <a href=item.link()><strong>{item.name.clone()}</strong>": "{item.message()}</a>
                </li>
            }
        })
        .collect_view();
    view! {
        <section id="perhatian-semua" class="attention" aria-labelledby="perhatian-semua-title">
            <h2 id="perhatian-semua-title">{format!("Yang perlu perhatian di semua unit ({count})")}</h2>
            <ol>{list}</ol>
            {more}
        </section>
    }
    .into_any()
}
