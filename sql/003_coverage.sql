-- 003_coverage.sql: the coverage planner's plans and covers, its settings, and the data stamp
-- that tells whether a plan was computed on data that has changed since.

CREATE TABLE coverage_plan (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    from_date    TEXT NOT NULL CHECK (from_date IS date(from_date, '+0 days')),
    to_date      TEXT NOT NULL CHECK (to_date IS date(to_date, '+0 days')),
    engine       TEXT NOT NULL CHECK (engine IN ('fast', 'exact')),
    status       TEXT NOT NULL CHECK (status IN ('heuristic', 'optimal', 'feasible')),
    data_stamp   INTEGER NOT NULL,
    slot_minutes INTEGER NOT NULL CHECK (slot_minutes BETWEEN 15 AND 240),
    objective    TEXT NOT NULL CHECK (json_valid(objective)),
    stats        TEXT NOT NULL CHECK (json_valid(stats)),
    open_gaps    TEXT NOT NULL CHECK (json_valid(open_gaps)),
    actor        TEXT NOT NULL,
    CHECK (to_date >= from_date)
) STRICT;

CREATE TABLE coverage_cover (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    plan_id       INTEGER REFERENCES coverage_plan (id) ON DELETE CASCADE,
    principal_id  INTEGER NOT NULL REFERENCES principal (id) ON DELETE CASCADE,
    assistant_id  INTEGER NOT NULL REFERENCES assistant (id) ON DELETE CASCADE,
    start_at      INTEGER NOT NULL,
    end_at        INTEGER NOT NULL,
    slots         INTEGER NOT NULL CHECK (slots > 0),
    cost          REAL NOT NULL DEFAULT 0,
    reason        TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL CHECK (status IN ('proposed', 'accepted', 'superseded')),
    CHECK (end_at > start_at)
) STRICT;
CREATE INDEX coverage_cover_principal ON coverage_cover (principal_id, start_at);
CREATE INDEX coverage_cover_assistant ON coverage_cover (assistant_id, start_at);
CREATE INDEX coverage_cover_plan ON coverage_cover (plan_id);

-- One row: bumped by every change to what the planner reads (people, skills, duties,
-- hours, assignments, absences, accepted covers, settings).
CREATE TABLE data_stamp (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    value  INTEGER NOT NULL
) STRICT;
INSERT INTO data_stamp (id, value) VALUES (1, 0);

-- The triggers that bump it are generated from the domains' stamp tables (src/core/domain.h)
-- by migrate_sync_triggers() after every migration run.
