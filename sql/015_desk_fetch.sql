-- 015_desk_fetch.sql: the rest of the desk work (issue 10): outside calendars fetched from a URL
-- (the validators of the last answer, when the last attempt was made and when it failed).

ALTER TABLE outside_calendar ADD COLUMN etag TEXT;
ALTER TABLE outside_calendar ADD COLUMN last_modified TEXT;
ALTER TABLE outside_calendar ADD COLUMN tried_at INTEGER;
ALTER TABLE outside_calendar ADD COLUMN error_at INTEGER;
CREATE INDEX outside_calendar_due ON outside_calendar (tried_at) WHERE url IS NOT NULL;

-- The status of one occurrence of a recurring task ("done for this Monday"), apart from the
-- series' own status. due_at is the occurrence's instant as the rule gives it.
CREATE TABLE task_occurrence (
    task_id     INTEGER NOT NULL REFERENCES task (id) ON DELETE CASCADE,
    due_at      INTEGER NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'done', 'dropped')),
    status_at   INTEGER NOT NULL,
    status_by   TEXT NOT NULL,
    PRIMARY KEY (task_id, due_at)
) STRICT, WITHOUT ROWID;

-- Recent callers as one types: prefixes of the caller's name and organisation, newest first.
CREATE INDEX phone_message_caller ON phone_message (caller COLLATE NOCASE, taken_at);
CREATE INDEX phone_message_organisation ON phone_message (organisation COLLATE NOCASE, taken_at);
CREATE INDEX phone_message_taken ON phone_message (taken_at);
