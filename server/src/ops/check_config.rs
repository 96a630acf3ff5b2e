//! `pantau check-config`: what `serve` would run with, read from the environment as `serve`
//! reads it, and every setting that would stop it or make it run wrong, before it is started
//! for real. It changes nothing: the database is opened to be looked at, never migrated.

use crate::config::{self, Settings};
use crate::storage::schema::{self, SchemaState};
use crate::storage::Backend;
use sqlx::{AnyConnection, Connection};
use std::fmt::Write as _;
use std::path::Path;

/// The report when every setting holds, else every refusal, one a line.
pub async fn check_config() -> Result<String, String> {
    let mut lines: Vec<(&str, String)> = Vec::new();
    let mut warnings = Vec::new();
    let mut refused = Vec::new();
    let url = config::database_url();
    match database(&url).await {
        Ok(said) => lines.push((
            "DATABASE_URL",
            format!("{} ({said})", without_password(&url)),
        )),
        Err(said) => refused.push(format!("DATABASE_URL {}: {said}", without_password(&url))),
    }
    match leptos::config::get_configuration(None) {
        Ok(conf) => {
            let options = conf.leptos_options;
            lines.push(("LEPTOS_SITE_ADDR", options.site_addr.to_string()));
            let root = Path::new(options.site_root.as_ref());
            let pkg = root.join(options.site_pkg_dir.as_ref());
            if pkg.is_dir() {
                lines.push((
                    "LEPTOS_SITE_ROOT",
                    format!("{} (with {})", root.display(), pkg.display()),
                ));
            } else {
                refused.push(format!(
                    "LEPTOS_SITE_ROOT {}: there is no {} folder: point it at the site folder of \
                     the build (target/site)",
                    root.display(),
                    pkg.display()
                ));
            }
            if options.output_name.is_empty() {
                // A binary built by plain `cargo build` has no name built in: its pages would
                // load `/pkg/.js`.
                refused.push(
                    "LEPTOS_OUTPUT_NAME is empty: set it to pantau (`cargo leptos build` builds \
                     the name in)"
                        .to_owned(),
                );
            } else {
                lines.push(("LEPTOS_OUTPUT_NAME", options.output_name.to_string()));
            }
        }
        Err(e) => refused.push(format!(
            "a LEPTOS_ setting cannot be read (LEPTOS_SITE_ADDR is an address and port such \
             as 127.0.0.1:3000): {e}"
        )),
    }
    match Settings::from_env() {
        Ok(settings) => {
            lines.extend(described(&settings));
            warnings.extend(warning(&settings));
        }
        Err(e) => refused.push(e.to_string()),
    }
    lines.push((
        "RUST_LOG",
        std::env::var("RUST_LOG").unwrap_or_else(|_| "info,sqlx=warn (default)".into()),
    ));
    if refused.is_empty() {
        let mut report = format!("{} would run with:", super::version_line());
        for (name, value) in lines {
            let _ = write!(report, "\n  {name:<28} {value}");
        }
        for warning in warnings {
            let _ = write!(report, "\nwarning: {warning}");
        }
        Ok(report)
    } else {
        Err(format!(
            "check-config: {} setting(s) would stop or mislead the server:\n  {}",
            refused.len(),
            refused.join("\n  ")
        ))
    }
}

/// What the database at `url` is, looked at without changing it; why the server could not run
/// on it.
async fn database(url: &str) -> Result<String, String> {
    let backend = Backend::of_url(url).map_err(|e| e.to_string())?;
    let connect = match backend {
        Backend::Sqlite => {
            let path = config::sqlite_path(url)
                .ok_or("an in-memory database keeps nothing: name a file")?;
            if !path.exists() {
                return Ok(format!(
                    "SQLite file {}: does not exist yet, created at the first start",
                    path.display()
                ));
            }
            format!("sqlite://{}?mode=ro", path.display())
        }
        Backend::Postgres => url.to_owned(),
    };
    sqlx::any::install_default_drivers();
    let mut conn = AnyConnection::connect(&connect)
        .await
        .map_err(|e| format!("cannot connect: {e}"))?;
    let applied = schema::applied(&mut conn, backend).await;
    conn.close().await.ok();
    let applied = applied.map_err(|e| format!("cannot read its schema: {e}"))?;
    let kind = match backend {
        Backend::Sqlite => "SQLite",
        Backend::Postgres => "PostgreSQL",
    };
    match schema::state_of(&applied) {
        newer @ SchemaState::Newer { .. } => Err(newer.to_string()),
        SchemaState::Behind { database: 0, .. } => {
            Ok(format!("{kind}, empty: migrated at the first start"))
        }
        SchemaState::Behind { database, .. } => Ok(format!(
            "{kind}, schema version {database}: migrated to {} at the next start (back it up first)",
            schema::newest_known()
        )),
        SchemaState::Current => Ok(format!("{kind}, schema version {}", schema::newest_known())),
    }
}

/// `postgres://user:secret@host/db` → `postgres://user:***@host/db`: the report may be pasted
/// into a ticket.
fn without_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    match rest.split_once('@') {
        Some((credentials, host)) => match credentials.split_once(':') {
            Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
            None => url.to_owned(),
        },
        None => url.to_owned(),
    }
}

fn described(settings: &Settings) -> [(&'static str, String); 5] {
    [
        (
            "PANTAU_PUBLIC_ORIGIN",
            settings.public_origin.as_ref().map_or_else(
                || "unset: the Host header names the site".to_owned(),
                |o| o.as_str().to_owned(),
            ),
        ),
        (
            "PANTAU_TRUSTED_PROXY_HEADER",
            settings.trusted_proxy_header.as_ref().map_or_else(
                || "unset: the client is the socket's address".to_owned(),
                |h| h.as_str().to_owned(),
            ),
        ),
        (
            "PANTAU_SECURE_COOKIES",
            if settings.secure_cookies {
                "1: the session cookie over HTTPS only".to_owned()
            } else {
                "0: the session cookie over http too".to_owned()
            },
        ),
        (
            "PANTAU_METRICS",
            if settings.metrics {
                "1: GET /metrics answers (keep it from the public)".to_owned()
            } else {
                "0: no /metrics".to_owned()
            },
        ),
        (
            "PANTAU_EVIDENCE_MAX_MB",
            format!(
                "{}: the largest evidence file",
                settings.evidence_limit() / (1024 * 1024)
            ),
        ),
    ]
}

/// A combination that runs but is likely not what was meant.
fn warning(settings: &Settings) -> Option<&'static str> {
    let https = settings
        .public_origin
        .as_ref()
        .is_some_and(|o| o.as_str().starts_with("https://"));
    (https && !settings.secure_cookies).then_some(
        "PANTAU_PUBLIC_ORIGIN is https but PANTAU_SECURE_COOKIES is not 1: set it, so the \
         session cookie never travels over plain http",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_in_the_database_url_is_never_printed() {
        assert_eq!(
            without_password("postgres://pantau:rahasia@db.example/pantau"),
            "postgres://pantau:***@db.example/pantau"
        );
        assert_eq!(
            without_password("postgres://pantau@db/pantau"),
            "postgres://pantau@db/pantau"
        );
        assert_eq!(
            without_password("sqlite://data/pantau.db"),
            "sqlite://data/pantau.db"
        );
    }

    #[test]
    fn an_https_origin_without_secure_cookies_is_warned_about() {
        let behind = |secure_cookies| Settings {
            public_origin: config::Origin::parse("https://pantau.example.go.id"),
            secure_cookies,
            ..Settings::default()
        };
        assert!(warning(&behind(false)).is_some());
        assert_eq!(warning(&behind(true)), None);
        assert_eq!(warning(&Settings::default()), None);
    }
}
