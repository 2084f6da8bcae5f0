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

-- A meeting to arrange: an executive or their assistant notes that a meeting is wanted (with
-- whom, about what, how long, by when); the assistant finds a time for it and booking the
-- meeting closes it (status booked, meeting_id).
CREATE TABLE meeting_request (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    version           INTEGER NOT NULL DEFAULT 1,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    principal_id      INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    with_whom         TEXT NOT NULL CHECK (length(with_whom) BETWEEN 1 AND 300),
    subject           TEXT NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
    duration_minutes  INTEGER NOT NULL DEFAULT 60 CHECK (duration_minutes BETWEEN 5 AND 480),
    by_date           TEXT CHECK (by_date IS NULL OR by_date IS date(by_date, '+0 days')),
    notes             TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 2000),
    requested_by      TEXT NOT NULL DEFAULT '',
    status            TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'booked', 'dropped')),
    meeting_id        INTEGER REFERENCES meeting (id) ON DELETE SET NULL,
    status_at         INTEGER
) STRICT;
CREATE INDEX meeting_request_principal ON meeting_request (principal_id, status, by_date);
