-- 002_accounts.sql: logins, sessions, API tokens and login throttling.
-- Secrets are never stored: passwords as argon2id strings, tokens as BLAKE2b hashes.

CREATE TABLE account (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    version        INTEGER NOT NULL DEFAULT 1,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    login          TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(login) BETWEEN 1 AND 254),
    role           TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'assistant', 'principal')),
    person_id      INTEGER UNIQUE REFERENCES person (id) ON DELETE RESTRICT,
    password_hash  TEXT NOT NULL,
    disabled       INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    locked_until   INTEGER NOT NULL DEFAULT 0,
    last_login_at  INTEGER,
    CHECK (role IN ('admin', 'manager') OR person_id IS NOT NULL)
) STRICT;

CREATE TABLE session (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id    INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    token_hash    BLOB NOT NULL UNIQUE,
    csrf_token    TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    last_seen_at  INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL,
    address       TEXT NOT NULL DEFAULT '',
    user_agent    TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX session_account ON session (account_id);

CREATE TABLE api_token (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id    INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    token_hash    BLOB NOT NULL UNIQUE,
    created_at    INTEGER NOT NULL,
    last_used_at  INTEGER
) STRICT;
CREATE INDEX api_token_account ON api_token (account_id);

-- Failed sign-ins, by the login as typed (whether or not it exists) and by address.
CREATE TABLE login_failure (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    login    TEXT NOT NULL COLLATE NOCASE,
    address  TEXT NOT NULL,
    at       INTEGER NOT NULL
) STRICT;
CREATE INDEX login_failure_login ON login_failure (login, at);
CREATE INDEX login_failure_address ON login_failure (address, at);

ALTER TABLE audit_log ADD COLUMN account_id INTEGER;
CREATE INDEX audit_log_account ON audit_log (account_id);
