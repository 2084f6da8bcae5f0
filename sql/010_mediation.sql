-- 010_mediation.sql: confidential mediation cases between assistants and executives (issue 13).
-- A case, its parties, its entries (statements and notes, each with its own visibility), its
-- sessions with the manager and its agreed actions. The pairs a "reassigned" outcome parts are
-- kept in incompatible_pair, which the matching (role fit) reads.

CREATE TABLE mediation_case (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    category     TEXT NOT NULL CHECK (category IN ('workload', 'communication', 'conduct',
                     'conflicting_instructions', 'personality', 'other')),
    severity     TEXT NOT NULL DEFAULT 'medium' CHECK (severity IN ('low', 'medium', 'high')),
    summary      TEXT NOT NULL DEFAULT '' CHECK (length(summary) <= 2000),
    status       TEXT NOT NULL DEFAULT 'reported' CHECK (status IN ('reported', 'in_review',
                     'mediation', 'agreed_actions', 'monitoring', 'closed')),
    outcome      TEXT CHECK (outcome IS NULL OR outcome IN ('resolved', 'reassigned',
                     'escalated', 'withdrawn')),
    outcome_note TEXT NOT NULL DEFAULT '' CHECK (length(outcome_note) <= 2000),
    -- The party who raised it; NULL when a manager opened the case.
    raised_by    INTEGER REFERENCES person (id),
    review_date  TEXT CHECK (review_date IS NULL OR review_date IS date(review_date)),
    status_at    INTEGER,
    -- 1 once retention removed its entries, sessions and actions: a stub remains.
    purged       INTEGER NOT NULL DEFAULT 0 CHECK (purged IN (0, 1))
) STRICT;
CREATE INDEX mediation_case_status ON mediation_case (status, status_at);

-- The parties; `may_view` is the manager's leave for that party to see the case at all.
CREATE TABLE case_party (
    case_id      INTEGER NOT NULL REFERENCES mediation_case (id) ON DELETE CASCADE,
    person_id    INTEGER NOT NULL REFERENCES person (id),
    may_view     INTEGER NOT NULL DEFAULT 1 CHECK (may_view IN (0, 1)),
    PRIMARY KEY (case_id, person_id)
) STRICT;
CREATE INDEX case_party_person ON case_party (person_id);

-- Entries: `body` holds the text, or `sealed` (nonce || secretbox) when encryption is on.
CREATE TABLE case_entry (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    case_id       INTEGER NOT NULL REFERENCES mediation_case (id) ON DELETE CASCADE,
    kind          TEXT NOT NULL CHECK (kind IN ('statement', 'note', 'meeting_note',
                      'action_note')),
    visibility    TEXT NOT NULL CHECK (visibility IN ('manager', 'author', 'parties')),
    author_person INTEGER REFERENCES person (id),
    author        TEXT NOT NULL,
    body          TEXT,
    sealed        BLOB,
    CHECK ((body IS NULL) <> (sealed IS NULL))
) STRICT;
CREATE INDEX case_entry_case ON case_entry (case_id, id);

-- Sessions with the manager. The title is neutral by construction: calendars and feeds show
-- only it, never the case.
CREATE TABLE case_session (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    case_id     INTEGER NOT NULL REFERENCES mediation_case (id) ON DELETE CASCADE,
    title       TEXT NOT NULL DEFAULT 'Meeting with the manager'
                    CHECK (title = 'Meeting with the manager'),
    start_at    INTEGER NOT NULL,
    end_at      INTEGER NOT NULL,
    attendees   TEXT NOT NULL CHECK (json_valid(attendees)),
    location    TEXT NOT NULL DEFAULT '' CHECK (length(location) <= 200),
    CHECK (end_at > start_at)
) STRICT;
CREATE INDEX case_session_case ON case_session (case_id, start_at);

CREATE TABLE case_action (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    case_id     INTEGER NOT NULL REFERENCES mediation_case (id) ON DELETE CASCADE,
    description TEXT NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
    owner_id    INTEGER REFERENCES person (id),
    due_date    TEXT NOT NULL CHECK (due_date IS date(due_date)),
    done        INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1))
) STRICT;
CREATE INDEX case_action_case ON case_action (case_id);

-- An assistant and an executive who should not be matched again (a "reassigned" outcome).
CREATE TABLE incompatible_pair (
    assistant_id INTEGER NOT NULL REFERENCES person (id),
    principal_id INTEGER NOT NULL REFERENCES person (id),
    case_id      INTEGER REFERENCES mediation_case (id) ON DELETE SET NULL,
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (assistant_id, principal_id)
) STRICT;

-- A case withdrawn (the `withdraw` action takes no outcome) is closed as "withdrawn".
CREATE TRIGGER mediation_case_withdrawn AFTER UPDATE OF status ON mediation_case
WHEN NEW.status = 'closed' AND NEW.outcome IS NULL
BEGIN
    UPDATE mediation_case SET outcome = 'withdrawn' WHERE id = NEW.id;
END;

-- A case closed as "reassigned" parts its assistant–executive pairs for the matching.
CREATE TRIGGER mediation_case_reassigned AFTER UPDATE OF status ON mediation_case
WHEN NEW.status = 'closed' AND NEW.outcome = 'reassigned'
BEGIN
    INSERT OR IGNORE INTO incompatible_pair (assistant_id, principal_id, case_id, created_at)
    SELECT a.person_id, p.person_id, NEW.id, NEW.updated_at
    FROM case_party a JOIN assistant x ON x.id = a.person_id
    JOIN case_party p ON p.case_id = a.case_id JOIN principal y ON y.id = p.person_id
    WHERE a.case_id = NEW.id;
END;
