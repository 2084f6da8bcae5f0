-- 006_mail.sql: the durable e-mail outbox (every notification Haldus sends is first a row here,
-- written in the same transaction as the change it tells about) and each account's language,
-- which the web app and the e-mail templates use.

ALTER TABLE account ADD COLUMN lang TEXT CHECK (lang IS NULL OR lang IN ('et', 'en'));

CREATE TABLE mail_outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    person_id       INTEGER REFERENCES person (id) ON DELETE SET NULL,
    to_address      TEXT NOT NULL CHECK (length(to_address) BETWEEN 3 AND 254),
    lang            TEXT NOT NULL CHECK (lang IN ('et', 'en')),
    kind            TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 100),
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL,
    ics             TEXT,
    status          TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error      TEXT,
    sent_at         INTEGER
) STRICT;

CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_at);
CREATE INDEX mail_outbox_person ON mail_outbox (person_id);
