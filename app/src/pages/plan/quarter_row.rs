//! One indicator in one quarter, as a row of inputs with its live figures. The rows of an
//! indicator share one form (the quarter table's, in `goals.rs`); each row's inputs are named
//! by its quarter (`tw[2][note]`) and its button saves that quarter alone.

use super::{PlanState, QuarterFilter};
use crate::api::edit::{cell_name, QUARTER_ROWS};
use crate::components::{sync_select, EditGate, FieldInput, SyncStatus};
use leptos::prelude::*;
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
    let name = move |f: ReportField| cell_name(QUARTER_ROWS, quarter.number(), f.name());
    let value = move || indicator.with(|i| quarter_value(i, quarter));
    let against = move || indicator.with(|i| value().and_then(|v| against_target(i, v)));
    let standing = move || against().map(|a| thresholds.standing(a));
    let input = {
        move |f: ReportField, numeric: bool, extra: Option<AnyView>| {
            let field = Field::Report(id, quarter, f);
            view! {
                <td data-label=f.heading()>
                    <FieldInput
                        field
                        name=name(f)
                        saved=Signal::derive(move || saved.with(|r| report_value(r, f).input_text()))
                        on_value=Callback::new(move |v: Value| {
                            indicator.update(|i| { let _ = apply_to_indicator(i, &field, v); })
                        })
                        numeric
                        multiline=!numeric
                        place
                    />
                    {extra}
                </td>
            }
        }
    };
    let slot = model::evidence::Slot {
        owner: model::evidence::Owner::Indicator(id),
        quarter,
    };
    let evidence_href = format!("/rencana/{}/bukti/{}", state.id, slot.path());
    let evidence_label = match use_context::<model::evidence::EvidenceCounts>()
        .map_or(0, |counts| counts.of(&slot))
    {
        0 => format!("+ Berkas {}", quarter.label()),
        n => format!("Berkas {} ({n})", quarter.label()),
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
            {input(ReportField::PlannedWork, false, None)}
            {input(ReportField::Numerator, true, None)}
            {input(ReportField::Denominator, true, None)}
            <td class="num figure quarter-value" data-label="Capaian">{move || indicator.with(|i| format_value(i, value()))}</td>
            <td
                data-label="Capaian terhadap target"
                class="num figure against-target"
                data-standing=move || standing().map(|s| s.code()).unwrap_or("none")
                title=move || standing().map(|s| s.label()).unwrap_or("")
            >
                {move || format_percent_or_dash(against())}
            </td>
            {input(ReportField::Achievement, false, None)}
            // Under the text, a plain link to the quarter's files (its own server-rendered page,
            // without JavaScript too); `rel="external"` keeps the router from taking it.
            {input(ReportField::Evidence, false, Some(view! {
                <a class="evidence-files" rel="external" href=evidence_href>{evidence_label}</a>
            }.into_any()))}
            <td data-label=ReportField::Status.heading()>
                // A disabled select is not posted: while frozen a hidden copy posts its value.
                {move || status_locked().map(|_| view! {
                    <input type="hidden" name=name(ReportField::Status)
                        value=move || indicator.with(|i| report_value(i.quarter(quarter), ReportField::Status).input_text())/>
                })}
                <select
                    node_ref=status_select
                    name=name(ReportField::Status)
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
            {input(ReportField::Note, false, None)}
            <td class="row-save">
                // Out of the Tab order, so Tab walks the grid cell to cell; Enter in any cell saves.
                <button type="submit" name="quarter" value=quarter.number() tabindex="-1">
                    {format!("Simpan {}", quarter.label())}
                </button>
                <SyncStatus fields=quarter_fields(id, quarter).collect()/>
            </td>
        </tr>
    }
}

/// The fields of an indicator's row for `quarter`, in the order of `ReportField::ALL`.
pub fn quarter_fields(id: model::IndicatorId, quarter: Quarter) -> impl Iterator<Item = Field> {
    ReportField::ALL
        .into_iter()
        .map(move |f| Field::Report(id, quarter, f))
}
