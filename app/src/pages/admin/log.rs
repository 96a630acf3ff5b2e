//! The admin trail: who created which unit or person, gave or took which role, reset which
//! password or disabled which account, and when. Newest first.

use leptos::either::Either;
use leptos::prelude::*;
use model::administer::AdminLogEntry;

#[component]
pub fn AdminLog(entries: Vec<AdminLogEntry>) -> impl IntoView {
    let body = if entries.is_empty() {
        Either::Left(view! { <p>"Belum ada tindakan admin."</p> })
    } else {
        let rows = entries
            .into_iter()
            .map(|e| {
                view! {
                    <tr class="admin-log-entry" data-action=e.action.code()>
                        <td>{e.at.to_string()}</td>
                        <td>{e.by}</td>
                        <td>{e.action.label()}</td>
                        <td>{e.detail}</td>
                    </tr>
                }
            })
            .collect_view();
        Either::Right(view! {
            <div class="table-scroll">
                <table class="admin-log">
                    <thead>
                        <tr>
                            <th scope="col">"Waktu"</th>
                            <th scope="col">"Oleh"</th>
                            <th scope="col">"Tindakan"</th>
                            <th scope="col">"Rincian"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        })
    };
    view! {
        <section aria-labelledby="admin-log-title">
            <h2 id="admin-log-title">"Riwayat tindakan admin"</h2>
            {body}
        </section>
    }
}
