//! The activities with their budget, editable: pagu, blokir, RPD and realization per quarter,
//! with the RPD total, its mismatch against the pagu, absorption, and the plan's totals. The
//! table is one form: each input is named by its activity (`kegiatan[12][budget]`), and a
//! row's button saves that row alone.

use super::structure::{AddActivityForm, LinkActivityForm, RemoveActivityButton};
use super::PlanState;
use crate::api::edit::{activity_inputs, cell_name, SaveActivity, ACTIVITY_ROWS};
use crate::components::{EnterSaves, FieldInput, SyncForm, SyncStatus};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use model::checks::withdrawal_plan_check;
use model::edit::{
    activity_value, apply_to_activity, quarter_money_value, ActivityField, Field, MoneyField, Value,
};
use model::figures::activity_totals;
use model::number::format_percent_or_dash;
use model::{Activity, Check, Quarter};

#[component]
pub fn ActivityTable() -> impl IntoView {
    let state = expect_context::<PlanState>();
    let totals = Memo::new(move |_| state.plan_totals());
    let rpd_total = move || totals.with(|t| t.withdrawal_plan_total());
    // Every field of every row, read when the form is submitted (rows come and go).
    let fields = Signal::derive(move || {
        state.activities.with(|list| {
            list.iter()
                .flat_map(|a| activity_fields(a.with_untracked(|a| a.id)))
                .collect::<Vec<Field>>()
        })
    });
    view! {
        <section class="activities" aria-labelledby="kegiatan-title">
            <h2 id="kegiatan-title">"Kegiatan dan Anggaran"</h2>
            <SyncForm action=SaveActivity::PATH fields status_in_rows=true row_of=activity_of>
                <EnterSaves/>
                <input type="hidden" name="plan" value=state.id.0/>
                <div class="table-scroll">
                    <table class="budget">
                        <thead>
                            <tr>
                                <th scope="col" rowspan="2">"Kegiatan"</th>
                                <th scope="col" rowspan="2" class="num">"Pagu"</th>
                                <th scope="col" rowspan="2" class="num">"Blokir"</th>
                                {Quarter::ALL.map(|q| view! { <th scope="col" class="num">{q.label()}</th> }).collect_view()}
                                <th scope="col" class="num">"Jumlah"</th>
                                <th scope="col" rowspan="2" class="num">"Penyerapan"</th>
                                <th scope="col" rowspan="2">"Simpan"</th>
                            </tr>
                            <tr class="pair-legend">
                                {(0..5).map(|_| view! {
                                    <th scope="col" class="num"><span class="rpd">"RPD"</span><span class="real">"Realisasi"</span></th>
                                }).collect_view()}
                            </tr>
                        </thead>
                        <tbody>
                            <For
                                each=move || state.activities.get()
                                key=|activity| activity.with_untracked(|a| a.id)
                                let:activity
                            >
                                <ActivityRow activity/>
                            </For>
                        </tbody>
                        <tfoot>
                            <tr class="totals" class:mismatch=move || totals.with(|t| t.withdrawal_plan_total() != t.budget)>
                                <th scope="row">{move || format!("Jumlah ({} kegiatan)", totals.with(|t| t.activity_count))}</th>
                                <td class="num total-budget">{move || totals.with(|t| t.budget.to_string())}</td>
                                <td class="num">{move || totals.with(|t| t.blocked.to_string())}</td>
                                {Quarter::ALL
                                    .map(|q| view! {
                                        <td class="num pair">
                                            <span class="rpd">{move || totals.with(|t| t.withdrawal_plan[q.index()].to_string())}</span>
                                            <span class="real">{move || totals.with(|t| t.realization[q.index()].to_string())}</span>
                                        </td>
                                    })
                                    .collect_view()}
                                <td class="num pair">
                                    <span class="rpd rpd-total plan-rpd-total">{move || rpd_total().to_string()}</span>
                                    <span class="real">{move || totals.with(|t| t.realization_total().to_string())}</span>
                                </td>
                                <td class="num">{move || totals.with(|t| format_percent_or_dash(t.cumulative_absorption(Quarter::Q4)))}</td>
                                <td></td>
                            </tr>
                        </tfoot>
                    </table>
                </div>
            </SyncForm>
            <AddActivityForm/>
            <LinkActivityForm/>
        </section>
    }
}

#[component]
fn ActivityRow(activity: RwSignal<Activity>) -> impl IntoView {
    let state = expect_context::<PlanState>();
    let id = activity.with_untracked(|a| a.id);
    let saved = RwSignal::new(activity.get_untracked());
    let check = Memo::new(move |_| activity.with(withdrawal_plan_check));
    let totals = Memo::new(move |_| activity.with(activity_totals));
    let input = move |field: Field, name: &'static str, numeric: bool| {
        view! {
            <FieldInput
                field
                name=cell_name(ACTIVITY_ROWS, id, name)
                saved=Signal::derive(move || saved.with(|a| activity_text(a, &field)))
                on_value=Callback::new(move |v: Value| activity.update(|a| { let _ = apply_to_activity(a, &field, v); }))
                numeric
                wide=!numeric
                multiline=!numeric
            />
        }
    };
    // A quarter's RPD over its realization, in one cell.
    let money_cell = {
        move |q: Quarter| {
            let line =
                |f: MoneyField| input(Field::ActivityQuarter(id, q, f), f.input_name(q), true);
            view! {
                <td class="pair">
                    <span class="rpd">{line(MoneyField::WithdrawalPlan)}</span>
                    <span class="real">{line(MoneyField::Realization)}</span>
                </td>
            }
        }
    };
    view! {
        <tr id=format!("kegiatan-{id}") class:mismatch=move || check.with(Option::is_some)>
            <th scope="row">
                {input(Field::Activity(id, ActivityField::Name), ActivityField::Name.name(), false)}
                {move || check.get().map(|c: Check| view! { <div class="warning" role="note">{format!("\u{26a0} {}", c.message())}</div> })}
            </th>
            <td>{input(Field::Activity(id, ActivityField::Budget), ActivityField::Budget.name(), true)}</td>
            <td>{input(Field::Activity(id, ActivityField::Blocked), ActivityField::Blocked.name(), true)}</td>
            {Quarter::ALL.map(money_cell).collect_view()}
            <td class="num pair">
                <span class="rpd rpd-total">{move || totals.with(|t| t.withdrawal_plan_total().to_string())}</span>
                <span class="real realization-total">{move || totals.with(|t| t.realization_total().to_string())}</span>
            </td>
            <td class="num absorption">{move || totals.with(|t| format_percent_or_dash(t.cumulative_absorption(Quarter::Q4)))}</td>
            <td class="row-save">
                <button type="submit" name="activity" value=id.0>"Simpan"</button>
                <SyncStatus fields=activity_fields(id)/>
                <a class="history-link" href=format!("/rencana/{}/riwayat?kegiatan={id}", state.id)>"Riwayat"</a>
                <RemoveActivityButton activity=id/>
            </td>
        </tr>
    }
}

/// Every field the row saves.
fn activity_fields(id: model::ActivityId) -> Vec<Field> {
    activity_inputs(id).into_iter().map(|(_, f)| f).collect()
}

/// The activity a cell of the budget table is in, as its row's button names it (its id).
fn activity_of(field: &Field) -> String {
    match field {
        Field::Activity(id, _) | Field::ActivityQuarter(id, _, _) => id.to_string(),
        _ => String::new(),
    }
}

/// The text an input of the row shows: the model's text of the field's value.
fn activity_text(activity: &Activity, field: &Field) -> String {
    match field {
        Field::Activity(_, f) => activity_value(activity, *f).input_text(),
        Field::ActivityQuarter(_, q, f) => {
            quarter_money_value(activity.quarter(*q), *f).input_text()
        }
        _ => String::new(),
    }
}
