//! The plan's heading (editable) and signature block.

use super::PlanState;
use crate::api::edit::SaveHeader;
use crate::components::{LabelledInput, SyncForm};
use crate::pages::years::YearSwitcher;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use model::edit::{apply_to_header, header_value, Field, HeaderField, Value};

#[component]
pub fn PlanHeading() -> impl IntoView {
    let state = expect_context::<PlanState>();
    let header = state.header;
    let saved = RwSignal::new(header.get_untracked());
    let input = move |f: HeaderField| {
        let field = Field::Header(f);
        view! {
            <LabelledInput
                field
                name=f.name()
                saved=Signal::derive(move || saved.with(|h| header_value(h, f).input_text()))
                on_value=Callback::new(move |v: Value| header.update(|h| { let _ = apply_to_header(h, &field, v); }))
                wide=true
            />
        }
    };
    view! {
        <hgroup class="plan-heading">
            <h1>{move || header.with(|h| h.work_unit.clone())}</h1>
            <p>{move || header.with(|h| format!("{} \u{2014} Tahun Anggaran {}", h.title, h.fiscal_year))}</p>
        </hgroup>
        <p class="plan-links">
            <a href=format!("/rencana/{}/dasbor", state.id)>"Dasbor pimpinan"</a>
            " \u{b7} "
            <a class="print-link" href=format!("/rencana/{}/cetak", state.id)>"Cetak"</a>
            " \u{b7} "
            <a class="excel-link" href=format!("/rencana/{}/excel", state.id) rel="external">"Unduh Excel"</a>
        </p>
        <YearSwitcher plan=state.id year=header.with_untracked(|h| h.fiscal_year) page=""/>
        <details class="edit-box">
            <summary>"Ubah kop rencana dan penanda tangan"</summary>
            <SyncForm action=SaveHeader::PATH fields=HeaderField::EDITABLE.map(Field::Header).to_vec() class="stacked-form">
                <input type="hidden" name="plan" value=state.id.0/>
                <p class="muted">{move || header.with(|h| format!("Satuan kerja: {} (unit pemilik rencana; tidak diubah di sini)", h.work_unit))}</p>
                {HeaderField::EDITABLE.map(input).collect_view()}
                <button type="submit">"Simpan kop"</button>
            </SyncForm>
        </details>
    }
}

#[component]
pub fn Signature() -> impl IntoView {
    let header = expect_context::<PlanState>().header;
    move || {
        header.with(|h| {
            let place_date = h.place_date.clone();
            h.signatory.clone().map(|s| {
                view! {
                    <footer class="signature">
                        {place_date.map(|p| view! { <p>{p}</p> })}
                        <p>"Mengetahui,"</p>
                        <p>{s.position}</p>
                        <p class="signatory-name">{s.name}</p>
                        {s.nip.map(|nip| view! { <p>{format!("NIP. {nip}")}</p> })}
                    </footer>
                }
            })
        })
    }
}
