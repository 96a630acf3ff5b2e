//! One indicator in one quarter, as a row of inputs with its live figures and its own form.

use super::{PlanState, QuarterFilter};
use crate::api::edit::SaveReport;
use crate::components::{sync_select, EditGate, FieldInput, SyncForm};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use model::edit::{apply_to_indicator, report_value, Field, ReportField, Value};
use model::figures::{against_target, format_value, quarter_value};
use model::number::format_percent_or_dash;
use model::{Indicator, Quarter, Status};

#[component]
pub fn QuarterRow(
    indicator: RwSignal<Indicator>,
    quarter: Quarter,
    /// Where the row is ("indikator 1.1"), which each input's label names.
    place: Signal<String>,
) -> impl IntoView {
    let state = expect_context::<PlanState>();
    let filter = expect_context::<QuarterFilter>();
    let thresholds = state.thresholds;
    let id = indicator
        .with_untracked(|i| i.id)
        .unwrap_or(model::IndicatorId(0));
    let saved = RwSignal::new(indicator.with_untracked(|i| i.quarter(quarter).clone()));
    let form_id = format!("form-tw-{id}-{}", quarter.number());
    let value = move || indicator.with(|i| quarter_value(i, quarter));
    let against = move || indicator.with(|i| value().and_then(|v| against_target(i, v)));
    let standing = move || against().map(|a| thresholds.standing(a));
    let input = {
        let form_id = form_id.clone();
        move |f: ReportField, numeric: bool| {
            let field = Field::Report(id, quarter, f);
            let name = f.name();
            view! {
                <td data-label=f.heading()>
                    <FieldInput
                        field
                        name
                        form=form_id.clone()
                        saved=Signal::derive(move || saved.with(|r| report_value(r, f).input_text()))
                        on_value=Callback::new(move |v: Value| {
                            indicator.update(|i| { let _ = apply_to_indicator(i, &field, v); })
                        })
                        numeric
                        multiline=!numeric
                        place
                    />
                </td>
            }
        }
    };
    let status_field = Field::Report(id, quarter, ReportField::Status);
    let initial_status = saved.with_untracked(|r| r.status);
    let status_select = NodeRef::<leptos::html::Select>::new();
    sync_select(
        status_field,
        status_select,
        saved.with_untracked(|r| report_value(r, ReportField::Status).input_text()),
    );
    let gate = use_context::<EditGate>();
    let status_locked = move || gate.and_then(|g| g.locked(&status_field));
    view! {
        <tr class:is-hidden=move || !filter.shows(quarter) data-quarter=quarter.label()>
            <th scope="row">{quarter.label()}</th>
            {input(ReportField::PlannedWork, false)}
            {input(ReportField::Numerator, true)}
            {input(ReportField::Denominator, true)}
            <td class="num figure quarter-value" data-label="Capaian">{move || indicator.with(|i| format_value(i, value()))}</td>
            <td
                data-label="Capaian terhadap target"
                class="num figure against-target"
                data-standing=move || standing().map(|s| s.code()).unwrap_or("none")
                title=move || standing().map(|s| s.label()).unwrap_or("")
            >
                {move || format_percent_or_dash(against())}
            </td>
            {input(ReportField::Achievement, false)}
            {input(ReportField::Evidence, false)}
            <td data-label=ReportField::Status.heading()>
                // A disabled select is not posted: while frozen a hidden copy posts its value.
                {
                    let form_id = form_id.clone();
                    move || status_locked().map(|_| view! {
                        <input type="hidden" name=ReportField::Status.name() form=form_id.clone()
                            value=move || indicator.with(|i| report_value(i.quarter(quarter), ReportField::Status).input_text())/>
                    })
                }
                <select
                    node_ref=status_select
                    name=ReportField::Status.name()
                    form=form_id.clone()
                    disabled=move || status_locked().is_some()
                    title=status_locked
                    aria-label=move || format!("{}, {}", status_field.label(), place.get())
                    on:change=move |ev| {
                        if let Ok(v) = model::edit::parse_value(&status_field, &event_target_value(&ev)) {
                            indicator.update(|i| { let _ = apply_to_indicator(i, &status_field, v); });
                        }
                    }
                >
                    <option value="" selected=initial_status.is_none()>"-"</option>
                    {Status::ALL
                        .map(|s| view! { <option value=s.label() selected=initial_status == Some(s)>{s.label()}</option> })
                        .collect_view()}
                </select>
            </td>
            {input(ReportField::Note, false)}
            <td class="row-save">
                <SyncForm
                    id=form_id.clone()
                    action=SaveReport::PATH
                    fields=ReportField::ALL.map(|f| Field::Report(id, quarter, f)).to_vec()
                >
                    <input type="hidden" name="plan" value=state.id.0/>
                    <input type="hidden" name="indicator" value=id.0/>
                    <input type="hidden" name="quarter" value=quarter.number()/>
                    // Out of the Tab order, so Tab walks the grid cell to cell; Enter in any cell saves.
                    <button type="submit" tabindex="-1" title=format!("Simpan {}", quarter.label())>"Simpan"</button>
                </SyncForm>
            </td>
        </tr>
    }
}
