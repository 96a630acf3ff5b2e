//! "Buat rencana 2025 dari 2024" through the real router, as a browser posts the copy form
//! (JavaScript on or off: the form is a plain post), on SQLite and PostgreSQL. The new plan is
//! checked field by field against the source, written out here rather than computed by the
//! model function under test; refusals store nothing.

#![allow(clippy::unwrap_used)]

mod common;

use app::api::years::{CopyPlan, PlanYears};
use app::error::AppError;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::web::{form_post, location, send, text};
use common::{cookie, demo, person_in_unit, Kind, TestDb};
use leptos::server_fn::ServerFn;
use model::access::Role;
use model::{Plan, PlanId, Quarter, QuarterReport, Rupiah};

fn with_cookie(mut request: Request<Body>, session: &str) -> Request<Body> {
    request
        .headers_mut()
        .insert(header::COOKIE, session.parse().unwrap());
    request
}

/// The copy form posted by a browser: it reads HTML back (a redirect).
fn browser_post(body: &str, session: &str) -> Request<Body> {
    let mut request = with_cookie(form_post(CopyPlan::PATH, body), session);
    let headers = request.headers_mut();
    headers.insert(header::ACCEPT, "text/html".parse().unwrap());
    headers.insert(
        header::REFERER,
        "http://127.0.0.1:3000/rencana/1/salin".parse().unwrap(),
    );
    request
}

/// The `(name, value)` of every checkbox of a page, in order.
fn checkboxes(page: &str) -> Vec<(String, String)> {
    page.split("<input type=\"checkbox\"")
        .skip(1)
        .map(|tag| {
            let attribute = |name: &str| {
                let start = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                tag[start..].split('"').next().unwrap().to_owned()
            };
            (attribute("name"), attribute("value"))
        })
        .collect()
}

/// `goals[0]` as a browser sends it.
fn encoded(name: &str) -> String {
    name.replace('[', "%5B").replace(']', "%5D")
}

async fn a_copy_keeps_the_plan_and_none_of_its_year(kind: Kind) {
    let _serial = common::SERIAL.lock().await;
    let db = TestDb::new(kind).await;
    let store = &db.store;
    let (source_id, source) = demo(store).await;
    let unit = source.header.work_unit.clone();
    let operator = person_in_unit(store, &unit, Role::Operator).await;
    let session = cookie(store, &operator).await;

    // The plan page offers next year; the copy page lists every goal and activity, ticked.
    let page = text(
        send(
            store,
            with_cookie(
                common::web::get_request(&format!("/rencana/{source_id}")),
                &session,
            ),
        )
        .await,
    )
    .await;
    assert!(page.contains(&format!("href=\"/rencana/{source_id}/salin?tahun=2025\"")));
    assert!(page.contains("+ Buat rencana 2025 dari 2024"), "{page}");
    let response = send(
        store,
        with_cookie(
            common::web::get_request(&format!("/rencana/{source_id}/salin?tahun=2025")),
            &session,
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let page = text(response).await;
    assert!(page.contains("name=\"year\" value=\"2025\""), "{page}");
    let boxes = checkboxes(&page);
    let goals: Vec<_> = boxes
        .iter()
        .filter(|(n, _)| n.starts_with("goals["))
        .collect();
    let activities: Vec<_> = boxes
        .iter()
        .filter(|(n, _)| n.starts_with("activities["))
        .collect();
    assert_eq!(goals.len(), source.goals.len());
    assert_eq!(activities.len(), source.activities.len());

    // Untick the first goal and the activity repeated under the most indicators.
    let left_goal = source.goals[0].id.unwrap();
    let shared = source
        .activities
        .iter()
        .max_by_key(|a| {
            source
                .indicators()
                .filter(|i| i.activity_ids.contains(&a.id))
                .count()
        })
        .unwrap()
        .id;
    assert!(
        source
            .indicators()
            .filter(|i| i.activity_ids.contains(&shared))
            .count()
            > 1,
        "the seed repeats an activity under several indicators"
    );
    let mut body = format!("plan={source_id}&year=2025");
    for (name, value) in &boxes {
        if *value == left_goal.to_string() && name.starts_with("goals[")
            || *value == shared.to_string() && name.starts_with("activities[")
        {
            continue;
        }
        body.push_str(&format!("&{}={value}", encoded(name)));
    }
    let before = store.load_plan_unchecked(source_id).await.unwrap().unwrap();
    let response = send(store, browser_post(&body, &session)).await;
    assert_eq!(
        response.status(),
        StatusCode::FOUND,
        "{}",
        text(response).await
    );
    let to = location(&response);
    let new_id = PlanId(to.strip_prefix("/rencana/").unwrap().parse().unwrap());
    assert_ne!(new_id, source_id);
    let copy = store.load_plan_unchecked(new_id).await.unwrap().unwrap();
    assert_copied(&source, &copy, left_goal, shared);
    assert_eq!(
        store.load_plan_unchecked(source_id).await.unwrap().unwrap(),
        before,
        "the source plan did not change"
    );
    assert_eq!(
        store.plan_unit(new_id).await.unwrap(),
        store.plan_unit(source_id).await.unwrap()
    );

    // Both plans switch to each other; the new one offers 2026 from 2025.
    for (from, other, year) in [(source_id, new_id, "2025"), (new_id, source_id, "2024")] {
        let page = text(
            send(
                store,
                with_cookie(
                    common::web::get_request(&format!("/rencana/{from}")),
                    &session,
                ),
            )
            .await,
        )
        .await;
        assert!(
            page.contains(&format!("<a href=\"/rencana/{other}\">{year}</a>")),
            "plan {from} links {other}: {page}"
        );
    }
    let dashboard = text(
        send(
            store,
            with_cookie(
                common::web::get_request(&format!("/rencana/{new_id}/dasbor")),
                &session,
            ),
        )
        .await,
    )
    .await;
    assert!(dashboard.contains(&format!("<a href=\"/rencana/{source_id}/dasbor\">2024</a>")));
    // Last year's figure beside each indicator this year still has (matched by name).
    let lines = dashboard
        .matches("class=\"earlier-year muted\">Tahun 2024: capaian kumulatif ")
        .count();
    assert_eq!(lines, copy.indicators().count(), "{dashboard}");
    let first = &kept_first_indicator(&source, left_goal);
    let expected = format!(
        "Tahun 2024: capaian kumulatif {}",
        model::figures::format_value(first, model::figures::cumulative_value(first, Quarter::Q4))
    );
    assert!(dashboard.contains(&expected), "{expected}");
    let this_year = text(
        send(
            store,
            with_cookie(
                common::web::get_request(&format!("/rencana/{source_id}/dasbor")),
                &session,
            ),
        )
        .await,
    )
    .await;
    assert!(
        !this_year.contains("earlier-year"),
        "2024 has no earlier year"
    );
    db.finish().await;
}

fn kept_first_indicator(source: &Plan, left_goal: model::GoalId) -> model::Indicator {
    source
        .goals
        .iter()
        .find(|g| g.id != Some(left_goal))
        .unwrap()
        .indicators[0]
        .clone()
}

/// The new plan, field by field: the source's definitions without the left-out goal and
/// activity, and nothing of the source's year.
fn assert_copied(source: &Plan, copy: &Plan, left_goal: model::GoalId, left: model::ActivityId) {
    assert_eq!(copy.header.fiscal_year, 2025);
    assert_eq!(copy.header.work_unit, source.header.work_unit);
    assert_eq!(
        copy.header.title,
        source.header.title.replace("2024", "2025")
    );
    assert_eq!(copy.header.signatory, source.header.signatory);
    assert_eq!(copy.header.place_date, None);

    let kept_activities: Vec<_> = source.activities.iter().filter(|a| a.id != left).collect();
    assert_eq!(copy.activities.len(), kept_activities.len());
    for (new, old) in copy.activities.iter().zip(&kept_activities) {
        assert_eq!(new.name, old.name);
        assert_eq!((new.budget, new.blocked), (Rupiah::ZERO, Rupiah::ZERO));
        for q in Quarter::ALL {
            assert_eq!(new.quarter(q).withdrawal_plan, None);
            assert_eq!(new.quarter(q).realization, None);
        }
    }
    let name_of = |plan: &Plan, id: model::ActivityId| {
        plan.activities
            .iter()
            .find(|a| a.id == id)
            .unwrap()
            .name
            .clone()
    };

    let kept_goals: Vec<_> = source
        .goals
        .iter()
        .filter(|g| g.id != Some(left_goal))
        .collect();
    assert_eq!(copy.goals.len(), kept_goals.len());
    for (number, (new, old)) in (1..).zip(copy.goals.iter().zip(&kept_goals)) {
        assert_eq!(new.number, number);
        assert_eq!(new.title, old.title);
        assert_eq!(new.indicators.len(), old.indicators.len());
        for (ni, oi) in new.indicators.iter().zip(&old.indicators) {
            assert_eq!(ni.number, oi.number);
            assert_eq!(ni.name, oi.name);
            assert_eq!(ni.target, oi.target);
            assert_eq!(ni.formula, oi.formula);
            assert_eq!(ni.numerator_label, oi.numerator_label);
            assert_eq!(ni.denominator_label, oi.denominator_label);
            assert_eq!(ni.kind, oi.kind);
            assert_eq!(ni.polarity, oi.polarity);
            assert_eq!(ni.aggregation, oi.aggregation);
            let new_links: Vec<String> =
                ni.activity_ids.iter().map(|a| name_of(copy, *a)).collect();
            let old_links: Vec<String> = oi
                .activity_ids
                .iter()
                .filter(|a| **a != left)
                .map(|a| name_of(source, *a))
                .collect();
            assert_eq!(new_links, old_links, "links of {}", ni.name);
            for q in Quarter::ALL {
                assert_eq!(
                    ni.quarter(q),
                    &QuarterReport {
                        planned_work: oi.quarter(q).planned_work.clone(),
                        ..QuarterReport::default()
                    }
                );
            }
        }
    }
}

async fn refused_copies_store_nothing_and_say_why(kind: Kind) {
    let _serial = common::SERIAL.lock().await;
    let db = TestDb::new(kind).await;
    let store = &db.store;
    let (id, plan) = demo(store).await;
    let unit = plan.header.work_unit.clone();
    let operator = person_in_unit(store, &unit, Role::Operator).await;
    let session = cookie(store, &operator).await;
    let pimpinan = person_in_unit(store, &unit, Role::Pimpinan).await;
    let pimpinan_session = cookie(store, &pimpinan).await;
    let goal = plan.goals[0].id.unwrap();
    let made = send(
        store,
        browser_post(
            &format!("plan={id}&year=2025&goals%5B0%5D={goal}"),
            &session,
        ),
    )
    .await;
    assert_eq!(made.status(), StatusCode::FOUND);
    let before = db.dump().await;

    let cases: [(&str, &str, StatusCode, &str); 8] = [
        (
            "year 2025 again",
            "year=2025",
            StatusCode::UNPROCESSABLE_ENTITY,
            "sudah punya rencana tahun 2025",
        ),
        (
            "the same year",
            "year=2024",
            StatusCode::UNPROCESSABLE_ENTITY,
            "harus untuk tahun lain",
        ),
        (
            "before 2000",
            "year=1999",
            StatusCode::UNPROCESSABLE_ENTITY,
            "antara 2000 dan 2100",
        ),
        (
            "after 2100",
            "year=2101",
            StatusCode::UNPROCESSABLE_ENTITY,
            "antara 2000 dan 2100",
        ),
        (
            "a goal of no plan",
            "year=2026&goals%5B0%5D=999999",
            StatusCode::UNPROCESSABLE_ENTITY,
            "tidak punya sasaran nomor 999999",
        ),
        (
            "an activity of no plan",
            "year=2026&activities%5B0%5D=999999",
            StatusCode::UNPROCESSABLE_ENTITY,
            "tidak punya kegiatan nomor 999999",
        ),
        (
            "a year that is no number",
            "year=dua+ribu",
            StatusCode::BAD_REQUEST,
            "tidak dapat dibaca",
        ),
        (
            "no year",
            "goals%5B0%5D=1",
            StatusCode::BAD_REQUEST,
            "tidak dapat dibaca",
        ),
    ];
    for (what, fields, status, says) in cases {
        let request = with_cookie(
            form_post(CopyPlan::PATH, format!("plan={id}&{fields}")),
            &session,
        );
        let response = send(store, request).await;
        assert_eq!(response.status(), status, "{what}");
        let error: AppError = serde_json::from_str(&text(response).await).unwrap();
        assert!(error.to_string().contains(says), "{what}: {error}");
    }
    // A plan that does not exist, and a person who may read but not make plans.
    let response = send(
        store,
        with_cookie(form_post(CopyPlan::PATH, "plan=999999&year=2026"), &session),
    )
    .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let response = send(
        store,
        with_cookie(
            form_post(CopyPlan::PATH, format!("plan={id}&year=2026")),
            &pimpinan_session,
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(text(response)
        .await
        .contains("Anda tidak berhak membuat rencana unit ini"));
    // The copy page tells the pimpinan why there is no form.
    let response = send(
        store,
        with_cookie(
            common::web::get_request(&format!("/rencana/{id}/salin")),
            &pimpinan_session,
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let page = text(response).await;
    assert!(page.contains("Anda tidak berhak membuat rencana unit ini"));
    assert!(!page.contains("Tahun rencana baru"));
    // Without JavaScript the refusal comes back to the form, in its address.
    let response = send(
        store,
        browser_post(&format!("plan={id}&year=2024"), &session),
    )
    .await;
    assert!(response.status().is_redirection());
    let back = location(&response);
    let back = back.strip_prefix("http://127.0.0.1:3000").unwrap_or(&back);
    assert!(
        back.starts_with("/rencana/1/salin?") && back.contains("__err"),
        "{back}"
    );
    let shown =
        text(send(store, with_cookie(common::web::get_request(back), &session)).await).await;
    assert!(shown.contains("harus untuk tahun lain"), "{shown}");
    assert_eq!(db.dump().await, before, "a refused copy stored something");

    // The pimpinan sees the years, without the offer to make one.
    let response = send(
        store,
        with_cookie(
            form_post(PlanYears::PATH, format!("plan={id}")),
            &pimpinan_session,
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let years: app::api::years::UnitYears = serde_json::from_str(&text(response).await).unwrap();
    assert_eq!(
        years.years.iter().map(|y| y.year).collect::<Vec<_>>(),
        [2024, 2025]
    );
    assert!(!years.may_create);
    db.finish().await;
}

both_kinds!(
    a_copy_keeps_the_plan_and_none_of_its_year,
    a_copy_keeps_the_plan_and_none_of_its_year
);
both_kinds!(
    refused_copies_store_nothing_and_say_why,
    refused_copies_store_nothing_and_say_why
);
