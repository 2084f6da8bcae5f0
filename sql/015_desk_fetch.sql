-- 015_desk_fetch.sql: the rest of the desk work (issue 10): outside calendars fetched from a URL
-- (the validators of the last answer, when the last attempt was made and when it failed).

ALTER TABLE outside_calendar ADD COLUMN etag TEXT;
ALTER TABLE outside_calendar ADD COLUMN last_modified TEXT;
ALTER TABLE outside_calendar ADD COLUMN tried_at INTEGER;
ALTER TABLE outside_calendar ADD COLUMN error_at INTEGER;
CREATE INDEX outside_calendar_due ON outside_calendar (tried_at) WHERE url IS NOT NULL;
