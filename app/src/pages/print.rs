//! The print page (`/rencana/:id/cetak`): the plan's Rencana Kegiatan in the sheet's layout,
//! or with `?tw=N` its Laporan Capaian Kinerja Triwulan N, ready for "Simpan sebagai PDF":
//! A4 landscape (`@page`), the column headings repeated on every page, no row split across
//! pages, the signature block kept whole. Server-rendered, so it prints without JavaScript.

use super::plan_id_param;
use crate::api::document::get_document;
use crate::components::ErrorNote;
use crate::error::AppError;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use model::document::{Document, DocumentKind, Slot, Value};
use model::{PlanId, Quarter};

/// The paper, for this page only (the element leaves with the page).
const PAGE_STYLE: &str = "@page { size: A4 landscape; margin: 10mm 8mm; }";

#[component]
pub fn PrintPage() -> impl IntoView {
    let id = plan_id_param();
    let query = use_query_map();
    let asked = Memo::new(move |_| {
        query
            .read()
            .get("tw")
            .map(|raw| Quarter::from_query(&raw))
            .transpose()
    });
    let document = Resource::new(
        move || (id.get(), asked.get()),
        |(id, asked)| async move {
            match (id, asked) {
                (None, _) => Err(AppError::NotFound("Rencana".into())),
                (_, Err(message)) => Err(AppError::Invalid(message)),
                (Some(id), Ok(quarter)) => get_document(id, quarter.map(Quarter::number)).await,
            }
        },
    );
    view! {
        <style>{PAGE_STYLE}</style>
        <Suspense fallback=|| view! { <p>"Menyiapkan dokumen\u{2026}"</p> }>
            {move || Suspend::new(async move {
                match (document.await, id.get()) {
                    (Ok(document), Some(id)) => Either::Left(view! { <PrintView id document/> }),
                    (Err(error), _) => Either::Right(view! { <ErrorNote error/> }),
                    (Ok(_), None) => Either::Right(view! { <ErrorNote error=AppError::NotFound("Rencana".into())/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PrintView(id: PlanId, document: Document) -> impl IntoView {
    let excel = match document.kind {
        DocumentKind::ActionPlan => format!("/rencana/{id}/excel"),
        DocumentKind::QuarterReport(q) => format!("/rencana/{id}/excel?tw={}", q.number()),
    };
    let total_width: u32 = document.columns.iter().map(|c| u32::from(c.width)).sum();
    let widths = document
        .columns
        .iter()
        .map(|c| {
            let share = f64::from(c.width) * 100.0 / f64::from(total_width.max(1));
            view! { <col style=format!("width: {share:.2}%")/> }
        })
        .collect_view();
    let headings = document
        .columns
        .iter()
        .map(|c| view! { <th scope="col">{c.title.clone()}</th> })
        .collect_view();
    let rows = document
        .rows
        .iter()
        .map(|row| {
            view! { <tr class:starts-indicator=row.starts_indicator>{cells(&row.cells)}</tr> }
        })
        .collect_view();
    let totals = cells(&document.totals);
    view! {
        <div class="print-controls">
            <p class="plan-links">
                <a href=format!("/rencana/{id}")>"Kembali ke rencana"</a>
            </p>
            <p>
                <button type="button" class="print-button" onclick="window.print()">"Cetak / Simpan sebagai PDF"</button>
                " "
                <a class="chip" href=excel rel="external">"Unduh Excel"</a>
            </p>
            <p class="muted print-hint">
                "Untuk mencetak atau menyimpan sebagai PDF: tekan Ctrl+P (di ponsel: menu Bagikan \u{2192} Cetak), pilih kertas A4 mendatar, lalu \u{201c}Simpan sebagai PDF\u{201d}."
            </p>
            <nav class="print-choices" aria-label="Dokumen lain">
                <span>"Dokumen: "</span>
                <a class="chip" href=format!("/rencana/{id}/cetak")>"Rencana Kegiatan"</a>
                {Quarter::ALL.map(|q| view! {
                    <a class="chip" href=format!("/rencana/{id}/cetak?tw={}", q.number())>
                        {format!("Laporan {}", q.label())}
                    </a>
                }).collect_view()}
            </nav>
        </div>
        <article class="print-document">
            <header class="doc-title">
                {document.title.iter().map(|line| view! { <p>{line.clone()}</p> }).collect_view()}
            </header>
            <div class="doc-scroll" role="region" tabindex="0" aria-label="Tabel dokumen">
                <table class="doc-table">
                    <colgroup>{widths}</colgroup>
                    <thead><tr>{headings}</tr></thead>
                    <tbody>
                        {rows}
                        <tr class="doc-totals">{totals}</tr>
                    </tbody>
                </table>
            </div>
            <footer class="doc-end">
                {document.approval.map(|a| view! { <p class="doc-approval">{a}</p> })}
                {document.signature.map(|s| {
                    let place_date = s.place_date.clone().unwrap_or_else(|| "\u{2026}\u{2026}\u{2026}\u{2026}, \u{2026}\u{2026}\u{2026}\u{2026}\u{2026}\u{2026}".into());
                    view! {
                        <div class="doc-signature">
                            <p>{place_date}</p>
                            <p>{model::document::ACKNOWLEDGED}</p>
                            <p>{s.position}</p>
                            <p class="sign-room" aria-hidden="true"></p>
                            <p class="signatory-name">{s.name}</p>
                            {s.nip.map(|nip| view! { <p>{nip}</p> })}
                        </div>
                    }
                })}
            </footer>
        </article>
    }
}

/// A row's cells, each spanning its rows; covered places are left out, as HTML spans them.
fn cells(slots: &[Slot]) -> impl IntoView {
    slots
        .iter()
        .filter_map(Slot::cell)
        .map(|cell| {
            let rowspan = (cell.rows > 1).then_some(cell.rows);
            let numeric = matches!(cell.value, Value::Figure { .. });
            let content = match &cell.value {
                Value::Labelled { label, text } => Either::Left(view! {
                    <span class="tw">{label.clone()}</span>
                    <span class="tw-text">{text.clone()}</span>
                }),
                other => Either::Right(other.shown()),
            };
            view! { <td rowspan=rowspan class:num=numeric>{content}</td> }
        })
        .collect_view()
}
