//! A real `pantau serve` child process on a free port, killed with SIGKILL when the story says
//! so (and when dropped, so a failing story leaves none behind).

use super::http::{exchange, request};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Server {
    child: Child,
    pub port: u16,
}

impl Server {
    /// Starts `pantau serve` on `url` and waits until it answers; with `demo`, the demo data is
    /// loaded first (only the first start asks: loading hashes the demo passwords even when
    /// it then finds the people there). Its output goes to a log file in `dir`.
    pub fn start(dir: &Path, url: &str, demo: bool) -> Server {
        let port = free_port();
        let log_path = dir.join(format!("server-{port}.log"));
        let log = std::fs::File::create(&log_path).unwrap();
        let child = Command::new(env!("CARGO_BIN_EXE_pantau"))
            .args(if demo {
                &["serve", "--demo"][..]
            } else {
                &["serve"]
            })
            .current_dir(dir)
            .env("DATABASE_URL", url)
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
            .env("LEPTOS_SITE_ROOT", site(dir))
            .env("LEPTOS_SITE_PKG_DIR", "pkg")
            .env("LEPTOS_OUTPUT_NAME", "pantau")
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("start pantau serve");
        let mut server = Server { child, port };
        server.wait_until_up(&log_path);
        server
    }

    fn wait_until_up(&mut self, log: &Path) {
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                panic!(
                    "pantau serve exited ({status}) before answering:\n{}",
                    std::fs::read_to_string(log).unwrap_or_default()
                );
            }
            let probe = request("GET", self.port, "/masuk", &[], b"");
            if let Ok(reply) = exchange(self.port, &probe, || {}) {
                assert_eq!(reply.status, 200, "GET /masuk");
                return;
            }
            assert!(
                Instant::now() < deadline,
                "pantau serve did not answer in time:\n{}",
                std::fs::read_to_string(log).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// SIGKILL: no shutdown, no flushing, no goodbye.
    pub fn kill(&mut self) {
        self.child.kill().expect("SIGKILL the server");
        self.child.wait().expect("reap the server");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn site(dir: &Path) -> PathBuf {
    let site = dir.join("site");
    std::fs::create_dir_all(&site).unwrap();
    site
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}
