//! Migration 0010 moves money from rust_decimal's text to whole sen in BIGINT columns. Every
//! amount an older server stored reads back exactly as the text it was stored as, adds up in SQL,
//! and an amount the new columns cannot hold exactly stops the upgrade and changes nothing.

use super::common::{Kind, TestDb};
use model::{ActivityId, PlanId, Quarter};
use rust_decimal::Decimal;
use sqlx::{AnyConnection, Connection};
use std::str::FromStr;

const PLAN: PlanId = PlanId(3);

/// Amounts as rust_decimal wrote them (`Rupiah` normalized): whole, with sen, the largest that
/// fits, and zero.
const AMOUNTS: [&str; 8] = [
    "5160600000",
    "0",
    "12.5",
    "0.05",
    "464229000",
    "9999999999999999.99",
    "1243291585.5",
    "45760000",
];

/// The activities of the older database: (id, budget, blocked), and each quarter's
/// (activity, quarter, withdrawal plan, realization), NULL where none.
fn activities() -> Vec<(i64, &'static str, &'static str)> {
    vec![
        (11, AMOUNTS[0], AMOUNTS[1]),
        (12, AMOUNTS[2], AMOUNTS[3]),
        (13, AMOUNTS[5], AMOUNTS[6]),
    ]
}

fn quarters() -> Vec<(i64, i64, Option<&'static str>, Option<&'static str>)> {
    vec![
        (11, 1, Some(AMOUNTS[4]), Some(AMOUNTS[7])),
        (11, 2, Some(AMOUNTS[6]), None),
        (11, 3, None, None),
        (11, 4, Some(AMOUNTS[1]), Some(AMOUNTS[3])),
        (12, 1, Some(AMOUNTS[2]), Some(AMOUNTS[2])),
        (13, 4, Some(AMOUNTS[5]), Some(AMOUNTS[0])),
    ]
}

fn literal(text: Option<&str>) -> String {
    text.map_or_else(|| "NULL".to_owned(), |t| format!("'{t}'"))
}

/// The rows as a server before 0010 wrote them, with `extra` amounts (budgets of more
/// activities) appended.
fn old_rows(extra: &[&str]) -> String {
    let mut script = format!(
        "INSERT INTO plans (id, work_unit, fiscal_year, title, created_at, revision) \
         VALUES ({}, 'UPT Uang', 2026, 'Rencana uang', '2026-01-05', 1);\n",
        PLAN.0
    );
    let mut activities = activities();
    activities.extend(
        extra
            .iter()
            .enumerate()
            .map(|(at, text)| (20 + at as i64, *text, "0")),
    );
    for (position, (id, budget, blocked)) in activities.iter().enumerate() {
        script.push_str(&format!(
            "INSERT INTO activities (id, plan_id, position, name, budget, blocked) \
             VALUES ({id}, {}, {position}, 'Kegiatan {id}', '{budget}', '{blocked}');\n",
            PLAN.0
        ));
    }
    for (activity, quarter, plan, real) in quarters() {
        script.push_str(&format!(
            "INSERT INTO activity_quarters (activity_id, quarter, withdrawal_plan, realization) \
             VALUES ({activity}, {quarter}, {}, {});\n",
            literal(plan),
            literal(real)
        ));
    }
    script
}

/// Sen as the text rust_decimal wrote for the amount.
fn text_of(sen: i64) -> String {
    Decimal::new(sen, 2).normalize().to_string()
}

async fn every_amount_reads_back_as_the_text_it_was_stored_as(kind: Kind) {
    let script = old_rows(&[]);
    let db = TestDb::upgraded(kind, 10, (&script, &script)).await;
    sqlx::any::install_default_drivers();
    let mut conn = AnyConnection::connect(&db.url()).await.unwrap();

    // The columns themselves hold integers of sen, each the old text exactly.
    let stored: Vec<(i64, i64, i64)> =
        sqlx::query_as("SELECT id, budget_sen, blocked_sen FROM activities ORDER BY id")
            .fetch_all(&mut conn)
            .await
            .unwrap();
    let expected = activities();
    assert_eq!(stored.len(), expected.len());
    for ((id, budget, blocked), (old_id, old_budget, old_blocked)) in stored.iter().zip(&expected) {
        assert_eq!(id, old_id);
        assert_eq!(text_of(*budget), *old_budget, "activity {id} budget");
        assert_eq!(text_of(*blocked), *old_blocked, "activity {id} blocked");
    }
    let stored: Vec<(i64, i64, Option<i64>, Option<i64>)> = sqlx::query_as(
        "SELECT activity_id, quarter, withdrawal_plan_sen, realization_sen \
         FROM activity_quarters ORDER BY activity_id, quarter",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap();
    let expected = quarters();
    assert_eq!(stored.len(), expected.len());
    for ((a, q, plan, real), (old_a, old_q, old_plan, old_real)) in stored.iter().zip(&expected) {
        assert_eq!((a, q), (old_a, old_q));
        assert_eq!(plan.map(text_of).as_deref(), *old_plan, "{a} TW {q} RPD");
        assert_eq!(
            real.map(text_of).as_deref(),
            *old_real,
            "{a} TW {q} realisasi"
        );
    }

    // SQL adds them up exactly: the sum of the old texts, to the sen.
    let (sum,): (i64,) =
        sqlx::query_as("SELECT CAST(SUM(withdrawal_plan_sen) AS BIGINT) FROM activity_quarters")
            .fetch_one(&mut conn)
            .await
            .unwrap();
    let expected: Decimal = quarters()
        .iter()
        .filter_map(|q| q.2)
        .map(|t| Decimal::from_str(t).unwrap())
        .sum();
    assert_eq!(Decimal::new(sum, 2), expected);
    conn.close().await.ok();

    // The store reads the same amounts into the model.
    let plan = db.store.load_plan_unchecked(PLAN).await.unwrap().unwrap();
    let budgets: Vec<(ActivityId, String, String)> = plan
        .activities
        .iter()
        .map(|a| {
            (
                a.id,
                a.budget.amount().to_string(),
                a.blocked.amount().to_string(),
            )
        })
        .collect();
    let expected: Vec<(ActivityId, String, String)> = activities()
        .into_iter()
        .map(|(id, b, k)| (ActivityId(id), b.to_owned(), k.to_owned()))
        .collect();
    assert_eq!(budgets, expected);
    let first = &plan.activities[0];
    assert_eq!(
        first
            .quarter(Quarter::Q2)
            .withdrawal_plan
            .map(|r| r.amount().to_string()),
        Some(AMOUNTS[6].to_owned())
    );
    assert_eq!(first.quarter(Quarter::Q3).withdrawal_plan, None);
    db.finish().await;
}

crate::both_kinds!(
    money_stored_as_text_reads_back_exactly_after_the_upgrade,
    every_amount_reads_back_as_the_text_it_was_stored_as
);

/// An amount with a third decimal, one of 10^16 rupiah, a negative one: none can be held in
/// sen without rounding or breaking the model's rule, so the upgrade stops, saying so, and the
/// older database is left exactly as it was.
async fn an_amount_sen_cannot_hold_stops_the_upgrade_and_changes_nothing(kind: Kind) {
    for bad in ["12.345", "10000000000000000", "-5", "1e3"] {
        let script = old_rows(&[bad]);
        let (error, older) = TestDb::upgrade_refused(kind, 10, (&script, &script)).await;
        let said = error.to_string();
        assert!(said.contains("0010"), "{bad}: {said}");
        sqlx::any::install_default_drivers();
        let mut conn = AnyConnection::connect(&older.url).await.unwrap();
        let (budget,): (String,) = sqlx::query_as("SELECT budget FROM activities WHERE id = 20")
            .fetch_one(&mut conn)
            .await
            .unwrap();
        assert_eq!(budget, bad);
        let (newest,): (i64,) = sqlx::query_as("SELECT MAX(version) FROM _sqlx_migrations")
            .fetch_one(&mut conn)
            .await
            .unwrap();
        assert_eq!(newest, 9, "{bad}");
        conn.close().await.ok();
        older.finish().await;
    }
}

crate::both_kinds!(
    an_amount_that_sen_cannot_hold_exactly_stops_the_upgrade,
    an_amount_sen_cannot_hold_stops_the_upgrade_and_changes_nothing
);
