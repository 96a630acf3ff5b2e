//! The schema's version: the migrations this binary carries, and those a database has applied.
//!
//! Migrations only move forward, and each is applied once, in order (sqlx's `_sqlx_migrations`
//! table records them). A database that has applied a migration this binary does not carry was
//! written by a newer Pantau: this binary refuses to open it rather than run on a schema it does
//! not know (a downgrade is a restore of the backup taken before the upgrade).

use super::{Backend, StoreError, POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS};
use sqlx::migrate::Migrator;
use sqlx::AnyConnection;

/// The migrations this binary carries for `backend`.
pub(super) fn migrator(backend: Backend) -> &'static Migrator {
    match backend {
        Backend::Sqlite => &SQLITE_MIGRATIONS,
        Backend::Postgres => &POSTGRES_MIGRATIONS,
    }
}

/// The newest migration this binary carries (the same number for both databases): the schema
/// version it runs on.
pub fn newest_known() -> i64 {
    SQLITE_MIGRATIONS
        .iter()
        .map(|m| m.version)
        .max()
        .unwrap_or(0)
}

/// How a database's schema stands against this binary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SchemaState {
    /// Every migration this binary carries is applied, and no other.
    Current,
    /// Migrations of this binary are still to run (the newest applied is `database`, 0 for none).
    Behind { database: i64, supported: i64 },
    /// The database has applied a migration this binary does not carry (`database` is the newest).
    Newer { database: i64, supported: i64 },
}

impl std::fmt::Display for SchemaState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SchemaState::Current => write!(f, "schema version {} is current", newest_known()),
            SchemaState::Behind {
                database,
                supported,
            } => write!(
                f,
                "the database is at schema version {database}; this binary runs on {supported} \
                 and has not migrated it yet"
            ),
            SchemaState::Newer {
                database,
                supported,
            } => write!(
                f,
                "the database is at schema version {database}, written by a newer Pantau; this \
                 binary supports versions up to {supported}"
            ),
        }
    }
}

/// One migration a database records as applied.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct AppliedMigration {
    pub version: i64,
    pub checksum: Vec<u8>,
}

/// The migrations the database has applied successfully, oldest first; empty when no Pantau has
/// migrated it yet.
pub async fn applied(
    conn: &mut AnyConnection,
    backend: Backend,
) -> Result<Vec<AppliedMigration>, sqlx::Error> {
    let exists = match backend {
        Backend::Sqlite => {
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'"
        }
        Backend::Postgres => {
            "SELECT COUNT(*) FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_name = '_sqlx_migrations'"
        }
    };
    let count: i64 = sqlx::query_scalar(exists).fetch_one(&mut *conn).await?;
    if count == 0 {
        return Ok(Vec::new());
    }
    sqlx::query_as("SELECT version, checksum FROM _sqlx_migrations WHERE success ORDER BY version")
        .fetch_all(&mut *conn)
        .await
}

/// How migrations applied to a database stand against those this binary carries.
pub fn state_of(applied: &[AppliedMigration]) -> SchemaState {
    let supported = newest_known();
    let newest = applied.iter().map(|m| m.version).max().unwrap_or(0);
    let known = |version: i64| SQLITE_MIGRATIONS.iter().any(|m| m.version == version);
    if applied.iter().any(|m| !known(m.version)) {
        SchemaState::Newer {
            database: newest,
            supported,
        }
    } else if SQLITE_MIGRATIONS
        .iter()
        .all(|m| applied.iter().any(|a| a.version == m.version))
    {
        SchemaState::Current
    } else {
        SchemaState::Behind {
            database: newest,
            supported,
        }
    }
}

/// Refuses a database written by a newer Pantau, before any migration touches it.
pub(super) async fn refuse_newer(
    conn: &mut AnyConnection,
    backend: Backend,
) -> Result<(), StoreError> {
    match state_of(&applied(conn, backend).await?) {
        SchemaState::Newer {
            database,
            supported,
        } => Err(StoreError::NewerSchema {
            database,
            supported,
        }),
        _ => Ok(()),
    }
}

/// The applied migrations whose text differs from this binary's migration of the same number
/// (a database from another program that happens to use sqlx, or an edited migration).
pub fn foreign(applied: &[AppliedMigration], backend: Backend) -> Vec<i64> {
    applied
        .iter()
        .filter(|a| {
            migrator(backend)
                .iter()
                .find(|m| m.version == a.version)
                .is_some_and(|m| *m.checksum != *a.checksum)
        })
        .map(|a| a.version)
        .collect()
}

impl super::Store {
    /// How the database's schema stands against this binary, read now (for `/readyz`: another
    /// app server on the same PostgreSQL may have migrated it since this one started).
    pub async fn schema_state(&self) -> Result<SchemaState, StoreError> {
        let mut conn = self.pool.acquire().await?;
        Ok(state_of(&applied(&mut conn, self.backend).await?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn applied(versions: &[i64]) -> Vec<AppliedMigration> {
        versions
            .iter()
            .map(|&version| AppliedMigration {
                version,
                checksum: Vec::new(),
            })
            .collect()
    }

    #[test]
    fn both_databases_carry_the_same_migration_numbers() {
        let numbers = |m: &Migrator| m.iter().map(|m| m.version).collect::<Vec<_>>();
        assert_eq!(numbers(&SQLITE_MIGRATIONS), numbers(&POSTGRES_MIGRATIONS));
        assert!(newest_known() >= 9);
    }

    #[test]
    fn a_database_is_current_behind_or_newer_by_its_applied_migrations() {
        // The numbers this binary carries (they may skip one that another branch holds).
        let all: Vec<i64> = SQLITE_MIGRATIONS.iter().map(|m| m.version).collect();
        let newest = newest_known();
        assert_eq!(state_of(&applied(&all)), SchemaState::Current);
        assert_eq!(
            state_of(&applied(&all[..all.len() - 1])),
            SchemaState::Behind {
                database: all[all.len() - 2],
                supported: newest
            }
        );
        assert_eq!(
            state_of(&[]),
            SchemaState::Behind {
                database: 0,
                supported: newest
            }
        );
        let mut ahead = all.clone();
        ahead.push(newest + 1);
        assert_eq!(
            state_of(&applied(&ahead)),
            SchemaState::Newer {
                database: newest + 1,
                supported: newest
            }
        );
        assert!(state_of(&applied(&ahead))
            .to_string()
            .contains(&format!("version {}", newest + 1)));
    }
}
