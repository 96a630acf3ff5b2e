//! The HTTP layer: the router, the checks every request passes (sign-in, sessions, same-origin),
//! the live feed, the health checks, the statuses and request ids every answer carries, and how long browsers keep
//! what it sends.

pub mod auth;
pub mod caching;
pub mod errors;
pub mod evidence;
mod evidence_page;
mod evidence_upload;
pub mod export;
pub mod health;
pub mod import;
mod import_page;
pub mod live;
pub mod live_rollup;
pub mod router;
