//! Absorption targets per fiscal year: read with the defaults for a year nobody has set, and
//! written as an upsert that SQLite and PostgreSQL both accept.

use super::codec;
use super::{Store, StoreError};
use model::dashboard::AbsorptionThresholds;
use model::Quarter;
use sqlx::Row;

const COLUMNS: [&str; 4] = ["q1", "q2", "q3", "q4"];

impl Store {
    /// The year's targets, or the defaults when none were saved.
    pub async fn load_thresholds(&self, year: i32) -> Result<AbsorptionThresholds, StoreError> {
        let Some(row) =
            sqlx::query("SELECT q1, q2, q3, q4 FROM absorption_thresholds WHERE fiscal_year = $1")
                .bind(i64::from(year))
                .fetch_optional(&self.pool)
                .await?
        else {
            return Ok(AbsorptionThresholds::default_for(year));
        };
        let mut quarters = [rust_decimal::Decimal::ZERO; 4];
        for quarter in Quarter::ALL {
            let i = quarter.index();
            quarters[i] = codec::decimal(
                "absorption_thresholds",
                COLUMNS[i],
                &row.get::<String, _>(i),
            )?;
        }
        // Stored targets pass the same rules as typed ones; anything else was written by hand.
        AbsorptionThresholds::new(year, quarters).map_err(|e| StoreError::Corrupt {
            table: "absorption_thresholds",
            column: "q1..q4",
            value: quarters.map(|q| q.to_string()).join(", "),
            reason: e.to_string(),
        })
    }

    /// Stores the year's targets, replacing any saved before.
    pub async fn save_thresholds(
        &self,
        thresholds: &AbsorptionThresholds,
    ) -> Result<(), StoreError> {
        let [q1, q2, q3, q4] = thresholds.quarters.map(|q| q.to_string());
        sqlx::query(
            "INSERT INTO absorption_thresholds (fiscal_year, q1, q2, q3, q4) \
             VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (fiscal_year) DO UPDATE SET \
             q1 = excluded.q1, q2 = excluded.q2, q3 = excluded.q3, q4 = excluded.q4",
        )
        .bind(i64::from(thresholds.fiscal_year))
        .bind(q1)
        .bind(q2)
        .bind(q3)
        .bind(q4)
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}
