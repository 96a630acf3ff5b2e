//! Running Pantau: the demo data, the sheet importer (text export and workbook), the Excel
//! writer, the purge job, backup and restore, the version, the built site's compressed copies
//! and the benchmarks' helpers, used by `main.rs` and the `pantau-load` binary.

pub mod backup;
pub mod bench_evidence;
pub mod bench_export;
pub mod bench_request;
pub mod bench_rollup;
pub mod bench_summary;
pub mod bench_sync;
pub mod check_config;
pub mod deadlines;
pub mod demo;
pub mod dice;
pub mod import;
pub mod national;
pub mod purge;
pub mod shutdown;
pub mod site;
pub mod version;
pub mod workbook;
pub mod xlsx;

pub use version::version_line;
