-- The mutation that last changed each field (none for a form save). An edit typed over the
-- person's own pending edit is no conflict when that edit is the field's last change.
ALTER TABLE field_versions ADD COLUMN last_client TEXT;
ALTER TABLE field_versions ADD COLUMN last_seq BIGINT;
