//! Absorption targets per fiscal year: read with the defaults for a year nobody has set, and
//! written as an upsert that SQLite and PostgreSQL both accept.

use super::codec;
use super::{Store, StoreError};
use model::dashboard::AbsorptionThresholds;

impl Store {
    /// The year's targets, or the defaults when none were saved. Unchecked: anyone signed in
    /// may read them (`PlanBackend::load_thresholds`).
    pub async fn load_thresholds_unchecked(
        &self,
        year: i32,
    ) -> Result<AbsorptionThresholds, StoreError> {
        let row: Option<ThresholdsRow> = sqlx::query_as(
            "SELECT q1, q2, q3, q4 FROM absorption_thresholds WHERE fiscal_year = $1",
        )
        .bind(i64::from(year))
        .fetch_optional(&self.pool)
        .await?;
        match row {
            Some(row) => row.into_model(year),
            None => Ok(AbsorptionThresholds::default_for(year)),
        }
    }

    /// Stores the year's targets, replacing any saved before. Unchecked: the caller has made
    /// sure the person may (`PlanBackend::save_thresholds`).
    pub async fn save_thresholds_unchecked(
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

#[derive(sqlx::FromRow)]
struct ThresholdsRow {
    q1: String,
    q2: String,
    q3: String,
    q4: String,
}

impl ThresholdsRow {
    fn into_model(self, year: i32) -> Result<AbsorptionThresholds, StoreError> {
        const TABLE: &str = "absorption_thresholds";
        let quarters = [
            codec::decimal(TABLE, "q1", &self.q1)?,
            codec::decimal(TABLE, "q2", &self.q2)?,
            codec::decimal(TABLE, "q3", &self.q3)?,
            codec::decimal(TABLE, "q4", &self.q4)?,
        ];
        // Stored targets pass the same rules as typed ones; anything else was written by hand.
        AbsorptionThresholds::new(year, quarters).map_err(|e| {
            codec::corrupt(
                TABLE,
                "q1..q4",
                quarters.map(|q| q.to_string()).join(", "),
                e,
            )
        })
    }
}
