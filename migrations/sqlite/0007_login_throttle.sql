-- Failed logins are now also counted per account at one address (`pair:IP|NAME`), in the same
-- table, and rows last counted more than a day ago are removed at each login attempt: this index
-- keeps that removal cheap.
CREATE INDEX login_failures_last_at ON login_failures (last_at);
