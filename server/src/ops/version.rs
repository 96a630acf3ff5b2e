//! What `pantau --version` prints: the release and the schema version it runs on.

/// `pantau 0.1.0 (schema version 9)`: the crate's version and the newest migration it carries.
pub fn version_line() -> String {
    format!(
        "pantau {} (schema version {})",
        env!("CARGO_PKG_VERSION"),
        crate::storage::schema::newest_known()
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_version_names_the_release_and_the_newest_migration() {
        let line = super::version_line();
        assert!(line.starts_with(&format!("pantau {} ", env!("CARGO_PKG_VERSION"))));
        assert!(line.ends_with(&format!(
            "(schema version {})",
            crate::storage::schema::newest_known()
        )));
    }
}
