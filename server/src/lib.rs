//! Pantau's server: HTTP routing, storage, and the sheet importer. `main.rs` is only the
//! command line around these.

pub mod backend;
pub mod config;
pub mod editing;
pub mod import;
pub mod live;
pub mod router;
pub mod storage;
