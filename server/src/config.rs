//! Settings from the environment.

/// Where the data lives unless `DATABASE_URL` says otherwise: a SQLite file, created on first run.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/pantau.db";

pub fn database_url() -> String {
    std::env::var("DATABASE_URL")
        .ok()
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned())
}

/// The file of a SQLite database URL (`sqlite://data/pantau.db?mode=rwc` → `data/pantau.db`);
/// `None` for another database or an in-memory one.
pub fn sqlite_path(url: &str) -> Option<std::path::PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or_default();
    (!path.is_empty() && path != ":memory:").then(|| std::path::PathBuf::from(path))
}

/// Creates the folder of a SQLite file, so that a fresh clone runs with no setup.
pub fn ensure_sqlite_folder(url: &str) -> std::io::Result<()> {
    match sqlite_path(url)
        .as_deref()
        .and_then(std::path::Path::parent)
    {
        Some(dir) if !dir.as_os_str().is_empty() => std::fs::create_dir_all(dir),
        _ => Ok(()),
    }
}

/// How the server is reached, read from the environment once at start-up.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Settings {
    /// `PANTAU_PUBLIC_ORIGIN`: the origin people use (`https://pantau.example.go.id`) when a
    /// reverse proxy sits in front; requests that change data must then come from it rather than
    /// from whatever `Host` the proxy passes on. Unset: the `Host` header is the site.
    pub public_origin: Option<Origin>,
    /// `PANTAU_TRUSTED_PROXY_HEADER`: the header (`X-Forwarded-For`) whose right-most entry,
    /// written by the proxy, is the client's address. Unset: the socket's address, and no
    /// header is believed (a client could write any address into it).
    pub trusted_proxy_header: Option<http::HeaderName>,
    /// `PANTAU_SECURE_COOKIES=1`: the session cookie is only sent over HTTPS.
    pub secure_cookies: bool,
    /// `PANTAU_METRICS=1`: `GET /metrics` answers with the counters (`crate::metrics`), to
    /// anyone who reaches it: keep it from the public at the proxy.
    pub metrics: bool,
    /// `PANTAU_EVIDENCE_MAX_MB`: the largest evidence file, in MB (1 to 1024). Unset: 20 MB
    /// (`model::evidence::DEFAULT_MAX_FILE_BYTES`).
    pub evidence_max_bytes: Option<u64>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SettingsError {
    #[error("PANTAU_PUBLIC_ORIGIN must be scheme://host[:port] with http or https and no path (given: {0:?})")]
    PublicOrigin(String),
    #[error(
        "PANTAU_TRUSTED_PROXY_HEADER must be a header name such as X-Forwarded-For (given: {0:?})"
    )]
    ProxyHeader(String),
    #[error(
        "PANTAU_EVIDENCE_MAX_MB must be a whole number of megabytes from 1 to 1024 (given: {0:?})"
    )]
    EvidenceMax(String),
    #[error("{name} must be 1 (on) or 0 (off) (given: {given:?})")]
    Flag { name: &'static str, given: String },
}

impl Settings {
    /// The largest evidence file, in bytes.
    pub fn evidence_limit(&self) -> u64 {
        self.evidence_max_bytes
            .unwrap_or(model::evidence::DEFAULT_MAX_FILE_BYTES)
    }

    pub fn from_env() -> Result<Settings, SettingsError> {
        Settings::from_vars(|name| std::env::var(name).ok())
    }

    /// The settings from variables looked up by `var`; blank counts as unset.
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Result<Settings, SettingsError> {
        let var = |name: &str| var(name).filter(|v| !v.trim().is_empty());
        let public_origin = var("PANTAU_PUBLIC_ORIGIN")
            .map(|text| Origin::parse(&text).ok_or(SettingsError::PublicOrigin(text)))
            .transpose()?;
        let trusted_proxy_header = var("PANTAU_TRUSTED_PROXY_HEADER")
            .map(|text| {
                http::HeaderName::from_bytes(text.trim().as_bytes())
                    .map_err(|_| SettingsError::ProxyHeader(text))
            })
            .transpose()?;
        // Only 1 or 0: "true" or "yes" taken silently as off would, for one, send the session
        // cookie over plain http on a server whose officer meant the opposite.
        let flag = |name: &'static str| match var(name).as_deref().map(str::trim) {
            None | Some("0") => Ok(false),
            Some("1") => Ok(true),
            Some(other) => Err(SettingsError::Flag {
                name,
                given: other.to_owned(),
            }),
        };
        let evidence_max_bytes = var("PANTAU_EVIDENCE_MAX_MB")
            .map(|text| {
                text.trim()
                    .parse::<u64>()
                    .ok()
                    .filter(|mb| (1..=1024).contains(mb))
                    .map(|mb| mb * 1024 * 1024)
                    .ok_or(SettingsError::EvidenceMax(text))
            })
            .transpose()?;
        Ok(Settings {
            evidence_max_bytes,
            public_origin,
            trusted_proxy_header,
            secure_cookies: flag("PANTAU_SECURE_COOKIES")?,
            metrics: flag("PANTAU_METRICS")?,
        })
    }
}

/// A web origin, `scheme://host[:port]`, in lower case and without the scheme's default port,
/// as browsers write it in `Origin`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin(String);

impl Origin {
    /// The origin of a URL (`https://Pantau.example:443/rencana/1` → `https://pantau.example`);
    /// `None` when it is not an http(s) URL with a host.
    pub fn of_url(url: &str) -> Option<Origin> {
        let (scheme, rest) = url.trim().split_once("://")?;
        let scheme = scheme.to_ascii_lowercase();
        let default_port = match scheme.as_str() {
            "http" => ":80",
            "https" => ":443",
            _ => return None,
        };
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let authority = rest[..end].to_ascii_lowercase();
        if authority.is_empty() || authority.contains(['@', ' ', '\\']) {
            return None;
        }
        let authority = authority.strip_suffix(default_port).unwrap_or(&authority);
        Some(Origin(format!("{scheme}://{authority}")))
    }

    /// An origin as configured: a URL with nothing after the host but an optional `/`.
    pub fn parse(text: &str) -> Option<Origin> {
        let text = text.trim();
        let rest = text.split_once("://")?.1;
        let path = rest.find('/').map(|i| &rest[i..]).unwrap_or("");
        if !(path.is_empty() || path == "/") || rest.contains(['?', '#']) {
            return None;
        }
        Origin::of_url(text)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(vars: &[(&str, &str)]) -> Result<Settings, SettingsError> {
        Settings::from_vars(|name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v).to_owned())
        })
    }

    #[test]
    fn with_nothing_set_the_host_header_and_the_socket_address_are_used() {
        assert_eq!(settings(&[]), Ok(Settings::default()));
        assert_eq!(
            settings(&[
                ("PANTAU_PUBLIC_ORIGIN", " "),
                ("PANTAU_SECURE_COOKIES", "0")
            ]),
            Ok(Settings::default())
        );
    }

    #[test]
    fn the_evidence_limit_is_20_mb_unless_set_in_whole_megabytes() {
        assert_eq!(Settings::default().evidence_limit(), 20 * 1024 * 1024);
        let set = settings(&[("PANTAU_EVIDENCE_MAX_MB", " 5 ")]).unwrap();
        assert_eq!(set.evidence_limit(), 5 * 1024 * 1024);
        for bad in ["0", "2000", "1,5", "lima"] {
            assert_eq!(
                settings(&[("PANTAU_EVIDENCE_MAX_MB", bad)]),
                Err(SettingsError::EvidenceMax(bad.to_owned()))
            );
        }
    }

    #[test]
    fn the_public_origin_and_the_proxy_header_are_read_and_checked() {
        let read = settings(&[
            ("PANTAU_PUBLIC_ORIGIN", "https://Pantau.Example.go.id/"),
            ("PANTAU_TRUSTED_PROXY_HEADER", "X-Forwarded-For"),
            ("PANTAU_SECURE_COOKIES", "1"),
        ])
        .unwrap();
        assert_eq!(
            read.public_origin.unwrap().as_str(),
            "https://pantau.example.go.id"
        );
        assert_eq!(
            read.trusted_proxy_header.unwrap().as_str(),
            "x-forwarded-for"
        );
        assert!(read.secure_cookies);
        for bad in [
            "pantau.example.go.id",
            "ftp://pantau.example.go.id",
            "https://pantau.example.go.id/masuk",
            "https://",
        ] {
            assert_eq!(
                settings(&[("PANTAU_PUBLIC_ORIGIN", bad)]),
                Err(SettingsError::PublicOrigin(bad.into()))
            );
        }
        assert!(settings(&[("PANTAU_TRUSTED_PROXY_HEADER", "X Forwarded")]).is_err());
        assert_eq!(
            settings(&[("PANTAU_SECURE_COOKIES", "true")]),
            Err(SettingsError::Flag {
                name: "PANTAU_SECURE_COOKIES",
                given: "true".into()
            })
        );
        assert!(settings(&[("PANTAU_METRICS", "1")]).unwrap().metrics);
        assert!(settings(&[("PANTAU_METRICS", "ya")]).is_err());
    }

    #[test]
    fn a_sqlite_url_names_its_file_and_other_urls_none() {
        let path = |url| sqlite_path(url).map(|p| p.display().to_string());
        assert_eq!(
            path("sqlite://data/pantau.db").as_deref(),
            Some("data/pantau.db")
        );
        assert_eq!(
            path("sqlite:///var/lib/pantau/pantau.db?mode=rwc").as_deref(),
            Some("/var/lib/pantau/pantau.db")
        );
        assert_eq!(path("sqlite::memory:"), None);
        assert_eq!(path("postgres://pantau@db/pantau"), None);
    }

    #[test]
    fn an_origin_drops_the_path_and_the_default_port_and_ignores_case() {
        let origin = |url| Origin::of_url(url).map(|o| o.0);
        assert_eq!(
            origin("https://Pantau.example:443/rencana/1").as_deref(),
            Some("https://pantau.example")
        );
        assert_eq!(
            origin("http://127.0.0.1:3000").as_deref(),
            Some("http://127.0.0.1:3000")
        );
        assert_eq!(
            origin("http://evil.example?x").as_deref(),
            Some("http://evil.example")
        );
        assert_eq!(origin("null"), None);
        assert_eq!(origin("https://user@pantau.example"), None);
    }
}
