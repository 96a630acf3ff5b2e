//! "Unduh Excel" then "Impor dari Excel" gives back the same plan: the writer
//! (`server::ops::xlsx`, the document model's layout) and the reader (`server::ops::workbook`,
//! the model's sheet reader) agree on every figure and text the Rencana Kegiatan sheet carries.
//! A and B are not in that sheet (they are in the quarterly report), and ids are the database's,
//! so both are left out of the comparison.

#![allow(clippy::unwrap_used)]

use model::document::action_plan;
use model::money::Rupiah;
use model::plan::{Plan, Status};
use model::sheet::parse_sheet;
use model::synthetic::synthetic_plan;
use proptest::prelude::*;
use rust_decimal::Decimal;
use server::ops::import::{parse_file, DEMO_SHEET};

/// The plan as the sheet carries it.
fn carried(plan: &Plan) -> Plan {
    let mut plan = plan.clone();
    plan.id = None;
    for goal in &mut plan.goals {
        goal.id = None;
        for indicator in &mut goal.indicators {
            indicator.id = None;
            for report in &mut indicator.quarters {
                report.numerator = None;
                report.denominator = None;
            }
        }
    }
    plan
}

/// Export as "Unduh Excel" does, and read the file back as "Impor dari Excel" does.
fn round_trip(plan: &Plan) -> Plan {
    let bytes = server::ops::xlsx::write(&action_plan(plan)).unwrap();
    let parsed = parse_file(&bytes).unwrap_or_else(|e| panic!("the export does not import: {e}"));
    parsed.plan
}

fn seed() -> Plan {
    parse_sheet(DEMO_SHEET).unwrap().plan
}

#[test]
fn the_seed_plan_comes_back_from_its_own_excel_unchanged() {
    let seed = seed();
    assert_eq!(carried(&round_trip(&seed)), carried(&seed));
}

#[test]
fn generated_plans_of_every_size_come_back_with_their_money_texts_and_shape() {
    for size in [1, 4, 13, 40] {
        let original = synthetic_plan(size);
        let once = round_trip(&original);
        // What the sheet writes in its own words (blokir in the note) is read the same way
        // the second time round.
        assert_eq!(
            carried(&round_trip(&once)),
            carried(&once),
            "{size} indicators"
        );
        assert_eq!(once.header, original.header, "{size} indicators");
        // Activities are numbered in the order the sheet first shows them, so each indicator's
        // activities are compared by what they hold.
        let shape = |plan: &Plan| {
            plan.indicators()
                .map(|i| {
                    let funded = i
                        .activity_ids
                        .iter()
                        .map(|id| {
                            let a = plan.activity(*id).unwrap();
                            (a.name.clone(), a.budget, a.blocked, a.quarters.clone())
                        })
                        .collect::<Vec<_>>();
                    (i.name.clone(), i.target.clone(), i.formula.clone(), funded)
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(
            once.activities.len(),
            original.activities.len(),
            "{size} indicators"
        );
        assert_eq!(shape(&once), shape(&original), "{size} indicators");
    }
}

/// A text a clerk might type: words, sometimes opening with what a spreadsheet would take for
/// a formula.
fn clerk_text() -> impl Strategy<Value = String> {
    ("[=+@]?", "[a-z][a-z0-9 ,.()/%]{0,30}")
        .prop_map(|(lead, rest)| format!("{lead}{rest}").trim().to_owned())
}

fn rupiah() -> impl Strategy<Value = Option<Rupiah>> {
    proptest::option::of(
        (0u64..10_000_000_000_000).prop_map(|n| Rupiah::new(Decimal::from(n)).unwrap()),
    )
}

fn status() -> impl Strategy<Value = Option<Status>> {
    proptest::option::of(prop_oneof![
        Just(Status::NotStarted),
        Just(Status::Running),
        Just(Status::Done)
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// The seed's shape with made-up names, texts and money in every cell the sheet carries.
    #[test]
    fn any_texts_and_amounts_come_back_exactly(
        names in proptest::collection::vec(clerk_text(), 1..8),
        texts in proptest::collection::vec((clerk_text(), clerk_text(), clerk_text(), status()), 4),
        money in proptest::collection::vec((rupiah(), rupiah()), 4),
        budget in 0u64..100_000_000_000_000,
    ) {
        let mut plan = seed();
        for (at, activity) in plan.activities.iter_mut().enumerate() {
            activity.name = format!("{} {at}", names[at % names.len()]);
            activity.budget = Rupiah::new(Decimal::from(budget + at as u64)).unwrap();
            for (quarter, (rpd, realized)) in activity.quarters.iter_mut().zip(&money) {
                quarter.withdrawal_plan = *rpd;
                quarter.realization = *realized;
            }
        }
        for goal in &mut plan.goals {
            for indicator in &mut goal.indicators {
                for (report, (work, achieved, evidence, status)) in indicator.quarters.iter_mut().zip(&texts) {
                    report.planned_work = work.clone();
                    report.achievement = achieved.clone();
                    report.evidence = evidence.clone();
                    report.status = *status;
                }
            }
        }
        prop_assert_eq!(carried(&round_trip(&plan)), carried(&plan));
    }
}
