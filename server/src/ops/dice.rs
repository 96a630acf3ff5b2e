//! Replayable randomness (splitmix64) for the load generator and the test corpora: the same
//! sequence from the same seed on every machine. A load run prints its seed and gives each
//! simulated person a stream of their own, so their choices do not depend on scheduling.

use std::time::Duration;

pub struct Dice(u64);

impl Dice {
    pub fn new(seed: u64, stream: u64) -> Dice {
        let mut dice = Dice(seed ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        dice.next_u64();
        dice
    }

    /// Starts from `state` as it is (no stream): a corpus replayed from its seed.
    pub fn seeded(state: u64) -> Dice {
        Dice(state)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A whole number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next_u64() % n
        }
    }

    /// A position in `0..len` (0 when `len` is 0).
    pub fn index(&mut self, len: usize) -> usize {
        usize::try_from(self.below(len as u64)).unwrap_or(0)
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// One of `items` (which must not be empty).
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.index(items.len())]
    }

    /// A while between `low` and `high` milliseconds, spread evenly on a log scale: mostly
    /// short pauses, now and then a long one, as people pause.
    pub fn pause(&mut self, low_ms: u64, high_ms: u64) -> Duration {
        let (low, high) = ((low_ms.max(1)) as f64, (high_ms.max(low_ms + 1)) as f64);
        let unit = self.below(1 << 20) as f64 / f64::from(1u32 << 20);
        Duration::from_millis((low * (high / low).powf(unit)) as u64)
    }
}
