//! The pages, rendered in-process by the real router on a fresh database: what a browser with
//! JavaScript off receives.

#![allow(clippy::unwrap_used)]

mod common;
#[path = "pages/forms.rs"]
mod forms;

use common::web::{get, get_with};

use axum::http::StatusCode;
use server::ops::import::import_sheet;
use server::ops::import::DEMO_SHEET;
use server::storage::{Store, UnitPlacement};

async fn the_home_page_lists_stored_plans_with_their_budget(store: &Store) {
    let report = import_sheet(store, DEMO_SHEET, &UnitPlacement::Top)
        .await
        .unwrap();
    let (status, html) = get(store, "/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("LEMBAGA PEMASYARAKATAN KELAS IIB LUWUK"),
        "{html}"
    );
    assert!(html.contains("9.485.886.000"));
    assert!(html.contains(&format!("/rencana/{}", report.plan_id())));
}

async fn the_plan_page_is_rendered_in_full_on_the_server(store: &Store) {
    let report = import_sheet(store, DEMO_SHEET, &UnitPlacement::Top)
        .await
        .unwrap();
    let (status, html) = get(store, &format!("/rencana/{}", report.plan_id())).await;
    assert_eq!(status, StatusCode::OK);
    for expected in [
        "Persentase pemenuhan layanan makanan bagi Tahanan/ Narapidana/ Anak sesuai dengan standar",
        "5.160.600.000",
        "464.229.000",
        "636.431.901",
        "Dokumen Kontrak, SIMonev BAMA, BASTBahan Makanan",
        // The RPD check, with its difference, next to the security activity.
        "Total RPD Rp 77.545.000 tidak sama dengan pagu Rp 67.345.000: lebih Rp 10.200.000",
        "NIP. 197009121993031001",
        "Tahun Anggaran 2024",
    ] {
        assert!(html.contains(expected), "missing {expected:?}");
    }
}

async fn an_unknown_plan_says_so(store: &Store) {
    let (_, html) = get(store, "/rencana/4242").await;
    assert!(
        html.contains("Rencana nomor 4242 tidak ditemukan"),
        "{html}"
    );
}

async fn an_unknown_address_is_a_404_page(store: &Store) {
    let (status, html) = get(store, "/tidak-ada").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("Halaman tidak ditemukan"));
}

both!(
    home_page,
    the_home_page_lists_stored_plans_with_their_budget
);
both!(plan_page, the_plan_page_is_rendered_in_full_on_the_server);
both!(unknown_plan, an_unknown_plan_says_so);
both!(unknown_address, an_unknown_address_is_a_404_page);

async fn a_large_plan_shows_one_goal_at_a_time(store: &Store) {
    let plan = model::synthetic::synthetic_plan(300);
    let goals = plan.goals.len();
    let per_goal = plan.goals[1].indicators.len();
    let server::storage::InsertOutcome::Created(id) =
        store.insert_plan(&plan, &UnitPlacement::Top).await.unwrap()
    else {
        panic!("a new plan")
    };
    let count = |html: &str| html.matches("class=\"indicator\"").count();
    let (_, first) = get(store, &format!("/rencana/{id}")).await;
    assert_eq!(count(&first), plan.goals[0].indicators.len());
    assert!(first.contains("?sasaran=semua"));
    let (_, second) = get(store, &format!("/rencana/{id}?sasaran=2")).await;
    assert_eq!(count(&second), per_goal);
    assert!(second.contains("id=\"sasaran-2\""));
    let (_, all) = get(store, &format!("/rencana/{id}?sasaran=semua")).await;
    assert_eq!(count(&all), 300);
    assert!(goals > 1);
}
both!(
    large_plan_one_goal_at_a_time,
    a_large_plan_shows_one_goal_at_a_time
);

async fn the_login_page_shows_its_form_and_why_a_login_failed(store: &Store) {
    let (status, html) = get_with(
        store,
        "/masuk?galat=Nama%20pengguna%20atau%20kata%20sandi%20salah&lanjut=%2Frencana%2F7",
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    for expected in [
        "Masuk ke Pantau",
        r#"action="/api/masuk""#,
        r#"name="username""#,
        r#"autocomplete="current-password""#,
        r#"name="lanjut" value="/rencana/7""#,
        r#"role="alert""#,
        ">Nama pengguna atau kata sandi salah</p>",
    ] {
        assert!(html.contains(expected), "missing {expected:?} in {html}");
    }
    // No one is signed in: no name, no way out.
    assert!(!html.contains("/api/keluar"), "{html}");
}
both!(
    login_page,
    the_login_page_shows_its_form_and_why_a_login_failed
);

/// The demo plan, its first indicator, and an operator of its unit.
async fn demo_with_operator(
    store: &Store,
) -> (model::PlanId, model::IndicatorId, model::access::Person) {
    let id = common::demo_plan(store).await;
    let plan = store.load_plan_unchecked(id).await.unwrap().unwrap();
    let indicator = plan.goals[0].indicators[0].id.unwrap();
    (id, indicator, common::operator(store, id).await)
}

async fn the_history_page_lists_a_saved_change_as_plain_text(store: &Store) {
    use model::edit::{Field, FieldEdit, ReportField};
    use model::Quarter;
    let (id, indicator, operator) = demo_with_operator(store).await;
    let edit = |field: ReportField, text: &str| FieldEdit {
        field: Field::Report(indicator, Quarter::Q2, field),
        text: text.to_owned(),
    };
    let (_, before) = get(store, &format!("/rencana/{id}/riwayat")).await;
    assert!(
        before.contains("Belum ada perubahan yang tercatat."),
        "{before}"
    );
    server::usecases::editing::save_fields(
        store,
        &operator,
        id,
        vec![
            edit(ReportField::Numerator, "1.140"),
            edit(ReportField::Note, "<script>alert('x')</script>"),
        ],
    )
    .await
    .unwrap();
    server::usecases::editing::save_fields(
        store,
        &operator,
        id,
        vec![edit(ReportField::Numerator, "1.150")],
    )
    .await
    .unwrap();

    let (status, html) = get(store, &format!("/rencana/{id}/riwayat")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(html.matches(r#"class="audit-entry""#).count(), 3, "{html}");
    for expected in [
        "Riwayat perubahan",
        &format!(r#"href="/rencana/{id}""#),
        "Kembali ke rencana",
        &operator.name,
        "Indikator 1.1",
        "A TW II",
        // The second save: old value, then new.
        r#"<td class="audit-value">1.140</td><td class="audit-value">1.150</td>"#,
        "&lt;script&gt;alert(",
        // The topbar names whoever is signed in and offers signing out.
        r#"action="/api/keluar""#,
    ] {
        assert!(html.contains(expected), "missing {expected:?} in {html}");
    }
    assert!(!html.contains("<script>alert"), "{html}");

    // One indicator and quarter: the filter is named, and other quarters' changes are not listed.
    let (_, q2) = get(
        store,
        &format!("/rencana/{id}/riwayat?indikator={indicator}&tw=2"),
    )
    .await;
    assert!(
        q2.contains(&format!("Indikator #{indicator}, TW II")),
        "{q2}"
    );
    assert_eq!(q2.matches(r#"class="audit-entry""#).count(), 3);
    let (_, q3) = get(
        store,
        &format!("/rencana/{id}/riwayat?indikator={indicator}&tw=3"),
    )
    .await;
    assert!(q3.contains("Belum ada perubahan yang tercatat."), "{q3}");
}
both!(
    history_page,
    the_history_page_lists_a_saved_change_as_plain_text
);

/// Lapas Luwuk keeps its Kanwil's zone (WITA): its history, its plan page's workflow line and
/// the admin trail show times in WITA, whoever reads them, never in UTC.
async fn times_on_luwuks_pages_are_shown_in_wita_inherited_from_its_kanwil(store: &Store) {
    use model::time::Zone;
    use model::workflow::Transition;
    use model::Quarter;
    let (id, indicator, operator) = demo_with_operator(store).await;
    let by = common::cli();
    let luwuk = store.plan_unit(id).await.unwrap().unwrap();
    let kanwil = store
        .create_unit("KANWIL SULAWESI TENGAH", None, &by)
        .await
        .unwrap();
    store.set_unit_parent(luwuk, Some(kanwil)).await.unwrap();
    store
        .set_unit_zone(kanwil, Some(Zone::Wita), &by)
        .await
        .unwrap();
    let edit = model::edit::FieldEdit {
        field: model::edit::Field::Report(
            indicator,
            Quarter::Q1,
            model::edit::ReportField::Numerator,
        ),
        text: "1.140".into(),
    };
    server::usecases::editing::save_fields(store, &operator, id, vec![edit])
        .await
        .unwrap();
    server::usecases::quarters::change_quarter(
        store,
        &operator,
        id,
        Quarter::Q1,
        Transition::Submit,
    )
    .await
    .unwrap();
    let history = store
        .history_unchecked(id, model::audit::HistoryFilter::default())
        .await
        .unwrap();
    let (status, html) = get(store, &format!("/rencana/{id}/riwayat")).await;
    assert_eq!(status, StatusCode::OK);
    for entry in &history {
        let shown = entry.at.in_zone(Zone::Wita).to_string();
        assert!(shown.ends_with(" WITA"), "{shown}");
        assert!(
            html.contains(&format!(r#"<td class="audit-time">{shown}</td>"#)),
            "missing {shown:?} in {html}"
        );
    }
    // The submission's entry names the state's time in WITA too.
    assert!(html.contains(&format!("Diajukan oleh {}, ", operator.name)));
    assert!(!html.contains(" UTC") && !html.contains(" WIB<"), "{html}");

    let (_, plan_page) = get(store, &format!("/rencana/{id}")).await;
    let submitted = history.first().unwrap().at.in_zone(Zone::Wita);
    assert!(
        plan_page.contains(&format!("Diajukan oleh {}, {submitted}", operator.name)),
        "{plan_page}"
    );
}
both!(
    times_in_the_units_zone,
    times_on_luwuks_pages_are_shown_in_wita_inherited_from_its_kanwil
);

async fn a_long_history_is_read_a_hundred_entries_at_a_time(store: &Store) {
    use model::edit::{Field, FieldEdit, ReportField};
    use model::Quarter;
    let (id, indicator, operator) = demo_with_operator(store).await;
    for n in 1..=230 {
        server::usecases::editing::save_fields(
            store,
            &operator,
            id,
            vec![FieldEdit {
                field: Field::Report(indicator, Quarter::Q1, ReportField::Note),
                text: format!("catatan ke-{n}"),
            }],
        )
        .await
        .unwrap();
    }
    let riwayat = format!("/rencana/{id}/riwayat");
    let entries = |html: &str| html.matches(r#"class="audit-entry""#).count();
    // The new value is a row's last cell.
    let lists = |html: &str, n: u32| html.contains(&format!(">catatan ke-{n}</td></tr>"));

    let (status, first) = get(store, &riwayat).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(entries(&first), 100);
    assert!(
        first.contains("Halaman 1 dari 3 · 230 perubahan"),
        "{first}"
    );
    assert!(lists(&first, 230) && lists(&first, 131), "{first}");
    assert!(!lists(&first, 130));
    assert!(first.contains(r#"href="?halaman=2""#), "{first}");

    let (_, last) = get(store, &format!("{riwayat}?halaman=3")).await;
    assert_eq!(entries(&last), 30);
    assert!(lists(&last, 30) && lists(&last, 1) && !lists(&last, 31));
    assert!(last.contains(r#"href="?halaman=2""#) && !last.contains(r#"href="?halaman=4""#));

    // The filter is kept from page to page.
    let (_, filtered) = get(
        store,
        &format!("{riwayat}?indikator={indicator}&tw=1&halaman=2"),
    )
    .await;
    assert_eq!(entries(&filtered), 100);
    assert!(
        filtered.contains(&format!(
            r#"href="?indikator={indicator}&amp;tw=1&amp;halaman=3""#
        )),
        "{filtered}"
    );

    let (_, past) = get(store, &format!("{riwayat}?halaman=9")).await;
    assert_eq!(entries(&past), 0);
    assert!(
        past.contains("Halaman 9 tidak ada: riwayat ini 3 halaman"),
        "{past}"
    );
    assert!(past.contains(r#"href="?halaman=3""#), "{past}");

    for bad in ["0", "abc", "-2", "1.5"] {
        let (status, html) = get(store, &format!("{riwayat}?halaman={bad}")).await;
        assert!(
            status.is_client_error() || status == StatusCode::OK,
            "{bad}: {status}"
        );
        assert!(html.contains("Nomor halaman"), "{bad}: {html}");
        assert_eq!(entries(&html), 0);
    }
}
both!(
    long_history,
    a_long_history_is_read_a_hundred_entries_at_a_time
);
