//! The HTTP layer: the router, the checks every request passes (sign-in, sessions, same-origin),
//! the live feed, and the statuses and request ids every answer carries.

pub mod auth;
pub mod errors;
pub mod live;
pub mod router;
