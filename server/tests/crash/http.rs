//! The crash story's browser: a few lines of HTTP/1.1 over `std::net::TcpStream`, one
//! connection per request, so an answer cut off by a kill is visible as exactly that. It uses
//! the server as a browser does: the login form, the sync push, a row's form post with
//! JavaScript off, and `get_plan` for the values a form shows.

use app::api::edit::SaveReport;
use app::api::plan::GetPlan;
use leptos::server_fn::ServerFn;
use model::sync::{Mutation, Outcome};
use model::{Plan, PlanId};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// A signed-in operator of the demo plan; the session cookie outlives server restarts, as a
/// browser's does.
#[derive(Clone)]
pub struct Client {
    pub port: u16,
    cookie: String,
}

/// Why a request got no answer.
#[derive(Debug)]
pub enum Lost {
    /// The request did not leave whole (no connection, or cut while writing).
    Unsent,
    /// Sent in full; the answer never arrived whole.
    Unanswered,
}

impl Client {
    pub fn sign_in(port: u16) -> Client {
        let form = b"username=operator.luwuk&password=operator-luwuk";
        let headers = [("Content-Type", "application/x-www-form-urlencoded")];
        let reply = exchange(
            port,
            &request("POST", port, "/api/masuk", &headers, form),
            || {},
        )
        .expect("sign in");
        let cookie = reply
            .headers
            .iter()
            .filter(|(name, _)| name == "set-cookie")
            .filter_map(|(_, value)| value.split(';').next())
            .find(|pair| pair.starts_with("pantau_sesi=") && pair.len() > "pantau_sesi=".len())
            .unwrap_or_else(|| panic!("no session cookie from the sign-in: {reply:?}"))
            .to_owned();
        Client { port, cookie }
    }

    /// The same browser talking to a restarted server.
    pub fn on(&self, port: u16) -> Client {
        Client {
            port,
            cookie: self.cookie.clone(),
        }
    }

    /// The plan as the page shows it.
    pub fn plan(&self, plan: PlanId) -> Plan {
        let body = format!("id={plan}");
        let reply = self
            .post(
                GetPlan::PATH,
                "application/x-www-form-urlencoded",
                body.as_bytes(),
                || {},
            )
            .expect("get_plan answers");
        assert_eq!(reply.status, 200, "get_plan: {}", reply.text());
        serde_json::from_slice(&reply.body).expect("get_plan gives a plan")
    }

    /// One `POST /api/sync_push`. A refusal (a status other than 200) fails the story: a crash
    /// loses answers, it never makes the server say no.
    pub fn push(&self, batch: &[Mutation], sent: impl FnOnce()) -> Result<Vec<Outcome>, Lost> {
        let body = serde_json::to_vec(&serde_json::json!({ "mutations": batch })).unwrap();
        let reply = self.post("/api/sync_push", "application/json", &body, sent)?;
        assert_eq!(reply.status, 200, "POST /api/sync_push: {}", reply.text());
        Ok(serde_json::from_slice(&reply.body).unwrap_or_else(|e| {
            panic!(
                "the push answer is no list of outcomes ({e}): {}",
                reply.text()
            )
        }))
    }

    /// A row's form posted with JavaScript off (`fields` as the form names them). Saved, the
    /// server sends the browser back to the page; a refusal would name an error there.
    pub fn post_row(
        &self,
        plan: PlanId,
        fields: &[(String, String)],
        sent: impl FnOnce(),
    ) -> Result<(), Lost> {
        let body = fields
            .iter()
            .map(|(name, value)| format!("{name}={}", encode(value)))
            .collect::<Vec<_>>()
            .join("&");
        let headers = [
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Accept", "text/html"),
            (
                "Referer",
                &format!("http://127.0.0.1:{}/rencana/{plan}", self.port),
            ),
            ("Cookie", self.cookie.as_str()),
        ];
        let bytes = request(
            "POST",
            self.port,
            SaveReport::PATH,
            &headers,
            body.as_bytes(),
        );
        let reply = exchange(self.port, &bytes, sent)?;
        let location = reply.header("location").unwrap_or_default();
        assert!(
            reply.status == 302 && !location.contains("__err"),
            "a row's form post answered {} to {location:?}: {}",
            reply.status,
            reply.text()
        );
        Ok(())
    }

    fn post(
        &self,
        path: &str,
        content_type: &str,
        body: &[u8],
        sent: impl FnOnce(),
    ) -> Result<Reply, Lost> {
        let headers = [
            ("Content-Type", content_type),
            ("Accept", "application/json"),
            ("Cookie", self.cookie.as_str()),
        ];
        exchange(
            self.port,
            &request("POST", self.port, path, &headers, body),
            sent,
        )
    }
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            b' ' => "+".into(),
            other => format!("%{other:02X}"),
        })
        .collect()
}

#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    /// Names in lower case.
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

pub fn request(
    method: &str,
    port: u16,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Vec<u8> {
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\n\
         Connection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let mut bytes = head.into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

/// Sends one request on a fresh connection and reads the answer to its end. `sent` runs once the
/// request is written in full.
pub fn exchange(port: u16, request: &[u8], sent: impl FnOnce()) -> Result<Reply, Lost> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(|_| Lost::Unsent)?;
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .map_err(|_| Lost::Unsent)?;
    stream.write_all(request).map_err(|_| Lost::Unsent)?;
    sent();
    let mut raw = Vec::new();
    let read = stream.read_to_end(&mut raw);
    parse_reply(&raw, read.is_ok()).ok_or(Lost::Unanswered)
}

/// The reply, if `raw` holds a whole one. `ended_cleanly`: the connection closed without error,
/// which is the only end of a body that has neither a length nor chunks.
fn parse_reply(raw: &[u8], ended_cleanly: bool) -> Option<Reply> {
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&raw[..split]).ok()?;
    let rest = &raw[split + 4..];
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    let body = if let Some(length) = header("content-length") {
        let length: usize = length.parse().ok()?;
        rest.get(..length)?.to_vec()
    } else if header("transfer-encoding").is_some_and(|t| t.eq_ignore_ascii_case("chunked")) {
        dechunk(rest)?
    } else if ended_cleanly {
        rest.to_vec()
    } else {
        return None;
    };
    Some(Reply {
        status,
        headers,
        body,
    })
}

/// A chunked body, if it is complete (ends with the last, empty chunk).
fn dechunk(mut rest: &[u8]) -> Option<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        let end = rest.windows(2).position(|w| w == b"\r\n")?;
        let size_text = std::str::from_utf8(&rest[..end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        rest = &rest[end + 2..];
        if size == 0 {
            return Some(body);
        }
        body.extend_from_slice(rest.get(..size)?);
        rest = rest.get(size + 2..)?;
    }
}
