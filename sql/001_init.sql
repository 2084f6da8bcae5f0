-- 001_init.sql: people, the support model, absences and the audit log.
-- Instants are INTEGER seconds since the epoch (UTC); dates are 'YYYY-MM-DD' text;
-- working hours are minutes after local midnight in the person's IANA time zone.
-- Ids are AUTOINCREMENT: an id is never handed out again after a delete, so an old URL or
-- an audit-log entry never comes to name a different record.

CREATE TABLE person (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    email       TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (email LIKE '%_@_%'),
    phone       TEXT,
    time_zone   TEXT NOT NULL,
    office      TEXT NOT NULL CHECK (length(office) BETWEEN 1 AND 100),
    languages   TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(languages)),
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;
CREATE INDEX person_name ON person (name COLLATE NOCASE);
CREATE INDEX person_office ON person (office);

CREATE TABLE assistant (
    id                INTEGER PRIMARY KEY REFERENCES person (id) ON DELETE CASCADE,
    version           INTEGER NOT NULL DEFAULT 1,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    contracted_hours  REAL NOT NULL DEFAULT 40 CHECK (contracted_hours BETWEEN 0 AND 80),
    capacity          INTEGER NOT NULL DEFAULT 2 CHECK (capacity BETWEEN 1 AND 10),
    experience_years  INTEGER NOT NULL DEFAULT 0 CHECK (experience_years BETWEEN 0 AND 60),
    hire_date         TEXT CHECK (hire_date IS NULL OR hire_date IS date(hire_date, '+0 days')),
    traits            TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(traits))
) STRICT;

CREATE TABLE principal (
    id                INTEGER PRIMARY KEY REFERENCES person (id) ON DELETE CASCADE,
    version           INTEGER NOT NULL DEFAULT 1,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    title             TEXT NOT NULL DEFAULT '',
    department        TEXT NOT NULL CHECK (length(department) BETWEEN 1 AND 100),
    priority          INTEGER NOT NULL DEFAULT 3 CHECK (priority BETWEEN 1 AND 5),
    preferred_traits  TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(preferred_traits))
) STRICT;
CREATE INDEX principal_department ON principal (department);

CREATE TABLE skill (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    name        TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
    category    TEXT NOT NULL DEFAULT 'general'
) STRICT;

CREATE TABLE duty (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    name         TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
    description  TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE duty_skill (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    duty_id     INTEGER NOT NULL REFERENCES duty (id) ON DELETE CASCADE,
    skill_id    INTEGER NOT NULL REFERENCES skill (id) ON DELETE CASCADE,
    min_level   INTEGER NOT NULL CHECK (min_level BETWEEN 1 AND 5),
    UNIQUE (duty_id, skill_id)
) STRICT;
CREATE INDEX duty_skill_skill ON duty_skill (skill_id);

CREATE TABLE assistant_skill (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    assistant_id  INTEGER NOT NULL REFERENCES assistant (id) ON DELETE CASCADE,
    skill_id      INTEGER NOT NULL REFERENCES skill (id) ON DELETE CASCADE,
    level         INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
    UNIQUE (assistant_id, skill_id)
) STRICT;
CREATE INDEX assistant_skill_skill ON assistant_skill (skill_id);

CREATE TABLE principal_duty (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    principal_id  INTEGER NOT NULL REFERENCES principal (id) ON DELETE CASCADE,
    duty_id       INTEGER NOT NULL REFERENCES duty (id) ON DELETE CASCADE,
    must_have     INTEGER NOT NULL DEFAULT 1 CHECK (must_have IN (0, 1)),
    UNIQUE (principal_id, duty_id)
) STRICT;
CREATE INDEX principal_duty_duty ON principal_duty (duty_id);

CREATE TABLE designated_backup (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    principal_id  INTEGER NOT NULL REFERENCES principal (id) ON DELETE CASCADE,
    assistant_id  INTEGER NOT NULL REFERENCES assistant (id) ON DELETE CASCADE,
    rank          INTEGER NOT NULL CHECK (rank BETWEEN 1 AND 20),
    UNIQUE (principal_id, assistant_id),
    UNIQUE (principal_id, rank)
) STRICT;
CREATE INDEX designated_backup_assistant ON designated_backup (assistant_id);

CREATE TABLE work_pattern (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    person_id     INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    weekday       INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    start_minute  INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute    INTEGER NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
    valid_from    TEXT CHECK (valid_from IS NULL OR valid_from IS date(valid_from, '+0 days')),
    valid_to      TEXT CHECK (valid_to IS NULL OR valid_to IS date(valid_to, '+0 days')),
    CHECK (end_minute > start_minute),
    CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_to >= valid_from)
) STRICT;
CREATE INDEX work_pattern_person ON work_pattern (person_id, weekday);

CREATE TABLE assignment (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    assistant_id  INTEGER NOT NULL REFERENCES assistant (id) ON DELETE RESTRICT,
    principal_id  INTEGER NOT NULL REFERENCES principal (id) ON DELETE RESTRICT,
    kind          TEXT NOT NULL CHECK (kind IN ('primary', 'secondary', 'backup')),
    share         INTEGER NOT NULL DEFAULT 100 CHECK (share BETWEEN 1 AND 100),
    start_date    TEXT NOT NULL CHECK (start_date IS date(start_date, '+0 days')),
    end_date      TEXT CHECK (end_date IS NULL OR end_date IS date(end_date, '+0 days')),
    source        TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'planner', 'matcher')),
    CHECK (end_date IS NULL OR end_date >= start_date)
) STRICT;
CREATE INDEX assignment_principal ON assignment (principal_id, start_date);
CREATE INDEX assignment_assistant ON assignment (assistant_id, start_date);

CREATE TABLE absence (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    version        INTEGER NOT NULL DEFAULT 1,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    person_id      INTEGER NOT NULL REFERENCES person (id) ON DELETE RESTRICT,
    kind           TEXT NOT NULL CHECK (kind IN ('vacation', 'sick', 'training', 'interview', 'other')),
    start_at       INTEGER NOT NULL,
    end_at         INTEGER NOT NULL,
    status         TEXT NOT NULL DEFAULT 'requested'
                   CHECK (status IN ('requested', 'approved', 'rejected', 'cancelled')),
    note           TEXT NOT NULL DEFAULT '',
    decision_note  TEXT NOT NULL DEFAULT '',
    decided_at     INTEGER,
    CHECK (end_at > start_at)
) STRICT;
CREATE INDEX absence_person ON absence (person_id, start_at);
CREATE INDEX absence_window ON absence (start_at, end_at);

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          INTEGER NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   INTEGER NOT NULL,
    before      TEXT CHECK (before IS NULL OR json_valid(before)),
    after       TEXT CHECK (after IS NULL OR json_valid(after))
) STRICT;
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);

CREATE TABLE setting (
    key         TEXT PRIMARY KEY,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    value       TEXT NOT NULL
) STRICT;
