//! Running Pantau: the demo data, the sheet importer (text export and workbook), the Excel writer, the purge job, the built site's
//! compressed copies and the benchmarks' helpers, used by `main.rs` and the `pantau-load` binary.

pub mod bench_export;
pub mod bench_summary;
pub mod bench_sync;
pub mod demo;
pub mod dice;
pub mod import;
pub mod purge;
pub mod site;
pub mod workbook;
pub mod xlsx;
