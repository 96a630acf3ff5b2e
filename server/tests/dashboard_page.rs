//! The head of unit's dashboard, rendered in-process by the real router on a fresh database:
//! what a browser with JavaScript off receives, and the targets form posted as a plain form.

#![allow(clippy::unwrap_used)]

mod common;

use common::web::{location, send};

use app::api::dashboard::SaveThresholds;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use leptos::server_fn::ServerFn;
use model::edit::{Field, FieldEdit, ReportField};
use model::{PlanId, Quarter};
use server::storage::Store;
use server::usecases::editing::save_fields;

/// The page without Leptos' hydration markers, so assertions read like the HTML a person sees.
async fn get(store: &Store, path: &str) -> (StatusCode, String) {
    let (status, html) = common::web::get(store, path).await;
    (status, without_markers(&html))
}

fn without_markers(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<!") {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        let end = if after.starts_with("<!--") {
            after.find("-->").map(|e| e + 3)
        } else {
            after.find('>').map(|e| e + 1)
        };
        match end {
            // Keep the doctype; drop comments and `<!>` markers.
            Some(end) if after.starts_with("<!DOCTYPE") => {
                out.push_str(&after[..end]);
                rest = &after[end..];
            }
            Some(end) => rest = &after[end..],
            None => {
                rest = after;
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The opening tag `<name ...>` that has every one of `attributes` (written `key="value"`).
fn tag<'a>(html: &'a str, name: &str, attributes: &[&str]) -> Option<&'a str> {
    let open = format!("<{name} ");
    html.match_indices(&open).find_map(|(at, _)| {
        let end = html[at..].find('>')? + at + 1;
        let tag = &html[at..end];
        attributes.iter().all(|a| tag.contains(a)).then_some(tag)
    })
}

/// The HTML of the element whose opening tag has `marker`, up to its closing `</name>`.
fn element<'a>(html: &'a str, name: &str, marker: &str) -> &'a str {
    let start = html.find(marker).unwrap_or_else(|| panic!("no {marker}"));
    let opening = format!("<{name}");
    // The marker may itself begin the opening tag.
    let start = html[..start + opening.len()].rfind(&opening).unwrap();
    let end = html[start..].find(&format!("</{name}>")).unwrap() + start;
    &html[start..end]
}

async fn the_seed_dashboard_reads_in_full_without_javascript(store: &Store) {
    let id = common::demo_plan(store).await;
    let plan = store.load_plan_unchecked(id).await.unwrap().unwrap();
    let (status, html) = get(store, &format!("/rencana/{id}/dasbor")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Dasbor pimpinan"));

    // The plan's S-curve: its table, and the marks with the same values.
    let curve = element(&html, "figure", r#"data-scope="plan""#);
    let row = |quarter: &str| element(curve, "tr", &format!(r#"<tr data-quarter="{quarter}""#));
    assert!(row("TW IV").contains(r#"<td class="num rpd-cumulative">9.496.036.000</td>"#));
    assert!(row("TW I").contains(r#"<td class="num realization-cumulative">1.243.291.585</td>"#));
    assert!(tag(
        curve,
        "circle",
        &[
            r#"data-series="rpd""#,
            r#"data-quarter="TW IV""#,
            r#"data-value="9.496.036.000""#
        ]
    )
    .is_some());
    assert!(tag(curve, "svg", &[r#"role="img""#, r#"viewBox="0 0 480 240""#]).is_some());

    // Absorption: 1.243.291.585 / (9.485.886.000 − 474.486.000) = 13,8 %, against 90 % at TW IV.
    let bar = tag(
        &html,
        "rect",
        &[r#"class="bar absorption""#, r#"data-quarter="TW IV""#],
    )
    .unwrap();
    assert!(bar.contains(r#"data-value="13,8%""#), "{bar}");
    assert!(bar.contains(r#"data-threshold="90%""#), "{bar}");
    assert!(bar.contains(r#"data-standing="behind""#), "{bar}");

    // Attention: each item links to the place to fix it on the plan page. 2024 is over, so all
    // four quarters are due.
    let attention = element(&html, "section", r#"id="perhatian""#);
    // 26: line 91 reads as RPD TW II, so the staff-training activity adds up; and 4 indicators
    // report TW I with no evidence attached (the seed has none).
    assert!(attention.contains("Perlu perhatian (30)"), "{attention}");
    assert!(
        attention.contains("Capaian tanpa data dukung (4)"),
        "{attention}"
    );
    assert!(attention.contains("capaian TW I dilaporkan tanpa data dukung"));
    assert!(attention.contains("Penyerapan anggaran s.d. TW IV baru 13,8%, di bawah target 90%"));
    let office = plan
        .activities
        .iter()
        .find(|a| a.name == "Layanan perkantoran")
        .unwrap()
        .id;
    assert!(attention.contains(&format!(
        "<a href=\"/rencana/{id}#kegiatan-{office}\">Layanan perkantoran: Total RPD Rp 3.979.182.000 \
         tidak sama dengan pagu Rp 3.979.232.000: kurang Rp 50.000</a>"
    )));
    assert!(attention.contains(&format!("href=\"/rencana/{id}#indikator-1-3\"")));
    assert!(attention.contains("Indikator 1.3 Persentase Tahanan dan Narapidana perempuan (ibu hamil dan menyusui) mendapat akses layanan kesehatan maternal: laporan TW I, TW II, TW III, TW IV belum diisi"));

    // Every indicator has its chart, even with nothing entered yet.
    assert_eq!(html.matches(r#"class="chart chart-bars""#).count(), 23);
}
both!(
    seed_dashboard,
    the_seed_dashboard_reads_in_full_without_javascript
);

fn report(
    indicator: model::IndicatorId,
    quarter: Quarter,
    field: ReportField,
    text: &str,
) -> FieldEdit {
    FieldEdit {
        field: Field::Report(indicator, quarter, field),
        text: text.to_owned(),
    }
}

async fn an_indicator_behind_its_target_stands_out(store: &Store) {
    let id = common::demo_plan(store).await;
    let plan = store.load_plan_unchecked(id).await.unwrap().unwrap();
    let food = plan.goals[0].indicators[0].id.unwrap();
    let maternal = plan.goals[0].indicators[2].id.unwrap();
    save_fields(
        store,
        &common::operator(store, id).await,
        id,
        vec![
            // 45 / 50 = 90 % against a target of 85 %: 105,88 %.
            report(food, Quarter::Q1, ReportField::Numerator, "45"),
            report(food, Quarter::Q1, ReportField::Denominator, "50"),
            // 7 / 8 = 87,5 % against a target of 98 %: 89,29 %, close but not met.
            report(maternal, Quarter::Q2, ReportField::Numerator, "7"),
            report(maternal, Quarter::Q2, ReportField::Denominator, "8"),
        ],
    )
    .await
    .unwrap();
    let (_, html) = get(store, &format!("/rencana/{id}/dasbor")).await;

    let bar = |indicator: &str, quarter: &str| {
        tag(
            &html,
            "rect",
            &[
                &format!(r#"data-indicator="{indicator}""#),
                &format!(r#"data-quarter="{quarter}""#),
            ],
        )
        .unwrap_or_else(|| panic!("no bar {indicator} {quarter}"))
    };
    assert!(bar("1.1", "TW I").contains(r#"data-value="105,88%""#));
    assert!(bar("1.1", "TW I").contains(r#"data-standing="met""#));
    assert!(bar("1.1", "Kumulatif").contains(r#"data-value="105,88%""#));
    assert!(bar("1.3", "Kumulatif").contains(r#"data-value="89,29%""#));
    assert!(bar("1.3", "Kumulatif").contains(r#"data-standing="close""#));
    assert!(tag(
        &html,
        "rect",
        &[r#"data-indicator="1.1""#, r#"data-quarter="TW II""#]
    )
    .is_none());

    let maternal_chart = tag(&html, "article", &[r#"id="dasbor-indikator-1-3""#]).unwrap();
    assert!(maternal_chart.contains("behind"), "{maternal_chart}");
    let food_chart = tag(&html, "article", &[r#"id="dasbor-indikator-1-1""#]).unwrap();
    assert!(!food_chart.contains("behind"), "{food_chart}");
    assert!(html.contains("Di bawah target: capaian kumulatif 89,29% dari target (Mendekati)"));

    // The quarter's value is in the table beside the chart.
    let food_figure = element(&html, "figure", r#"data-indicator="1.1""#);
    let food_row = element(food_figure, "tr", r#"<tr data-quarter="TW I""#);
    assert!(
        food_row.contains(r#"<td class="num">90%</td>"#),
        "{food_row}"
    );

    let attention = element(&html, "section", r#"id="perhatian""#);
    assert!(attention.contains(&format!("href=\"/rencana/{id}#indikator-1-3\">Indikator 1.3 Persentase Tahanan dan Narapidana perempuan (ibu hamil dan menyusui) mendapat akses layanan kesehatan maternal: capaian kumulatif 89,29% dari target (Mendekati)</a>")));
    assert!(!attention.contains("Indikator 1.1 Persentase pemenuhan layanan makanan bagi Tahanan/ Narapidana/ Anak sesuai dengan standar: capaian kumulatif"));
}
both!(behind_target, an_indicator_behind_its_target_stands_out);

async fn post_targets(store: &Store, id: PlanId, body: &str) -> Request<Body> {
    Request::builder()
        .header(header::COOKIE, common::everyone_cookie(store).await)
        .header(header::HOST, "127.0.0.1:3000")
        .method("POST")
        .uri(SaveThresholds::PATH)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html")
        .header(
            header::REFERER,
            format!("http://127.0.0.1:3000/rencana/{id}/dasbor"),
        )
        .body(Body::from(body.to_owned()))
        .unwrap()
}

async fn the_targets_form_posts_without_javascript(store: &Store) {
    let id = common::demo_plan(store).await;
    let response = send(
        store,
        post_targets(store, id, "year=2024&q1=10&q2=12%2C5&q3=13&q4=14").await,
    )
    .await;
    let (status, to) = (response.status(), location(&response));
    assert!(status.is_redirection(), "{status}");
    // Back to the dashboard, with no error (Leptos may leave an empty query).
    assert_eq!(
        to.trim_end_matches('?'),
        format!("http://127.0.0.1:3000/rencana/{id}/dasbor")
    );
    let stored = store.load_thresholds_unchecked(2024).await.unwrap();
    assert_eq!(
        stored,
        model::dashboard::AbsorptionThresholds::parse(2024, ["10", "12,5", "13", "14"]).unwrap()
    );

    // The page now draws against the new targets: 13,8 % meets TW I to III, not TW IV's 14 %.
    let (_, html) = get(store, &format!("/rencana/{id}/dasbor")).await;
    let bar = |quarter: &str| {
        tag(
            &html,
            "rect",
            &[
                r#"class="bar absorption""#,
                &format!(r#"data-quarter="{quarter}""#),
            ],
        )
        .unwrap()
    };
    assert!(bar("TW II").contains(r#"data-threshold="12,5%""#));
    assert!(bar("TW III").contains(r#"data-standing="met""#));
    assert!(bar("TW IV").contains(r#"data-standing="behind""#));
    assert!(html.contains("Penyerapan anggaran s.d. TW IV baru 13,8%, di bawah target 14%"));
    assert!(tag(&html, "input", &[r#"name="q2""#, r#"value="12,5""#]).is_some());

    // A refused post stores nothing and comes back with the reason on the page.
    let response = send(
        store,
        post_targets(store, id, "year=2024&q1=10&q2=12%2C5&q3=5&q4=14").await,
    )
    .await;
    let (status, to) = (response.status(), location(&response));
    assert!(status.is_redirection(), "{status}");
    assert!(to.contains("__err"), "{to}");
    assert_eq!(store.load_thresholds_unchecked(2024).await.unwrap(), stored);
    let path = to.trim_start_matches("http://127.0.0.1:3000");
    let (_, html) = get(store, path).await;
    assert!(
        html.contains(
            "Target TW III (5%) tidak boleh lebih kecil dari target TW II (12,5%): penyerapan dihitung kumulatif"
        ),
        "{html}"
    );
}
both!(targets_form, the_targets_form_posts_without_javascript);

async fn the_home_page_and_the_plan_page_link_to_the_dashboard(store: &Store) {
    let id = common::demo_plan(store).await;
    let link = format!(r#"href="/rencana/{id}/dasbor""#);
    for path in ["/".to_owned(), format!("/rencana/{id}")] {
        let (_, html) = get(store, &path).await;
        let anchor = tag(&html, "a", &[&link]).unwrap_or_else(|| panic!("no link on {path}"));
        let after = &html[html.find(anchor).unwrap() + anchor.len()..];
        assert!(after.starts_with("Dasbor pimpinan</a>"), "{path}: {anchor}");
    }
}
both!(links, the_home_page_and_the_plan_page_link_to_the_dashboard);

async fn the_dashboard_of_an_unknown_plan_says_so(store: &Store) {
    let (_, html) = get(store, "/rencana/4242/dasbor").await;
    assert!(
        html.contains("Rencana nomor 4242 tidak ditemukan"),
        "{html}"
    );
}
both!(unknown_plan, the_dashboard_of_an_unknown_plan_says_so);
