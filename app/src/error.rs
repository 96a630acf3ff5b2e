//! The error a server function returns to the page. Specific where the person can act on it;
//! opaque where it is the server's own failure (the details go to the server log).

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};
use thiserror::Error;

#[derive(Clone, Debug, PartialEq, Eq, Error, Serialize, Deserialize)]
pub enum AppError {
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
    /// The person's input was refused; the message says what to fix.
    #[error("{0}")]
    Invalid(String),
    #[error("terjadi kesalahan di server; silakan coba lagi")]
    Internal,
    #[error("gagal menghubungi server: {0}")]
    Transport(String),
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Transport(value.to_string())
    }
}
