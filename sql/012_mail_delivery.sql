-- 012_mail_delivery.sql: delivering the outbox. The SMTP relay's settings (one row; the password
-- is never stored: it comes from a file or the environment when the server starts) and the
-- notifications each person chose not to get (one row per kind they turned off).

CREATE TABLE mail_settings (
    id                 INTEGER PRIMARY KEY CHECK (id = 1),
    version            INTEGER NOT NULL DEFAULT 1,
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL,
    smtp_url           TEXT CHECK (smtp_url IS NULL OR length(smtp_url) BETWEEN 8 AND 500),
    from_address       TEXT CHECK (from_address IS NULL OR length(from_address) BETWEEN 3 AND 254),
    username           TEXT CHECK (username IS NULL OR length(username) BETWEEN 1 AND 254),
    retry_limit        INTEGER NOT NULL DEFAULT 8 CHECK (retry_limit BETWEEN 1 AND 100),
    retry_base_seconds INTEGER NOT NULL DEFAULT 60 CHECK (retry_base_seconds BETWEEN 1 AND 86400)
) STRICT;

CREATE TABLE mail_optout (
    id         INTEGER PRIMARY KEY,
    version    INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    person_id  INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 100),
    UNIQUE (person_id, kind)
) STRICT;
