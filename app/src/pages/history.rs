//! The history page (`/rencana/:id/riwayat`): every recorded change to a plan, or only those of
//! one indicator (`?indikator=ID`), activity (`?kegiatan=ID`) and/or quarter (`?tw=1..4`).
//! Read-only; values are shown as plain text.

use crate::api::history::get_history;
use crate::components::ErrorNote;
use crate::error::AppError;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use model::audit::{AuditEntry, HistoryFilter};
use model::{ActivityId, IndicatorId, PlanId, Quarter};

#[component]
pub fn HistoryPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|raw| raw.parse::<i64>().ok())
            .map(PlanId)
    });
    let filter = Memo::new(move |_| {
        let query = query.read();
        let number = |name: &str| {
            query
                .get(name)
                .and_then(|raw| raw.trim().parse::<i64>().ok())
        };
        HistoryFilter {
            indicator: number("indikator").map(IndicatorId),
            activity: number("kegiatan").map(ActivityId),
            quarter: number("tw")
                .and_then(|n| usize::try_from(n).ok())
                .and_then(|n| n.checked_sub(1))
                .and_then(Quarter::from_index),
        }
    });
    let entries = Resource::new(
        move || (id.get(), filter.get()),
        |(id, filter)| async move {
            match id {
                Some(id) => get_history(id, filter).await,
                None => Err(AppError::NotFound("Rencana".into())),
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
                        Ok(entries) => Either::Left(view! { <HistoryTable entries/> }),
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

#[component]
fn HistoryTable(entries: Vec<AuditEntry>) -> impl IntoView {
    if entries.is_empty() {
        return Either::Left(
            view! { <p class="history-empty">"Belum ada perubahan yang tercatat."</p> },
        );
    }
    Either::Right(view! {
        <div class="table-scroll">
            <table class="audit">
                <thead>
                    <tr>
                        <th scope="col">"Waktu"</th>
                        <th scope="col">"Oleh"</th>
                        <th scope="col">"Bagian"</th>
                        <th scope="col">"Isian"</th>
                        <th scope="col">"Nilai lama"</th>
                        <th scope="col">"Nilai baru"</th>
                    </tr>
                </thead>
                <tbody>
                    {entries
                        .into_iter()
                        .map(|entry| {
                            let change = entry.change;
                            view! {
                                <tr class="audit-entry">
                                    <td class="audit-time">{entry.at.to_string()}</td>
                                    <td>{entry.by}</td>
                                    <td>{change.place}</td>
                                    <td>{change.field}</td>
                                    <td class="audit-value">{change.old}</td>
                                    <td class="audit-value">{change.new}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_filter_line_names_what_is_shown() {
        let filter = HistoryFilter {
            indicator: Some(IndicatorId(12)),
            activity: None,
            quarter: Some(Quarter::Q2),
        };
        assert_eq!(describe(&filter), "Indikator #12, TW II");
        assert_eq!(
            describe(&HistoryFilter::default()),
            "Semua perubahan pada rencana ini"
        );
    }
}
