//! Who is signed in. Signing in and out are plain form posts to the server (`/api/masuk`,
//! `/api/keluar`), so they work before any script has loaded.

use crate::error::AppError;
use leptos::prelude::*;
use model::access::Person;

/// The signed-in person, or `None`.
#[server]
pub async fn current_person() -> Result<Option<Person>, AppError> {
    Ok(super::ssr::signed_in())
}
