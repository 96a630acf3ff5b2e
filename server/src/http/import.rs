//! "Impor dari Excel" over HTTP: `GET /impor` (the form), `POST /impor/pratinjau` (a
//! multipart upload: the preview), `POST /impor/simpan` (the same file back, base64 in a hidden
//! field: stored). Every step checks who is asking; a refusal is a 4xx page with the reason.

use super::import_page::{preview_page, refusal_page, saved_page, upload_page};
use crate::storage::Store;
use crate::usecases::importing::{self, Refusal, MAX_UPLOAD_BYTES};
use app::api::ssr::SignedIn;
use app::error::AppError;
use axum::extract::{DefaultBodyLimit, Extension, Form, Multipart, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use leptos::config::LeptosOptions;
use model::access::imports_somewhere;
use model::access::Person;
use serde::Deserialize;
use std::sync::Arc;
use tower_http::limit::RequestBodyLimitLayer;

/// The largest body of the import's posts: the file (at most [`MAX_UPLOAD_BYTES`]) in a
/// multipart form, or base64 in a form (a third larger, and `+`, `/`, `=` escaped).
pub const MAX_IMPORT_BODY_BYTES: usize = MAX_UPLOAD_BYTES * 2;

#[derive(Clone)]
struct ImportState {
    store: Store,
    stylesheet: Arc<str>,
}

/// The import's routes, with their own body limit (larger than the app's).
pub fn routes<S: Clone + Send + Sync + 'static>(
    store: Store,
    options: &LeptosOptions,
) -> Router<S> {
    let state = ImportState {
        store,
        stylesheet: stylesheet_href(options).into(),
    };
    Router::new()
        .route("/impor", get(form))
        .route("/impor/pratinjau", post(upload))
        .route("/impor/simpan", post(confirm))
        .layer(DefaultBodyLimit::max(MAX_IMPORT_BODY_BYTES))
        .layer(RequestBodyLimitLayer::new(MAX_IMPORT_BODY_BYTES))
        .with_state(state)
}

/// The app's stylesheet as the shell links it (`HashedStylesheet`: the build's hash from
/// `hash.txt` beside the server binary).
pub(crate) fn stylesheet_href(options: &LeptosOptions) -> String {
    let mut name = options.output_name.to_string();
    if options.hash_files {
        let hashes = std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(|dir| dir.join(options.hash_file.as_ref())))
            .and_then(|path| std::fs::read_to_string(path).ok())
            .unwrap_or_default();
        if let Some(hash) = hashes
            .lines()
            .filter_map(|line| line.trim().split_once(':'))
            .find(|(file, _)| *file == "css")
            .map(|(_, hash)| hash.trim())
        {
            name.push('.');
            name.push_str(hash);
        }
    }
    format!("/{}/{name}.css", options.site_pkg_dir)
}

fn html(status: StatusCode, body: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body,
    )
        .into_response()
}

fn refused(state: &ImportState, refusal: &Refusal, with_form: bool) -> Response {
    let status = StatusCode::from_u16(refusal.status).unwrap_or(StatusCode::BAD_REQUEST);
    let body = if with_form {
        upload_page(&state.stylesheet, Some(&refusal.message))
    } else {
        refusal_page(&state.stylesheet, &refusal.message)
    };
    html(status, body)
}

/// The person asking, when they may import for some unit.
fn importer(signed_in: Option<Extension<SignedIn>>) -> Result<Person, Refusal> {
    let Some(Extension(SignedIn(person))) = signed_in else {
        return Err(Refusal::from(AppError::Unauthenticated));
    };
    if !imports_somewhere(&person) {
        return Err(Refusal::from(AppError::Forbidden(
            "Anda tidak berhak mengimpor rencana: hanya operator unit atau admin".into(),
        )));
    }
    Ok(person)
}

async fn form(
    State(state): State<ImportState>,
    signed_in: Option<Extension<SignedIn>>,
) -> Response {
    match importer(signed_in) {
        Ok(_) => html(StatusCode::OK, upload_page(&state.stylesheet, None)),
        Err(refusal) => refused(&state, &refusal, false),
    }
}

async fn upload(
    State(state): State<ImportState>,
    signed_in: Option<Extension<SignedIn>>,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let person = match importer(signed_in) {
        Ok(person) => person,
        Err(refusal) => return refused(&state, &refusal, false),
    };
    let bytes = match multipart {
        Ok(multipart) => read_file(multipart).await,
        Err(rejection) => {
            tracing::info!(%rejection, "an import upload is not a multipart form");
            Err(Refusal::from(AppError::Malformed))
        }
    };
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(refusal) => return refused(&state, &refusal, true),
    };
    match importing::preview(&state.store, &person, &bytes).await {
        Ok(preview) => {
            let encoded = STANDARD.encode(&bytes);
            html(
                StatusCode::OK,
                preview_page(&state.stylesheet, &preview, &encoded),
            )
        }
        Err(refusal) => refused(&state, &refusal, true),
    }
}

/// The `berkas` field of the upload; too large a file is refused once it passes the limit.
async fn read_file(mut multipart: Multipart) -> Result<Vec<u8>, Refusal> {
    let malformed = |error: axum::extract::multipart::MultipartError| {
        tracing::info!(%error, "an import upload does not read");
        if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
            too_large()
        } else {
            Refusal::from(AppError::Malformed)
        }
    };
    while let Some(mut field) = multipart.next_field().await.map_err(malformed)? {
        if field.name() != Some("berkas") {
            continue;
        }
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(malformed)? {
            bytes.extend_from_slice(&chunk);
            if bytes.len() > MAX_UPLOAD_BYTES {
                return Err(too_large());
            }
        }
        return Ok(bytes);
    }
    Err(Refusal::from(AppError::Invalid(
        "Tidak ada berkas yang dikirim: pilih berkas Excel (.xlsx) lalu tekan \u{201c}Lihat \
         pratinjau\u{201d}"
            .into(),
    )))
}

fn too_large() -> Refusal {
    Refusal {
        status: 413,
        message: format!(
            "Berkas terlalu besar: paling besar {} MB",
            MAX_UPLOAD_BYTES / (1024 * 1024)
        ),
    }
}

#[derive(Deserialize)]
struct Confirm {
    berkas: String,
}

async fn confirm(
    State(state): State<ImportState>,
    signed_in: Option<Extension<SignedIn>>,
    form: Result<Form<Confirm>, axum::extract::rejection::FormRejection>,
) -> Response {
    let person = match importer(signed_in) {
        Ok(person) => person,
        Err(refusal) => return refused(&state, &refusal, false),
    };
    let bytes = match form {
        Ok(Form(confirm)) => STANDARD.decode(confirm.berkas.trim()).map_err(|error| {
            tracing::info!(%error, "an import's hidden file does not decode");
            Refusal::from(AppError::Malformed)
        }),
        Err(rejection) => {
            tracing::info!(%rejection, "an import confirmation does not read");
            Err(if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                too_large()
            } else {
                Refusal::from(AppError::Malformed)
            })
        }
    };
    let saved = match bytes {
        Ok(bytes) => importing::save(&state.store, &person, &bytes).await,
        Err(refusal) => Err(refusal),
    };
    match saved {
        Ok(id) => html(StatusCode::OK, saved_page(&state.stylesheet, id)),
        Err(refusal) => refused(&state, &refusal, true),
    }
}
