-- 900_example.sql: the example domain's one migration (tests only).
CREATE TABLE ticket (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    title       TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved', 'reopened')),
    resolution  TEXT NOT NULL DEFAULT '',
    closed_at   INTEGER
) STRICT;

-- Who is a party to a ticket; `may_view` is the manager's leave for that party to read it.
CREATE TABLE ticket_party (
    ticket_id   INTEGER NOT NULL REFERENCES ticket (id) ON DELETE CASCADE,
    person_id   INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    may_view    INTEGER NOT NULL DEFAULT 1 CHECK (may_view IN (0, 1)),
    PRIMARY KEY (ticket_id, person_id)
) STRICT;
