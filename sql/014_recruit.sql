-- 014_recruit.sql: recruiting (issue 12): the requisition for a new assistant (why, for which
-- executive, duties, must-have skills and languages, terms; approved by a manager), its job
-- postings in Estonian and English (published on the public careers page), and the
-- applications to it: the candidate's data, the resume file and its extracted text (searched
-- with FTS5 BM25 for screening), the pipeline stage and the time spent in each stage.

CREATE TABLE requisition (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    title           TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    reason          TEXT NOT NULL CHECK (reason IN ('new_executive', 'growth', 'replacement')),
    reason_person_id INTEGER REFERENCES person (id) ON DELETE SET NULL,
    principal_id    INTEGER NOT NULL REFERENCES principal (id) ON DELETE RESTRICT,
    duties          TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(duties)),
    must_skills     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(must_skills)),
    languages       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(languages)),
    office          TEXT NOT NULL CHECK (length(office) BETWEEN 1 AND 100),
    hours_per_week  REAL NOT NULL DEFAULT 40 CHECK (hours_per_week BETWEEN 1 AND 60),
    start_date      TEXT CHECK (start_date IS NULL OR start_date IS date(start_date, '+0 days')),
    salary_min      INTEGER CHECK (salary_min IS NULL OR salary_min >= 0),
    salary_max      INTEGER CHECK (salary_max IS NULL OR salary_max >= 0),
    status          TEXT NOT NULL DEFAULT 'draft'
                    CHECK (status IN ('draft', 'approved', 'closed', 'cancelled')),
    decided_by      TEXT,
    status_at       INTEGER,
    CHECK (salary_min IS NULL OR salary_max IS NULL OR salary_max >= salary_min)
) STRICT;
CREATE INDEX requisition_principal ON requisition (principal_id);

CREATE TABLE posting (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    requisition_id  INTEGER NOT NULL REFERENCES requisition (id) ON DELETE CASCADE,
    lang            TEXT NOT NULL CHECK (lang IN ('et', 'en')),
    title           TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    body            TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
    status          TEXT NOT NULL DEFAULT 'draft'
                    CHECK (status IN ('draft', 'published', 'unpublished')),
    status_at       INTEGER,
    UNIQUE (requisition_id, lang)
) STRICT;
CREATE INDEX posting_status ON posting (status);

CREATE TABLE application (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    requisition_id  INTEGER NOT NULL REFERENCES requisition (id) ON DELETE RESTRICT,
    name            TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    email           TEXT NOT NULL CHECK (email LIKE '%_@_%'),
    phone           TEXT NOT NULL DEFAULT '',
    languages       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(languages)),
    note            TEXT NOT NULL DEFAULT '',
    lang            TEXT NOT NULL DEFAULT 'en' CHECK (lang IN ('et', 'en')),
    source          TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('careers', 'manual')),
    resume_name     TEXT,
    resume_type     TEXT CHECK (resume_type IS NULL OR resume_type IN ('pdf', 'docx', 'odt', 'text')),
    resume_size     INTEGER,
    resume_text     TEXT NOT NULL DEFAULT '',
    consent_at      INTEGER,
    stage           TEXT NOT NULL DEFAULT 'applied'
                    CHECK (stage IN ('applied', 'screening', 'interview', 'offer', 'hired',
                                     'rejected', 'withdrawn')),
    stage_at        INTEGER,
    reason          TEXT NOT NULL DEFAULT '',
    hired_person_id INTEGER REFERENCES person (id) ON DELETE SET NULL
) STRICT;
-- Covers screening's scan (stage, and declared languages when filtered) without the wide rows.
CREATE INDEX application_requisition ON application (requisition_id, stage, languages);
CREATE INDEX application_stage_at ON application (stage, stage_at);

-- The resume file itself, apart from the row so lists never read it.
CREATE TABLE application_file (
    application_id  INTEGER PRIMARY KEY REFERENCES application (id) ON DELETE CASCADE,
    data            BLOB NOT NULL
) STRICT;

-- Every stage an application has been in, from when to when: the board's "time in stage".
CREATE TABLE application_stage (
    application_id  INTEGER NOT NULL REFERENCES application (id) ON DELETE CASCADE,
    stage           TEXT NOT NULL,
    entered_at      INTEGER NOT NULL,
    left_at         INTEGER
) STRICT;
CREATE INDEX application_stage_app ON application_stage (application_id, entered_at);

CREATE TRIGGER application_stage_insert AFTER INSERT ON application BEGIN
    INSERT INTO application_stage (application_id, stage, entered_at)
        VALUES (new.id, new.stage, new.created_at);
END;

CREATE TRIGGER application_stage_update AFTER UPDATE OF stage ON application
WHEN new.stage IS NOT old.stage BEGIN
    UPDATE application_stage SET left_at = coalesce(new.stage_at, new.updated_at)
        WHERE application_id = new.id AND left_at IS NULL;
    INSERT INTO application_stage (application_id, stage, entered_at)
        VALUES (new.id, new.stage, coalesce(new.stage_at, new.updated_at));
END;

-- Screening searches the resume text, the cover note and the declared languages (one word list),
-- case and diacritics ignored.
CREATE VIRTUAL TABLE application_search USING fts5(
    resume_text, note, languages, tokenize = "unicode61 remove_diacritics 2");

CREATE TRIGGER application_search_insert AFTER INSERT ON application BEGIN
    INSERT INTO application_search (rowid, resume_text, note, languages)
        VALUES (new.id, new.resume_text, new.note,
                (SELECT group_concat(value, ' ') FROM json_each(new.languages)));
END;

CREATE TRIGGER application_search_update AFTER UPDATE OF resume_text, note, languages
ON application BEGIN
    DELETE FROM application_search WHERE rowid = old.id;
    INSERT INTO application_search (rowid, resume_text, note, languages)
        VALUES (new.id, new.resume_text, new.note,
                (SELECT group_concat(value, ' ') FROM json_each(new.languages)));
END;

CREATE TRIGGER application_search_delete AFTER DELETE ON application BEGIN
    DELETE FROM application_search WHERE rowid = old.id;
END;
