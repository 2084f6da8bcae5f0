-- 008_desk.sql: the desk work of assistants (issue 10, part 1): tasks planned for an assistant
-- (optionally on behalf of an executive, optionally recurring by an RFC 5545 RRULE), phone
-- messages taken for an executive ("while you were out"), and the correspondence register.

CREATE TABLE task (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    version             INTEGER NOT NULL DEFAULT 1,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    assistant_id        INTEGER NOT NULL REFERENCES assistant (id) ON DELETE RESTRICT,
    principal_id        INTEGER REFERENCES principal (id) ON DELETE RESTRICT,
    title               TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    notes               TEXT NOT NULL DEFAULT '',
    estimate_minutes    INTEGER NOT NULL DEFAULT 30 CHECK (estimate_minutes BETWEEN 1 AND 1440),
    due_at              INTEGER,
    priority            TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high')),
    status              TEXT NOT NULL DEFAULT 'open'
                        CHECK (status IN ('open', 'in_progress', 'done', 'dropped')),
    rrule               TEXT,
    handed_over_from_id INTEGER REFERENCES person (id) ON DELETE SET NULL,
    status_at           INTEGER,
    CHECK (rrule IS NULL OR due_at IS NOT NULL)
) STRICT;
CREATE INDEX task_assistant ON task (assistant_id, due_at);
CREATE INDEX task_principal ON task (principal_id, due_at);

CREATE TABLE phone_message (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    principal_id  INTEGER NOT NULL REFERENCES principal (id) ON DELETE RESTRICT,
    taken_by_id   INTEGER NOT NULL REFERENCES assistant (id) ON DELETE RESTRICT,
    caller        TEXT NOT NULL CHECK (length(caller) BETWEEN 1 AND 200),
    organisation  TEXT NOT NULL DEFAULT '',
    phone         TEXT NOT NULL DEFAULT '',
    email         TEXT,
    message       TEXT NOT NULL DEFAULT '',
    urgency       TEXT NOT NULL DEFAULT 'normal' CHECK (urgency IN ('normal', 'urgent')),
    action        TEXT NOT NULL DEFAULT 'call_back'
                  CHECK (action IN ('call_back', 'will_call_again', 'returned_call', 'no_action')),
    taken_at      INTEGER NOT NULL,
    status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
    done_at       INTEGER
) STRICT;
CREATE INDEX phone_message_principal ON phone_message (principal_id, status);
CREATE INDEX phone_message_taken_by ON phone_message (taken_by_id, taken_at);

CREATE TABLE correspondence (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    principal_id  INTEGER NOT NULL REFERENCES principal (id) ON DELETE RESTRICT,
    direction     TEXT NOT NULL CHECK (direction IN ('incoming', 'outgoing')),
    kind          TEXT NOT NULL CHECK (kind IN ('letter', 'email', 'parcel', 'signature')),
    counterpart   TEXT NOT NULL CHECK (length(counterpart) BETWEEN 1 AND 200),
    subject       TEXT NOT NULL CHECK (length(subject) BETWEEN 1 AND 300),
    reference     TEXT NOT NULL DEFAULT '',
    date          TEXT NOT NULL CHECK (date IS date(date, '+0 days')),
    reply_due     TEXT CHECK (reply_due IS NULL OR reply_due IS date(reply_due, '+0 days')),
    handler_id    INTEGER NOT NULL REFERENCES assistant (id) ON DELETE RESTRICT,
    note          TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered', 'closed')),
    status_at     INTEGER
) STRICT;
CREATE INDEX correspondence_principal ON correspondence (principal_id, date);
CREATE INDEX correspondence_reply_due ON correspondence (status, reply_due);
