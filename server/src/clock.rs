//! The server's one clock: every timestamp the server stores or compares (sessions, audit
//! entries, sign-in throttles, the purge, the reporting month) is read here.

use model::time::Timestamp;

/// Now, as the model counts time (seconds since the Unix epoch). A clock set before 1970 reads
/// as the epoch rather than failing a save.
pub fn now() -> Timestamp {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default();
    Timestamp(i64::try_from(seconds).unwrap_or(i64::MAX))
}
