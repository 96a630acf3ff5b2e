//! Absorption targets (target penyerapan): how much of the spendable budget should be realized,
//! cumulatively, by the end of each quarter. Data per fiscal year that an admin may change, so
//! the dashboard never hard-codes them.

use crate::number::{format_decimal, format_percent, parse_non_negative, NumberError};
use crate::quarter::Quarter;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Cumulative absorption targets, in percent, for TW I .. TW IV of one fiscal year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AbsorptionThresholds {
    pub fiscal_year: i32,
    pub quarters: [Decimal; 4],
}

/// Why typed targets were refused; shown to the person, in Indonesian.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ThresholdError {
    #[error("Target {quarter}: {error}")]
    Number {
        quarter: Quarter,
        error: NumberError,
    },
    #[error("Target {quarter} tidak boleh lebih dari 100% (tertulis {value})")]
    AboveHundred { quarter: Quarter, value: String },
    #[error(
        "Target {quarter} ({value}) tidak boleh lebih kecil dari target {previous_quarter} \
         ({previous}): penyerapan dihitung kumulatif"
    )]
    Decreasing {
        quarter: Quarter,
        value: String,
        previous_quarter: Quarter,
        previous: String,
    },
}

impl AbsorptionThresholds {
    /// The targets used until an admin sets others: 15 %, 40 %, 60 %, 90 %.
    pub fn default_for(fiscal_year: i32) -> AbsorptionThresholds {
        AbsorptionThresholds {
            fiscal_year,
            quarters: [15, 40, 60, 90].map(Decimal::from),
        }
    }

    /// Checks targets that came from anywhere (a form, the database): each at most 100 % and
    /// none below the one before, since a cumulative figure can only grow.
    pub fn new(
        fiscal_year: i32,
        quarters: [Decimal; 4],
    ) -> Result<AbsorptionThresholds, ThresholdError> {
        for quarter in Quarter::ALL {
            let value = quarters[quarter.index()];
            if value.is_sign_negative() && !value.is_zero() {
                return Err(ThresholdError::Number {
                    quarter,
                    error: NumberError::Negative,
                });
            }
            if value > Decimal::ONE_HUNDRED {
                return Err(ThresholdError::AboveHundred {
                    quarter,
                    value: format_percent(value),
                });
            }
            if let Some(previous_quarter) =
                quarter.index().checked_sub(1).and_then(Quarter::from_index)
            {
                let previous = quarters[previous_quarter.index()];
                if value < previous {
                    return Err(ThresholdError::Decreasing {
                        quarter,
                        value: format_percent(value),
                        previous_quarter,
                        previous: format_percent(previous),
                    });
                }
            }
        }
        Ok(AbsorptionThresholds {
            fiscal_year,
            quarters: quarters.map(|v| v.normalize()),
        })
    }

    /// Reads the four targets as typed: `15`, `40,5`, `60%`. The first problem found is reported.
    pub fn parse(
        fiscal_year: i32,
        texts: [&str; 4],
    ) -> Result<AbsorptionThresholds, ThresholdError> {
        let mut quarters = [Decimal::ZERO; 4];
        for quarter in Quarter::ALL {
            quarters[quarter.index()] = parse_non_negative(texts[quarter.index()])
                .map_err(|error| ThresholdError::Number { quarter, error })?;
        }
        AbsorptionThresholds::new(fiscal_year, quarters)
    }

    pub fn target(&self, quarter: Quarter) -> Decimal {
        self.quarters[quarter.index()]
    }

    /// The target as a form shows it for editing: `15`, `40,5` (no `%`, the label says it).
    pub fn text(&self, quarter: Quarter) -> String {
        format_decimal(self.target(quarter), 2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::d;

    #[test]
    fn the_default_targets_are_15_40_60_and_90_percent() {
        let t = AbsorptionThresholds::default_for(2024);
        assert_eq!(t.fiscal_year, 2024);
        assert_eq!(t.quarters, [d("15"), d("40"), d("60"), d("90")]);
        assert_eq!(t.text(Quarter::Q4), "90");
    }

    #[test]
    fn targets_are_read_the_indonesian_way() {
        let t = AbsorptionThresholds::parse(2025, ["20", "45,5", "70%", " 100 "]).expect("valid");
        assert_eq!(t.quarters, [d("20"), d("45.5"), d("70"), d("100")]);
        assert_eq!(t.text(Quarter::Q2), "45,5");
    }

    #[test]
    fn a_target_above_a_hundred_percent_is_refused() {
        let error = AbsorptionThresholds::parse(2025, ["20", "40", "60", "100,5"]).unwrap_err();
        assert_eq!(
            error.to_string(),
            "Target TW IV tidak boleh lebih dari 100% (tertulis 100,5%)"
        );
    }

    #[test]
    fn a_target_below_the_quarter_before_is_refused() {
        let error = AbsorptionThresholds::parse(2025, ["20", "45", "30", "90"]).unwrap_err();
        assert_eq!(
            error.to_string(),
            "Target TW III (30%) tidak boleh lebih kecil dari target TW II (45%): \
             penyerapan dihitung kumulatif"
        );
    }

    #[test]
    fn a_target_that_is_not_a_number_names_its_quarter() {
        let error = AbsorptionThresholds::parse(2025, ["20", "empat", "60", "90"]).unwrap_err();
        assert_eq!(
            error.to_string(),
            "Target TW II: karakter \u{201c}e\u{201d} tidak dikenal: gunakan angka, titik untuk \
             ribuan dan koma untuk desimal"
        );
        let empty = AbsorptionThresholds::parse(2025, ["", "40", "60", "90"]).unwrap_err();
        assert_eq!(
            empty.to_string(),
            "Target TW I: isian kosong: masukkan angka"
        );
        let negative = AbsorptionThresholds::parse(2025, ["-5", "40", "60", "90"]).unwrap_err();
        assert_eq!(
            negative.to_string(),
            "Target TW I: nilai tidak boleh negatif"
        );
    }

    #[test]
    fn equal_targets_in_a_row_are_allowed() {
        let t = AbsorptionThresholds::parse(2025, ["0", "0", "50", "50"]).expect("valid");
        assert_eq!(t.target(Quarter::Q4), d("50"));
    }
}
