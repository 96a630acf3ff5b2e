//! Property tests with arbitrary and structured input for the parsers a person or a client can
//! feed: the number parser, the sheet reader, the sync decoder and the stored outbox. Never a
//! panic; numbers read back as the value they were written from.
//!
//! Cases per property come from `PANTAU_FUZZ_CASES` (default 5,000, the test command); the bench
//! runs `PANTAU_FUZZ_CASES=100000 cargo test --release -p model --test fuzz`. With
//! `PANTAU_BENCH_SUMMARY` set, each property appends its line (cases run, failures) to that file.
#![allow(clippy::unwrap_used)]

mod harness;
mod number;
mod outbox;
mod sheet;
mod strategies;
mod sync;
