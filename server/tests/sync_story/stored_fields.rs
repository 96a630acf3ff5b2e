//! Field versions and conflicts stored before fields were named by their text form alone: a
//! server up to migration 0008 kept each field twice, as its text form (`field_key`) and as
//! serde's JSON of `model::edit::Field`. After the upgrade they read back as the same fields,
//! with their versions, last writers and open conflicts, and the next change of such a field
//! continues its version.

use super::common;
use model::edit::{Field, HeaderField, IndicatorField, MoneyField, ReportField};
use model::sync::MutationId;
use model::{ActivityId, IndicatorId, PlanId, Quarter};
use std::collections::HashMap;

const PLAN: PlanId = PlanId(7);

fn numerator() -> Field {
    Field::Report(IndicatorId(12), Quarter::Q2, ReportField::Numerator)
}

fn realization() -> Field {
    Field::ActivityQuarter(ActivityId(5), Quarter::Q3, MoneyField::Realization)
}

fn title() -> Field {
    Field::Header(HeaderField::Title)
}

fn target() -> Field {
    Field::Indicator(IndicatorId(12), IndicatorField::TargetValue)
}

/// The rows as the older server wrote them: the key by its text form, the field as JSON.
fn old_rows() -> String {
    let version = |field: Field, version: i64, revision: i64, last: &str| {
        format!(
            "INSERT INTO field_versions \
             (plan_id, field_key, field, version, revision, last_client, last_seq) \
             VALUES ({}, '{field}', '{}', {version}, {revision}, {last});\n",
            PLAN.0,
            serde_json::to_string(&field).unwrap(),
        )
    };
    let conflict = |field: Field, mine: &str, resolved: &str| {
        format!(
            "INSERT INTO sync_conflicts (plan_id, field_key, field, place, label, mine, theirs, \
             base_version, server_version, user_id, user_name, at, resolved_at) \
             VALUES ({}, '{field}', '{}', 'Indikator 1.1', '{}', '{mine}', '80', 1, 2, 3, \
             'Sri', 1700000000, {resolved});\n",
            PLAN.0,
            serde_json::to_string(&field).unwrap(),
            field.label(),
        )
    };
    [
        format!(
            "INSERT INTO plans (id, work_unit, fiscal_year, title, created_at, revision) \
             VALUES ({}, 'UPT Uji', 2026, 'Rencana uji', '2026-01-05', 4);\n",
            PLAN.0
        ),
        version(numerator(), 4, 2, "'klien-lama-0001', 9"),
        version(realization(), 1, 3, "NULL, NULL"),
        version(title(), 2, 4, "NULL, NULL"),
        conflict(target(), "95", "NULL"),
        conflict(numerator(), "7", "1700000100"),
    ]
    .concat()
}

async fn old_rows_read_back_after_the_upgrade(kind: common::Kind) {
    let script = old_rows();
    let db = common::TestDb::upgraded(kind, 9, (&script, &script)).await;
    let store = &db.store;
    // A pull from the start names every field by the field itself, in the order changed.
    let (revision, changes) = store.changes_since(PLAN, 0).await.unwrap();
    assert_eq!(revision, 4);
    assert_eq!(
        changes,
        vec![(numerator(), 4), (realization(), 1), (title(), 2)]
    );
    // A pull after revision 2 sees only what changed after it.
    let (_, later) = store.changes_since(PLAN, 2).await.unwrap();
    assert_eq!(later, vec![(realization(), 1), (title(), 2)]);
    // Only the open conflict is listed, with its field.
    let open = store.open_conflicts(PLAN).await.unwrap();
    assert_eq!(open.len(), 1, "{open:?}");
    assert_eq!(open[0].field, target());
    assert_eq!(open[0].mine, "95");
    assert_eq!(open[0].label, target().label());
    // A push reads each field's version and last writer.
    let mut write = store.write_plan(PLAN).await.unwrap().unwrap();
    let versions: HashMap<Field, (u64, Option<MutationId>)> = write
        .field_versions()
        .await
        .unwrap()
        .into_iter()
        .map(|(field, v)| (field, (v.version, v.last)))
        .collect();
    let writer = MutationId {
        client: "klien-lama-0001".into(),
        seq: 9,
    };
    assert_eq!(
        versions,
        HashMap::from([
            (numerator(), (4, Some(writer))),
            (realization(), (1, None)),
            (title(), (2, None)),
        ])
    );
    let conflict = write.conflict(open[0].id).await.unwrap().unwrap();
    assert_eq!(conflict.field, target());
    // The next change of an old field continues its version; a new field starts at 1.
    let new_field = Field::Report(IndicatorId(12), Quarter::Q4, ReportField::Note);
    assert_eq!(
        write
            .bump_versions(&[numerator(), new_field], None)
            .await
            .unwrap(),
        vec![5, 1]
    );
    write.commit().await.unwrap();
    let (_, changes) = store.changes_since(PLAN, 4).await.unwrap();
    assert_eq!(changes, vec![(numerator(), 5), (new_field, 1)]);
    db.finish().await;
}

crate::both_kinds!(
    field_rows_stored_before_the_text_form_read_back,
    old_rows_read_back_after_the_upgrade
);
