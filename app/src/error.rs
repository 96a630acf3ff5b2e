//! The error a server function returns to the page. Specific where the person can act on it;
//! opaque where it is the server's own failure (the details go to the server log, under the
//! request's id, which the message shows). Each kind has one HTTP status ([`AppError::status`]);
//! the server's answer layer (`server::http_errors`) sends it.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The largest request body the server reads; larger ones are refused as [`AppError::TooLarge`].
pub const MAX_REQUEST_BYTES: usize = 2 * 1024 * 1024;

#[derive(Clone, Debug, PartialEq, Eq, Error, Serialize, Deserialize)]
pub enum AppError {
    /// The request could not be read: arguments missing, of the wrong type, an unknown code,
    /// broken JSON or text that is not UTF-8. The person did nothing wrong (a page never sends
    /// such a request); the details are in the server log.
    #[error("Permintaan tidak dapat dibaca: datanya tidak lengkap atau rusak. Muat ulang halaman lalu coba lagi")]
    Malformed,
    #[error("{0} tidak ditemukan")]
    NotFound(String),
    /// No one is signed in (or the session ended).
    #[error("Sesi Anda telah berakhir; silakan masuk lagi")]
    Unauthenticated,
    /// Signed in, but not allowed; the message says what was refused.
    #[error("{0}")]
    Forbidden(String),
    /// The input would change the figures of a submitted or approved quarter; the message names
    /// the quarter, its state, who and when.
    #[error("{0}")]
    Locked(String),
    /// The page is older than the plan: what the step was about changed after the page was
    /// rendered; the message lists what changed.
    #[error("{0}")]
    Stale(String),
    /// The request was read, and the rules refused a value in it; the message says what to fix.
    #[error("{0}")]
    Invalid(String),
    /// More than one request may carry; the message says the limit.
    #[error("{0}")]
    TooLarge(String),
    /// The server's own fault. Made only by [`AppError::internal`], which logs it; the code is
    /// the request's id (`x-request-id`), under which the log has the details.
    #[error("Terjadi kesalahan di server (kode {}); silakan coba lagi", .0.as_deref().unwrap_or("-"))]
    Internal(Option<String>),
    /// In the browser: the server could not be reached, or its answer could not be read.
    #[error("gagal menghubungi server: {0}")]
    Transport(String),
}

impl AppError {
    /// The HTTP status this refusal is answered with. 400: the request cannot be read; 422: it
    /// was read and a value in it is refused; 409: it collides with the plan's state (a frozen
    /// quarter, a page older than the plan); 5xx only for the server's own faults.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Malformed => 400,
            AppError::Unauthenticated => 401,
            AppError::Forbidden(_) => 403,
            AppError::NotFound(_) => 404,
            AppError::Locked(_) | AppError::Stale(_) => 409,
            AppError::TooLarge(_) => 413,
            AppError::Invalid(_) => 422,
            AppError::Internal(_) => 500,
            AppError::Transport(_) => 502,
        }
    }

    /// A body over [`MAX_REQUEST_BYTES`].
    pub fn body_too_large() -> AppError {
        AppError::TooLarge(format!(
            "Data yang dikirim terlalu besar: paling banyak {} MB per permintaan",
            MAX_REQUEST_BYTES / (1024 * 1024)
        ))
    }
}

/// The id of one request: answered as `x-request-id`, carried by every log line of the request,
/// and shown in the message of a server fault. The server puts it in the request's extensions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestId(pub String);

#[cfg(feature = "ssr")]
impl RequestId {
    /// The id of the request being answered, when there is one (server functions and page
    /// renders see their request).
    pub fn current() -> Option<RequestId> {
        leptos::prelude::use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<RequestId>().cloned())
    }
}

#[cfg(feature = "ssr")]
impl AppError {
    /// The one way to report a fault of the server's own: logs `fault` under the request's id
    /// and returns the opaque error naming that id. (Where no request is known, the server's
    /// answer layer fills the id in.)
    pub fn internal(fault: impl std::fmt::Display) -> AppError {
        let id = RequestId::current().map(|id| id.0);
        // A page's data is read on tasks of its own, outside the request's span: name the
        // request on the line itself then.
        let span = match (&id, tracing::Span::current().is_none()) {
            (Some(id), true) => tracing::error_span!("request", id = %id),
            _ => tracing::Span::none(),
        };
        let _in_request = span.enter();
        tracing::error!(%fault, "server fault");
        AppError::Internal(id)
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        #[cfg(feature = "ssr")]
        {
            on_the_server(value)
        }
        #[cfg(not(feature = "ssr"))]
        {
            AppError::Transport(value.to_string())
        }
    }
}

/// On the server these errors come from reading a request (its arguments did not decode, or its
/// body was too long): the person gets [`AppError::Malformed`] in Indonesian, the log gets the
/// English detail. Anything else is the server's own fault.
#[cfg(feature = "ssr")]
fn on_the_server(value: ServerFnErrorErr) -> AppError {
    match &value {
        ServerFnErrorErr::Args(detail)
        | ServerFnErrorErr::MissingArg(detail)
        | ServerFnErrorErr::Deserialization(detail) => {
            // The body limit (`http_body_util::LengthLimitError`) speaks through the decoder.
            if detail.contains("length limit exceeded") {
                tracing::info!(%value, "refused: the request body is over the limit");
                AppError::body_too_large()
            } else {
                tracing::info!(%value, "refused: the request did not decode");
                AppError::Malformed
            }
        }
        _ => AppError::internal(value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_refusal_is_a_4xx_and_only_faults_are_5xx() {
        let refusals = [
            AppError::Malformed,
            AppError::NotFound("Rencana nomor 9".into()),
            AppError::Unauthenticated,
            AppError::Forbidden("x".into()),
            AppError::Locked("x".into()),
            AppError::Stale("x".into()),
            AppError::Invalid("x".into()),
            AppError::TooLarge("x".into()),
        ];
        let statuses: Vec<u16> = refusals.iter().map(AppError::status).collect();
        assert_eq!(statuses, [400, 404, 401, 403, 409, 409, 422, 413]);
        assert_eq!(AppError::Internal(None).status(), 500);
    }

    #[test]
    fn a_fault_names_the_request_it_happened_in() {
        assert_eq!(
            AppError::Internal(Some("a1b2c3".into())).to_string(),
            "Terjadi kesalahan di server (kode a1b2c3); silakan coba lagi"
        );
    }
}
