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

/// xorshift64: enough randomness to vary where the kill lands, and replayable from the seed.
pub struct Dice(pub u64);

impl Dice {
    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}
