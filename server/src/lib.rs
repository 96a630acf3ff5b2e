//! Pantau's server: HTTP routing, storage, and the sheet importer. `main.rs` is only the
//! command line around these.

pub mod admin;
pub mod auth;
pub mod backend;
pub mod bench_summary;
pub mod bench_sync;
pub mod config;
pub mod demo;
pub mod dice;
pub mod editing;
pub mod guard;
pub mod http_errors;
pub mod import;
pub mod live;
pub mod purge;
pub mod quarters;
pub mod router;
pub mod storage;
pub mod sync;
