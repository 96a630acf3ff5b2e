//! `pantau backup FILE` and `pantau restore FILE [--force]` for a SQLite database. PostgreSQL has
//! its own tools (`pg_dump`, `pg_restore`; README, "Operation"), which these point to.
//!
//! A backup is SQLite's `VACUUM INTO` of the database: one read transaction, so the copy is the
//! database as it stood at one moment, while the running server goes on writing beside it. A
//! restore first checks the file (SQLite's integrity check; a Pantau database, whose migrations
//! this binary carries), then copies it beside the target, flushes it to disk and renames it into
//! place, so the target is at every moment either the old database or the whole restored one.
//!
//! The rule for the target of a restore: a database that is missing or empty (0 bytes) is
//! replaced; one that holds data only with `--force`, and then never while anyone has it open
//! (the server must be stopped), and the old file is kept beside it, renamed
//! `NAME.before-restore-SECONDS`, never deleted.

use crate::storage::schema::{self, SchemaState};
use crate::storage::Backend;
use sqlx::sqlite::{SqliteConnectOptions, SqliteLockingMode};
use sqlx::{AnyConnection, Connection, SqliteConnection};
use std::path::{Path, PathBuf};
use std::time::Duration;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum BackupError {
    #[error(
        "DATABASE_URL is a PostgreSQL database: back it up with pg_dump and restore it with \
         pg_restore (README, section \u{201c}Operation\u{201d}, \u{201c}Backup and restore\u{201d})"
    )]
    Postgres,
    #[error("DATABASE_URL names no SQLite file to back up or restore ({0})")]
    NotAFile(String),
    #[error("there is no database at {0}")]
    NoDatabase(PathBuf),
    #[error("{0} already exists; give a new file name (a backup never overwrites a file)")]
    Exists(PathBuf),
    #[error("{0} cannot be read as a SQLite database: {1}")]
    Unreadable(PathBuf, String),
    #[error("{0} is damaged (SQLite's integrity check: {1}); nothing was restored")]
    Damaged(PathBuf, String),
    #[error("{0} is not a Pantau database (it has no {1} table); nothing was restored")]
    NotPantau(PathBuf, &'static str),
    #[error("{0}: {1}; nothing was restored")]
    Newer(PathBuf, SchemaState),
    #[error(
        "{0}: its migrations {1:?} differ from this Pantau's migrations of the same numbers; \
         nothing was restored"
    )]
    Foreign(PathBuf, Vec<i64>),
    #[error(
        "{0} already holds a database; stop the server and give --force to replace it (the old \
         file is kept as {0}.before-restore-SECONDS)"
    )]
    TargetHoldsData(PathBuf),
    #[error(
        "{0} is in use (a running server or another program has it open); stop the server \
         first; nothing was restored"
    )]
    InUse(PathBuf),
    #[error("{0}: {1}")]
    Io(PathBuf, std::io::Error),
    #[error("{0}: {1}")]
    Database(PathBuf, sqlx::Error),
}

/// What a backup or restore did, for the person who ran it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Done {
    pub file: PathBuf,
    pub bytes: u64,
    pub schema_version: i64,
    pub plans: i64,
    pub people: i64,
    /// Where the database a restore replaced was kept.
    pub kept: Option<PathBuf>,
}

impl std::fmt::Display for Done {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {} bytes, schema version {}, {} plans, {} people",
            self.file.display(),
            self.bytes,
            self.schema_version,
            self.plans,
            self.people
        )?;
        if let Some(kept) = &self.kept {
            write!(f, "; the replaced database is kept as {}", kept.display())?;
        }
        Ok(())
    }
}

/// The SQLite file of `database_url`, or why it has none.
fn sqlite_file(database_url: &str) -> Result<PathBuf, BackupError> {
    match Backend::of_url(database_url) {
        Ok(Backend::Postgres) => Err(BackupError::Postgres),
        Ok(Backend::Sqlite) => crate::config::sqlite_path(database_url)
            .ok_or_else(|| BackupError::NotAFile(database_url.to_owned())),
        Err(e) => Err(BackupError::NotAFile(e.to_string())),
    }
}

/// Copies the database of `database_url` (SQLite) into `file`, which must not exist, as it stands
/// at one moment, while a running server may go on writing.
pub async fn backup(database_url: &str, file: &Path) -> Result<Done, BackupError> {
    let source = sqlite_file(database_url)?;
    if !source.is_file() {
        return Err(BackupError::NoDatabase(source));
    }
    if file.symlink_metadata().is_ok() {
        return Err(BackupError::Exists(file.to_owned()));
    }
    let partial = beside(file, &format!("partial-{}", std::process::id()));
    let copied = async {
        let mut conn = open(&source, "rw").await?;
        vacuum_into(&mut conn, &source, &partial).await?;
        conn.close().await.ok();
        let mut copy = open(&partial, "rw").await?;
        let done = check(&mut copy, &partial).await;
        copy.close().await.ok();
        let done = done?;
        sync_file(&partial)?;
        // A hard link never replaces a file that appeared meanwhile, as a rename would.
        std::fs::hard_link(&partial, file).map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => BackupError::Exists(file.to_owned()),
            _ => BackupError::Io(file.to_owned(), e),
        })?;
        sync_folder(file)?;
        Ok(Done {
            file: file.to_owned(),
            ..done
        })
    }
    .await;
    remove_database_files(&partial);
    copied
}

/// Puts the backup `file` in place as the database of `database_url` (SQLite), by the rule in the
/// module's comment, after checking it.
pub async fn restore(database_url: &str, file: &Path, force: bool) -> Result<Done, BackupError> {
    let target = sqlite_file(database_url)?;
    if !file.is_file() {
        return Err(BackupError::NoDatabase(file.to_owned()));
    }
    let mut source = open(file, "ro").await?;
    let checked = check(&mut source, file).await;
    // A write-ahead log left beside a missing or empty file holds data too: it would be read
    // into the restored file.
    let holds_data = [&target, &beside_raw(&target, "-wal")]
        .iter()
        .any(|f| std::fs::metadata(f).is_ok_and(|m| m.len() > 0));
    let ready = match (checked, holds_data, force) {
        (Err(e), _, _) => Err(e),
        (Ok(_), true, false) => Err(BackupError::TargetHoldsData(target.clone())),
        (Ok(_), true, true) => refuse_in_use(&target).await,
        (Ok(_), false, _) => Ok(()),
    };
    if let Err(e) = ready {
        source.close().await.ok();
        return Err(e);
    }
    if let Some(folder) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder).map_err(|e| BackupError::Io(folder.to_owned(), e))?;
    }
    let partial = beside(&target, &format!("restore-{}", std::process::id()));
    let placed = async {
        vacuum_into(&mut source, file, &partial).await?;
        source.close().await.ok();
        sync_file(&partial)?;
        let kept = if holds_data {
            Some(keep_aside(&target)?)
        } else {
            None
        };
        std::fs::rename(&partial, &target).map_err(|e| BackupError::Io(target.clone(), e))?;
        sync_folder(&target)?;
        let mut restored = open(&target, "rw").await?;
        let done = check(&mut restored, &target).await;
        restored.close().await.ok();
        Ok(Done { kept, ..done? })
    }
    .await;
    remove_database_files(&partial);
    placed
}

/// `path` with `.suffix` added to its file name.
fn beside(path: &Path, suffix: &str) -> PathBuf {
    beside_raw(path, &format!(".{suffix}"))
}

/// `path` with `tail` added to its file name as it is (SQLite's `-wal`, `-shm`).
fn beside_raw(path: &Path, tail: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(tail);
    PathBuf::from(name)
}

async fn open(path: &Path, mode: &str) -> Result<AnyConnection, BackupError> {
    sqlx::any::install_default_drivers();
    AnyConnection::connect(&format!("sqlite://{}?mode={mode}", path.display()))
        .await
        .map_err(|e| BackupError::Unreadable(path.to_owned(), e.to_string()))
}

async fn vacuum_into(
    conn: &mut AnyConnection,
    source: &Path,
    into: &Path,
) -> Result<(), BackupError> {
    sqlx::query("VACUUM INTO ?")
        .bind(into.display().to_string())
        .execute(&mut *conn)
        .await
        .map(|_| ())
        .map_err(|e| BackupError::Database(source.to_owned(), e))
}

/// Checks that `path` (open as `conn`) is a sound Pantau database this binary can run on, and
/// says what it holds.
async fn check(conn: &mut AnyConnection, path: &Path) -> Result<Done, BackupError> {
    let unreadable = |e: sqlx::Error| BackupError::Unreadable(path.to_owned(), e.to_string());
    let integrity: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(&mut *conn)
        .await
        .map_err(unreadable)?;
    if integrity != ["ok"] {
        return Err(BackupError::Damaged(
            path.to_owned(),
            integrity.into_iter().take(5).collect::<Vec<_>>().join("; "),
        ));
    }
    let applied = schema::applied(conn, Backend::Sqlite)
        .await
        .map_err(unreadable)?;
    if applied.is_empty() {
        return Err(BackupError::NotPantau(path.to_owned(), "_sqlx_migrations"));
    }
    for table in ["plans", "users"] {
        let found: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?",
        )
        .bind(table)
        .fetch_one(&mut *conn)
        .await
        .map_err(unreadable)?;
        if found == 0 {
            return Err(BackupError::NotPantau(path.to_owned(), table));
        }
    }
    let state = schema::state_of(&applied);
    if let SchemaState::Newer { .. } = state {
        return Err(BackupError::Newer(path.to_owned(), state));
    }
    let foreign = schema::foreign(&applied, Backend::Sqlite);
    if !foreign.is_empty() {
        return Err(BackupError::Foreign(path.to_owned(), foreign));
    }
    let count = |table: &str| format!("SELECT COUNT(*) FROM {table}");
    let plans: i64 = sqlx::query_scalar(&count("plans"))
        .fetch_one(&mut *conn)
        .await
        .map_err(unreadable)?;
    let people: i64 = sqlx::query_scalar(&count("users"))
        .fetch_one(&mut *conn)
        .await
        .map_err(unreadable)?;
    let bytes = std::fs::metadata(path)
        .map_err(|e| BackupError::Io(path.to_owned(), e))?
        .len();
    Ok(Done {
        file: path.to_owned(),
        bytes,
        schema_version: applied.iter().map(|m| m.version).max().unwrap_or(0),
        plans,
        people,
        kept: None,
    })
}

/// Refuses a database someone has open: a connection in exclusive locking mode gets its
/// exclusive lock only when no other connection, of any process, holds the file (in WAL mode,
/// every open connection keeps a shared lock on it).
async fn refuse_in_use(target: &Path) -> Result<(), BackupError> {
    let options = SqliteConnectOptions::new()
        .filename(target)
        .create_if_missing(false)
        .locking_mode(SqliteLockingMode::Exclusive)
        .busy_timeout(Duration::ZERO);
    let taken = async {
        let mut conn = SqliteConnection::connect_with(&options).await?;
        let taken = sqlx::raw_sql("BEGIN EXCLUSIVE; COMMIT;")
            .execute(&mut conn)
            .await;
        // Closing the last connection checkpoints the write-ahead log into the file and
        // removes it, so the file kept aside is whole.
        conn.close().await?;
        taken
    }
    .await;
    match taken {
        Ok(_) => Ok(()),
        Err(sqlx::Error::Database(e)) if e.message().contains("locked") => {
            Err(BackupError::InUse(target.to_owned()))
        }
        Err(e) => Err(BackupError::Database(target.to_owned(), e)),
    }
}

/// Renames the database at `target` (and any write-ahead log a crash left) aside; returns the
/// new name. Its shared-memory index is removed: SQLite rebuilds it from the log.
fn keep_aside(target: &Path) -> Result<PathBuf, BackupError> {
    let seconds = crate::clock::now().0;
    let kept = beside(target, &format!("before-restore-{seconds}"));
    if kept.symlink_metadata().is_ok() {
        return Err(BackupError::Exists(kept));
    }
    for tail in ["-wal", ""] {
        let from = beside_raw(target, tail);
        match std::fs::rename(&from, beside_raw(&kept, tail)) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !tail.is_empty() => {}
            Err(e) => return Err(BackupError::Io(from, e)),
        }
    }
    let _ = std::fs::remove_file(beside_raw(target, "-shm"));
    Ok(kept)
}

/// Removes a SQLite file and the write-ahead log and index SQLite may have left beside it.
fn remove_database_files(path: &Path) {
    for tail in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(beside_raw(path, tail));
    }
}

fn sync_file(path: &Path) -> Result<(), BackupError> {
    std::fs::File::open(path)
        .and_then(|f| f.sync_all())
        .map_err(|e| BackupError::Io(path.to_owned(), e))
}

/// Flushes the folder of `path`, so that a rename into it survives a power cut.
fn sync_folder(path: &Path) -> Result<(), BackupError> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    sync_file(folder)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_postgres_url_is_pointed_to_pg_dump_and_a_memory_database_has_no_file() {
        let postgres = sqlite_file("postgres://pantau@db/pantau").unwrap_err();
        assert!(postgres.to_string().contains("pg_dump"), "{postgres}");
        assert!(matches!(
            sqlite_file("sqlite::memory:"),
            Err(BackupError::NotAFile(_))
        ));
        assert_eq!(
            sqlite_file("sqlite://data/pantau.db").unwrap(),
            PathBuf::from("data/pantau.db")
        );
    }

    #[test]
    fn a_file_beside_another_adds_to_its_name() {
        assert_eq!(
            beside(Path::new("/srv/pantau.db"), "partial-7"),
            PathBuf::from("/srv/pantau.db.partial-7")
        );
    }
}
