//! The `pantau` binary run as the IT officer runs it: arguments, `DATABASE_URL`, and what it
//! printed, with a time limit so a command that should have refused cannot hang the test.

// Shared by every test binary; each uses some of it.
#![allow(dead_code)]

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What a run of `pantau` left: whether it succeeded, and its output.
#[derive(Debug)]
pub struct Ran {
    pub ok: bool,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `pantau ARGS` on the database at `database_url`, in a folder of its own, for at most a
/// minute (then it is killed and the test fails).
pub fn pantau(args: &[&str], database_url: &str) -> Ran {
    pantau_with(args, database_url, &[])
}

/// [`pantau`] with more environment variables.
pub fn pantau_with(args: &[&str], database_url: &str, env: &[(&str, &str)]) -> Ran {
    let dir = std::env::temp_dir().join(format!(
        "pantau_cli_{}_{}",
        std::process::id(),
        super::unique_name()
    ));
    std::fs::create_dir_all(&dir).expect("a folder for the run");
    let out = dir.join("stdout");
    let err = dir.join("stderr");
    let mut child = Command::new(env!("CARGO_BIN_EXE_pantau"))
        .args(args)
        .current_dir(&dir)
        .env("DATABASE_URL", database_url)
        .env("RUST_LOG", "warn")
        // Never the machine's own server's address: a `serve` that should refuse must not bind.
        .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out).expect("stdout file"))
        .stderr(std::fs::File::create(&err).expect("stderr file"))
        .spawn()
        .expect("start pantau");
    let deadline = Instant::now() + Duration::from_secs(60);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for pantau") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "pantau {args:?} still ran after a minute:\n{}",
                std::fs::read_to_string(&err).unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let ran = Ran {
        ok: status.success(),
        stdout: std::fs::read_to_string(&out).unwrap_or_default(),
        stderr: std::fs::read_to_string(&err).unwrap_or_default(),
    };
    let _ = std::fs::remove_dir_all(&dir);
    ran
}
