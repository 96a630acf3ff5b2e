//! The history page (`/rencana/:id/riwayat`): every recorded change to a plan, or only those of
//! one indicator (`?indikator=ID`), activity (`?kegiatan=ID`) and/or quarter (`?tw=1..4`), a
//! hundred at a time (`?halaman=N`, newest first). Read-only; values are shown as plain text.

use super::plan_id_param;
use crate::api::history::{get_history, History};
use crate::components::{col, Column, ErrorNote, ScrollTable};
use crate::error::AppError;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use model::audit::{HistoryFilter, HistoryPage};
use model::paging::PageNumber;
use model::time::Zone;

#[component]
pub fn HistoryPage() -> impl IntoView {
    let query = use_query_map();
    let id = plan_id_param();
    let asked = Memo::new(move |_| {
        let query = query.read();
        HistoryFilter::from_query(
            query.get("indikator").as_deref(),
            query.get("kegiatan").as_deref(),
            query.get("tw").as_deref(),
        )
    });
    let filter = Memo::new(move |_| asked.get().unwrap_or_default());
    let page = Memo::new(move |_| {
        query
            .read()
            .get("halaman")
            .map_or(Ok(PageNumber::FIRST), |raw| PageNumber::parse(&raw))
    });
    let entries = Resource::new(
        move || (id.get(), asked.get(), page.get()),
        |(id, filter, page)| async move {
            match (id, filter, page) {
                (None, _, _) => Err(AppError::NotFound("Rencana".into())),
                (_, Err(message), _) | (_, _, Err(message)) => Err(AppError::Invalid(message)),
                (Some(id), Ok(filter), Ok(page)) => get_history(id, filter, page).await,
            }
        },
    );
    view! {
        <article class="history">
            <h1>"Riwayat perubahan"</h1>
            <p class="history-scope muted">{move || describe(&filter.get())}</p>
            {move || id.get().map(|id| view! {
                <p class="plan-links"><a href=format!("/rencana/{id}")>"Kembali ke rencana"</a></p>
            })}
            <Suspense fallback=|| view! { <p>"Memuat riwayat\u{2026}"</p> }>
                {move || Suspend::new(async move {
                    match entries.await {
                        Ok(History { page, zone }) => Either::Left(view! {
                            <Pager page=page.clone() filter=filter.get_untracked()/>
                            <HistoryTable page zone/>
                        }),
                        Err(error) => Either::Right(view! { <ErrorNote error/> }),
                    }
                })}
            </Suspense>
        </article>
    }
}

/// What the list covers: `Indikator #12, TW II`, or the whole plan.
fn describe(filter: &HistoryFilter) -> String {
    let parts: Vec<String> = [
        filter.indicator.map(|i| format!("Indikator #{i}")),
        filter.activity.map(|a| format!("Kegiatan #{a}")),
        filter.quarter.map(|q| q.label().to_owned()),
    ]
    .into_iter()
    .flatten()
    .collect();
    if parts.is_empty() {
        "Semua perubahan pada rencana ini".to_owned()
    } else {
        parts.join(", ")
    }
}

/// Where this page sits in the whole trail, with links to the pages beside it.
#[component]
fn Pager(page: HistoryPage, filter: HistoryFilter) -> impl IntoView {
    let pages = page.pages();
    let link = move |to: PageNumber| format!("?{}", query_string(&filter, to));
    view! {
        <nav class="pager" aria-label="Halaman riwayat">
            {page.previous().map(|to| view! {
                <a class="chip" href=link(to) rel="prev">"\u{2039} Lebih baru"</a>
            })}
            <span class="pager-place">{place(&page)}</span>
            {page.next().map(|to| view! {
                <a class="chip" href=link(to) rel="next">"Lebih lama \u{203a}"</a>
            })}
            {page.is_past_the_end().then(|| {
                let last = PageNumber::new(pages).unwrap_or(PageNumber::FIRST);
                view! { <a class="chip" href=link(last)>"Ke halaman terakhir"</a> }
            })}
        </nav>
    }
}

/// `Halaman 2 dari 7 · 651 perubahan`, or why there is nothing on a page past the last.
fn place(page: &HistoryPage) -> String {
    let pages = page.pages();
    let total = model::number::format_decimal(rust_decimal::Decimal::from(page.total), 0);
    if page.is_past_the_end() {
        format!(
            "Halaman {} tidak ada: riwayat ini {} halaman ({total} perubahan)",
            page.page, pages
        )
    } else {
        format!(
            "Halaman {} dari {pages} \u{b7} {total} perubahan",
            page.page
        )
    }
}

/// The query that shows `page` of the same filtered trail.
fn query_string(filter: &HistoryFilter, page: PageNumber) -> String {
    let parts = [
        filter.indicator.map(|i| format!("indikator={i}")),
        filter.activity.map(|a| format!("kegiatan={a}")),
        filter.quarter.map(|q| format!("tw={}", q.number())),
        Some(format!("halaman={page}")),
    ];
    parts.into_iter().flatten().collect::<Vec<_>>().join("&")
}

#[component]
fn HistoryTable(page: HistoryPage, zone: Zone) -> impl IntoView {
    let entries = page.items;
    if entries.is_empty() {
        let message = if page.total == 0 {
            "Belum ada perubahan yang tercatat."
        } else {
            "Tidak ada perubahan pada halaman ini."
        };
        return Either::Left(view! { <p class="history-empty">{message}</p> });
    }
    let rows = entries
        .into_iter()
        .map(|entry| {
            let change = entry.change;
            view! {
                <tr class="audit-entry">
                    <td class="audit-time">{entry.at.in_zone(zone).to_string()}</td>
                    <td>{entry.by}</td>
                    <td>{change.place}</td>
                    <td>{change.field}</td>
                    <td class="audit-value">{change.old}</td>
                    <td class="audit-value">{change.new}</td>
                </tr>
            }
        })
        .collect_view();
    Either::Right(
        view! { <ScrollTable class="audit" columns=COLUMNS region="Riwayat perubahan">{rows}</ScrollTable> },
    )
}

const COLUMNS: &[Column] = &[
    col("Waktu"),
    col("Oleh"),
    col("Bagian"),
    col("Isian"),
    col("Nilai lama"),
    col("Nilai baru"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use model::{IndicatorId, Quarter};

    fn indicator_12_in_q2() -> HistoryFilter {
        HistoryFilter {
            indicator: Some(IndicatorId(12)),
            activity: None,
            quarter: Some(Quarter::Q2),
        }
    }

    #[test]
    fn the_filter_line_names_what_is_shown() {
        let filter = indicator_12_in_q2();
        assert_eq!(describe(&filter), "Indikator #12, TW II");
        assert_eq!(
            describe(&HistoryFilter::default()),
            "Semua perubahan pada rencana ini"
        );
    }

    fn page(number: u32, total: u64) -> HistoryPage {
        HistoryPage {
            items: Vec::new(),
            page: PageNumber::new(number).unwrap(),
            size: 100,
            total,
        }
    }

    #[test]
    fn a_page_link_keeps_the_filter() {
        let filter = indicator_12_in_q2();
        let to = PageNumber::new(3).unwrap();
        assert_eq!(query_string(&filter, to), "indikator=12&tw=2&halaman=3");
        assert_eq!(query_string(&HistoryFilter::default(), to), "halaman=3");
    }

    #[test]
    fn the_pager_names_the_page_the_pages_and_the_changes() {
        assert_eq!(
            place(&page(2, 1651)),
            "Halaman 2 dari 17 \u{b7} 1.651 perubahan"
        );
        assert_eq!(
            place(&page(30, 1651)),
            "Halaman 30 tidak ada: riwayat ini 17 halaman (1.651 perubahan)"
        );
    }
}
