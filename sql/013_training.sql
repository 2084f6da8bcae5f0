-- 013_training.sql: training (issue 11): the course catalog with the skills each course teaches,
-- sessions with their meetings (dates and times, optionally recurring), the arrangements around a
-- session, enrolments with their seats and waitlist, attendance, the skill changes a completion
-- made (for its undo), certificates with their expiry, and the yearly training budget.
-- Also the view of the skill levels that count: an expired certificate no longer proves its level.

CREATE TABLE course (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    name            TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
    provider        TEXT NOT NULL DEFAULT '',
    format          TEXT NOT NULL DEFAULT 'course'
                    CHECK (format IN ('class', 'course', 'workshop', 'online')),
    duration_hours  REAL NOT NULL DEFAULT 8 CHECK (duration_hours > 0 AND duration_hours <= 2000),
    cost            REAL NOT NULL DEFAULT 0 CHECK (cost >= 0),
    language        TEXT NOT NULL DEFAULT 'et' CHECK (length(language) BETWEEN 1 AND 20),
    link            TEXT NOT NULL DEFAULT '',
    notes           TEXT NOT NULL DEFAULT '',
    active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

CREATE TABLE course_skill (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    course_id   INTEGER NOT NULL REFERENCES course (id) ON DELETE CASCADE,
    skill_id    INTEGER NOT NULL REFERENCES skill (id) ON DELETE CASCADE,
    level       INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
    UNIQUE (course_id, skill_id)
) STRICT;
CREATE INDEX course_skill_skill ON course_skill (skill_id, level);

CREATE TABLE training_session (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    course_id   INTEGER NOT NULL REFERENCES course (id) ON DELETE RESTRICT,
    name        TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
    place       TEXT NOT NULL DEFAULT '',
    link        TEXT NOT NULL DEFAULT '',
    instructor  TEXT NOT NULL DEFAULT '',
    capacity    INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 1000),
    cost        REAL NOT NULL DEFAULT 0 CHECK (cost >= 0),
    time_zone   TEXT NOT NULL DEFAULT 'Europe/Tallinn',
    notes       TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'cancelled')),
    starts_at   INTEGER,
    ends_at     INTEGER
) STRICT;
CREATE INDEX training_session_course ON training_session (course_id);
CREATE INDEX training_session_start ON training_session (starts_at);

CREATE TABLE training_meeting (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    session_id  INTEGER NOT NULL REFERENCES training_session (id) ON DELETE CASCADE,
    start_at    INTEGER NOT NULL,
    end_at      INTEGER NOT NULL,
    rrule       TEXT,
    CHECK (end_at > start_at)
) STRICT;
CREATE INDEX training_meeting_session ON training_meeting (session_id, start_at);

CREATE TABLE training_arrangement (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    session_id  INTEGER NOT NULL REFERENCES training_session (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL DEFAULT 'other'
                CHECK (kind IN ('room', 'travel', 'accommodation', 'materials', 'other')),
    title       TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    person_id   INTEGER REFERENCES person (id) ON DELETE SET NULL,
    due_date    TEXT CHECK (due_date IS NULL OR due_date IS date(due_date, '+0 days')),
    done        INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1))
) STRICT;
CREATE INDEX training_arrangement_session ON training_arrangement (session_id);
CREATE INDEX training_arrangement_due ON training_arrangement (done, due_date);

CREATE TABLE enrolment (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    session_id    INTEGER NOT NULL REFERENCES training_session (id) ON DELETE RESTRICT,
    assistant_id  INTEGER NOT NULL REFERENCES assistant (id) ON DELETE RESTRICT,
    status        TEXT NOT NULL DEFAULT 'requested'
                  CHECK (status IN ('requested', 'enrolled', 'confirmed', 'completed',
                                    'rejected', 'cancelled')),
    waitlisted    INTEGER NOT NULL DEFAULT 0 CHECK (waitlisted IN (0, 1)),
    queued_at     INTEGER,
    cost          REAL NOT NULL DEFAULT 0 CHECK (cost >= 0),
    note          TEXT NOT NULL DEFAULT '',
    decision_note TEXT NOT NULL DEFAULT '',
    status_at     INTEGER
) STRICT;
CREATE INDEX enrolment_session ON enrolment (session_id, status, waitlisted, queued_at);
CREATE INDEX enrolment_assistant ON enrolment (assistant_id, status);
-- One live enrolment of an assistant in a session.
CREATE UNIQUE INDEX enrolment_live ON enrolment (session_id, assistant_id)
    WHERE status IN ('requested', 'enrolled', 'confirmed', 'completed');

-- The training absences a confirmation made, one per meeting occurrence.
CREATE TABLE enrolment_absence (
    enrolment_id  INTEGER NOT NULL REFERENCES enrolment (id) ON DELETE CASCADE,
    absence_id    INTEGER NOT NULL REFERENCES absence (id) ON DELETE CASCADE,
    PRIMARY KEY (enrolment_id, absence_id)
) STRICT;

CREATE TABLE training_attendance (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    enrolment_id  INTEGER NOT NULL REFERENCES enrolment (id) ON DELETE CASCADE,
    assistant_id  INTEGER NOT NULL REFERENCES assistant (id) ON DELETE CASCADE,
    meeting_id    INTEGER NOT NULL REFERENCES training_meeting (id) ON DELETE CASCADE,
    start_at      INTEGER NOT NULL,
    present       INTEGER NOT NULL DEFAULT 1 CHECK (present IN (0, 1)),
    UNIQUE (enrolment_id, meeting_id, start_at)
) STRICT;

-- What a completion did to a skill: the level before (0: the skill was not held) and after.
CREATE TABLE training_skill_change (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at    INTEGER NOT NULL,
    enrolment_id  INTEGER NOT NULL REFERENCES enrolment (id) ON DELETE CASCADE,
    assistant_id  INTEGER NOT NULL REFERENCES assistant (id) ON DELETE CASCADE,
    skill_id      INTEGER NOT NULL REFERENCES skill (id) ON DELETE CASCADE,
    level_before  INTEGER NOT NULL CHECK (level_before BETWEEN 0 AND 5),
    level_after   INTEGER NOT NULL CHECK (level_after BETWEEN 1 AND 5)
) STRICT;
CREATE INDEX training_skill_change_enrolment ON training_skill_change (enrolment_id);

CREATE TABLE certificate (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    assistant_id    INTEGER NOT NULL REFERENCES assistant (id) ON DELETE CASCADE,
    skill_id        INTEGER NOT NULL REFERENCES skill (id) ON DELETE CASCADE,
    level           INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
    level_without   INTEGER NOT NULL DEFAULT 0 CHECK (level_without BETWEEN 0 AND 5),
    title           TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    enrolment_id    INTEGER REFERENCES enrolment (id) ON DELETE SET NULL,
    issued_on       TEXT NOT NULL CHECK (issued_on IS date(issued_on, '+0 days')),
    expires_on      TEXT CHECK (expires_on IS NULL OR expires_on IS date(expires_on, '+0 days')),
    notified_days   INTEGER NOT NULL DEFAULT 0,
    CHECK (expires_on IS NULL OR expires_on > issued_on),
    CHECK (level_without < level)
) STRICT;
CREATE INDEX certificate_assistant ON certificate (assistant_id, skill_id);
CREATE INDEX certificate_expiry ON certificate (expires_on);

CREATE TABLE training_setting (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    version        INTEGER NOT NULL DEFAULT 1,
    updated_at     INTEGER NOT NULL,
    yearly_budget  REAL NOT NULL DEFAULT 0 CHECK (yearly_budget >= 0),
    currency       TEXT NOT NULL DEFAULT 'EUR'
) STRICT;
INSERT INTO training_setting (id, updated_at, yearly_budget) VALUES (1, 0, 1500);

-- The skill levels that count (the planner, role fit and training needs read this): a level
-- proven by certificates that have all expired (none still valid proves it) falls back to the
-- level the assistant had without them; a level of 0 is no skill at all. "Today" is the UTC
-- date of the database's clock.
CREATE VIEW assistant_skill_effective AS
SELECT s.assistant_id, s.skill_id, s.level AS stored_level,
       CASE
           WHEN EXISTS (SELECT 1 FROM certificate c
                        WHERE c.assistant_id = s.assistant_id AND c.skill_id = s.skill_id
                          AND c.level >= s.level AND c.expires_on IS NOT NULL
                          AND c.expires_on <= date('now'))
            AND NOT EXISTS (SELECT 1 FROM certificate c
                            WHERE c.assistant_id = s.assistant_id AND c.skill_id = s.skill_id
                              AND c.level >= s.level
                              AND (c.expires_on IS NULL OR c.expires_on > date('now')))
           THEN (SELECT min(c.level_without) FROM certificate c
                 WHERE c.assistant_id = s.assistant_id AND c.skill_id = s.skill_id
                   AND c.level >= s.level AND c.expires_on <= date('now'))
           ELSE s.level
       END AS level
FROM assistant_skill s;

-- A session's first start and last end follow its meetings (a recurring meeting counts by its
-- first occurrence), for the schedule's window.
CREATE TRIGGER training_meeting_span_insert AFTER INSERT ON training_meeting BEGIN
    UPDATE training_session SET
        starts_at = (SELECT min(start_at) FROM training_meeting WHERE session_id = NEW.session_id),
        ends_at = (SELECT max(end_at) FROM training_meeting WHERE session_id = NEW.session_id)
    WHERE id = NEW.session_id;
END;
CREATE TRIGGER training_meeting_span_update AFTER UPDATE OF start_at, end_at ON training_meeting
BEGIN
    UPDATE training_session SET
        starts_at = (SELECT min(start_at) FROM training_meeting WHERE session_id = NEW.session_id),
        ends_at = (SELECT max(end_at) FROM training_meeting WHERE session_id = NEW.session_id)
    WHERE id = NEW.session_id;
END;
CREATE TRIGGER training_meeting_span_delete AFTER DELETE ON training_meeting BEGIN
    UPDATE training_session SET
        starts_at = (SELECT min(start_at) FROM training_meeting WHERE session_id = OLD.session_id),
        ends_at = (SELECT max(end_at) FROM training_meeting WHERE session_id = OLD.session_id)
    WHERE id = OLD.session_id;
END;
