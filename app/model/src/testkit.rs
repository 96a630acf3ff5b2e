//! Small builders for the model's own unit tests.

use crate::ids::ActivityId;
use crate::money::Rupiah;
use crate::plan::*;
use rust_decimal::Decimal;
use std::str::FromStr;

pub fn d(text: &str) -> Decimal {
    Decimal::from_str(text).expect("test literal")
}

pub fn rp(text: &str) -> Rupiah {
    Rupiah::parse(text).expect("test literal")
}

pub fn indicator(
    kind: IndicatorKind,
    target: &str,
    counts: [(Option<&str>, Option<&str>); 4],
) -> Indicator {
    let quarters = counts.map(|(a, b)| QuarterReport {
        numerator: a.map(d),
        denominator: b.map(d),
        ..QuarterReport::default()
    });
    Indicator {
        id: None,
        number: 1,
        name: "Persentase uji".into(),
        target: Target {
            value: d(target),
            unit: if kind == IndicatorKind::Ratio {
                "%".into()
            } else {
                "Dokumen".into()
            },
        },
        formula: "A/B x 100%".into(),
        numerator_label: "Jumlah A".into(),
        denominator_label: "Jumlah B".into(),
        kind,
        polarity: Polarity::HigherIsBetter,
        aggregation: Aggregation::Sum,
        activity_ids: Vec::new(),
        quarters,
    }
}

pub fn activity(
    id: i64,
    budget: &str,
    blocked: &str,
    plan: [&str; 4],
    real: [&str; 4],
) -> Activity {
    let mut quarters: [ActivityQuarter; 4] = Default::default();
    for (i, q) in quarters.iter_mut().enumerate() {
        q.withdrawal_plan = Rupiah::parse_optional(plan[i]).expect("test literal");
        q.realization = Rupiah::parse_optional(real[i]).expect("test literal");
    }
    Activity {
        id: ActivityId(id),
        name: format!("Kegiatan {id}"),
        budget: rp(budget),
        blocked: rp(blocked),
        quarters,
    }
}

/// The seed sheet's food activity (id 1): its RPD adds up to its pagu, and only TW I is realized.
pub fn seed_food_activity() -> Activity {
    activity(
        1,
        "5.160.600.000",
        "464.229.000",
        [
            "1.012.304.000",
            "1.140.000.000",
            "1.290.000.000",
            "1.718.296.000",
        ],
        ["636.431.901", "-", "-", "-"],
    )
}

pub fn plan(goals: Vec<Goal>, activities: Vec<Activity>) -> Plan {
    Plan {
        id: None,
        header: PlanHeader {
            work_unit: "LEMBAGA PEMASYARAKATAN UJI".into(),
            fiscal_year: 2024,
            title: "RENCANA KEGIATAN".into(),
            signatory: None,
            place_date: None,
        },
        goals,
        activities,
    }
}

pub fn goal(number: u32, indicators: Vec<Indicator>) -> Goal {
    Goal {
        id: None,
        number,
        title: format!("Sasaran {number}"),
        indicators,
    }
}

pub fn linked(mut indicator: Indicator, number: u32, activity_ids: &[i64]) -> Indicator {
    indicator.number = number;
    indicator.activity_ids = activity_ids.iter().map(|&id| ActivityId(id)).collect();
    indicator
}

/// A plan as storage returns it: goal 1 with indicators 1.1 (id 10) and 1.2 (id 11), and
/// activity 5.
pub fn stored_plan() -> Plan {
    let mut first = indicator(IndicatorKind::Ratio, "85", [(None, None); 4]);
    first.id = Some(crate::IndicatorId(10));
    let mut second = indicator(IndicatorKind::Count, "4", [(None, None); 4]);
    second.id = Some(crate::IndicatorId(11));
    second.number = 2;
    let mut g = goal(1, vec![first, second]);
    g.id = Some(crate::GoalId(1));
    plan(
        vec![g],
        vec![activity(
            5,
            "24.000.000",
            "1.000.000",
            ["1.000.000", "-", "-", "-"],
            ["-"; 4],
        )],
    )
}
