//! Evidence over HTTP (issue 18). `GET /rencana/{plan}/bukti/{indikator|kegiatan}/{id}/tw/{n}`
//! is one quarter's page; a multipart `POST` there attaches a file (streamed, see
//! `evidence_upload`) or a link, then sends the browser back to the page. `GET /bukti/{id}`
//! serves a file (a link: redirects to it), `POST /bukti/{id}/hapus` removes one. Every step
//! passes the plan's access rule; a file of a plan the person may not read is "not found".
//!
//! Files are served as what their content was found to be (never HTML or SVG), with
//! `X-Content-Type-Options: nosniff` and `Content-Security-Policy: sandbox`, so a file can run
//! nothing in the site's origin, and uncompressed (`Content-Encoding: identity`: PDFs and
//! images gain little, and 20 MB through brotli would cost seconds).

use super::errors::text;
use super::evidence_page::slot_page;
use super::evidence_upload::{discard, read_form, Sent};
use crate::storage::{NewEvidence, NewSource, Store};
use crate::usecases::evidence::{self as usecase, SlotView};
use app::api::ssr::SignedIn;
use app::error::AppError;
use axum::body::{Body, Bytes};
use axum::extract::rejection::PathRejection;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Extension, Router};
use model::access::Person;
use model::evidence::{EvidenceId, Slot, Source};
use model::PlanId;
use std::sync::Arc;
use tower_http::limit::RequestBodyLimitLayer;

/// What an upload's body may carry besides the file: the form's other fields and the
/// multipart framing.
pub const FORM_ALLOWANCE_BYTES: u64 = 256 * 1024;

#[derive(Clone)]
struct EvidenceState {
    store: Store,
    stylesheet: Arc<str>,
    /// The largest file, in bytes.
    limit: u64,
}

/// The evidence routes, with their own body limit: the largest file and the form around it.
pub fn routes<S: Clone + Send + Sync + 'static>(
    store: Store,
    options: &leptos::config::LeptosOptions,
    limit: u64,
) -> Router<S> {
    let state = EvidenceState {
        store,
        stylesheet: super::import::stylesheet_href(options).into(),
        limit,
    };
    let body_limit = usize::try_from(limit + FORM_ALLOWANCE_BYTES).unwrap_or(usize::MAX);
    Router::new()
        .route(
            "/rencana/{plan}/bukti/{kind}/{id}/tw/{quarter}",
            get(page).post(upload),
        )
        .route("/bukti/{id}", get(download))
        .route("/bukti/{id}/hapus", post(remove))
        .layer(axum::middleware::map_request(super::evidence_upload::paced))
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(RequestBodyLimitLayer::new(body_limit))
        // The body limit's refusal (a length announced past it) in the evidence's own words.
        .layer(axum::middleware::map_response(
            move |response: Response| async move {
                if response.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    text(&AppError::TooLarge(too_large_words(limit)))
                } else {
                    response
                }
            },
        ))
        .with_state(state)
}

/// The refusal of a body past the evidence routes' limit.
pub fn too_large_words(limit: u64) -> String {
    format!(
        "Data yang dikirim terlalu besar: berkas data dukung paling besar {}",
        model::evidence::format_size(limit)
    )
}

type SlotPath = Result<Path<(String, String, String, String)>, PathRejection>;

fn signed_in(who: Option<Extension<SignedIn>>) -> Result<Person, AppError> {
    who.map(|Extension(SignedIn(person))| person)
        .ok_or(AppError::Unauthenticated)
}

/// The plan and slot an address names; anything else names nothing there.
fn slot_of(path: SlotPath) -> Result<(PlanId, Slot), AppError> {
    let not_found = || AppError::NotFound("Alamat data dukung ini".into());
    let Ok(Path((plan, kind, id, quarter))) = path else {
        return Err(not_found());
    };
    let plan = plan.parse::<i64>().map(PlanId).map_err(|_| not_found())?;
    let slot = Slot::from_path(&kind, &id, &quarter).ok_or_else(not_found)?;
    Ok((plan, slot))
}

fn evidence_id(path: Result<Path<String>, PathRejection>) -> Result<EvidenceId, AppError> {
    match path {
        Ok(Path(id)) => id
            .parse::<i64>()
            .map(EvidenceId)
            .map_err(|_| AppError::NotFound(format!("Data dukung nomor \u{201c}{id}\u{201d}"))),
        Err(_) => Err(AppError::NotFound("Data dukung".into())),
    }
}

fn html(status: StatusCode, body: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body,
    )
        .into_response()
}

async fn page(
    State(state): State<EvidenceState>,
    path: SlotPath,
    who: Option<Extension<SignedIn>>,
) -> Response {
    let shown = async {
        let who = signed_in(who)?;
        let (plan, slot) = slot_of(path)?;
        usecase::view(&state.store, &who, plan, slot).await
    }
    .await;
    match shown {
        Ok(view) => html(
            StatusCode::OK,
            slot_page(&state.stylesheet, &view, None, state.limit),
        ),
        Err(refused) => text(&refused),
    }
}

async fn upload(
    State(state): State<EvidenceState>,
    path: SlotPath,
    who: Option<Extension<SignedIn>>,
    headers: HeaderMap,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let who = match signed_in(who) {
        Ok(who) => who,
        Err(refused) => return text(&refused),
    };
    let (plan, slot) = match slot_of(path) {
        Ok(found) => found,
        Err(refused) => return text(&refused),
    };
    match attach(&state, &who, plan, slot, multipart).await {
        Ok(()) => Redirect::to(&format!("/rencana/{plan}/bukti/{}", slot.path())).into_response(),
        Err(refused) => refusal(&state, &who, plan, slot, &headers, &refused).await,
    }
}

/// Checks before reading a byte of the body, then reads it and attaches what it carried.
async fn attach(
    state: &EvidenceState,
    who: &Person,
    plan: PlanId,
    slot: Slot,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<(), AppError> {
    usecase::may_attach(&state.store, who, plan, slot).await?;
    let multipart = multipart.map_err(|rejection| {
        tracing::info!(%rejection, "an evidence upload is not a multipart form");
        AppError::Malformed
    })?;
    let (sent, caption) = read_form(&state.store, multipart, state.limit).await?;
    let (kind, name, source, blob) = match sent {
        Sent::File(file) => (
            file.kind,
            file.name,
            NewSource::File {
                blob: file.blob,
                sha256: file.sha256,
                size: file.size,
            },
            Some(file.blob),
        ),
        Sent::Link(link) => (
            model::evidence::EvidenceKind::Link,
            model::text::excerpt(&link, 120),
            NewSource::Link(link),
            None,
        ),
    };
    let new = NewEvidence {
        slot,
        kind,
        name,
        caption,
        source,
        by: who.id,
        by_name: who.name.clone(),
        at: crate::clock::now(),
    };
    if let Err(refused) = usecase::attach(&state.store, who, plan, &new).await {
        if let Some(blob) = blob {
            discard(&state.store, blob).await;
        }
        return Err(refused);
    }
    Ok(())
}

/// A refused upload: the page again with the reason, for a browser that may read it; else the
/// reason as text.
async fn refusal(
    state: &EvidenceState,
    who: &Person,
    plan: PlanId,
    slot: Slot,
    headers: &HeaderMap,
    refused: &AppError,
) -> Response {
    let wants_page = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    let view: Option<SlotView> = match wants_page {
        true => usecase::view(&state.store, who, plan, slot).await.ok(),
        false => None,
    };
    match view {
        Some(view) => {
            let message = refused.to_string();
            let mut response = html(
                StatusCode::OK,
                slot_page(&state.stylesheet, &view, Some(&message), state.limit),
            );
            *response.status_mut() = text(refused).status();
            response
        }
        None => text(refused),
    }
}

async fn download(
    State(state): State<EvidenceState>,
    path: Result<Path<String>, PathRejection>,
    who: Option<Extension<SignedIn>>,
) -> Response {
    let served = async {
        let who = signed_in(who)?;
        let id = evidence_id(path)?;
        let evidence = usecase::readable(&state.store, &who, id).await?;
        let sha256 = match &evidence.source {
            Source::Link(link) => return Ok(Redirect::to(link).into_response()),
            Source::File { sha256, .. } => sha256.clone(),
        };
        let Some(blob) = state.store.blob(&sha256).await? else {
            return Ok(missing(&evidence.name));
        };
        let chunks = futures::stream::try_unfold(0_i64, move |seq| {
            let store = state.store.clone();
            async move {
                match store.chunk(blob.id, seq).await {
                    Ok(Some(bytes)) => Ok(Some((Bytes::from(bytes), seq + 1))),
                    Ok(None) => Ok(None),
                    Err(error) => {
                        tracing::error!(%error, "an evidence file stopped while being sent");
                        Err(std::io::Error::other(error.to_string()))
                    }
                }
            }
        });
        let mut response = Body::from_stream(chunks).into_response();
        let headers = response.headers_mut();
        let disposition = disposition(evidence.kind.opens_inline(), &evidence.name);
        for (name, value) in [
            (header::CONTENT_TYPE, evidence.kind.media_type().to_owned()),
            (header::CONTENT_LENGTH, blob.size.to_string()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
            (header::CONTENT_SECURITY_POLICY, "sandbox".to_owned()),
            (header::CONTENT_ENCODING, "identity".to_owned()),
            (header::CACHE_CONTROL, "private, no-cache".to_owned()),
        ] {
            if let Ok(value) = HeaderValue::from_str(&value) {
                headers.insert(name, value);
            }
        }
        Ok::<Response, AppError>(response)
    }
    .await;
    served.unwrap_or_else(|refused| text(&refused))
}

/// A row whose bytes are gone: said plainly, never a fault.
fn missing(name: &str) -> Response {
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!(
            "Berkas \u{201c}{name}\u{201d} hilang: isinya tidak ada lagi di penyimpanan. \
             Lampirkan lagi berkasnya."
        ),
    )
        .into_response()
}

/// `inline` or `attachment`, with an ASCII name for old clients and the UTF-8 name (RFC 6266).
pub fn disposition(inline: bool, name: &str) -> String {
    let ascii: String = name
        .chars()
        .map(|c| match c {
            ' '..='~' if c != '"' && c != '\\' => c,
            _ => '_',
        })
        .collect();
    let encoded: String = name
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect();
    let how = if inline { "inline" } else { "attachment" };
    format!("{how}; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

async fn remove(
    State(state): State<EvidenceState>,
    path: Result<Path<String>, PathRejection>,
    who: Option<Extension<SignedIn>>,
) -> Response {
    let removed = async {
        let who = signed_in(who)?;
        let id = evidence_id(path)?;
        usecase::detach(&state.store, &who, id).await
    }
    .await;
    match removed {
        Ok((plan, slot)) => {
            Redirect::to(&format!("/rencana/{plan}/bukti/{}", slot.path())).into_response()
        }
        Err(refused) => text(&refused),
    }
}

#[cfg(test)]
mod tests {
    use super::disposition;

    #[test]
    fn a_file_name_is_sent_in_ascii_and_in_utf8() {
        assert_eq!(
            disposition(true, "Foto kegiatan \u{201c}1\u{201d}.jpg"),
            "inline; filename=\"Foto kegiatan _1_.jpg\"; \
             filename*=UTF-8''Foto%20kegiatan%20%E2%80%9C1%E2%80%9D.jpg"
        );
        assert!(disposition(false, "a.docx").starts_with("attachment; "));
    }
}
