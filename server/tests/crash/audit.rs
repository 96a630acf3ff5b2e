//! The audit trail read back: how many entries carry each text the story typed (every text it
//! types is unique, so an entry per text is one application of its edit).

use super::PLAN;
use sqlx::any::AnyPoolOptions;
use sqlx::{AnyPool, Row};
use std::collections::HashMap;

pub struct Audit {
    pool: AnyPool,
    pattern: String,
}

impl Audit {
    /// `prefix`: what every text of this run begins with.
    pub async fn open(url: &str, prefix: &str) -> Audit {
        sqlx::any::install_default_drivers();
        let pool = AnyPoolOptions::new()
            .max_connections(1)
            .connect(url)
            .await
            .expect("open the database to read its audit trail");
        Audit {
            pool,
            pattern: format!("{prefix}%"),
        }
    }

    /// Entries by new value.
    pub async fn counts(&self) -> HashMap<String, i64> {
        sqlx::query(
            "SELECT new_value, COUNT(*) FROM audit_log WHERE plan_id = $1 AND new_value LIKE $2 \
             GROUP BY new_value",
        )
        .bind(PLAN.0)
        .bind(&self.pattern)
        .fetch_all(&self.pool)
        .await
        .expect("read the audit trail")
        .iter()
        .map(|row| (row.get::<String, _>(0), row.get::<i64, _>(1)))
        .collect()
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}
