//! The roll-up's foundation and the roll-up itself: money stored as sen that SQL can add
//! (migration 0010), and `/unit/{id}`, every unit at and below one, summed in SQL.

#![allow(clippy::unwrap_used)]

#[path = "rollup_story/against_model.rs"]
mod against_model;
mod common;
#[path = "rollup_story/judged.rs"]
mod judged;
#[path = "rollup_story/live.rs"]
mod live;
#[path = "rollup_story/money_migration.rs"]
mod money_migration;
#[path = "rollup_story/page.rs"]
mod page;
#[path = "rollup_story/tree.rs"]
mod tree;
