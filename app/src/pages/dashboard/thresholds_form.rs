//! The year's absorption targets, editable: a plain form that posts with JavaScript off and,
//! hydrated, saves in place. The server checks the targets with the model's rules.

use crate::api::dashboard::SaveThresholds;
use crate::components::SaveStatus;
use leptos::prelude::*;
use model::dashboard::AbsorptionThresholds;
use model::Quarter;

#[component]
pub fn ThresholdsForm(
    thresholds: AbsorptionThresholds,
    /// Owned by the page, so its outcome outlives the refetch that a save causes.
    save: ServerAction<SaveThresholds>,
) -> impl IntoView {
    let year = thresholds.fiscal_year;
    let inputs = Quarter::ALL
        .map(|quarter| {
            let name = format!("q{}", quarter.index() + 1);
            view! {
                <label>
                    <span>{format!("Target {} (%)", quarter.label())}</span>
                    <input type="text" class="num" name=name inputmode="decimal" value=thresholds.text(quarter) required/>
                </label>
            }
        })
        .collect_view();
    view! {
        <ActionForm action=save attr:class="thresholds-form" attr:aria-label=format!("Target penyerapan tahun {year}")>
            <fieldset>
                <legend>{format!("Target penyerapan kumulatif tahun {year}")}</legend>
                <input type="hidden" name="year" value=year/>
                <div class="threshold-inputs">{inputs}</div>
                <button type="submit">"Simpan target"</button>
                <SaveStatus pending=save.pending().into() result=save.value().into()/>
            </fieldset>
        </ActionForm>
    }
}
