//! The activities with their budget: pagu, blokir, RPD and realization per quarter, absorption,
//! and the plan's totals (a shared activity counted once).

use crate::components::money;
use leptos::prelude::*;
use model::figures::{activity_totals, plan_totals, BudgetTotals};
use model::number::format_percent_or_dash;
use model::{Activity, Check, Plan, Quarter};

#[component]
pub fn ActivityTable(plan: Plan, checks: Vec<Check>) -> impl IntoView {
    let totals = plan_totals(&plan);
    let total_mismatch = totals.withdrawal_plan_total() != totals.budget;
    view! {
        <section class="activities" aria-labelledby="kegiatan-title">
            <h2 id="kegiatan-title">"Kegiatan dan Anggaran"</h2>
            <div class="table-scroll">
                <table class="budget">
                    <thead>
                        <tr>
                            <th scope="col" rowspan="2">"Kegiatan"</th>
                            <th scope="col" rowspan="2" class="num">"Pagu"</th>
                            <th scope="col" rowspan="2" class="num">"Blokir"</th>
                            <th scope="colgroup" colspan="5">"Rencana Penarikan Dana (RPD)"</th>
                            <th scope="colgroup" colspan="4">"Realisasi"</th>
                            <th scope="col" rowspan="2" class="num">"Penyerapan"</th>
                        </tr>
                        <tr>
                            {Quarter::ALL.map(|q| view! { <th scope="col" class="num">{q.label()}</th> }).collect_view()}
                            <th scope="col" class="num">"Total"</th>
                            {Quarter::ALL.map(|q| view! { <th scope="col" class="num">{q.label()}</th> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {plan
                            .activities
                            .iter()
                            .map(|a| {
                                let warning = checks
                                    .iter()
                                    .find(|c| c.activity() == Some(a.id))
                                    .map(Check::message);
                                view! { <ActivityRow activity=a.clone() warning/> }
                            })
                            .collect_view()}
                    </tbody>
                    <tfoot>
                        <tr class="totals" class:mismatch=total_mismatch>
                            <th scope="row">"Jumlah (" {totals.activity_count} " kegiatan)"</th>
                            <BudgetCells totals/>
                        </tr>
                    </tfoot>
                </table>
            </div>
        </section>
    }
}

#[component]
fn ActivityRow(activity: Activity, warning: Option<String>) -> impl IntoView {
    let totals = activity_totals(&activity);
    let mismatch = warning.is_some();
    view! {
        <tr id=format!("kegiatan-{}", activity.id) class:mismatch=mismatch>
            <th scope="row">
                {activity.name.clone()}
                {warning.map(|w| view! { <div class="warning" role="note">"\u{26a0} " {w}</div> })}
            </th>
            <BudgetCells totals/>
        </tr>
    }
}

/// Pagu, blokir, RPD per quarter and total, realization per quarter, absorption to date.
#[component]
fn BudgetCells(totals: BudgetTotals) -> impl IntoView {
    let rpd = Quarter::ALL.map(|q| {
        let amount = totals.withdrawal_plan[q.index()];
        view! { <td class="num">{money((!amount.amount().is_zero()).then_some(amount))}</td> }
    });
    let real = Quarter::ALL.map(|q| {
        let amount = totals.realization[q.index()];
        view! { <td class="num">{money((!amount.amount().is_zero()).then_some(amount))}</td> }
    });
    view! {
        <td class="num">{totals.budget.to_string()}</td>
        <td class="num">{money((!totals.blocked.amount().is_zero()).then_some(totals.blocked))}</td>
        {rpd.collect_view()}
        <td class="num rpd-total">{totals.withdrawal_plan_total().to_string()}</td>
        {real.collect_view()}
        <td class="num">{format_percent_or_dash(totals.cumulative_absorption(Quarter::Q4))}</td>
    }
}
