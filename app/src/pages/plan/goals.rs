//! A goal with its indicators; each indicator with its definition, its activities and its four
//! quarter rows.

use super::indicator_form::IndicatorForm;
use super::quarter_row::{quarter_fields, QuarterRow};
use super::state::GoalState;
use super::structure::{GoalControls, IndicatorControls, UnlinkActivityButton};
use super::PlanState;
use crate::api::edit::{SaveGoal, SaveReport};
use crate::components::{
    col, num, text_or_dash, Column, EnterSaves, FieldInput, Formula, ScrollTable, SyncForm,
};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use model::checks::{indicator_checks, IndicatorRef};
use model::edit::{Field, GoalField, ReportField, Value};
use model::figures::{cumulative_value, format_value};
use model::{Check, Indicator, Quarter};

#[component]
pub fn GoalSection(goal: GoalState) -> impl IntoView {
    let state = expect_context::<PlanState>();
    let totals = Memo::new(move |_| state.goal_totals(goal));
    let number = goal.number;
    view! {
        <article class="goal" id=move || format!("sasaran-{}", number.get())>
            <h3>{move || format!("Sasaran {}. {}", number.get(), goal.title.get())}</h3>
            <p class="goal-budget">
                {move || totals.with(|t| format!("Pagu sasaran: Rp {} \u{00b7} {} kegiatan", t.budget, t.activity_count))}
            </p>
            <GoalTitleForm goal/>
            <GoalControls goal/>
            <For
                each=move || goal.indicators.get()
                key=|indicator| indicator.with_untracked(|i| i.id)
                let:indicator
            >
                <IndicatorCard goal indicator/>
            </For>
        </article>
    }
}

#[component]
fn GoalTitleForm(goal: GoalState) -> impl IntoView {
    let state = expect_context::<PlanState>();
    let saved = RwSignal::new(goal.title.get_untracked());
    let field = Field::Goal(goal.id, GoalField::Title);
    view! {
        <details class="edit-box">
            <summary>"Ubah sasaran"</summary>
            <SyncForm action=SaveGoal::PATH fields=vec![field] class="stacked-form">
                <input type="hidden" name="plan" value=state.id.0/>
                <input type="hidden" name="goal" value=goal.id.0/>
                // Not a `<label>`: see `LabelledInput`.
                <div class="labelled">
                    <span>"Sasaran"</span>
                    <FieldInput
                        field
                        name=GoalField::Title.name()
                        saved=Signal::derive(move || saved.get())
                        on_value=Callback::new(move |v: Value| {
                            if let Value::Name(title) = v {
                                goal.title.set(title);
                            }
                        })
                        wide=true
                        multiline=true
                    />
                </div>
                <button type="submit">"Simpan sasaran"</button>
            </SyncForm>
        </details>
    }
}

#[component]
fn IndicatorCard(goal: GoalState, indicator: RwSignal<Indicator>) -> impl IntoView {
    let state = expect_context::<PlanState>();
    // A keystroke in a quarter cell changes the indicator's signal. What only depends on a part
    // of it that typing there never changes (its place, its links, its formula) reads that part
    // through a memo, so the keystroke does not rewrite its cells' labels, rebuild the list of
    // its activities or render its formula again.
    let at = Memo::new(move |_| IndicatorRef {
        goal: goal.number.get(),
        indicator: indicator.with(|i| i.number),
    });
    let at = move || at.get();
    let warnings = move || indicator.with(|i| indicator_checks(at(), i));
    let place = Signal::derive(move || {
        let at = at();
        format!("indikator {}.{}", at.goal, at.indicator)
    });
    let linked = Memo::new(move |_| indicator.with(|i| i.activity_ids.clone()));
    let formula = Memo::new(move |_| indicator.with(|i| i.formula.clone()));
    let year_to_date =
        move || indicator.with(|i| format_value(i, cumulative_value(i, Quarter::Q4)));
    let activities = move || {
        linked
            .get()
            .into_iter()
            .filter_map(|id| state.activity(id).map(|a| (id, a)))
            .map(|(id, a)| {
                // The name and pagu follow the activity on their own: a keystroke in its row
                // does not rebuild this list.
                view! {
                    <li>
                        <a href=format!("#kegiatan-{id}")>{move || a.with(|a| a.name.clone())}</a>
                        {move || a.with(|a| format!(" (pagu Rp {}) ", a.budget))}
                        <UnlinkActivityButton indicator activity=id/>
                    </li>
                }
            })
            .collect_view()
    };
    let history = {
        let plan = expect_context::<super::PlanState>().id;
        let id = indicator.with_untracked(|i| i.id.map(|id| id.0).unwrap_or_default());
        format!("/rencana/{plan}/riwayat?indikator={id}")
    };
    let id = indicator
        .with_untracked(|i| i.id)
        .unwrap_or(model::IndicatorId(0));
    let fields: Vec<Field> = Quarter::ALL
        .into_iter()
        .flat_map(|q| quarter_fields(id, q))
        .collect();
    // The definition's form comes first: forms do not nest, and everything after it (the
    // unlink, move and remove buttons, the quarter rows) shares the quarter table's one form.
    view! {
        <section class="indicator" id=move || { let at = at(); format!("indikator-{}-{}", at.goal, at.indicator) }>
            <h4>{move || { let at = at(); indicator.with(|i| format!("{}.{} {}", at.goal, at.indicator, i.name)) }}</h4>
            <IndicatorForm indicator/>
            <SyncForm action=SaveReport::PATH fields status_in_rows=true row_of=quarter_of class="indicator-sheet">
                <EnterSaves/>
                <input type="hidden" name="plan" value=state.id.0/>
                <input type="hidden" name="indicator" value=id.0/>
                <dl class="indicator-facts">
                    <dt>"Target"</dt>
                    <dd class="target">{move || indicator.with(|i| i.target.to_string())}</dd>
                    <dt>"Rumus"</dt>
                    <dd class="formula"><Formula source=formula/></dd>
                    <dt>"A"</dt>
                    <dd>{move || indicator.with(|i| text_or_dash(&i.numerator_label))}</dd>
                    <dt>"B"</dt>
                    <dd>{move || indicator.with(|i| text_or_dash(&i.denominator_label))}</dd>
                    <dt>"Capaian s.d. TW IV"</dt>
                    <dd class="year-to-date">{year_to_date}</dd>
                    <dt>"Kegiatan"</dt>
                    <dd><ul class="linked-activities">{activities}</ul></dd>
                    <dt>"Riwayat"</dt>
                    <dd>
                        <a class="history-link" href=history>"Lihat perubahan"</a>
                    </dd>
                </dl>
                <IndicatorControls indicator/>
                <ul class="warnings">
                    {move || warnings().iter().map(|w: &Check| view! { <li>{w.message()}</li> }).collect_view()}
                </ul>
                <ScrollTable class="quarters" columns=QUARTER_COLUMNS>
                    {Quarter::ALL.map(|quarter| view! { <QuarterRow indicator quarter place/> }).collect_view()}
                </ScrollTable>
            </SyncForm>
        </section>
    }
}

/// The quarter a cell of the quarter table is in, as its button names it (`Quarter::number`).
fn quarter_of(field: &Field) -> String {
    match field {
        Field::Report(_, quarter, _) => quarter.number().to_string(),
        _ => String::new(),
    }
}

/// The headings of an indicator's quarter table, one per cell of [`QuarterRow`].
const QUARTER_COLUMNS: &[Column] = &[
    col("TW"),
    col(ReportField::PlannedWork.heading()),
    col(ReportField::Numerator.heading()),
    col(ReportField::Denominator.heading()),
    num("Capaian"),
    num("Thd target"),
    col(ReportField::Achievement.heading()),
    col(ReportField::Evidence.heading()),
    col(ReportField::Status.heading()),
    col(ReportField::Note.heading()),
    col("Simpan"),
];
