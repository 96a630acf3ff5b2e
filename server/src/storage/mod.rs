//! Storage: one interface over SQLite (the embedded default) and PostgreSQL (several app servers
//! on one database), chosen by the URL scheme. Both run the same queries through sqlx's `Any`
//! driver; decimals are stored as text and money as whole sen in integers
//! (`codec::sen`), so neither database ever rounds a rupiah and SQL can add amounts up.
//!
//! Each query reads into a row struct (`#[derive(sqlx::FromRow)]`, by column name) that turns
//! into its model type in one place; stored text and codes are read through `codec`.
//!
//! `Store` checks no permission: the access rule is the caller's (the `PlanBackend`
//! implementation for the pages, the command line for itself). So that a call from server code can never be taken for
//! the guarded one, no `Store` method shares a name with a method of `app::api::ssr::PlanBackend`:
//! the unguarded twin of a guarded method ends in `_unchecked` (`load_plan_unchecked`,
//! `list_plans_unchecked`, `history_unchecked`, `load_thresholds_unchecked`,
//! `save_thresholds_unchecked`, `evidence_counts_unchecked`, `PlanWrite::resolve_conflict_unchecked`). Pages and server functions go through `PlanBackend`.

mod accounts;
mod batch;
mod blobs;
mod changes;
mod codec;
mod deadlines;
mod evidence;
mod history;
mod insert;
mod login;
mod people;
mod plan_write;
mod purge;
mod read;
mod refusal;
mod rollup;
pub mod schema;
mod standings;
mod structure;
mod sync;
mod thresholds;
mod update;
mod write;
mod zones;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::Migrator;
use sqlx::{Any, AnyPool, Executor, Transaction};
use std::str::FromStr;
use thiserror::Error;

pub use accounts::{AccountBatch, AdminStamp, NewPerson};
pub use blobs::{StoredBlob, CHUNK_BYTES};
pub use changes::{Change, ChangeFeed};
pub use evidence::{NewEvidence, NewSource};
pub use plan_write::{PlanWrite, Stamp};
pub use refusal::{Part, Taken};
pub use sync::{FieldVersion, NewConflict, StoredAnswer, StoredConflict};
pub use write::{InsertOutcome, UnitPlacement};

/// A write transaction on either database.
type Tx<'a> = Transaction<'a, Any>;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/postgres");

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of_url(url: &str) -> Result<Backend, StoreError> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Ok(Backend::Postgres)
        } else {
            Err(StoreError::UnsupportedUrl(
                url.split(':').next().unwrap_or_default().to_owned(),
            ))
        }
    }
}

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("database URL scheme `{0}` is not supported: use sqlite://FILE or postgres://...")]
    UnsupportedUrl(String),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// The database has applied a migration this binary does not carry.
    #[error(
        "the database is at schema version {database}, written by a newer Pantau; this binary \
         supports schema versions up to {supported}. Run the newer Pantau, or restore the backup \
         taken before the upgrade"
    )]
    NewerSchema { database: i64, supported: i64 },
    #[error("database migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("{0} is not part of this plan")]
    NotInPlan(Part),
    /// The plan names a unit that does not exist, and it was not to be created.
    #[error("the unit \u{201c}{0}\u{201d} does not exist")]
    UnknownUnit(String),
    /// A name that must be unique is taken.
    #[error("{0}")]
    Duplicate(Taken),
    /// A value the database cannot hold exactly (an amount past what its column stores).
    #[error("value {value:?} cannot be stored in {column}: {reason}")]
    Unstorable {
        column: &'static str,
        value: String,
        reason: String,
    },
    #[error("stored value {value:?} in {table}.{column} cannot be read: {reason}")]
    Corrupt {
        table: &'static str,
        column: &'static str,
        value: String,
        reason: String,
    },
}

/// The application's storage. Cheap to clone (a pool handle).
#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    changes: ChangeFeed,
}

impl Store {
    /// Connects and brings the schema up to date. A migration that fails stops here.
    /// For SQLite, the file is created on first run (`?mode=rwc` is added when no mode is given).
    pub async fn connect(url: &str) -> Result<Store, StoreError> {
        sqlx::any::install_default_drivers();
        let backend = Backend::of_url(url)?;
        let url = match backend {
            Backend::Sqlite if !url.contains("mode=") => {
                let sep = if url.contains('?') { '&' } else { '?' };
                format!("{url}{sep}mode=rwc")
            }
            _ => url.to_owned(),
        };
        let options = AnyConnectOptions::from_str(&url)?;
        let changes = ChangeFeed::new(&url);
        let pool = AnyPoolOptions::new()
            .max_connections(match backend {
                Backend::Sqlite => 4,
                Backend::Postgres => 10,
            })
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // Per connection: SQLite forgets these between connections.
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                        conn.execute("PRAGMA busy_timeout = 5000").await?;
                        conn.execute("PRAGMA journal_mode = WAL").await?;
                    } else {
                        // Pantau's queries are many and short; PostgreSQL's JIT compiles one
                        // whenever its cost estimate is large (the roll-up's sums over a
                        // national tree) and then spends more time compiling than running it.
                        conn.execute("SET jit = off").await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        schema::refuse_newer(&mut *pool.acquire().await?, backend).await?;
        schema::migrator(backend).run(&pool).await?;
        let store = Store {
            pool,
            backend,
            changes,
        };
        // Plans stored before migration 0013 get their standings once.
        store.fill_missing_standings().await?;
        Ok(store)
    }

    /// Lets the query planner see the tables as they now are (after a bulk load, before the
    /// database's own autovacuum gets round to it).
    pub async fn refresh_statistics(&self) -> Result<(), StoreError> {
        self.pool.execute("ANALYZE").await?;
        Ok(())
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}
