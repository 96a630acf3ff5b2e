-- Each unit's own time zone (issue 19): 'WIB', 'WITA' or 'WIT' (`model::time::Zone::code`).
-- NULL: the unit keeps its parent's zone, and a top unit with none is in WIB
-- (`model::time::zone_of_unit`). Stored times stay UTC; only what is shown is shifted.
ALTER TABLE units ADD COLUMN time_zone TEXT CHECK (time_zone IN ('WIB', 'WITA', 'WIT'));
