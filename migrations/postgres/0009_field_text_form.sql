-- A stored row names its field one way: the field's text form (`r:12:2:numerator`, the
-- `Display`/`FromStr` of `model::edit::Field`). Until now `field_versions` and `sync_conflicts`
-- named it twice: the text form in `field_key`, and serde's JSON of the Rust enum in `field`,
-- which tied stored rows to the names of Rust variants. `field_key` has always held the text
-- form (it is the key every lookup used), so the JSON column goes and the text form takes its
-- name.
ALTER TABLE field_versions DROP COLUMN field;
ALTER TABLE field_versions RENAME COLUMN field_key TO field;
ALTER TABLE sync_conflicts DROP COLUMN field;
ALTER TABLE sync_conflicts RENAME COLUMN field_key TO field;
