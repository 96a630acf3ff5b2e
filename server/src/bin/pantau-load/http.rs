//! A small HTTP/1.1 client: one kept-alive connection per simulated person, as a browser tab
//! holds one (a live-event stream has its own, `events`). Written over tokio's TCP
//! stream because the tree's hyper is built without its client half, and turning that on
//! would rebuild every crate above hyper.

use std::borrow::Cow;
use std::net::{IpAddr, SocketAddr};
use std::time::{Duration, Instant};
use thiserror::Error;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpSocket, TcpStream};

/// A request gets this long for its whole answer.
pub(crate) const ANSWER_TIMEOUT: Duration = Duration::from_secs(30);
/// A connection idle this long is not reused: the server may be closing it.
const IDLE_REUSE: Duration = Duration::from_secs(20);

#[derive(Debug, Error)]
pub enum HttpError {
    #[error("cannot connect: {0}")]
    Connect(std::io::Error),
    #[error("cannot send: {0}")]
    Send(std::io::Error),
    #[error("no whole answer: {0}")]
    Answer(String),
    #[error("no answer within {} s", ANSWER_TIMEOUT.as_secs())]
    Timeout,
}

#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    /// Names in lower case.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(&self.body)
    }

    /// The value of the cookie `name` this answer sets, if any.
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.headers
            .iter()
            .filter(|(n, _)| n == "set-cookie")
            .filter_map(|(_, v)| v.split(';').next())
            .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
            .filter(|value| !value.is_empty())
            .map(str::to_owned)
    }
}

/// One request.
pub struct Request<'a> {
    pub method: &'static str,
    pub path: &'a str,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

impl<'a> Request<'a> {
    pub fn get(path: &'a str) -> Request<'a> {
        Request {
            method: "GET",
            path,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    /// A form post, as a browser sends it: from a page of this site.
    pub fn form(path: &'a str, fields: &[(&str, &str)]) -> Request<'a> {
        let body = fields
            .iter()
            .map(|(name, value)| format!("{}={}", encode(name), encode(value)))
            .collect::<Vec<_>>()
            .join("&");
        Request {
            method: "POST",
            path,
            headers: vec![(
                "Content-Type",
                "application/x-www-form-urlencoded".to_owned(),
            )],
            body: body.into_bytes(),
        }
    }

    pub fn json(path: &'a str, body: Vec<u8>) -> Request<'a> {
        Request {
            method: "POST",
            path,
            headers: vec![("Content-Type", "application/json".to_owned())],
            body,
        }
    }

    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Request<'a> {
        self.headers.push((name, value.into()));
        self
    }

    pub(crate) fn bytes(&self, host: &str) -> Vec<u8> {
        let mut head = format!(
            "{} {} HTTP/1.1\r\nHost: {host}\r\nContent-Length: {}\r\n",
            self.method,
            self.path,
            self.body.len()
        );
        if self.method != "GET" {
            head.push_str(&format!("Origin: http://{host}\r\n"));
        }
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        let mut bytes = head.into_bytes();
        bytes.extend_from_slice(&self.body);
        bytes
    }
}

/// Percent-encoding for form fields.
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' => {
                out.push(byte as char)
            }
            b' ' => out.push('+'),
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

/// Connects to `host` (`IP:PORT`) from `source`: each simulated person's own loopback address
/// (127.x.y.z all reach this machine), as each sits at a PC of their own.
pub(crate) async fn connect(host: &str, source: IpAddr) -> std::io::Result<TcpStream> {
    let server: SocketAddr = host.parse().map_err(|e| {
        std::io::Error::new(std::io::ErrorKind::InvalidInput, format!("{host}: {e}"))
    })?;
    let socket = if server.is_ipv4() {
        TcpSocket::new_v4()?
    } else {
        TcpSocket::new_v6()?
    };
    if server.is_ipv4() == source.is_ipv4() {
        socket.bind(SocketAddr::new(source, 0))?;
    }
    socket.connect(server).await
}

/// A kept-alive connection to one server.
pub struct Conn {
    host: String,
    source: IpAddr,
    stream: Option<(BufReader<TcpStream>, Instant)>,
    /// Requests sent again on a new connection because the server had closed an idle one
    /// before reading them.
    pub reconnects: u64,
}

impl Conn {
    pub fn new(host: &str, source: IpAddr) -> Conn {
        Conn {
            host: host.to_owned(),
            source,
            stream: None,
            reconnects: 0,
        }
    }

    pub fn host(&self) -> &str {
        &self.host
    }

    pub fn source(&self) -> IpAddr {
        self.source
    }

    /// Sends `request` and reads its whole answer. A kept-alive connection the server closed
    /// before answering a single byte is replaced once: the server never read that request.
    pub async fn send(&mut self, request: &Request<'_>) -> Result<Reply, HttpError> {
        let bytes = request.bytes(&self.host);
        let reused = self
            .stream
            .as_ref()
            .is_some_and(|(_, since)| since.elapsed() < IDLE_REUSE);
        if !reused {
            self.stream = None;
        }
        match self.exchange(&bytes).await {
            Err(Failure::Untouched(_)) if reused => {
                self.reconnects += 1;
                self.stream = None;
                self.exchange(&bytes).await.map_err(Failure::into_error)
            }
            other => other.map_err(Failure::into_error),
        }
    }

    async fn exchange(&mut self, bytes: &[u8]) -> Result<Reply, Failure> {
        let mut stream = match self.stream.take() {
            Some((stream, _)) => stream,
            None => BufReader::new(
                connect(&self.host, self.source)
                    .await
                    .map_err(|e| Failure::Fatal(HttpError::Connect(e)))?,
            ),
        };
        let answer = tokio::time::timeout(ANSWER_TIMEOUT, async {
            if let Err(e) = stream.get_mut().write_all(bytes).await {
                return Err(Failure::Untouched(HttpError::Send(e)));
            }
            read_reply(&mut stream).await
        })
        .await
        .map_err(|_| Failure::Fatal(HttpError::Timeout))??;
        let close = answer
            .header("connection")
            .is_some_and(|c| c.eq_ignore_ascii_case("close"));
        if !close {
            self.stream = Some((stream, Instant::now()));
        }
        Ok(answer)
    }
}

/// Why an exchange failed: `Untouched` when not one byte of an answer came back.
pub(crate) enum Failure {
    Untouched(HttpError),
    Fatal(HttpError),
}

impl Failure {
    pub(crate) fn into_error(self) -> HttpError {
        match self {
            Failure::Untouched(e) | Failure::Fatal(e) => e,
        }
    }
}

async fn read_reply(stream: &mut BufReader<TcpStream>) -> Result<Reply, Failure> {
    let (status, headers) = read_head(stream).await?;
    let fatal = |what: String| Failure::Fatal(HttpError::Answer(what));
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    let body = if let Some(length) = header("content-length") {
        let length: usize = length
            .parse()
            .map_err(|_| fatal(format!("Content-Length {length}")))?;
        let mut body = vec![0; length];
        stream
            .read_exact(&mut body)
            .await
            .map_err(|e| fatal(format!("body cut short: {e}")))?;
        body
    } else if header("transfer-encoding").is_some_and(|t| t.eq_ignore_ascii_case("chunked")) {
        let mut body = Vec::new();
        while let Some(chunk) = read_chunk(stream).await.map_err(fatal)? {
            body.extend_from_slice(&chunk);
        }
        body
    } else {
        let mut body = Vec::new();
        stream
            .read_to_end(&mut body)
            .await
            .map_err(|e| fatal(format!("body cut short: {e}")))?;
        body
    };
    Ok(Reply {
        status,
        headers,
        body,
    })
}

type Head = (u16, Vec<(String, String)>);

pub(crate) async fn read_head(stream: &mut BufReader<TcpStream>) -> Result<Head, Failure> {
    let mut line = String::new();
    let first = stream.read_line(&mut line).await;
    match first {
        Ok(0) => {
            return Err(Failure::Untouched(HttpError::Answer(
                "connection closed before the answer".into(),
            )))
        }
        Err(e) => return Err(Failure::Untouched(HttpError::Answer(e.to_string()))),
        Ok(_) => {}
    }
    let fatal = |what: String| Failure::Fatal(HttpError::Answer(what));
    let status = line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| fatal(format!("status line {line:?}")))?;
    let mut headers = Vec::new();
    loop {
        line.clear();
        let read = stream
            .read_line(&mut line)
            .await
            .map_err(|e| fatal(e.to_string()))?;
        if read == 0 {
            return Err(fatal("headers cut short".into()));
        }
        let trimmed = line.trim_end();
        if trimmed.is_empty() {
            break;
        }
        if let Some((name, value)) = trimmed.split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
        }
    }
    Ok((status, headers))
}

/// One chunk of a chunked body; `None` after the last (empty) one and its trailer.
pub(crate) async fn read_chunk(
    stream: &mut BufReader<TcpStream>,
) -> Result<Option<Vec<u8>>, String> {
    let mut line = String::new();
    if stream
        .read_line(&mut line)
        .await
        .map_err(|e| e.to_string())?
        == 0
    {
        return Err("chunked body cut short".into());
    }
    let size_text = line.trim().split(';').next().unwrap_or_default().to_owned();
    let size =
        usize::from_str_radix(&size_text, 16).map_err(|_| format!("chunk size {size_text:?}"))?;
    if size == 0 {
        // The trailer: header lines up to an empty one.
        loop {
            line.clear();
            let read = stream
                .read_line(&mut line)
                .await
                .map_err(|e| e.to_string())?;
            if read == 0 || line.trim_end().is_empty() {
                return Ok(None);
            }
        }
    }
    let mut chunk = vec![0; size + 2];
    stream
        .read_exact(&mut chunk)
        .await
        .map_err(|e| format!("chunk cut short: {e}"))?;
    chunk.truncate(size);
    Ok(Some(chunk))
}
