-- 016_mediation_reminders.sql: the follow-up reminders of mediation cases (issue 13), so each is
-- sent once. A row says that the reminder of `kind` for `on_date` (an action's due date, or a
-- case's review date) was queued for the person (mail_id 0: they turned that kind off). A
-- changed review date is a new on_date, so it is reminded again.

CREATE TABLE case_reminder (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at  INTEGER NOT NULL,
    case_id     INTEGER NOT NULL REFERENCES mediation_case (id) ON DELETE CASCADE,
    -- The agreed action (kind due or overdue), 0 for a case's review.
    action_id   INTEGER NOT NULL DEFAULT 0,
    kind        TEXT NOT NULL CHECK (kind IN ('due', 'overdue', 'review')),
    on_date     TEXT NOT NULL CHECK (on_date IS date(on_date)),
    person_id   INTEGER NOT NULL REFERENCES person (id),
    mail_id     INTEGER NOT NULL DEFAULT 0,
    UNIQUE (case_id, action_id, kind, on_date, person_id)
) STRICT;

-- The manager who booked a session (NULL: the CLI, or an account with no person): the session
-- is in their calendar feed too.
ALTER TABLE case_session ADD COLUMN organizer_id INTEGER REFERENCES person (id);
