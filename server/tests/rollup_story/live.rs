//! The roll-up live: a save to a plan below names its unit on the roll-up's feed
//! (`/api/units/{id}/events`), a save elsewhere does not; the unit's own figures fetched alone
//! (`unit_figures`) and summed again in the page's way (`Rollup::replace_plan`) give exactly
//! the roll-up the server would render afresh. On PostgreSQL the feed is LISTEN/NOTIFY, as
//! across app servers.

use super::common::{self, web::options};
use super::tree::tree;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use futures::StreamExt;
use model::edit::{Field, FieldEdit, ReportField};
use model::{PlanId, Quarter};
use server::storage::Store;
use server::usecases::editing::save_fields;
use server::usecases::rollup::{rollup, unit_figures};
use std::time::Duration;
use tower::ServiceExt;

async fn save_denominator(store: &Store, who: &model::access::Person, plan: PlanId, text: &str) {
    let stored = store.load_plan_unchecked(plan).await.unwrap().unwrap();
    let indicator = stored.goals[0].indicators[0].id.unwrap();
    save_fields(
        store,
        who,
        plan,
        vec![FieldEdit {
            field: Field::Report(indicator, Quarter::Q1, ReportField::Denominator),
            text: text.into(),
        }],
    )
    .await
    .unwrap();
}

async fn a_save_below_names_its_unit_and_the_page_sums_again(store: &Store) {
    let t = tree(store).await;
    let cookie = common::cookie(store, &t.head).await;
    let request = Request::builder()
        .uri(format!("/api/units/{}/events", t.kanwil))
        .header(header::COOKIE, &cookie)
        .body(Body::empty())
        .unwrap();
    let response = server::http::router::router(store.clone(), options())
        .oneshot(request)
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let mut body = response.into_body().into_data_stream();
    let first = body.next().await.unwrap().unwrap();
    assert!(String::from_utf8_lossy(&first).contains("event: ready"));
    let before = rollup(store, &t.head, t.kanwil, Some(2026), Some(Quarter::Q1))
        .await
        .unwrap();

    // A save under the other Kanwil first, then one to Luwuk's plan: the first unit the feed
    // names is Luwuk.
    let elsewhere_plan = store.plan_of(t.elsewhere, 2026).await.unwrap().unwrap();
    let elsewhere_operator = common::operator(store, elsewhere_plan).await;
    save_denominator(store, &elsewhere_operator, elsewhere_plan, "50").await;
    save_denominator(store, &t.luwuk_operator, t.plans[1], "100").await;
    let named = loop {
        let chunk = tokio::time::timeout(Duration::from_secs(10), body.next())
            .await
            .expect("an event within 10 s")
            .unwrap()
            .unwrap();
        let text = String::from_utf8_lossy(&chunk).into_owned();
        // On PostgreSQL the listener's first word is `resync`; keep-alives are comments.
        if let Some(rest) = text.split("event: changed\n").nth(1) {
            break rest
                .lines()
                .find_map(|l| l.strip_prefix("data: "))
                .unwrap()
                .to_owned();
        }
    };
    assert_eq!(named, t.luwuk.to_string());

    // Luwuk's figures alone: A was 12, B now 100 (12 % of 100 %: behind).
    let figures = unit_figures(store, &t.head, t.kanwil, t.luwuk, 2026, Quarter::Q1)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(figures.plan, t.plans[1]);
    assert_eq!(figures.standings.behind, 1);
    assert_eq!(figures.standings.unreported, 1);
    // Summed again from what the page held, it is the roll-up rendered afresh.
    let mut kept = before.clone();
    kept.replace_plan(t.luwuk, Some(figures));
    let fresh = rollup(store, &t.head, t.kanwil, Some(2026), Some(Quarter::Q1))
        .await
        .unwrap();
    assert_eq!(kept.rows, fresh.rows);
    assert_eq!(kept.total, fresh.total);
    assert_eq!(kept.attention, fresh.attention);
    assert_ne!(before.total, fresh.total);
    assert_eq!(fresh.total.standings.behind, 1);

    // Only a unit the roll-up shows: not the other Kanwil's, not Luwuk for Poso's pimpinan.
    for (who, root, unit) in [
        (&t.head, t.kanwil, t.elsewhere),
        (&t.poso_head, t.poso, t.luwuk),
        (&t.poso_head, t.kanwil, t.poso),
    ] {
        let refused = unit_figures(store, who, root, unit, 2026, Quarter::Q1)
            .await
            .unwrap_err();
        assert_eq!(
            refused.to_string(),
            format!("Unit nomor {unit} tidak ditemukan")
        );
    }
}
crate::both!(
    a_save_below_reaches_the_open_roll_up,
    a_save_below_names_its_unit_and_the_page_sums_again
);
