//! Settings from the environment.

/// Where the data lives unless `DATABASE_URL` says otherwise: a SQLite file, created on first run.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/pantau.db";

pub fn database_url() -> String {
    std::env::var("DATABASE_URL")
        .ok()
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned())
}

/// Creates the folder of a SQLite file, so that a fresh clone runs with no setup.
pub fn ensure_sqlite_folder(url: &str) -> std::io::Result<()> {
    let Some(rest) = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
    else {
        return Ok(());
    };
    let path = rest.split('?').next().unwrap_or_default();
    match std::path::Path::new(path).parent() {
        Some(dir) if !dir.as_os_str().is_empty() && path != ":memory:" => {
            std::fs::create_dir_all(dir)
        }
        _ => Ok(()),
    }
}
