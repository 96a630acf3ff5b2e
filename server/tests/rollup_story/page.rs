//! The roll-up page as a browser with JavaScript off receives it, the home page's link to it,
//! and its refusals: a unit out of reach or not there is a 404, a bad year or quarter a 422, each
//! said in Indonesian.

use super::common::{self, web::get_with};
use super::tree::tree;
use axum::http::StatusCode;
use model::number::format_percent;
use rust_decimal::Decimal;
use server::storage::Store;
use std::str::FromStr;

fn percent(part: &str, whole: &str) -> String {
    let d = |t: &str| Decimal::from_str(t).unwrap();
    format_percent(d(part) * Decimal::ONE_HUNDRED / d(whole))
}

async fn the_page_shows_every_row_with_its_figures_and_links(store: &Store) {
    let t = tree(store).await;
    let head = Some(common::cookie(store, &t.head).await);
    let path = format!("/unit/{}?tahun=2026&tw=2", t.kanwil);
    let (status, html) = get_with(store, &path, head.clone()).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    for expected in [
        "KANWIL SULTENG".to_owned(),
        "Rekap unit \u{2014} Tahun Anggaran 2026 \u{2014} TW II".to_owned(),
        "Target penyerapan s.d. TW II: 40%".to_owned(),
        // Luwuk: pagu − blokir, realization to TW II, absorption, its state.
        "1.300.000.000,5".to_owned(),
        "450.000.000,25".to_owned(),
        percent("450000000.25", "1300000000.50"),
        "Dikembalikan".to_owned(),
        // Poso: 50 %, ten points above the target.
        "Disetujui".to_owned(),
        "+10%".to_owned(),
        // The Kanwil's row and the total.
        "1.600.000.000,5".to_owned(),
        "580.000.000,25".to_owned(),
        percent("580000000.25", "1600000000.50"),
        "Jumlah (3 rencana)".to_owned(),
        "1 draf \u{00b7} 1 disetujui \u{00b7} 1 dikembalikan".to_owned(),
        t.luwuk_operator.name.clone(),
        // Links down to each plan and dashboard, and to the year's other quarters and years.
        format!("href=\"/rencana/{}\"", t.plans[1]),
        format!("href=\"/rencana/{}/dasbor\"", t.plans[2]),
        format!("href=\"/unit/{}?tahun=2025&amp;tw=2\"", t.kanwil),
        format!("href=\"/unit/{}?tahun=2026&amp;tw=3\"", t.kanwil),
    ] {
        assert!(html.contains(&expected), "missing {expected:?}");
    }
    assert!(!html.contains("KANWIL LAIN"));

    // The home page leads the Kanwil's pimpinan there.
    let (_, home) = get_with(store, "/", head.clone()).await;
    assert!(
        home.contains(&format!("href=\"/unit/{}\"", t.kanwil))
            && home.contains("Rekap unit: KANWIL SULTENG"),
        "{home}"
    );
    let operator = Some(common::cookie(store, &t.luwuk_operator).await);
    let (_, home) = get_with(store, "/", operator.clone()).await;
    assert!(!home.contains("Rekap unit:"));

    // Refusals, in Indonesian, with their status.
    let kanwil = t.kanwil;
    for (path, who, status, said) in [
        (
            format!("/unit/{kanwil}"),
            &operator,
            StatusCode::NOT_FOUND,
            format!("Unit nomor {kanwil} tidak ditemukan"),
        ),
        (
            format!("/unit/{}", t.elsewhere),
            &head,
            StatusCode::NOT_FOUND,
            format!("Unit nomor {} tidak ditemukan", t.elsewhere),
        ),
        (
            "/unit/abc".to_owned(),
            &head,
            StatusCode::NOT_FOUND,
            "Unit tidak ditemukan".to_owned(),
        ),
        (
            format!("/unit/{kanwil}?tahun=abc"),
            &head,
            StatusCode::UNPROCESSABLE_ENTITY,
            "Tahun \u{201c}abc\u{201d} tidak sah".to_owned(),
        ),
        (
            format!("/unit/{kanwil}?tahun=1999&tw=2"),
            &head,
            StatusCode::UNPROCESSABLE_ENTITY,
            "antara 2000 dan 2100".to_owned(),
        ),
        (
            format!("/unit/{kanwil}?tw=5"),
            &head,
            StatusCode::UNPROCESSABLE_ENTITY,
            "Triwulan \u{201c}5\u{201d} tidak sah".to_owned(),
        ),
        (
            format!("/unit/{kanwil}?urut=gaji"),
            &head,
            StatusCode::UNPROCESSABLE_ENTITY,
            "Urutan \u{201c}gaji\u{201d} tidak dikenal".to_owned(),
        ),
        (
            format!("/unit/{kanwil}?urut=rpd&arah=atas"),
            &head,
            StatusCode::UNPROCESSABLE_ENTITY,
            "Arah \u{201c}atas\u{201d} tidak dikenal".to_owned(),
        ),
        (
            format!("/unit/{kanwil}?perhatian=ya"),
            &head,
            StatusCode::UNPROCESSABLE_ENTITY,
            "Saringan \u{201c}ya\u{201d} tidak dikenal".to_owned(),
        ),
    ] {
        let (got, html) = get_with(store, &path, who.clone()).await;
        assert_eq!(got, status, "{path}: {html}");
        assert!(html.contains(&said), "{path}: missing {said:?}");
    }
}
crate::both!(
    the_roll_up_page_reads_without_javascript,
    the_page_shows_every_row_with_its_figures_and_links
);

/// The position of `text` in `html`, which must hold it.
fn position(html: &str, text: &str) -> usize {
    html.find(text)
        .unwrap_or_else(|| panic!("missing {text:?}"))
}

/// The roll-up's table alone (the page also carries its data for hydration).
fn table_of(html: &str) -> &str {
    let start = position(html, "rollup-table");
    &html[start..start + position(&html[start..], "</table>")]
}

async fn the_rows_sort_and_filter_by_links(store: &Store) {
    let t = tree(store).await;
    let head = Some(common::cookie(store, &t.head).await);
    let kanwil = t.kanwil;
    // By absorption, highest first: Poso (50 %) above Luwuk (34,6 %), under the Kanwil.
    let path = format!("/unit/{kanwil}?tahun=2026&tw=2&urut=penyerapan&arah=turun");
    let (status, html) = get_with(store, &path, head.clone()).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let table = table_of(&html);
    assert!(position(table, "Rutan Poso") < position(table, "Lapas Luwuk"));
    assert!(table.contains("aria-sort=\"descending\""));
    // The heading's link turns the order round; the others start ascending; the year and
    // quarter links keep the order.
    for link in [
        format!("/unit/{kanwil}?tahun=2026&amp;tw=2&amp;urut=penyerapan\""),
        format!("/unit/{kanwil}?tahun=2026&amp;tw=2&amp;urut=rpd\""),
        format!("/unit/{kanwil}?tahun=2026&amp;tw=3&amp;urut=penyerapan&amp;arah=turun\""),
        format!("/unit/{kanwil}?tahun=2026&amp;tw=2&amp;urut=penyerapan&amp;arah=turun&amp;perhatian=1\""),
    ] {
        assert!(html.contains(&link), "missing {link}");
    }
    // Ascending: Luwuk first.
    let path = format!("/unit/{kanwil}?tahun=2026&tw=2&urut=penyerapan");
    let (_, html) = get_with(store, &path, head.clone()).await;
    let table = table_of(&html);
    assert!(position(table, "Lapas Luwuk") < position(table, "Rutan Poso"));

    // Only what needs attention: TW II is past its deadline, Luwuk's returned quarter is
    // overdue and below target; Poso (approved, 50 %) needs nothing and leaves the table. The
    // total row still sums all three plans.
    let path = format!("/unit/{kanwil}?tahun=2026&tw=2&perhatian=1");
    let (status, html) = get_with(store, &path, head.clone()).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let table = table_of(&html);
    assert!(table.contains("Lapas Luwuk"));
    assert!(!table.contains("Rutan Poso"), "{table}");
    assert!(table.contains("Jumlah (3 rencana)"));
    assert!(html.contains("2 dari 3 unit"));
    // The list across units, with its links to where each is fixed.
    let list = &html[position(&html, "Yang perlu perhatian di semua unit (")..];
    for expected in [
        "Laporan TW II terlambat: dikembalikan dan belum diajukan lagi (batas 30 Juni 2026)"
            .to_owned(),
        format!("href=\"/rencana/{}#persetujuan\"", t.plans[1]),
        format!("href=\"/rencana/{}#kegiatan-title\"", t.plans[0]),
    ] {
        assert!(list.contains(&expected), "missing {expected:?}");
    }
    assert!(
        position(list, "Lapas Luwuk") < position(list, "Penyerapan anggaran"),
        "overdue comes before absorption"
    );
}
crate::both!(
    the_roll_up_sorts_and_filters_without_javascript,
    the_rows_sort_and_filter_by_links
);
