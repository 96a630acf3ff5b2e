//! What the crash story needs besides the story itself: the server process, the browser's
//! HTTP, the browser's outbox and forms, the sender that a kill cuts short, and the audit
//! trail read back.

pub mod audit;
pub mod browser;
pub mod http;
pub mod killer;
pub mod server;

use model::PlanId;

/// The demo plan: the first plan of a fresh database.
pub const PLAN: PlanId = PlanId(1);
/// The browser tab's client id, for the whole story (its outbox outlives restarts).
pub const CLIENT: &str = "tab-crash-story-0001";
/// Requests sent between two kills.
pub const REQUESTS: usize = 6;
/// Edits per push.
pub const BATCH: usize = 5;

/// Varies where the kill lands, replayable from the seed.
pub use ::server::ops::dice::Dice;
