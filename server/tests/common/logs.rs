//! Log lines captured while a story runs, to find a request's lines by its id.

// Shared by every test binary; only some of them use it.
#![allow(dead_code)]

use std::sync::{Arc, Mutex};

/// Log output kept in memory.
#[derive(Clone, Default)]
pub struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .expect("the log buffer")
            .extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    /// The lines that name request `id`.
    pub fn lines_of(&self, id: &str) -> Vec<String> {
        String::from_utf8_lossy(&self.0.lock().expect("the log buffer"))
            .lines()
            .filter(|line| line.contains(&format!("id={id}")))
            .map(str::to_owned)
            .collect()
    }
}

/// Captures the log lines at `level` and above written on this thread (the test's runtime)
/// until the guard is dropped.
pub fn capture(level: tracing::Level) -> (Captured, tracing::subscriber::DefaultGuard) {
    let logs = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_writer({
            let logs = logs.clone();
            move || logs.clone()
        })
        .with_ansi(false)
        .with_max_level(level)
        .finish();
    (logs, tracing::subscriber::set_default(subscriber))
}
