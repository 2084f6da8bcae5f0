-- 011_fit.sql: role fit (issue 14): the executive's role profile (expected workload and the
-- working-style preferences the executive and manager agree on), the assistant's self-declared
-- working style and preferred hours, and an assistant's years of experience per duty.
-- Styles are -2..+2 on fixed pairs (pace calm..fast, formality informal..formal, autonomy
-- guided..independent, channel calls..written); NULL: not stated.

CREATE TABLE fit_role_profile (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    principal_id    INTEGER NOT NULL UNIQUE REFERENCES principal (id) ON DELETE CASCADE,
    workload_hours  REAL NOT NULL DEFAULT 0 CHECK (workload_hours BETWEEN 0 AND 80),
    pace            INTEGER CHECK (pace IS NULL OR pace BETWEEN -2 AND 2),
    formality       INTEGER CHECK (formality IS NULL OR formality BETWEEN -2 AND 2),
    autonomy        INTEGER CHECK (autonomy IS NULL OR autonomy BETWEEN -2 AND 2),
    channel         INTEGER CHECK (channel IS NULL OR channel BETWEEN -2 AND 2),
    note            TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 1000)
) STRICT;

CREATE TABLE fit_work_style (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    version          INTEGER NOT NULL DEFAULT 1,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    assistant_id     INTEGER NOT NULL UNIQUE REFERENCES assistant (id) ON DELETE CASCADE,
    pace             INTEGER CHECK (pace IS NULL OR pace BETWEEN -2 AND 2),
    formality        INTEGER CHECK (formality IS NULL OR formality BETWEEN -2 AND 2),
    autonomy         INTEGER CHECK (autonomy IS NULL OR autonomy BETWEEN -2 AND 2),
    channel          INTEGER CHECK (channel IS NULL OR channel BETWEEN -2 AND 2),
    preferred_start  INTEGER CHECK (preferred_start IS NULL OR preferred_start BETWEEN 0 AND 1439),
    preferred_end    INTEGER CHECK (preferred_end IS NULL OR preferred_end BETWEEN 1 AND 1440),
    CHECK (preferred_start IS NULL OR preferred_end IS NULL OR preferred_end > preferred_start)
) STRICT;

CREATE TABLE fit_duty_experience (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    assistant_id  INTEGER NOT NULL REFERENCES assistant (id) ON DELETE CASCADE,
    duty_id       INTEGER NOT NULL REFERENCES duty (id) ON DELETE CASCADE,
    years         REAL NOT NULL CHECK (years BETWEEN 0 AND 60),
    UNIQUE (assistant_id, duty_id)
) STRICT;
CREATE INDEX fit_duty_experience_duty ON fit_duty_experience (duty_id);
