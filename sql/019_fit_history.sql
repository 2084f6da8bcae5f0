-- 019_fit_history.sql: how a past cover went (issue 14). The manager and the executive who was
-- covered each rate an accepted cover that has ended: went well or badly, with a note. The fit's
-- history term counts a cover by the manager's rating, else the executive's; unrated covers
-- count as went well, as before (docs/planner.md §12).
CREATE TABLE cover_rating (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    version    INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    cover_id   INTEGER NOT NULL REFERENCES coverage_cover (id) ON DELETE CASCADE,
    rater      TEXT NOT NULL CHECK (rater IN ('manager', 'executive')),
    outcome    TEXT NOT NULL CHECK (outcome IN ('well', 'badly')),
    note       TEXT CHECK (note IS NULL OR length(note) <= 1000),
    rated_by   TEXT NOT NULL,
    UNIQUE (cover_id, rater)
) STRICT;
