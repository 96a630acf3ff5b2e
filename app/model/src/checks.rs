//! Checks a person should see where a plan does not add up.

use crate::figures::activity_totals;
use crate::ids::ActivityId;
use crate::money::Rupiah;
use crate::number::format_decimal;
use crate::plan::{Indicator, IndicatorKind, Plan};
use crate::quarter::Quarter;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Where an indicator sits in the plan: goal number and indicator number (`1.3`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorRef {
    pub goal: u32,
    pub indicator: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Check {
    /// The four quarters of the withdrawal plan (RPD) do not add up to the pagu.
    WithdrawalPlanMismatch {
        activity: ActivityId,
        planned: Rupiah,
        budget: Rupiah,
        /// planned − pagu: negative when the plan falls short.
        difference: Decimal,
    },
    /// A exceeds B on a percentage indicator: more than 100 % is impossible there.
    NumeratorExceedsDenominator {
        indicator: IndicatorRef,
        quarter: Quarter,
        numerator: Decimal,
        denominator: Decimal,
    },
    /// A and B are described identically, so the indicator is always 100 %.
    IdenticalDescriptions {
        indicator: IndicatorRef,
        description: String,
    },
}

impl Check {
    /// The message shown beside the figure, in Indonesian.
    pub fn message(&self) -> String {
        match self {
            Check::WithdrawalPlanMismatch {
                planned,
                budget,
                difference,
                ..
            } => {
                let direction = if difference.is_sign_negative() {
                    "kurang"
                } else {
                    "lebih"
                };
                format!(
                    "Total RPD Rp {planned} tidak sama dengan pagu Rp {budget}: {direction} Rp {}",
                    format_decimal(difference.abs(), 2)
                )
            }
            Check::NumeratorExceedsDenominator {
                quarter,
                numerator,
                denominator,
                ..
            } => format!(
                "{quarter}: A ({}) lebih besar dari B ({}) pada indikator persentase",
                format_decimal(*numerator, 2),
                format_decimal(*denominator, 2)
            ),
            Check::IdenticalDescriptions { description, .. } => format!(
                "Uraian A dan B sama (\u{201c}{description}\u{201d}): capaian akan selalu 100%"
            ),
        }
    }

    pub fn activity(&self) -> Option<ActivityId> {
        match self {
            Check::WithdrawalPlanMismatch { activity, .. } => Some(*activity),
            _ => None,
        }
    }

    pub fn indicator(&self) -> Option<IndicatorRef> {
        match self {
            Check::NumeratorExceedsDenominator { indicator, .. }
            | Check::IdenticalDescriptions { indicator, .. } => Some(*indicator),
            Check::WithdrawalPlanMismatch { .. } => None,
        }
    }
}

/// Every check that fails on `plan`: activities first, then indicators in plan order.
pub fn plan_checks(plan: &Plan) -> Vec<Check> {
    let mut checks: Vec<Check> = plan
        .activities
        .iter()
        .filter_map(withdrawal_plan_check)
        .collect();
    for goal in &plan.goals {
        for indicator in &goal.indicators {
            let at = IndicatorRef {
                goal: goal.number,
                indicator: indicator.number,
            };
            checks.extend(indicator_checks(at, indicator));
        }
    }
    checks
}

/// The RPD check on one activity.
pub fn withdrawal_plan_check(activity: &crate::plan::Activity) -> Option<Check> {
    let planned = activity_totals(activity).withdrawal_plan_total();
    let difference = planned.minus(activity.budget);
    (!difference.is_zero()).then_some(Check::WithdrawalPlanMismatch {
        activity: activity.id,
        planned,
        budget: activity.budget,
        difference,
    })
}

/// The checks on one indicator.
pub fn indicator_checks(at: IndicatorRef, indicator: &Indicator) -> Vec<Check> {
    let mut checks = Vec::new();
    if indicator.kind == IndicatorKind::Ratio {
        for quarter in Quarter::ALL {
            let report = indicator.quarter(quarter);
            if let (Some(numerator), Some(denominator)) = (report.numerator, report.denominator) {
                if numerator > denominator {
                    checks.push(Check::NumeratorExceedsDenominator {
                        indicator: at,
                        quarter,
                        numerator,
                        denominator,
                    });
                }
            }
        }
    }
    if same_words(&indicator.numerator_label, &indicator.denominator_label) {
        checks.push(Check::IdenticalDescriptions {
            indicator: at,
            description: indicator.numerator_label.trim().to_owned(),
        });
    }
    checks
}

/// Whether two descriptions have the same words, ignoring case and spacing; two blank ones do
/// not count as the same. Runs for every indicator on every keystroke, so the usual (ASCII)
/// case compares in place without allocating.
fn same_words(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        let mut a_words = ascii_words(a);
        let mut b_words = ascii_words(b);
        let mut any = false;
        loop {
            match (a_words.next(), b_words.next()) {
                (None, None) => return any,
                (Some(x), Some(y)) if x.eq_ignore_ascii_case(y) => any = true,
                _ => return false,
            }
        }
    }
    let a = normalize_words(a);
    !a.is_empty() && a == normalize_words(b)
}

/// The words of ASCII text, split where `str::split_whitespace` would split it (the ASCII
/// characters with Unicode's White_Space property, which include the vertical tab).
fn ascii_words(text: &str) -> impl Iterator<Item = &[u8]> {
    text.as_bytes()
        .split(|b| matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r'))
        .filter(|word| !word.is_empty())
}

fn normalize_words(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::*;

    const NONE: (Option<&str>, Option<&str>) = (None, None);

    #[test]
    fn rpd_that_does_not_add_up_to_pagu_is_flagged_with_the_difference() {
        // The seed's security activity: 16.345.000 + 3 × 20.400.000 against a pagu of 67.345.000.
        let kamtib = activity(
            7,
            "67.345.000",
            "0",
            ["16.345.000", "20.400.000", "20.400.000", "20.400.000"],
            ["-"; 4],
        );
        let p = plan(vec![], vec![kamtib]);
        let checks = plan_checks(&p);
        assert_eq!(
            checks,
            vec![Check::WithdrawalPlanMismatch {
                activity: ActivityId(7),
                planned: rp("77.545.000"),
                budget: rp("67.345.000"),
                difference: d("10200000"),
            }]
        );
        assert_eq!(
            checks[0].message(),
            "Total RPD Rp 77.545.000 tidak sama dengan pagu Rp 67.345.000: lebih Rp 10.200.000"
        );
    }

    #[test]
    fn rpd_short_of_pagu_says_how_much_is_missing() {
        let office = activity(
            1,
            "3.979.232.000",
            "0",
            [
                "964.765.000",
                "1.260.551.000",
                "1.020.806.000",
                "733.060.000",
            ],
            ["-"; 4],
        );
        let checks = plan_checks(&plan(vec![], vec![office]));
        assert_eq!(checks.len(), 1);
        assert!(
            checks[0].message().ends_with("kurang Rp 50.000"),
            "{}",
            checks[0].message()
        );
    }

    #[test]
    fn rpd_that_adds_up_is_not_flagged() {
        let food = seed_food_activity();
        assert!(plan_checks(&plan(vec![], vec![food])).is_empty());
    }

    #[test]
    fn a_greater_than_b_on_a_percentage_indicator_is_flagged() {
        let ind = indicator(
            crate::IndicatorKind::Ratio,
            "85",
            [NONE, (Some("9"), Some("8")), (Some("8"), Some("8")), NONE],
        );
        let checks = plan_checks(&plan(vec![goal(2, vec![linked(ind, 3, &[])])], vec![]));
        assert_eq!(
            checks,
            vec![Check::NumeratorExceedsDenominator {
                indicator: IndicatorRef {
                    goal: 2,
                    indicator: 3
                },
                quarter: Quarter::Q2,
                numerator: d("9"),
                denominator: d("8"),
            }]
        );
    }

    #[test]
    fn a_greater_than_b_on_a_count_indicator_is_fine() {
        let ind = indicator(
            crate::IndicatorKind::Count,
            "1",
            [(Some("3"), Some("1")), NONE, NONE, NONE],
        );
        assert!(plan_checks(&plan(vec![goal(1, vec![ind])], vec![])).is_empty());
    }

    #[test]
    fn identical_a_and_b_descriptions_are_flagged() {
        let mut ind = indicator(crate::IndicatorKind::Ratio, "90", [NONE; 4]);
        ind.numerator_label = "Jumlah narapidana yang mendapat pendidikan".into();
        ind.denominator_label = "Jumlah  narapidana yang mendapat Pendidikan ".into();
        let checks = plan_checks(&plan(vec![goal(2, vec![linked(ind, 4, &[])])], vec![]));
        assert_eq!(checks.len(), 1);
        assert_eq!(
            checks[0].indicator(),
            Some(IndicatorRef {
                goal: 2,
                indicator: 4
            })
        );
        assert!(matches!(checks[0], Check::IdenticalDescriptions { .. }));
    }

    #[test]
    fn descriptions_compare_by_words_whatever_the_case_spacing_or_script() {
        let cases = [
            ("Jumlah narapidana", "jumlah\tNARAPIDANA\n", true),
            ("Jumlah narapidana", "Jumlah narapidana aktif", false),
            ("Jumlah narapidana aktif", "Jumlah narapidana", false),
            ("Jumlah\u{000B}warga", "jumlah warga", true),
            ("Jumlah\u{00A0}warga", "jumlah warga", true),
            ("Jumlah Élève", "jumlah élève", true),
            ("Jumlah Élève", "jumlah eleve", false),
            ("  ", "\t", false),
            ("", "", false),
        ];
        for (a, b, same) in cases {
            assert_eq!(same_words(a, b), same, "{a:?} vs {b:?}");
            let normalized = normalize_words(a);
            assert_eq!(
                !normalized.is_empty() && normalized == normalize_words(b),
                same,
                "the allocating comparison agrees on {a:?} vs {b:?}"
            );
        }
    }

    #[test]
    fn empty_descriptions_are_not_called_identical() {
        let mut ind = indicator(crate::IndicatorKind::Count, "1", [NONE; 4]);
        ind.numerator_label.clear();
        ind.denominator_label.clear();
        assert!(plan_checks(&plan(vec![goal(4, vec![ind])], vec![])).is_empty());
    }
}
