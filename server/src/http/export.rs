//! "Unduh Excel": `GET /rencana/{id}/excel` sends the plan's Rencana Kegiatan as an `.xlsx`,
//! `?tw=N` (1 to 4) its Laporan Capaian Kinerja Triwulan N; for whoever may read the plan, with
//! the same refusals as the plan page.

use crate::http::errors::text;
use crate::ops::xlsx;
use crate::storage::Store;
use crate::usecases::documents::document;
use app::api::ssr::SignedIn;
use app::error::AppError;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use model::{PlanId, Quarter};
use serde::Deserialize;

/// The media type of an `.xlsx`.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

#[derive(Deserialize)]
pub struct ExportQuery {
    tw: Option<String>,
}

pub async fn excel(
    State(store): State<Store>,
    plan: Result<Path<String>, PathRejection>,
    query: Result<Query<ExportQuery>, QueryRejection>,
    signed_in: Option<Extension<SignedIn>>,
) -> Response {
    match answer(&store, plan, query, signed_in).await {
        Ok(response) => response,
        Err(refused) => text(&refused),
    }
}

async fn answer(
    store: &Store,
    plan: Result<Path<String>, PathRejection>,
    query: Result<Query<ExportQuery>, QueryRejection>,
    signed_in: Option<Extension<SignedIn>>,
) -> Result<Response, AppError> {
    let Some(Extension(SignedIn(who))) = signed_in else {
        return Err(AppError::Unauthenticated);
    };
    let plan = plan_id(plan)?;
    let Ok(Query(query)) = query else {
        return Err(AppError::Malformed);
    };
    let quarter = query
        .tw
        .as_deref()
        .map(Quarter::from_query)
        .transpose()
        .map_err(AppError::Invalid)?;
    let document = document(store, &who, plan, quarter).await?;
    // Laying out a large plan takes a while: off the request threads.
    let written = tokio::task::spawn_blocking(move || {
        xlsx::write(&document).map(|bytes| (bytes, document.file_stem))
    })
    .await
    .map_err(AppError::internal)?;
    let (bytes, stem) = written.map_err(AppError::internal)?;
    let disposition = format!("attachment; filename=\"{stem}.xlsx\"");
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(XLSX));
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}

/// The plan an address names; an id that is not a number names no plan.
pub fn plan_id(plan: Result<Path<String>, PathRejection>) -> Result<PlanId, AppError> {
    match plan {
        Ok(Path(plan)) => plan
            .parse::<i64>()
            .map(PlanId)
            .map_err(|_| AppError::NotFound(format!("Rencana nomor \u{201c}{plan}\u{201d}"))),
        Err(_) => Err(AppError::NotFound("Rencana".into())),
    }
}
