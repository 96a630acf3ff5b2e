//! What a signed-in person may do, and what doing it stores: every entry point passes the door
//! check ([`guard`]) first, applies the model's rules, and writes through one `Store` transaction.
//! [`backend`] is how the pages' server functions reach these.

pub mod admin;
pub mod backend;
pub mod documents;
pub mod editing;
pub mod evidence;
pub mod guard;
pub mod importing;
pub mod password;
pub mod quarters;
pub mod rollup;
pub mod sync;
pub mod years;
