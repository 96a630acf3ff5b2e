//! The roll-up judges as well as sums: indicators met / close / behind per row (kept beside
//! each plan by every write, summed up the tree), a quarter overdue past its stored deadline in
//! the unit's zone, and "Yang perlu perhatian di semua unit", most urgent first. On the tree of
//! `tree.rs` (a shared activity, Luwuk's TW II returned, Poso's approved), at moments chosen
//! around the deadline.

use super::common;
use super::tree::tree;
use model::access::{Grant, Role};
use model::deadlines::Day;
use model::edit::{Field, FieldEdit, ReportField};
use model::rollup::attention::Concern;
use model::rollup::Rollup;
use model::time::Timestamp;
use model::{PlanId, Quarter};
use server::storage::Store;
use server::usecases::editing::save_fields;
use server::usecases::rollup::rollup_at;

/// 12.00 WIB (05.00 UTC) on 30 June, 1 July and 16 July 2026.
const JUNE_30: Timestamp = Timestamp(1_782_795_600);
const JULY_1: Timestamp = Timestamp(1_782_882_000);
const JULY_16: Timestamp = Timestamp(1_784_178_000);

async fn indicator_ids(store: &Store, plan: PlanId) -> Vec<model::IndicatorId> {
    let stored = store.load_plan_unchecked(plan).await.unwrap().unwrap();
    stored.goals[0]
        .indicators
        .iter()
        .map(|i| i.id.unwrap())
        .collect()
}

fn report(indicator: model::IndicatorId, field: ReportField, text: &str) -> FieldEdit {
    FieldEdit {
        field: Field::Report(indicator, Quarter::Q1, field),
        text: text.into(),
    }
}

async fn figures_overdue_quarters_and_attention_come_from_what_was_saved(store: &Store) {
    let t = tree(store).await;
    let at = |r: &Rollup, unit| r.rows.iter().find(|row| row.unit == unit).unwrap().clone();
    let july = JULY_1;
    let before = rollup_at(
        store,
        &t.head,
        t.kanwil,
        Some(2026),
        Some(Quarter::Q2),
        july,
    )
    .await
    .unwrap();
    // Luwuk's indicator 1 has A (12) without B: nothing to judge yet, in either indicator.
    let luwuk = at(&before, t.luwuk).sums.standings;
    assert_eq!(
        (luwuk.met, luwuk.close, luwuk.behind, luwuk.unreported),
        (0, 0, 0, 2)
    );

    // Luwuk's operator saves TW I: 12 of 100 against a target of 100 % (12 %: behind) and 90
    // of 100 (90 %: close, from 80 %). Poso's operator: 100 of 100 (met).
    let luwuk_ids = indicator_ids(store, t.plans[1]).await;
    save_fields(
        store,
        &t.luwuk_operator,
        t.plans[1],
        vec![
            report(luwuk_ids[0], ReportField::Denominator, "100"),
            report(luwuk_ids[1], ReportField::Numerator, "90"),
            report(luwuk_ids[1], ReportField::Denominator, "100"),
        ],
    )
    .await
    .unwrap();
    let poso_operator = common::person(
        store,
        &[Grant {
            unit: t.poso,
            role: Role::Operator,
        }],
    )
    .await;
    let poso_ids = indicator_ids(store, t.plans[2]).await;
    save_fields(
        store,
        &poso_operator,
        t.plans[2],
        vec![
            report(poso_ids[0], ReportField::Numerator, "100"),
            report(poso_ids[0], ReportField::Denominator, "100"),
        ],
    )
    .await
    .unwrap();

    let r = rollup_at(
        store,
        &t.head,
        t.kanwil,
        Some(2026),
        Some(Quarter::Q2),
        july,
    )
    .await
    .unwrap();
    let counts = |unit| {
        let s = at(&r, unit).sums.standings;
        (s.met, s.close, s.behind, s.unreported)
    };
    assert_eq!(counts(t.luwuk), (0, 1, 1, 0));
    assert_eq!(counts(t.poso), (1, 0, 0, 0));
    // The Kanwil's own indicator has nothing entered; its row adds both UPTs.
    assert_eq!(counts(t.kanwil), (1, 1, 1, 1));
    assert_eq!(r.total.standings, at(&r, t.kanwil).sums.standings);

    // TW II's deadline is 30 June (the default): on 1 July the Kanwil's draft and Luwuk's
    // returned quarter are overdue, Poso's approved one is not.
    assert_eq!(r.deadline.label(), "30 Juni 2026");
    assert!(at(&r, t.kanwil).overdue && at(&r, t.luwuk).overdue);
    assert!(!at(&r, t.poso).overdue);
    assert_eq!(r.total.overdue, 2);
    assert_eq!(at(&r, t.poso).sums.overdue, 0);
    let june = rollup_at(
        store,
        &t.head,
        t.kanwil,
        Some(2026),
        Some(Quarter::Q2),
        JUNE_30,
    )
    .await
    .unwrap();
    assert_eq!(june.total.overdue, 0);

    // What needs attention on 1 July, most urgent first. Target at TW II: 40 %. Luwuk absorbs
    // 450.000.000,25 of 1.300.000.000,50 (34,6 %), the Kanwil's own plan 30.000.000 of
    // 100.000.000 (30 %: further below), Poso 50 %.
    let seen: Vec<(&str, &str)> = r
        .attention
        .iter()
        .map(|i| (i.name.as_str(), i.code()))
        .collect();
    assert_eq!(
        seen,
        vec![
            ("Lapas Luwuk", "overdue"),
            ("KANWIL SULTENG", "overdue"),
            ("Lapas Luwuk", "behind-target"),
            ("KANWIL SULTENG", "absorption"),
            ("Lapas Luwuk", "absorption"),
        ]
    );
    assert_eq!(r.attention[0].concern, Concern::Overdue { returned: true });
    assert_eq!(
        r.attention[0].link(),
        format!("/rencana/{}#persetujuan", t.plans[1])
    );
    assert_eq!(
        r.attention[2].message(),
        "1 dari 2 indikator tertinggal dari target s.d. TW II"
    );

    // A later deadline, stored as data: 15 July. On 1 July nothing is overdue; on 16 July both.
    let refused = store
        .set_report_deadline(2026, Quarter::Q2, Day::parse("2026-06-01").unwrap())
        .await
        .unwrap()
        .unwrap_err();
    assert!(
        refused.contains("tidak boleh sebelum triwulan berakhir"),
        "{refused}"
    );
    store
        .set_report_deadline(2026, Quarter::Q2, Day::parse("2026-07-15").unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        store
            .report_deadlines(2026)
            .await
            .unwrap()
            .deadline(Quarter::Q2),
        Day::parse("2026-07-15").unwrap()
    );
    let r = rollup_at(
        store,
        &t.head,
        t.kanwil,
        Some(2026),
        Some(Quarter::Q2),
        july,
    )
    .await
    .unwrap();
    assert_eq!(r.total.overdue, 0);
    assert!(r.attention.iter().all(|i| i.code() != "overdue"));
    let r = rollup_at(
        store,
        &t.head,
        t.kanwil,
        Some(2026),
        Some(Quarter::Q2),
        JULY_16,
    )
    .await
    .unwrap();
    assert_eq!(r.total.overdue, 2);
    assert_eq!(r.deadline.label(), "15 Juli 2026");
    // Other years keep the default.
    assert_eq!(
        store
            .report_deadlines(2025)
            .await
            .unwrap()
            .deadline(Quarter::Q2),
        Day::quarter_end(2025, Quarter::Q2)
    );
}
crate::both!(
    the_roll_up_counts_standings_and_overdue_quarters_and_lists_what_needs_attention,
    figures_overdue_quarters_and_attention_come_from_what_was_saved
);
