//! When `serve` stops: on Ctrl-C (a terminal) or SIGTERM (`systemctl stop`, `kill`), it stops
//! taking connections and lets the requests under way finish, then closes the database (SQLite
//! then folds its write-ahead log back into the file).

/// Resolves when the process is asked to stop.
pub async fn requested() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            // Without the handler SIGTERM still ends the process, only not gracefully.
            Err(error) => {
                tracing::warn!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = term => {}
    }
    tracing::info!("stopping: finishing the requests under way");
}
