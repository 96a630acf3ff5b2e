//! The plan page's forms with JavaScript off: each row's inputs, as the page renders them (names
//! from the model, the quarter by its number), post back to the row's server function, which
//! reads every one of them and stores the change.

use super::common;
use crate::both;
use app::api::edit::{SaveActivity, SaveReport};
use axum::http::{header, HeaderValue};
use common::web::{form_post, get_with, location, send};
use leptos::server_fn::ServerFn;
use model::edit::{current_value, parse_value, Field, MoneyField, ReportField};
use model::Quarter;
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

/// What the browser posts for the form `id`: the inputs inside the `<form>` element and the
/// inputs, text areas and selects elsewhere that join it with `form="id"`, by name.
fn posted(html: &str, id: &str) -> Vec<(String, String)> {
    let start = html.find(&format!(r#"<form id="{id}""#)).unwrap();
    let inside = &html[start..start + html[start..].find("</form>").unwrap()];
    let mut fields = Vec::new();
    for (text, owned) in [(inside, false), (html, true)] {
        for tag in text.split("<input").skip(1) {
            let attrs = attributes(&tag[..tag.find('>').unwrap()]);
            if owned != (attribute(&attrs, "form") == Some(id)) {
                continue;
            }
            if let Some(name) = attribute(&attrs, "name") {
                let value = attribute(&attrs, "value").unwrap_or_default();
                fields.push((name.to_owned(), value.to_owned()));
            }
        }
    }
    // A text area posts the text between its tags (they join the row's form by `form="id"`).
    for area in html.split("<textarea").skip(1) {
        let open = area.find('>').unwrap();
        let attrs = attributes(&area[..open]);
        if attribute(&attrs, "form") != Some(id) {
            continue;
        }
        let text = &area[open + 1..area.find("</textarea>").unwrap()];
        fields.push((
            attribute(&attrs, "name").unwrap().to_owned(),
            unescape(text),
        ));
    }
    for select in html.split("<select").skip(1) {
        let attrs = attributes(&select[..select.find('>').unwrap()]);
        if attribute(&attrs, "form") != Some(id) {
            continue;
        }
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

fn with(mut fields: Vec<(String, String)>, name: &str, text: &str) -> Vec<(String, String)> {
    let slot = fields.iter_mut().find(|(n, _)| n == name).unwrap();
    slot.1 = text.to_owned();
    fields
}

/// Posts the form as a browser with JavaScript off does; the answer must go back to the page
/// without an error.
async fn post(store: &Store, path: &str, fields: &[(String, String)], cookie: &str) {
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
    assert!(
        response.status().is_redirection() && !to.contains("__err"),
        "{path}: {} {to}",
        response.status()
    );
}

async fn a_rows_inputs_post_back_to_its_server_function(store: &Store) {
    let (id, plan) = common::demo(store).await;
    let operator = common::operator(store, id).await;
    let cookie = common::cookie(store, &operator).await;
    let indicator = plan.goals[0].indicators[0].id.unwrap();
    let activity = plan.activities[0].id;
    let (_, html) = get_with(store, &format!("/rencana/{id}"), Some(cookie.clone())).await;

    // A report row: its quarter travels as its number, its cells by their fields' names.
    let note = Field::Report(indicator, Quarter::Q2, ReportField::Note);
    let row = posted(&html, &format!("form-tw-{indicator}-2"));
    assert!(row.contains(&("quarter".into(), "2".into())), "{row:?}");
    let row = with(row, ReportField::Note.name(), "Dicatat dari formulir");
    post(store, SaveReport::PATH, &row, &cookie).await;

    // An activity row: RPD and realization by field name and quarter number.
    let rpd = Field::ActivityQuarter(activity, Quarter::Q2, MoneyField::WithdrawalPlan);
    let row = posted(&html, &format!("form-kegiatan-{activity}"));
    let row = with(
        row,
        MoneyField::WithdrawalPlan.input_name(Quarter::Q2),
        "1.234",
    );
    post(store, SaveActivity::PATH, &row, &cookie).await;

    // The changed cells are stored; every other cell of the rows is as it was.
    let after = store.load_plan_unchecked(id).await.unwrap().unwrap();
    for (field, text) in [(note, "Dicatat dari formulir"), (rpd, "1.234")] {
        assert_eq!(
            current_value(&after, &field).unwrap(),
            parse_value(&field, text).unwrap(),
            "{field}"
        );
    }
    let others = ReportField::ALL
        .into_iter()
        .filter(|f| *f != ReportField::Note)
        .map(|f| Field::Report(indicator, Quarter::Q2, f))
        .chain(Quarter::ALL.into_iter().flat_map(|q| {
            [MoneyField::WithdrawalPlan, MoneyField::Realization]
                .map(|m| Field::ActivityQuarter(activity, q, m))
        }))
        .filter(|f| *f != rpd);
    for field in others {
        assert_eq!(
            current_value(&after, &field).unwrap(),
            current_value(&plan, &field).unwrap(),
            "{field}"
        );
    }
}
both!(row_forms, a_rows_inputs_post_back_to_its_server_function);
