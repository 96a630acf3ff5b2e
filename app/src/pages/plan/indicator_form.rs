//! Editing an indicator's definition: name, target, formula, A and B, kind, polarity, aggregation.

use super::PlanState;
use crate::api::edit::SaveIndicator;
use crate::components::{sync_select, EditGate, LabelledInput, SyncForm};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use model::edit::{apply_to_indicator, indicator_value, parse_value, Field, IndicatorField, Value};
use model::{Aggregation, Indicator, IndicatorKind, Polarity};

#[component]
pub fn IndicatorForm(indicator: RwSignal<Indicator>) -> impl IntoView {
    let state = expect_context::<PlanState>();
    let id = indicator
        .with_untracked(|i| i.id)
        .unwrap_or(model::IndicatorId(0));
    let saved = RwSignal::new(indicator.get_untracked());
    let apply = move |field: Field, v: Value| {
        indicator.update(|i| {
            let _ = apply_to_indicator(i, &field, v);
        })
    };
    let text_input = {
        move |f: IndicatorField, numeric: bool| {
            let field = Field::Indicator(id, f);
            view! {
                <LabelledInput
                    field
                    name=f.name()
                    saved=Signal::derive(move || saved.with(|i| indicator_value(i, f).input_text()))
                    on_value=Callback::new(move |v| apply(field, v))
                    numeric
                    wide=!numeric
                    multiline=!numeric
                />
            }
        }
    };
    let choice = move |f: IndicatorField, options: Vec<(&'static str, &'static str)>| {
        let name = f.name();
        let field = Field::Indicator(id, f);
        let current = indicator.with_untracked(|i| indicator_value(i, f).input_text());
        let select = NodeRef::<leptos::html::Select>::new();
        sync_select(field, select, current.clone());
        let gate = use_context::<EditGate>();
        let locked = move || gate.and_then(|g| g.locked(&field));
        view! {
            // Not a `<label>`: see `LabelledInput`.
            <div class="labelled">
                <span>{field.label()}</span>
                // A disabled select is not posted: while frozen a hidden copy posts its value.
                {move || locked().map(|_| view! {
                    <input type="hidden" name=name value=move || indicator.with(|i| indicator_value(i, f).input_text())/>
                })}
                <select
                    node_ref=select
                    name=name
                    aria-label=field.label()
                    disabled=move || locked().is_some()
                    title=locked
                    on:change=move |ev| {
                        if let Ok(v) = parse_value(&field, &event_target_value(&ev)) {
                            apply(field, v);
                        }
                    }
                >
                    {options
                        .iter()
                        .map(|(code, label)| view! { <option value=*code selected=current == *code>{*label}</option> })
                        .collect_view()}
                </select>
            </div>
        }
    };
    view! {
        <details class="edit-box">
            <summary>"Ubah definisi indikator"</summary>
            <SyncForm action=SaveIndicator::PATH fields=indicator_fields(id) class="stacked-form">
                <input type="hidden" name="plan" value=state.id.0/>
                <input type="hidden" name="indicator" value=id.0/>
                // Input names are the server function's parameters, which are the fields' names.
                {text_input(IndicatorField::Name, false)}
                {text_input(IndicatorField::TargetValue, true)}
                {text_input(IndicatorField::TargetUnit, false)}
                {text_input(IndicatorField::Formula, false)}
                {text_input(IndicatorField::NumeratorLabel, false)}
                {text_input(IndicatorField::DenominatorLabel, false)}
                {choice(IndicatorField::Kind, IndicatorKind::ALL.iter().map(|k| (k.code(), kind_label(*k))).collect())}
                {choice(IndicatorField::Polarity, Polarity::ALL.iter().map(|p| (p.code(), polarity_label(*p))).collect())}
                {choice(
                    IndicatorField::Aggregation,
                    Aggregation::ALL.iter().map(|a| (a.code(), aggregation_label(*a))).collect(),
                )}
                <button type="submit">"Simpan indikator"</button>
            </SyncForm>
        </details>
    }
}

/// Every field of the definition, in the order the server function reads them.
fn indicator_fields(id: model::IndicatorId) -> Vec<Field> {
    IndicatorField::ALL
        .map(|f| Field::Indicator(id, f))
        .to_vec()
}

fn kind_label(kind: IndicatorKind) -> &'static str {
    match kind {
        IndicatorKind::Ratio => "Persentase (A/B \u{00d7} 100%)",
        IndicatorKind::Count => "Jumlah (nilai A)",
    }
}

fn polarity_label(polarity: Polarity) -> &'static str {
    match polarity {
        Polarity::HigherIsBetter => "Semakin besar semakin baik",
        Polarity::LowerIsBetter => "Semakin kecil semakin baik",
    }
}

fn aggregation_label(aggregation: Aggregation) -> &'static str {
    match aggregation {
        Aggregation::Sum => "Jumlah A / jumlah B",
        Aggregation::Last => "Nilai triwulan terakhir",
        Aggregation::Average => "Rata-rata triwulan",
    }
}
