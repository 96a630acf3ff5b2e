//! Receiving an evidence upload: the multipart form's fields (`berkas`, `keterangan`,
//! `tautan`), the file streamed into chunk rows as it arrives. Memory stays bounded whatever is
//! sent: one chunk being filled, the first and the last 64 KiB (to tell DOCX from XLSX), a
//! caption and a link, and what the multipart parser holds: one frame of the body, because
//! [`paced`] hands it the body a frame at a time (the parser, multer, otherwise reads every
//! frame that is ready into its buffer, up to the whole body). A file is refused as soon as it
//! passes the limit or its first bytes show a kind that is not taken; whatever was written for
//! it is removed then.

use crate::storage::{Store, CHUNK_BYTES};
use app::error::AppError;
use axum::extract::multipart::{Field, MultipartError};
use axum::extract::Multipart;
use axum::http::StatusCode;
use model::evidence::{
    check_caption, check_link, check_size, safe_file_name, sniff_head, zip_kind, EvidenceError,
    EvidenceKind, Sniffed, SNIFF_WINDOW,
};
use sha2::{Digest, Sha256};
use std::pin::Pin;
use std::task::{Context, Poll};

/// What the form carried, checked.
pub enum Sent {
    File(Received),
    Link(String),
}

/// A file written into an upload's blob, not yet attached.
pub struct Received {
    pub blob: i64,
    pub name: String,
    pub kind: EvidenceKind,
    pub sha256: String,
    pub size: u64,
}

/// A caption or a link longer than this is refused before it is read whole.
const MAX_TEXT_FIELD_BYTES: usize = 16 * 1024;

/// Reads the form. On a refusal nothing of it stays stored; on success the file's blob
/// (when there is one) waits to be attached or discarded by the caller.
pub async fn read_form(
    store: &Store,
    mut multipart: Multipart,
    limit: u64,
) -> Result<(Sent, String), AppError> {
    let mut caption = String::new();
    let mut link = String::new();
    let mut file: Option<Received> = None;
    let outcome = async {
        while let Some(field) = multipart
            .next_field()
            .await
            .map_err(|e| unreadable(&e, limit))?
        {
            match field.name() {
                Some("keterangan") => caption = text_field(field, limit).await?,
                Some("tautan") => link = text_field(field, limit).await?,
                Some("berkas") => {
                    let name = field.file_name().unwrap_or_default().to_owned();
                    if let Some(received) = receive(store, field, &name, limit, &mut file).await? {
                        file = Some(received);
                    }
                }
                // Anything else is read past.
                _ => {}
            }
        }
        let caption = check_caption(&caption).map_err(invalid)?;
        let link = link.trim();
        let sent = match (file.take(), link.is_empty()) {
            (Some(received), true) => Sent::File(received),
            (None, false) => Sent::Link(check_link(link).map_err(invalid)?),
            (Some(received), false) => {
                file = Some(received);
                return Err(invalid(EvidenceError::Both));
            }
            (None, true) => return Err(invalid(EvidenceError::Nothing)),
        };
        Ok((sent, caption))
    }
    .await;
    if outcome.is_err() {
        if let Some(received) = &file {
            discard(store, received.blob).await;
        }
    }
    outcome
}

/// Removes an upload's bytes; a failure is logged (the purge removes what is left).
pub async fn discard(store: &Store, blob: i64) {
    if let Err(error) = store.discard_blob(blob).await {
        tracing::warn!(%error, blob, "cannot remove a refused upload's bytes; the purge will");
    }
}

async fn text_field(mut field: Field<'_>, limit: u64) -> Result<String, AppError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(|e| unreadable(&e, limit))? {
        bytes.extend_from_slice(&chunk);
        if bytes.len() > MAX_TEXT_FIELD_BYTES {
            return Err(AppError::Invalid(
                "Keterangan atau tautan terlalu panjang".into(),
            ));
        }
    }
    String::from_utf8(bytes).map_err(|_| AppError::Malformed)
}

/// Streams the file into a new blob. `None` for the empty file field a form sends when no file
/// was chosen. `slot` holds a second file's predecessor: a form sends one file.
async fn receive(
    store: &Store,
    mut field: Field<'_>,
    sent_name: &str,
    limit: u64,
    slot: &mut Option<Received>,
) -> Result<Option<Received>, AppError> {
    let name = safe_file_name(sent_name);
    let mut state = Streaming {
        head: Vec::new(),
        tail: Vec::new(),
        buffer: Vec::with_capacity(CHUNK_BYTES),
        hasher: Sha256::new(),
        size: 0,
        seq: 0,
        blob: None,
        kind: None,
    };
    let result = async {
        while let Some(chunk) = field.chunk().await.map_err(|e| unreadable(&e, limit))? {
            state.size += chunk.len() as u64;
            check_size(&name, state.size, limit).map_err(too_large)?;
            if slot.is_some() {
                return Err(AppError::Invalid("Kirim satu berkas sekali lampir".into()));
            }
            state.take(store, &name, &chunk).await?;
        }
        if state.size == 0 {
            return if sent_name.is_empty() {
                Ok(None)
            } else {
                Err(invalid(EvidenceError::Empty(name.clone())))
            };
        }
        state.finish(store, &name).await.map(Some)
    }
    .await;
    if result.is_err() {
        if let Some(blob) = state.blob {
            discard(store, blob).await;
        }
    }
    result
}

struct Streaming {
    head: Vec<u8>,
    tail: Vec<u8>,
    buffer: Vec<u8>,
    hasher: Sha256,
    size: u64,
    seq: i64,
    blob: Option<i64>,
    /// `Some(None)`: a zip, told apart at the end.
    kind: Option<Option<EvidenceKind>>,
}

impl Streaming {
    async fn take(&mut self, store: &Store, name: &str, mut bytes: &[u8]) -> Result<(), AppError> {
        self.hasher.update(bytes);
        if self.head.len() < SNIFF_WINDOW {
            let take = bytes.len().min(SNIFF_WINDOW - self.head.len());
            self.head.extend_from_slice(&bytes[..take]);
        }
        self.tail.extend_from_slice(bytes);
        if self.tail.len() > 2 * SNIFF_WINDOW {
            self.tail.drain(..self.tail.len() - SNIFF_WINDOW);
        }
        if self.kind.is_none() && self.head.len() >= 16 {
            self.sniff(name)?;
        }
        while !bytes.is_empty() {
            let room = CHUNK_BYTES - self.buffer.len();
            let take = bytes.len().min(room);
            self.buffer.extend_from_slice(&bytes[..take]);
            bytes = &bytes[take..];
            if self.buffer.len() == CHUNK_BYTES {
                self.flush(store).await?;
            }
        }
        Ok(())
    }

    fn sniff(&mut self, name: &str) -> Result<(), AppError> {
        self.kind = Some(match sniff_head(name, &self.head).map_err(invalid)? {
            Sniffed::Is(kind) => Some(kind),
            Sniffed::Zip => None,
        });
        Ok(())
    }

    async fn flush(&mut self, store: &Store) -> Result<(), AppError> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let blob = match self.blob {
            Some(blob) => blob,
            None => {
                let blob = store.begin_blob(crate::clock::now()).await?;
                self.blob = Some(blob);
                blob
            }
        };
        store.write_chunk(blob, self.seq, &self.buffer).await?;
        self.seq += 1;
        self.buffer.clear();
        Ok(())
    }

    async fn finish(&mut self, store: &Store, name: &str) -> Result<Received, AppError> {
        if self.kind.is_none() {
            self.sniff(name)?;
        }
        let kind = match self.kind.flatten() {
            Some(kind) => kind,
            None => zip_kind(name, &self.head, &self.tail).map_err(invalid)?,
        };
        self.flush(store).await?;
        let hasher = std::mem::take(&mut self.hasher);
        Ok(Received {
            blob: self
                .blob
                .ok_or_else(|| AppError::internal("an upload wrote no chunk"))?,
            name: name.to_owned(),
            kind,
            sha256: hex::encode(hasher.finalize()),
            size: self.size,
        })
    }
}

fn invalid(error: EvidenceError) -> AppError {
    AppError::Invalid(error.to_string())
}

fn too_large(error: EvidenceError) -> AppError {
    AppError::TooLarge(error.to_string())
}

/// A multipart body that does not read: over the request's limit (413), or broken (400).
fn unreadable(error: &MultipartError, limit: u64) -> AppError {
    tracing::info!(%error, "an evidence upload does not read");
    // The body limit's error, under the parser's and the paced body's own.
    let mut over_limit = false;
    let mut source: Option<&dyn std::error::Error> = Some(error);
    while let Some(cause) = source {
        over_limit |= cause.to_string().contains("length limit exceeded");
        source = cause.source();
    }
    if over_limit || error.status() == StatusCode::PAYLOAD_TOO_LARGE {
        AppError::TooLarge(super::evidence::too_large_words(limit))
    } else {
        AppError::Malformed
    }
}

/// The request with its body handed on one frame per poll (see the module's comment).
pub async fn paced(request: axum::extract::Request) -> axum::extract::Request {
    let (parts, body) = request.into_parts();
    let paced = Paced {
        frames: body.into_data_stream(),
        rested: false,
    };
    axum::extract::Request::from_parts(parts, axum::body::Body::from_stream(paced))
}

/// A stream that, after each item, answers "not yet" once (and asks to be polled again at
/// once), so a reader that drains whatever is ready takes one item at a time.
struct Paced<S> {
    frames: S,
    rested: bool,
}

impl<S: futures::Stream + Unpin> futures::Stream for Paced<S> {
    type Item = S::Item;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<S::Item>> {
        if !self.rested {
            self.rested = true;
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        let polled = Pin::new(&mut self.frames).poll_next(cx);
        if polled.is_ready() {
            self.rested = false;
        }
        polled
    }
}
