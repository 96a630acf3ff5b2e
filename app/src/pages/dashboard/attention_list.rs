//! "Perlu perhatian", grouped by kind so a long list of unfilled reports does not bury the few
//! items a head of unit must act on. Each item links to where it is fixed on the plan page.

use leptos::prelude::*;
use model::dashboard::Attention;
use model::PlanId;

/// The groups in the order they are shown: money and targets first, paperwork last.
const GROUPS: [(&str, &str); 5] = [
    ("absorption", "Penyerapan anggaran"),
    ("behind-target", "Indikator di bawah target"),
    ("rpd-mismatch", "RPD tidak sama dengan pagu"),
    ("missing-report", "Laporan triwulan belum diisi"),
    ("missing-evidence", "Capaian tanpa data dukung"),
];

/// Up to this many unfilled reports are shown open; more are folded away.
const OPEN_MISSING_REPORTS: usize = 5;

#[component]
pub fn AttentionList(id: PlanId, items: Vec<Attention>) -> impl IntoView {
    if items.is_empty() {
        return view! {
            <section id="perhatian" class="attention ok" aria-labelledby="perhatian-title">
                <h2 id="perhatian-title">"Perlu perhatian"</h2>
                <p>"Tidak ada yang perlu perhatian: laporan lengkap, target tercapai, dan RPD sesuai pagu."</p>
            </section>
        }
        .into_any();
    }
    let count = items.len();
    let groups = GROUPS
        .into_iter()
        .filter_map(|(code, title)| {
            let group: Vec<&Attention> = items.iter().filter(|i| i.code() == code).collect();
            (!group.is_empty()).then(|| group_view(id, code, title, &group))
        })
        .collect_view();
    view! {
        <section id="perhatian" class="attention" aria-labelledby="perhatian-title">
            <h2 id="perhatian-title">{format!("Perlu perhatian ({count})")}</h2>
            {groups}
        </section>
    }
    .into_any()
}

fn group_view(id: PlanId, code: &str, title: &str, items: &[&Attention]) -> AnyView {
    let heading = format!("{title} ({})", items.len());
    let list = view! {
        <ul>
            {items
                .iter()
                .map(|item| view! { <li data-kind=item.code()><a href=item.anchor(id)>{item.message()}</a></li> })
                .collect_view()}
        </ul>
    };
    if matches!(code, "missing-report" | "missing-evidence") && items.len() > OPEN_MISSING_REPORTS {
        return view! {
            <details class="attention-group" data-kind=code.to_owned()>
                <summary><h3>{heading}</h3></summary>
                {list}
            </details>
        }
        .into_any();
    }
    view! {
        <div class="attention-group" data-kind=code.to_owned()>
            <h3>{heading}</h3>
            {list}
        </div>
    }
    .into_any()
}
