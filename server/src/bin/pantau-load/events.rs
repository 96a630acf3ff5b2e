//! A live-event stream (server-sent events) on a connection of its own, as a dashboard holds
//! one.

use crate::http::{connect, read_chunk, read_head, Failure, HttpError, Request, ANSWER_TIMEOUT};
use std::net::IpAddr;
use tokio::io::{AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// A server-sent event stream on its own connection.
pub struct EventStream {
    stream: BufReader<TcpStream>,
    chunked: bool,
    pending: String,
}

impl EventStream {
    /// Opens `path` (a `GET` with the session cookie); the answer must be 200.
    pub async fn open(
        host: &str,
        source: IpAddr,
        path: &str,
        cookie: &str,
    ) -> Result<EventStream, HttpError> {
        let request = Request::get(path)
            .header("Accept", "text/event-stream")
            .header("Cookie", cookie.to_owned());
        let mut stream = BufReader::new(connect(host, source).await.map_err(HttpError::Connect)?);
        let head = tokio::time::timeout(ANSWER_TIMEOUT, async {
            stream
                .get_mut()
                .write_all(&request.bytes(host))
                .await
                .map_err(HttpError::Send)?;
            read_head(&mut stream).await.map_err(Failure::into_error)
        })
        .await
        .map_err(|_| HttpError::Timeout)??;
        let (status, headers) = head;
        if status != 200 {
            return Err(HttpError::Answer(format!("event stream answered {status}")));
        }
        let chunked = headers
            .iter()
            .any(|(n, v)| n == "transfer-encoding" && v.eq_ignore_ascii_case("chunked"));
        Ok(EventStream {
            stream,
            chunked,
            pending: String::new(),
        })
    }

    /// The name of the next event (`message` when it has none); comments are skipped.
    pub async fn next_event(&mut self) -> Result<String, HttpError> {
        loop {
            if let Some(end) = self.pending.find("\n\n") {
                let block: String = self.pending.drain(..end + 2).collect();
                let data_or_name = block
                    .lines()
                    .any(|l| l.starts_with("data") || l.starts_with("event"));
                if !data_or_name {
                    continue;
                }
                let name = block
                    .lines()
                    .find_map(|l| l.strip_prefix("event:"))
                    .map_or("message", str::trim);
                return Ok(name.to_owned());
            }
            let bytes = if self.chunked {
                read_chunk(&mut self.stream)
                    .await
                    .map_err(HttpError::Answer)?
                    .ok_or_else(|| HttpError::Answer("the event stream ended".into()))?
            } else {
                let mut buffer = vec![0; 4096];
                let n = self
                    .stream
                    .read(&mut buffer)
                    .await
                    .map_err(|e| HttpError::Answer(e.to_string()))?;
                if n == 0 {
                    return Err(HttpError::Answer("the event stream ended".into()));
                }
                buffer.truncate(n);
                buffer
            };
            self.pending
                .push_str(&String::from_utf8_lossy(&bytes).replace("\r\n", "\n"));
        }
    }
}
