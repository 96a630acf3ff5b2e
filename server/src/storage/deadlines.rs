//! Report deadlines per fiscal year and quarter (migration 0013): read with the default rule
//! for any quarter nobody has set, written one quarter at a time as an upsert.

use super::codec;
use super::{Store, StoreError};
use model::deadlines::{Day, ReportDeadlines};
use model::Quarter;

impl Store {
    /// The year's deadlines; a quarter without a row has its default
    /// ([`ReportDeadlines::default_for`]). Unchecked: anyone who reads a roll-up may read them.
    pub async fn report_deadlines(&self, year: i32) -> Result<ReportDeadlines, StoreError> {
        let rows: Vec<(i64, String)> =
            sqlx::query_as("SELECT quarter, due_on FROM report_deadlines WHERE fiscal_year = $1")
                .bind(i64::from(year))
                .fetch_all(&self.pool)
                .await?;
        let mut deadlines = ReportDeadlines::default_for(year);
        for (quarter, due_on) in rows {
            const TABLE: &str = "report_deadlines";
            let quarter = codec::quarter(TABLE, quarter)?;
            let day =
                Day::parse(&due_on).map_err(|e| codec::corrupt(TABLE, "due_on", &due_on, e))?;
            deadlines.quarters[quarter.index()] = day;
        }
        Ok(deadlines)
    }

    /// Sets `quarter`'s deadline of `year`, as [`ReportDeadlines::with`] allows; returns the
    /// year's deadlines. Unchecked: the command line's (`pantau set-deadline`).
    pub async fn set_report_deadline(
        &self,
        year: i32,
        quarter: Quarter,
        day: Day,
    ) -> Result<Result<ReportDeadlines, String>, StoreError> {
        let deadlines = match self.report_deadlines(year).await?.with(quarter, day) {
            Ok(deadlines) => deadlines,
            Err(refused) => return Ok(Err(refused)),
        };
        sqlx::query(
            "INSERT INTO report_deadlines (fiscal_year, quarter, due_on) VALUES ($1, $2, $3) \
             ON CONFLICT (fiscal_year, quarter) DO UPDATE SET due_on = excluded.due_on",
        )
        .bind(i64::from(year))
        .bind(i64::from(quarter.number()))
        .bind(day.to_string())
        .execute(&self.pool)
        .await?;
        Ok(Ok(deadlines))
    }
}
