//! The roll-up of a tree: KANWIL SULTENG (a plan of its own) with two UPTs. Lapas Luwuk's plan
//! has an activity shared by two indicators (with sen in its pagu and RPD), an activity whose RPD
//! falls short of its pagu, TW II returned, and an open sync conflict; Rutan Poso's TW II is
//! approved and its RPD falls short too. A Kanwil elsewhere and Luwuk's plan of another year
//! stay out. Every figure of every row and of the total is asserted, written out from the
//! amounts stored.

use super::common::{self, filled};
use model::access::{Grant, Person, Role};
use model::edit::{Field, ReportField};
use model::rollup::Rollup;
use model::workflow::{QuarterState, Transition};
use model::{
    Activity, ActivityId, ActivityQuarter, Goal, Indicator, Plan, PlanHeader, PlanId, Quarter,
    Rupiah, UnitId,
};
use rust_decimal::Decimal;
use server::storage::{InsertOutcome, Store, UnitPlacement};
use server::usecases::quarters::change_quarter;
use server::usecases::rollup::rollup;
use std::str::FromStr;

fn rp(text: &str) -> Rupiah {
    Rupiah::parse(text).unwrap()
}

fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

/// An activity: pagu, blokir, the four RPD quarters and the four realizations ("-": none).
fn activity(id: i64, budget: &str, blocked: &str, rpd: [&str; 4], real: [&str; 4]) -> Activity {
    let amount = |t: &str| Rupiah::parse_optional(t).unwrap();
    let mut a = Activity::new(ActivityId(id), &format!("Kegiatan {id}"));
    a.budget = rp(budget);
    a.blocked = rp(blocked);
    a.quarters = std::array::from_fn(|i| ActivityQuarter {
        withdrawal_plan: amount(rpd[i]),
        realization: amount(real[i]),
    });
    a
}

/// A plan of `unit` for `year`: one goal whose indicators each fund the activities at the
/// positions given.
fn plan(unit: &str, year: i32, activities: Vec<Activity>, links: &[&[usize]]) -> Plan {
    let mut goal = Goal::new(1, "Sasaran");
    for (n, linked) in links.iter().enumerate() {
        let mut indicator = Indicator::new(n as u32 + 1, &format!("Indikator {}", n + 1));
        indicator.activity_ids = linked.iter().map(|i| activities[*i].id).collect();
        goal.indicators.push(indicator);
    }
    Plan {
        id: None,
        header: PlanHeader {
            work_unit: unit.into(),
            fiscal_year: year,
            title: "Rencana Aksi".into(),
            signatory: None,
            place_date: None,
        },
        goals: vec![goal],
        activities,
    }
}

async fn insert(store: &Store, plan: &Plan, placement: UnitPlacement) -> PlanId {
    match store.insert_plan(plan, &placement).await.unwrap() {
        InsertOutcome::Created(id) => id,
        other => panic!("{other:?}"),
    }
}

pub struct Tree {
    pub kanwil: UnitId,
    pub luwuk: UnitId,
    pub poso: UnitId,
    pub elsewhere: UnitId,
    pub plans: [PlanId; 3],
    pub head: Person,
    pub luwuk_operator: Person,
    pub poso_head: Person,
}

/// The tree, its plans of 2026, and what happened to them.
pub async fn tree(store: &Store) -> Tree {
    let cli = common::cli();
    let kanwil = store
        .create_unit("KANWIL SULTENG", None, &cli)
        .await
        .unwrap();
    let luwuk = store
        .create_unit("Lapas Luwuk", Some(kanwil), &cli)
        .await
        .unwrap();
    let poso = store
        .create_unit("Rutan Poso", Some(kanwil), &cli)
        .await
        .unwrap();
    let elsewhere = store.create_unit("KANWIL LAIN", None, &cli).await.unwrap();
    let existing = UnitPlacement::ExistingOnly;

    let own = plan(
        "KANWIL SULTENG",
        2026,
        vec![activity(
            1,
            "100.000.000",
            "0",
            ["25.000.000"; 4],
            ["10.000.000", "20.000.000", "-", "-"],
        )],
        &[&[0]],
    );
    // Activity 1 funds both indicators: one activity, linked twice.
    let luwuk_plan = plan(
        "Lapas Luwuk",
        2026,
        vec![
            activity(
                1,
                "1.000.000.000,50",
                "200.000.000",
                [
                    "300.000.000",
                    "300.000.000",
                    "200.000.000",
                    "200.000.000,50",
                ],
                ["150.000.000", "250.000.000,25", "100.000.000", "-"],
            ),
            activity(
                2,
                "500.000.000",
                "0",
                ["100.000.000"; 4],
                ["50.000.000", "-", "-", "-"],
            ),
        ],
        &[&[0], &[0, 1]],
    );
    let poso_plan = plan(
        "Rutan Poso",
        2026,
        vec![activity(
            1,
            "300.000.000",
            "100.000.000",
            ["50.000.000"; 4],
            ["40.000.000", "60.000.000", "-", "-"],
        )],
        &[&[0]],
    );
    let plans = [
        insert(store, &own, existing.clone()).await,
        insert(store, &luwuk_plan, existing.clone()).await,
        insert(store, &poso_plan, existing.clone()).await,
    ];
    // Not in the roll-up of 2026 of KANWIL SULTENG: another year, another Kanwil.
    let mut luwuk_2025 = luwuk_plan.clone();
    luwuk_2025.header.fiscal_year = 2025;
    insert(store, &luwuk_2025, existing.clone()).await;
    let lain = plan(
        "KANWIL LAIN",
        2026,
        vec![activity(
            1,
            "9.000.000",
            "0",
            ["-"; 4],
            ["9.000.000", "-", "-", "-"],
        )],
        &[&[0]],
    );
    insert(store, &lain, existing).await;

    let head = common::person(
        store,
        &[Grant {
            unit: kanwil,
            role: Role::Pimpinan,
        }],
    )
    .await;
    let luwuk_operator = common::person(
        store,
        &[Grant {
            unit: luwuk,
            role: Role::Operator,
        }],
    )
    .await;
    let poso_head = common::person(
        store,
        &[Grant {
            unit: poso,
            role: Role::Pimpinan,
        }],
    )
    .await;
    // Luwuk's TW II: submitted, then returned.
    let q2 = Quarter::Q2;
    change_quarter(store, &luwuk_operator, plans[1], q2, Transition::Submit)
        .await
        .unwrap();
    let comment = "Lengkapi data dukung".to_owned();
    change_quarter(store, &head, plans[1], q2, Transition::Return { comment })
        .await
        .unwrap();
    // Poso's TW II: submitted and approved.
    change_quarter(store, &poso_head, plans[2], q2, Transition::Submit)
        .await
        .unwrap();
    let seen = store.plan_version(plans[2]).await.unwrap();
    change_quarter(store, &head, plans[2], q2, Transition::Approve { seen })
        .await
        .unwrap();
    // Last of all, two offline clients of Luwuk's operator type the same numerator: one is
    // applied (Luwuk's newest audit line), the other waits as an open conflict.
    let stored = store.load_plan_unchecked(plans[1]).await.unwrap().unwrap();
    let indicator = stored.goals[0].indicators[0].id.unwrap();
    let numerator = Field::Report(indicator, Quarter::Q1, ReportField::Numerator);
    filled::two_clients_type(store, &luwuk_operator, plans[1], numerator).await;
    Tree {
        kanwil,
        luwuk,
        poso,
        elsewhere,
        plans,
        head,
        luwuk_operator,
        poso_head,
    }
}

/// `part / whole × 100`, written out.
fn percent(part: &str, whole: &str) -> Decimal {
    dec(part) * Decimal::ONE_HUNDRED / dec(whole)
}

async fn every_row_and_the_total_add_up_from_the_stored_amounts(store: &Store) {
    let t = tree(store).await;
    let r: Rollup = rollup(store, &t.head, t.kanwil, Some(2026), Some(Quarter::Q2))
        .await
        .unwrap();
    assert_eq!((r.unit, r.year, r.quarter), (t.kanwil, 2026, Quarter::Q2));
    // The default targets (15, 40, 60, 90): 40 % at the end of TW II.
    assert_eq!(r.target, dec("40"));
    assert_eq!(r.years, vec![2026, 2025]);
    let rows: Vec<(UnitId, &str, u32)> = r
        .rows
        .iter()
        .map(|row| (row.unit, row.name.as_str(), row.depth))
        .collect();
    assert_eq!(
        rows,
        vec![
            (t.kanwil, "KANWIL SULTENG", 0),
            (t.luwuk, "Lapas Luwuk", 1),
            (t.poso, "Rutan Poso", 1),
        ]
    );
    let [kanwil, luwuk, poso] = [&r.rows[0], &r.rows[1], &r.rows[2]];

    // Lapas Luwuk: the shared activity once. Pagu 1.000.000.000,50 + 500.000.000; realization
    // of TW I and TW II only: 150.000.000 + 250.000.000,25 + 50.000.000.
    assert_eq!(luwuk.plan.as_ref().map(|p| p.0), Some(t.plans[1]));
    assert!(matches!(
        luwuk.plan.as_ref().map(|p| &p.1),
        Some(QuarterState::Returned { comment, .. }) if comment == "Lengkapi data dukung"
    ));
    assert!(!luwuk.has_units_below);
    let s = &luwuk.sums;
    assert_eq!(s.plans, 1);
    assert_eq!(s.activities, 2);
    assert_eq!(s.budget, rp("1.500.000.000,50"));
    assert_eq!(s.blocked, rp("200.000.000"));
    assert_eq!(s.available(), rp("1.300.000.000,50"));
    assert_eq!(s.realized, rp("450.000.000,25"));
    assert_eq!(
        s.absorption(),
        Some(percent("450000000.25", "1300000000.50"))
    );
    // RPD of activity 1 adds up to its pagu to the sen; activity 2's 400.000.000 falls short.
    assert_eq!(s.rpd_mismatches, 1);
    assert_eq!(s.open_conflicts, 1);
    let last = s.last_change.as_ref().unwrap();
    assert_eq!(last.by, t.luwuk_operator.name);

    // Rutan Poso: 100.000.000 of 300.000.000 − 100.000.000 is 50 %, ten points above 40.
    assert!(matches!(
        poso.plan.as_ref().map(|p| &p.1),
        Some(QuarterState::Approved { by, .. }) if *by == t.head.name
    ));
    let s = &poso.sums;
    assert_eq!((s.plans, s.activities), (1, 1));
    assert_eq!(s.budget, rp("300.000.000"));
    assert_eq!(s.available(), rp("200.000.000"));
    assert_eq!(s.realized, rp("100.000.000"));
    assert_eq!(s.absorption(), Some(dec("50")));
    assert_eq!(s.against_target(r.target), Some(dec("10")));
    assert_eq!((s.rpd_mismatches, s.open_conflicts), (1, 0));
    assert_eq!(s.last_change.as_ref().unwrap().by, t.head.name);

    // The Kanwil's row: its own plan (100.000.000, 30.000.000 realized, a draft TW II) and both
    // UPTs.
    assert!(matches!(
        kanwil.plan.as_ref().map(|p| &p.1),
        Some(QuarterState::Draft)
    ));
    assert!(kanwil.has_units_below);
    let s = &kanwil.sums;
    assert_eq!(s.plans, 3);
    assert_eq!(s.activities, 1 + 2 + 1);
    // 100.000.000 + 1.500.000.000,50 + 300.000.000.
    assert_eq!(s.budget, rp("1.900.000.000,50"));
    assert_eq!(s.blocked, rp("300.000.000"));
    assert_eq!(s.available(), rp("1.600.000.000,50"));
    // 30.000.000 + 450.000.000,25 + 100.000.000.
    assert_eq!(s.realized, rp("580.000.000,25"));
    assert_eq!(
        s.absorption(),
        Some(percent("580000000.25", "1600000000.50"))
    );
    assert_eq!(
        s.against_target(r.target),
        Some(percent("580000000.25", "1600000000.50") - dec("40"))
    );
    assert_eq!((s.rpd_mismatches, s.open_conflicts), (2, 1));
    assert_eq!(
        (
            s.states.draft,
            s.states.submitted,
            s.states.approved,
            s.states.returned
        ),
        (1, 0, 1, 1)
    );
    // The newest change below the Kanwil: Luwuk's operator's offline edit, made last.
    assert_eq!(s.last_change, luwuk.sums.last_change);
    // The total is every plan in reach once: the Kanwil's row.
    assert_eq!(r.total, kanwil.sums);

    // TW I of the same year: realization of TW I only, Luwuk's TW I a draft.
    let q1 = rollup(store, &t.head, t.kanwil, Some(2026), Some(Quarter::Q1))
        .await
        .unwrap();
    assert_eq!(q1.target, dec("15"));
    // 10.000.000 + 150.000.000 + 50.000.000 + 40.000.000.
    assert_eq!(q1.total.realized, rp("250.000.000"));
    assert_eq!(q1.total.states.draft, 3);
    // 2025: Luwuk's plan alone, nothing returned, no conflict there.
    let y2025 = rollup(store, &t.head, t.kanwil, Some(2025), Some(Quarter::Q2))
        .await
        .unwrap();
    assert_eq!(y2025.total.plans, 1);
    assert_eq!(y2025.total.budget, rp("1.500.000.000,50"));
    assert_eq!(y2025.total.open_conflicts, 0);
    assert!(y2025.rows[0].plan.is_none());
}
crate::both!(
    a_kanwil_with_two_upts_rolls_up_every_figure,
    every_row_and_the_total_add_up_from_the_stored_amounts
);

async fn a_person_sees_only_the_units_their_roles_reach(store: &Store) {
    let t = tree(store).await;
    let q2 = Some(Quarter::Q2);
    // The UPT's own roll-up, for the Kanwil's pimpinan: Luwuk alone.
    let luwuk = rollup(store, &t.head, t.luwuk, Some(2026), q2)
        .await
        .unwrap();
    assert_eq!(luwuk.rows.len(), 1);
    assert_eq!(luwuk.total.budget, rp("1.500.000.000,50"));
    // Poso's pimpinan reaches Poso, not the Kanwil above it nor Luwuk beside it; Luwuk's
    // operator reaches Luwuk only; nobody here reaches the other Kanwil. A unit that does not
    // exist is as "not found" as one out of reach.
    let poso = rollup(store, &t.poso_head, t.poso, Some(2026), q2)
        .await
        .unwrap();
    assert_eq!(poso.rows.len(), 1);
    for (who, unit) in [
        (&t.poso_head, t.kanwil),
        (&t.poso_head, t.luwuk),
        (&t.luwuk_operator, t.kanwil),
        (&t.head, t.elsewhere),
        (&t.head, UnitId(999_999)),
    ] {
        let refused = rollup(store, who, unit, Some(2026), q2).await.unwrap_err();
        assert_eq!(
            refused,
            app::error::AppError::NotFound(format!("Unit nomor {unit}"))
        );
        assert_eq!(
            refused.to_string(),
            format!("Unit nomor {unit} tidak ditemukan")
        );
    }
    // The home page offers the Kanwil's pimpinan the Kanwil's roll-up, and the others none.
    let offered = server::usecases::rollup::offered(store, &t.head)
        .await
        .unwrap();
    assert_eq!(
        offered.iter().map(|u| u.id).collect::<Vec<_>>(),
        vec![t.kanwil]
    );
    for who in [&t.poso_head, &t.luwuk_operator] {
        assert!(server::usecases::rollup::offered(store, who)
            .await
            .unwrap()
            .is_empty());
    }
}
crate::both!(
    the_roll_up_shows_only_units_in_reach,
    a_person_sees_only_the_units_their_roles_reach
);
