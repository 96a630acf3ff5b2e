//! The browser outbox as local storage holds it (`model::sync::stored`): whatever the value is
//! (cut off by a full disk, bytes changed, numbers bent, junk), reading it and salvaging edits
//! from it never panics; a whole value reads back as written; a cut-off one gives back a leading
//! run of its edits, in order and with their owners, never an edit that was not there.

use crate::harness::check;
use crate::sync::{damage, damaged, mutation, Damage};
use model::sync::stored::{encode, read, salvage, Found, Read};
use model::sync::{Entry, Outbox};
use model::UserId;
use proptest::prelude::*;

fn outbox() -> impl Strategy<Value = Outbox> {
    prop::collection::vec((0_i64..4, mutation()), 0..6).prop_map(|entries| Outbox {
        entries: entries
            .into_iter()
            .map(|(owner, edit)| Entry {
                owner: UserId(owner),
                edit,
            })
            .collect(),
    })
}

#[test]
fn a_stored_outbox_however_damaged_reads_or_is_salvaged_without_panicking() {
    check(
        "outbox: stored values read and salvaged (bent JSON, bytes)",
        (outbox(), damage()),
        |(outbox, damage)| {
            let raw = damaged(encode(&outbox).map_err(TestCaseError::fail)?, &damage);
            // Local storage holds text.
            let text = String::from_utf8_lossy(&raw);
            let read = read(Some(&text));
            let found = salvage(&text);
            if matches!(damage, Damage::None) {
                prop_assert_eq!(read, Read::Outbox(outbox.clone()));
            }
            if matches!(damage, Damage::Truncate(_)) {
                let whole: Vec<Found> = outbox
                    .entries
                    .iter()
                    .map(|e| Found {
                        owner: Some(e.owner),
                        edit: e.edit.clone(),
                    })
                    .collect();
                prop_assert!(found.len() <= whole.len());
                prop_assert_eq!(&found[..], &whole[..found.len()]);
            }
            Ok(())
        },
    );
}

#[test]
fn any_text_in_the_outbox_key_reads_or_is_salvaged_without_panicking() {
    let text = prop_oneof![
        any::<String>(),
        "\\{\"(format|entries)\":[\\[\\{\"0-9a-z:,\\]\\} ]{0,80}".prop_map(String::from),
    ];
    check("outbox: any text read and salvaged", text, |text| {
        let _ = read(Some(&text));
        let _ = salvage(&text);
        Ok(())
    });
}
