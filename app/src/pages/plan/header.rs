//! The plan's heading and signature block.

use leptos::prelude::*;
use model::PlanHeader;

#[component]
pub fn PlanHeading(header: PlanHeader) -> impl IntoView {
    view! {
        <hgroup class="plan-heading">
            <h1>{header.work_unit.clone()}</h1>
            <p>{format!("{} \u{2014} Tahun Anggaran {}", header.title, header.fiscal_year)}</p>
        </hgroup>
    }
}

#[component]
pub fn Signature(header: PlanHeader) -> impl IntoView {
    header.signatory.map(|s| {
        view! {
            <footer class="signature">
                {header.place_date.map(|p| view! { <p>{p}</p> })}
                <p>"Mengetahui,"</p>
                <p>{s.position}</p>
                <p class="signatory-name">{s.name}</p>
                {s.nip.map(|nip| view! { <p>{format!("NIP. {nip}")}</p> })}
            </footer>
        }
    })
}
