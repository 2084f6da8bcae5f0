-- 021_recruit_interviews.sql: recruiting's interviews (issue 12): an application's interview
-- with its panel (the manager, the executive the requisition supports, optional others), the
-- time booked directly from find-a-time or offered as slots the candidate picks from a link
-- (only the SHA-256 of the link's token is stored), the absence each assistant on the panel
-- gets, and the scorecards: each panel member rates the requisition's criteria 1–5 with notes.

CREATE TABLE interview (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    version          INTEGER NOT NULL DEFAULT 1,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    application_id   INTEGER NOT NULL REFERENCES application (id) ON DELETE CASCADE,
    requisition_id   INTEGER NOT NULL REFERENCES requisition (id) ON DELETE CASCADE,
    organizer_id     INTEGER REFERENCES person (id) ON DELETE SET NULL,
    status           TEXT NOT NULL DEFAULT 'offered'
                     CHECK (status IN ('offered', 'scheduled', 'cancelled', 'completed')),
    status_at        INTEGER,
    start_at         INTEGER,
    end_at           INTEGER,
    duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 15 AND 480),
    location         TEXT NOT NULL DEFAULT '',
    url              TEXT NOT NULL DEFAULT '',
    criteria         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(criteria)),
    sequence         INTEGER NOT NULL DEFAULT 0,
    pick_hash        TEXT UNIQUE,
    pick_until       INTEGER,
    CHECK (start_at IS NULL OR end_at > start_at)
) STRICT;
CREATE INDEX interview_application ON interview (application_id);
CREATE INDEX interview_time ON interview (status, start_at);

CREATE TABLE interview_panel (
    interview_id     INTEGER NOT NULL REFERENCES interview (id) ON DELETE CASCADE,
    person_id        INTEGER NOT NULL REFERENCES person (id) ON DELETE RESTRICT,
    role             TEXT NOT NULL CHECK (role IN ('manager', 'executive', 'member')),
    absence_id       INTEGER REFERENCES absence (id) ON DELETE SET NULL,
    PRIMARY KEY (interview_id, person_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX interview_panel_person ON interview_panel (person_id);

-- The times offered to the candidate (2–5) while the interview is `offered`.
CREATE TABLE interview_slot (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    interview_id     INTEGER NOT NULL REFERENCES interview (id) ON DELETE CASCADE,
    start_at         INTEGER NOT NULL,
    end_at           INTEGER NOT NULL CHECK (end_at > start_at)
) STRICT;
CREATE INDEX interview_slot_interview ON interview_slot (interview_id);

CREATE TABLE scorecard (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    version          INTEGER NOT NULL DEFAULT 1,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    interview_id     INTEGER NOT NULL REFERENCES interview (id) ON DELETE CASCADE,
    person_id        INTEGER NOT NULL REFERENCES person (id) ON DELETE RESTRICT,
    status           TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted')),
    submitted_at     INTEGER,
    note             TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 5000),
    UNIQUE (interview_id, person_id)
) STRICT;

CREATE TABLE scorecard_rating (
    scorecard_id     INTEGER NOT NULL REFERENCES scorecard (id) ON DELETE CASCADE,
    criterion        TEXT NOT NULL CHECK (length(criterion) BETWEEN 1 AND 100),
    score            INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    note             TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
    PRIMARY KEY (scorecard_id, criterion)
) STRICT, WITHOUT ROWID;

-- Who besides managers reads an application: the panel of one of its interviews that is not
-- cancelled (the kit's `parties` visibility, src/core/store_entity.c).
CREATE VIEW application_panel (application_id, person_id) AS
    SELECT i.application_id, p.person_id
      FROM interview i JOIN interview_panel p ON p.interview_id = i.id
     WHERE i.status <> 'cancelled';

-- Who besides managers reads a scorecard: its author always; another member of the same panel
-- only once both it and their own are submitted (scores stay blind until then).
CREATE VIEW scorecard_reader (scorecard_id, person_id) AS
    SELECT s.id, s.person_id FROM scorecard s
    UNION ALL
    SELECT s.id, mine.person_id
      FROM scorecard s JOIN scorecard mine
        ON mine.interview_id = s.interview_id AND mine.id <> s.id
     WHERE s.status = 'submitted' AND mine.status = 'submitted';
