use super::*;
use crate::edit::{Field, ReportField};
use crate::ids::{IndicatorId, PlanId};
use crate::quarter::Quarter;
use crate::sync::Session;

const SRI: UserId = UserId(1);
const BUDI: UserId = UserId(2);

fn note() -> Field {
    Field::Report(IndicatorId(3), Quarter::Q1, ReportField::Note)
}

/// Sri's two edits and Budi's one, in that order.
fn shared_outbox() -> Outbox {
    let mut tab = Session::new("tab-aaaaaaaa".into()).unwrap();
    let mut other = Session::new("tab-bbbbbbbb".into()).unwrap();
    let mut outbox = Outbox::default();
    outbox.enqueue(SRI, &mut tab, PlanId(1), note(), "pertama".into(), 0);
    outbox.enqueue(BUDI, &mut other, PlanId(1), note(), "punya Budi".into(), 0);
    outbox.enqueue(SRI, &mut tab, PlanId(2), note(), "kedua".into(), 0);
    outbox
}

fn unreadable(raw: &str) -> Unreadable {
    match read(Some(raw)) {
        Read::Unreadable(why) => why,
        Read::Outbox(outbox) => panic!("read as an outbox: {outbox:?}"),
    }
}

/// The stored form of the first outbox format: bare edits, no owner, no version.
fn format_one(outbox: &Outbox) -> String {
    let edits: Vec<&Mutation> = outbox.entries.iter().map(|e| &e.edit).collect();
    serde_json::json!({ "entries": edits }).to_string()
}

#[test]
fn an_outbox_reads_back_as_written_with_its_format_and_owners() {
    let outbox = shared_outbox();
    let raw = encode(&outbox).unwrap();
    assert!(raw.starts_with("{\"format\":2,"), "{raw}");
    assert_eq!(read(Some(&raw)), Read::Outbox(outbox));
}

#[test]
fn nothing_stored_reads_as_an_empty_outbox() {
    assert_eq!(read(None), Read::Outbox(Outbox::default()));
}

#[test]
fn a_damaged_value_is_unreadable_never_an_empty_outbox() {
    let raw = encode(&shared_outbox()).unwrap();
    for damaged in [
        &raw[..raw.len() / 2],
        "",
        "null",
        "[]",
        "{rusak",
        "{\"format\":\"dua\",\"entries\":[]}",
        "{\"format\":2}",
        "{\"format\":2,\"entries\":{}}",
    ] {
        assert_eq!(unreadable(damaged), Unreadable::Damaged, "{damaged}");
    }
    // One entry that does not decode makes the whole value unreadable: nothing is dropped.
    let one_bad = raw.replacen("\"owner\":2", "\"owner\":\"Budi\"", 1);
    assert_eq!(unreadable(&one_bad), Unreadable::Damaged);
}

#[test]
fn an_older_outbox_with_edits_is_unreadable_and_an_empty_one_is_simply_empty() {
    let older = format_one(&shared_outbox());
    assert_eq!(unreadable(&older), Unreadable::Older(1));
    assert_eq!(
        read(Some("{\"entries\":[]}")),
        Read::Outbox(Outbox::default())
    );
    assert_eq!(
        unreadable("{\"format\":3,\"entries\":[]}"),
        Unreadable::Newer(3)
    );
}

#[test]
fn every_reason_is_a_sentence_for_the_person() {
    assert_eq!(Unreadable::Damaged.reason(), "isinya rusak");
    assert!(Unreadable::Older(1).reason().contains("lebih lama"));
    assert!(Unreadable::Newer(3).reason().contains("format 3"));
}

#[test]
fn the_edits_of_an_older_outbox_are_found_without_an_owner() {
    let outbox = shared_outbox();
    let found = salvage(&format_one(&outbox));
    assert_eq!(found.len(), 3);
    assert!(found.iter().all(|f| f.owner.is_none()));
    assert_eq!(found[1].edit, outbox.entries[1].edit);
}

#[test]
fn from_a_value_with_one_bad_entry_the_others_are_found_with_their_owners() {
    let outbox = shared_outbox();
    let raw = encode(&outbox)
        .unwrap()
        .replacen("\"owner\":2", "\"owner\":\"Budi\"", 1)
        .replacen("\"text\":\"punya Budi\"", "\"text\":7", 1);
    let found = salvage(&raw);
    assert_eq!(
        found,
        vec![
            Found {
                owner: Some(SRI),
                edit: outbox.entries[0].edit.clone()
            },
            Found {
                owner: Some(SRI),
                edit: outbox.entries[2].edit.clone()
            },
        ]
    );
}

#[test]
fn from_a_cut_off_value_the_entries_before_the_cut_are_found() {
    let outbox = shared_outbox();
    let raw = encode(&outbox).unwrap();
    // Cut inside the third entry: the first two are whole.
    let third = raw.rfind("{\"owner\"").unwrap();
    let cut = &raw[..third + 20];
    assert_eq!(unreadable(cut), Unreadable::Damaged);
    let found = salvage(cut);
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].owner, Some(SRI));
    assert_eq!(found[1].owner, Some(BUDI));
    assert_eq!(found[1].edit, outbox.entries[1].edit);
    // A value that is nothing like an outbox gives nothing, and no panic.
    for junk in [
        "",
        "{rusak",
        "\"entries\" [ {",
        "[1, {\"a\":",
        "]]]",
        "\u{0}",
    ] {
        assert!(salvage(junk).is_empty(), "{junk}");
    }
}

#[test]
fn an_offer_holds_ones_own_edits_and_the_unowned_ones_and_only_counts_the_others() {
    let outbox = shared_outbox();
    let mut found = salvage(&encode(&outbox).unwrap());
    found[2].owner = None;
    let offer = offer(&found, &Recovered::default(), SRI);
    assert_eq!(offer.mine, vec![outbox.entries[0].edit.clone()]);
    assert_eq!(offer.unknown, vec![outbox.entries[2].edit.clone()]);
    assert_eq!(offer.others, 1);
    let budi = super::offer(&found, &Recovered::default(), BUDI);
    assert_eq!(
        (budi.mine.len(), budi.unknown.len(), budi.others),
        (1, 1, 1)
    );
}

#[test]
fn queued_edits_are_not_offered_again_and_the_notice_closes_when_nothing_is_left() {
    let outbox = shared_outbox();
    let found = salvage(&format_one(&outbox));
    let mut recovered = Recovered::default();
    let first = offer(&found, &recovered, SRI);
    assert_eq!(first.unknown.len(), 3);
    recovered.mark_queued(&found, SRI, &first.unknown[..1]);
    assert!(!recovered.closed_for(SRI));
    assert_eq!(offer(&found, &recovered, SRI).unknown.len(), 2);
    recovered.mark_queued(&found, SRI, &first.unknown[1..]);
    assert!(recovered.closed_for(SRI));
    assert!(!recovered.closed_for(BUDI));
    // The record survives storage; a damaged record counts as nothing done.
    let again = Recovered::read(Some(&recovered.encode().unwrap()));
    assert_eq!(again, recovered);
    assert_eq!(Recovered::read(Some("{rusak")), Recovered::default());
    assert_eq!(Recovered::read(None), Recovered::default());
}

#[test]
fn a_value_moved_aside_gets_a_key_of_its_own() {
    let taken = [
        "pantau.outbox.unreadable.1700000000000",
        "pantau.outbox.unreadable.1700000000000-1",
    ];
    assert_eq!(
        aside_key(1_700_000_000_001, |k| taken.contains(&k)),
        "pantau.outbox.unreadable.1700000000001"
    );
    assert_eq!(
        aside_key(1_700_000_000_000, |k| taken.contains(&k)),
        "pantau.outbox.unreadable.1700000000000-2"
    );
    assert_eq!(
        recovered_key("pantau.outbox.unreadable.1700000000000-2").as_deref(),
        Some("pantau.outbox.recovered.1700000000000-2")
    );
    assert_eq!(recovered_key(OUTBOX_KEY), None);
    assert!(!aside_key(5, |_| false).starts_with(&format!("{OUTBOX_KEY}\"")));
}
