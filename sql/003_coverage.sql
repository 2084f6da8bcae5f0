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

CREATE TRIGGER stamp_person_insert AFTER INSERT ON person BEGIN UPDATE data_stamp SET value = value + 1; END;
CREATE TRIGGER stamp_person_update AFTER UPDATE ON person BEGIN UPDATE data_stamp SET value = value + 1; END;
CREATE TRIGGER stamp_person_delete AFTER DELETE ON person BEGIN UPDATE data_stamp SET value = value + 1; END;
CREATE TRIGGER stamp_assistant_insert AFTER INSERT ON assistant BEGIN UPDATE data_stamp SET value = value + 1; END;
CREATE TRIGGER stamp_assistant_update AFTER UPDATE ON assistant BEGIN UPDATE data_stamp SET value = value + 1; END;
CREATE TRIGGER stamp_assistant_delete AFTER DELETE ON assistant BEGIN UPDATE data_stamp SET value = value + 1; END;
CREATE TRIGGER stamp_principal_insert AFTER INSERT ON principal BEGIN UPDATE data_stamp SET value = value + 1; END;
CREATE TRIGGER stamp_principal_update AFTER UPDATE ON principal BEGIN UPDATE data_stamp SET value = value + 1; END;
CREATE TRIGGER stamp_principal_delete AFTER DELETE ON principal BEGIN UPDATE data_stamp SET value = value + 1; END;
CREATE TRIGGER stamp_assistant_skill_insert AFTER INSERT ON assistant_skill BEGIN UPDATE data_stamp SET value = value + 1; END;
CREATE TRIGGER stamp_assistant_skill_update AFTER UPDATE ON assistant_skill BEGIN UPDATE data_stamp SET value = value + 1; END;
CREATE TRIGGER stamp_assistant_skill_delete AFTER DELETE ON assistant_skill BEGIN UPDATE data_stamp SET value = value + 1; END;
CREATE TRIGGER stamp_duty_skill_insert AFTER INSERT ON duty_skill BEGIN UPDATE data_stamp SET value = value + 1; END;
CREATE TRIGGER stamp_duty_skill_update AFTER UPDATE ON duty_skill BEGIN UPDATE data_stamp SET value = value + 1; END;
CREATE TRIGGER stamp_duty_skill_delete AFTER DELETE ON duty_skill BEGIN UPDATE data_stamp SET value = value + 1; END;
CREATE TRIGGER stamp_principal_duty_insert AFTER INSERT ON principal_duty BEGIN UPDATE data_stamp SET value = value + 1; END;
CREATE TRIGGER stamp_principal_duty_update AFTER UPDATE ON principal_duty BEGIN UPDATE data_stamp SET value = value + 1; END;
CREATE TRIGGER stamp_principal_duty_delete AFTER DELETE ON principal_duty BEGIN UPDATE data_stamp SET value = value + 1; END;
CREATE TRIGGER stamp_designated_backup_insert AFTER INSERT ON designated_backup BEGIN UPDATE data_stamp SET value = value + 1; END;
CREATE TRIGGER stamp_designated_backup_update AFTER UPDATE ON designated_backup BEGIN UPDATE data_stamp SET value = value + 1; END;
CREATE TRIGGER stamp_designated_backup_delete AFTER DELETE ON designated_backup BEGIN UPDATE data_stamp SET value = value + 1; END;
CREATE TRIGGER stamp_work_pattern_insert AFTER INSERT ON work_pattern BEGIN UPDATE data_stamp SET value = value + 1; END;
CREATE TRIGGER stamp_work_pattern_update AFTER UPDATE ON work_pattern BEGIN UPDATE data_stamp SET value = value + 1; END;
CREATE TRIGGER stamp_work_pattern_delete AFTER DELETE ON work_pattern BEGIN UPDATE data_stamp SET value = value + 1; END;
CREATE TRIGGER stamp_assignment_insert AFTER INSERT ON assignment BEGIN UPDATE data_stamp SET value = value + 1; END;
CREATE TRIGGER stamp_assignment_update AFTER UPDATE ON assignment BEGIN UPDATE data_stamp SET value = value + 1; END;
CREATE TRIGGER stamp_assignment_delete AFTER DELETE ON assignment BEGIN UPDATE data_stamp SET value = value + 1; END;
CREATE TRIGGER stamp_absence_insert AFTER INSERT ON absence BEGIN UPDATE data_stamp SET value = value + 1; END;
CREATE TRIGGER stamp_absence_update AFTER UPDATE ON absence BEGIN UPDATE data_stamp SET value = value + 1; END;
CREATE TRIGGER stamp_absence_delete AFTER DELETE ON absence BEGIN UPDATE data_stamp SET value = value + 1; END;
CREATE TRIGGER stamp_cover_accepted AFTER UPDATE OF status, assistant_id ON coverage_cover
    WHEN NEW.status = 'accepted' OR OLD.status = 'accepted'
    BEGIN UPDATE data_stamp SET value = value + 1; END;
CREATE TRIGGER stamp_cover_delete AFTER DELETE ON coverage_cover WHEN OLD.status = 'accepted'
    BEGIN UPDATE data_stamp SET value = value + 1; END;
CREATE TRIGGER stamp_setting_insert AFTER INSERT ON setting BEGIN UPDATE data_stamp SET value = value + 1; END;
CREATE TRIGGER stamp_setting_update AFTER UPDATE ON setting BEGIN UPDATE data_stamp SET value = value + 1; END;
