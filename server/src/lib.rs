//! Pantau's server, in layers; each depends only on the ones below it:
//!
//! - [`ops`]: running it (the demo data, the sheet importer, the purge job, benchmarks);
//!   `main.rs` is only the command line around these.
//! - [`http`]: the axum router, sign-in and sessions, the live feed, error statuses.
//! - [`usecases`]: what a person may do and what it does (the door check, saving edits, sync,
//!   quarter steps, administration), in the model's rules, storage-agnostic.
//! - [`storage`]: SQLite and PostgreSQL behind one `Store`.
//!
//! Beside them: [`config`] (the settings every layer is started with), [`clock`], [`error`]
//! and [`metrics`] (counters every layer may add to).

pub mod clock;
pub mod config;
pub mod error;
pub mod http;
pub mod metrics;
pub mod ops;
pub mod storage;
pub mod usecases;
