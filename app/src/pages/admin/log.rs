//! The admin trail: who created which unit or person, gave or took which role, reset which
//! password, disabled which account or set which unit's time zone, and when (in the admin's
//! zone). Newest first.

use crate::components::{col, Column, ScrollTable};
use leptos::either::Either;
use leptos::prelude::*;
use model::administer::AdminLogEntry;
use model::time::Zone;

const COLUMNS: &[Column] = &[col("Waktu"), col("Oleh"), col("Tindakan"), col("Rincian")];

#[component]
pub fn AdminLog(entries: Vec<AdminLogEntry>, zone: Zone) -> impl IntoView {
    let body = if entries.is_empty() {
        Either::Left(view! { <p>"Belum ada tindakan admin."</p> })
    } else {
        let rows = entries
            .into_iter()
            .map(|e| {
                view! {
                    <tr class="admin-log-entry" data-action=e.action.code()>
                        <td>{e.at.in_zone(zone).to_string()}</td>
                        <td>{e.by}</td>
                        <td>{e.action.label()}</td>
                        <td>{e.detail}</td>
                    </tr>
                }
            })
            .collect_view();
        Either::Right(
            view! { <ScrollTable class="admin-log" columns=COLUMNS region="Catatan admin">{rows}</ScrollTable> },
        )
    };
    view! {
        <section aria-labelledby="admin-log-title">
            <h2 id="admin-log-title">"Riwayat tindakan admin"</h2>
            {body}
        </section>
    }
}
