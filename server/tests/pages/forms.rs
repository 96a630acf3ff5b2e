//! The plan page's forms with JavaScript off: an indicator's quarter table and the budget table
//! are one form each, their inputs named by row (`tw[2][note]`, `kegiatan[12][budget]`). What
//! the page renders posts back to the table's server function: the pressed button's row alone,
//! or with Enter every row, and only what changed is stored.

use super::common;
use crate::both;
use app::api::edit::{
    activity_inputs, cell_name, SaveActivity, SaveReport, ACTIVITY_ROWS, QUARTER_ROWS,
};
use axum::http::{header, HeaderValue};
use common::web::{form_post, get_with, location, send};
use leptos::server_fn::ServerFn;
use model::edit::{current_value, parse_value, Field, MoneyField, ReportField};
use model::{ActivityId, IndicatorId, PlanId, Quarter};
use server::storage::Store;

/// The attributes of one tag (`<input name="x" …>`: its text after the tag's name), values
/// unescaped.
fn attributes(tag: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut rest = tag;
    while let Some(eq) = rest.find("=\"") {
        let name = rest[..eq].rsplit([' ', '\n']).next().unwrap_or_default();
        let after = &rest[eq + 2..];
        let end = after.find('"').unwrap();
        found.push((name.to_owned(), unescape(&after[..end])));
        rest = &after[end + 1..];
    }
    found
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn attribute<'a>(attributes: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attributes
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// The form whose tag posts to `action` and which holds `marker` (a hidden input naming the
/// indicator, say): its text from `<form` to `</form>`.
fn form<'a>(html: &'a str, action: &str, marker: &str) -> &'a str {
    let tag = format!(r#"action="{action}""#);
    html.match_indices("<form")
        .map(|(start, _)| &html[start..start + html[start..].find("</form>").unwrap()])
        .find(|form| form[..form.find('>').unwrap()].contains(&tag) && form.contains(marker))
        .unwrap_or_else(|| panic!("no form to {action} holding {marker}"))
}

/// What the browser posts for `form` (as [`form`] finds it), before the pressed button adds
/// its own name and value: its inputs, text areas and selects, by name.
fn posted(form: &str) -> Vec<(String, String)> {
    let mut fields = Vec::new();
    for tag in form.split("<input").skip(1) {
        let attrs = attributes(&tag[..tag.find('>').unwrap()]);
        if let Some(name) = attribute(&attrs, "name") {
            let value = attribute(&attrs, "value").unwrap_or_default();
            fields.push((name.to_owned(), value.to_owned()));
        }
    }
    // A text area posts the text between its tags.
    for area in form.split("<textarea").skip(1) {
        let open = area.find('>').unwrap();
        let attrs = attributes(&area[..open]);
        let text = &area[open + 1..area.find("</textarea>").unwrap()];
        fields.push((
            attribute(&attrs, "name").unwrap().to_owned(),
            unescape(text),
        ));
    }
    for select in form.split("<select").skip(1) {
        let attrs = attributes(&select[..select.find('>').unwrap()]);
        let options = &select[..select.find("</select>").unwrap()];
        let chosen = options
            .split("<option")
            .skip(1)
            .find(|o| o[..o.find('>').unwrap()].contains("selected"))
            .or_else(|| options.split("<option").nth(1))
            .unwrap();
        let value = attribute(&attributes(&chosen[..chosen.find('>').unwrap()]), "value")
            .unwrap_or_default()
            .to_owned();
        fields.push((attribute(&attrs, "name").unwrap().to_owned(), value));
    }
    fields
}

/// The submit buttons of `form`, each by its name and value ("" for the unnamed one Enter
/// presses) and its text.
fn buttons(form: &str) -> Vec<(String, String, String)> {
    form.split("<button")
        .skip(1)
        .map(|tag| {
            let open = tag.find('>').unwrap();
            let attrs = attributes(&tag[..open]);
            let text = &tag[open + 1..tag.find("</button>").unwrap()];
            (
                attribute(&attrs, "name").unwrap_or_default().to_owned(),
                attribute(&attrs, "value").unwrap_or_default().to_owned(),
                text.trim().to_owned(),
            )
        })
        .collect()
}

fn with(mut fields: Vec<(String, String)>, name: &str, text: &str) -> Vec<(String, String)> {
    let slot = fields.iter_mut().find(|(n, _)| n == name).unwrap();
    slot.1 = text.to_owned();
    fields
}

/// Posts the form as a browser with JavaScript off does; the answer must go back to the page
/// without an error.
async fn post(store: &Store, path: &str, fields: &[(String, String)], cookie: &str) {
    let (ok, answer) = answer(store, path, fields, cookie).await;
    assert!(ok, "{path}: {answer}");
}

/// Posts the form as [`post`] does: whether the answer went back to the page without an
/// error, and the answer's status and where it sent the browser.
async fn answer(
    store: &Store,
    path: &str,
    fields: &[(String, String)],
    cookie: &str,
) -> (bool, String) {
    let body: Vec<String> = fields
        .iter()
        .map(|(n, v)| format!("{n}={}", common::form_encode(v)))
        .collect();
    let mut request = form_post(path, body.join("&"));
    let headers = request.headers_mut();
    headers.insert(header::COOKIE, HeaderValue::from_str(cookie).unwrap());
    headers.insert(
        header::REFERER,
        HeaderValue::from_static("http://127.0.0.1:3000/rencana/1"),
    );
    headers.insert(
        header::ACCEPT,
        HeaderValue::from_static("text/html,application/xhtml+xml,*/*;q=0.8"),
    );
    let response = send(store, request).await;
    let to = location(&response);
    (
        response.status().is_redirection() && !to.contains("__err"),
        format!("{} {to}", response.status()),
    )
}

/// The error a refused form post sends back to the page (`__err`, base64 of its JSON).
fn error_of(answer: &str) -> String {
    use base64::Engine as _;
    let encoded = answer.split("__err=").nth(1).unwrap_or_default();
    let encoded = encoded.split('&').next().unwrap_or_default();
    let json = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(encoded.replace("%3D", "").trim_end_matches('='))
        .unwrap();
    String::from_utf8(json).unwrap()
}

/// `fields` with the pressed button's name and value added, as the browser posts them.
fn pressed(mut fields: Vec<(String, String)>, name: &str, value: &str) -> Vec<(String, String)> {
    fields.push((name.to_owned(), value.to_owned()));
    fields
}

/// The demo plan with an operator's session and its page as the operator gets it.
async fn demo_page(store: &Store) -> (PlanId, model::Plan, String, String) {
    let (id, plan) = common::demo(store).await;
    let operator = common::operator(store, id).await;
    let cookie = common::cookie(store, &operator).await;
    let (_, html) = get_with(store, &format!("/rencana/{id}"), Some(cookie.clone())).await;
    (id, plan, cookie, html)
}

fn quarter_table(html: &str, indicator: IndicatorId) -> &str {
    form(
        html,
        SaveReport::PATH,
        &format!(r#"name="indicator" value="{indicator}""#),
    )
}

fn budget_table(html: &str) -> &str {
    form(html, SaveActivity::PATH, r#"name="plan""#)
}

fn note(quarter: Quarter) -> String {
    cell_name(QUARTER_ROWS, quarter.number(), ReportField::Note.name())
}

fn rpd(activity: ActivityId, quarter: Quarter) -> String {
    cell_name(
        ACTIVITY_ROWS,
        activity,
        MoneyField::WithdrawalPlan.input_name(quarter),
    )
}

/// Every cell of the indicator's quarter table and of the budget rows of `activities`.
fn cells(indicator: IndicatorId, activities: &[ActivityId]) -> Vec<Field> {
    Quarter::ALL
        .into_iter()
        .flat_map(|q| ReportField::ALL.map(|f| Field::Report(indicator, q, f)))
        .chain(
            activities
                .iter()
                .flat_map(|a| activity_inputs(*a).into_iter().map(|(_, f)| f)),
        )
        .collect()
}

/// Each of `changed` holds its new text; every other cell of `all` is as in `before`.
async fn stored(
    store: &Store,
    id: PlanId,
    before: &model::Plan,
    all: &[Field],
    changed: &[(Field, &str)],
) {
    let after = store.load_plan_unchecked(id).await.unwrap().unwrap();
    for field in all {
        let expected = match changed.iter().find(|(f, _)| f == field) {
            Some((_, text)) => parse_value(field, text).unwrap(),
            None => current_value(before, field).unwrap(),
        };
        assert_eq!(current_value(&after, field).unwrap(), expected, "{field}");
    }
}

async fn a_row_button_saves_its_row_and_what_was_typed_in_the_other_rows(store: &Store) {
    let (id, plan, cookie, html) = demo_page(store).await;
    let indicator = plan.goals[0].indicators[0].id.unwrap();
    let (activity, other) = (plan.activities[0].id, plan.activities[1].id);

    // The quarter table is one form: its cells are named by quarter, and each quarter's
    // button names its quarter. "Simpan TW II" saves TW III's typed note too: with JavaScript
    // off the page reloads, and nothing typed may be lost.
    let table = quarter_table(&html, indicator);
    for quarter in Quarter::ALL {
        let button = (
            "quarter".to_owned(),
            quarter.number().to_string(),
            format!("Simpan {}", quarter.label()),
        );
        assert!(buttons(table).contains(&button), "{button:?}");
    }
    let fields = with(posted(table), &note(Quarter::Q2), "Dicatat dari formulir");
    let fields = with(fields, &note(Quarter::Q3), "Juga disimpan");
    post(
        store,
        SaveReport::PATH,
        &pressed(fields, "quarter", "2"),
        &cookie,
    )
    .await;

    // The budget table is one form: its cells are named by activity, each row's button names
    // its activity.
    let budget = budget_table(&html);
    let button = (
        "activity".to_owned(),
        activity.to_string(),
        "Simpan".to_owned(),
    );
    assert!(buttons(budget).contains(&button), "{button:?}");
    let fields = with(posted(budget), &rpd(activity, Quarter::Q2), "1.234");
    let fields = with(fields, &rpd(other, Quarter::Q2), "9.999");
    let fields = pressed(fields, "activity", &activity.to_string());
    post(store, SaveActivity::PATH, &fields, &cookie).await;

    let changed = [
        (
            Field::Report(indicator, Quarter::Q2, ReportField::Note),
            "Dicatat dari formulir",
        ),
        (
            Field::Report(indicator, Quarter::Q3, ReportField::Note),
            "Juga disimpan",
        ),
        (
            Field::ActivityQuarter(activity, Quarter::Q2, MoneyField::WithdrawalPlan),
            "1.234",
        ),
        (
            Field::ActivityQuarter(other, Quarter::Q2, MoneyField::WithdrawalPlan),
            "9.999",
        ),
    ];
    stored(
        store,
        id,
        &plan,
        &cells(indicator, &[activity, other]),
        &changed,
    )
    .await;
}
both!(
    row_forms,
    a_row_button_saves_its_row_and_what_was_typed_in_the_other_rows
);

async fn enter_in_a_table_saves_every_changed_row(store: &Store) {
    let (id, plan, cookie, html) = demo_page(store).await;
    let indicator = plan.goals[0].indicators[1].id.unwrap();
    let (activity, other) = (plan.activities[2].id, plan.activities[3].id);
    // Enter presses a form's first submit button: in both tables it is the one that names
    // no row.
    let (table, budget) = (quarter_table(&html, indicator), budget_table(&html));
    for form in [table, budget] {
        assert_eq!(buttons(form)[0].0, "", "{:?}", buttons(form));
    }
    let fields = with(posted(table), &note(Quarter::Q1), "Catatan TW I");
    let fields = with(fields, &note(Quarter::Q4), "Catatan TW IV");
    post(store, SaveReport::PATH, &fields, &cookie).await;
    let fields = with(posted(budget), &rpd(activity, Quarter::Q1), "1.000");
    let fields = with(fields, &rpd(other, Quarter::Q3), "2.000");
    post(store, SaveActivity::PATH, &fields, &cookie).await;

    let changed = [
        (
            Field::Report(indicator, Quarter::Q1, ReportField::Note),
            "Catatan TW I",
        ),
        (
            Field::Report(indicator, Quarter::Q4, ReportField::Note),
            "Catatan TW IV",
        ),
        (
            Field::ActivityQuarter(activity, Quarter::Q1, MoneyField::WithdrawalPlan),
            "1.000",
        ),
        (
            Field::ActivityQuarter(other, Quarter::Q3, MoneyField::WithdrawalPlan),
            "2.000",
        ),
    ];
    stored(
        store,
        id,
        &plan,
        &cells(indicator, &[activity, other]),
        &changed,
    )
    .await;
}
both!(
    enter_saves_every_row,
    enter_in_a_table_saves_every_changed_row
);

async fn a_bad_cell_in_a_table_form_is_refused_with_its_message_and_changes_nothing(store: &Store) {
    let (id, plan, cookie, html) = demo_page(store).await;
    let indicator = plan.goals[0].indicators[0].id.unwrap();
    let activity = plan.activities[0].id;
    let numerator = cell_name(QUARTER_ROWS, 2, ReportField::Numerator.name());
    let fields = with(posted(quarter_table(&html, indicator)), &numerator, "1O");
    let fields = with(fields, &note(Quarter::Q2), "Tidak disimpan");
    let (ok, refused) = answer(
        store,
        SaveReport::PATH,
        &pressed(fields, "quarter", "2"),
        &cookie,
    )
    .await;
    assert!(!ok, "{refused}");
    let fields = with(
        posted(budget_table(&html)),
        &rpd(activity, Quarter::Q2),
        "14.1OO.000",
    );
    let fields = pressed(fields, "activity", &activity.to_string());
    let (ok, money) = answer(store, SaveActivity::PATH, &fields, &cookie).await;
    assert!(!ok, "{money}");
    // The page is sent the model's message, which names the cell.
    for (answer, message) in [
        (
            &refused,
            "A TW II: karakter \u{201c}O\u{201d} tidak dikenal",
        ),
        (
            &money,
            "RPD TW II: karakter \u{201c}O\u{201d} tidak dikenal",
        ),
    ] {
        assert!(error_of(answer).contains(message), "{answer}");
    }
    stored(store, id, &plan, &cells(indicator, &[activity]), &[]).await;
}
both!(
    bad_table_cell,
    a_bad_cell_in_a_table_form_is_refused_with_its_message_and_changes_nothing
);

async fn a_large_plan_has_about_two_forms_per_indicator_no_input_outside_its_form_and_no_label(
    store: &Store,
) {
    let plan = model::synthetic::synthetic_plan(300);
    let goals = plan.goals.len();
    let server::storage::InsertOutcome::Created(id) = store
        .insert_plan(&plan, &server::storage::UnitPlacement::Top)
        .await
        .unwrap()
    else {
        panic!("a new plan")
    };
    let operator = common::operator(store, id).await;
    let cookie = common::cookie(store, &operator).await;
    let (_, html) = get_with(store, &format!("/rencana/{id}?sasaran=semua"), Some(cookie)).await;
    assert_eq!(html.matches(r#"class="indicator""#).count(), 300);
    // Per indicator its definition and its quarter table (with its move, remove and unlink
    // buttons); per goal its title, its buttons and "Tambah indikator"; a few for the plan.
    let forms = html.matches("<form").count();
    assert!(forms <= 2 * 300 + 3 * goals + 12, "{forms} forms");
    assert!(
        !html.contains(" form=\""),
        "an input joins a form from outside it"
    );
    // Chromium visits every `<label>` once per form when a page has parsed (see
    // `LabelledInput`): the plan page has none.
    assert!(!html.contains("<label"), "a <label> on the plan page");
}
both!(
    large_plan_forms,
    a_large_plan_has_about_two_forms_per_indicator_no_input_outside_its_form_and_no_label
);
