-- 020_training_cancel.sql: what a training cancellation needs to tell the right people the right
-- thing (issue 11): the manager who gave an enrolment its seat (they are told when it is
-- cancelled), and the invitations sent for it, with the UID and SEQUENCE each carried, so that
-- the iTIP CANCEL names exactly the event the calendar holds even after the session's meetings
-- moved.

ALTER TABLE enrolment ADD COLUMN enrolled_by INTEGER REFERENCES person (id) ON DELETE SET NULL;

-- Until now only the audit log knew who enrolled or approved a seat: a manager's or admin's
-- account with a person.
UPDATE enrolment SET enrolled_by = (
    SELECT a.person_id FROM audit_log l JOIN account a ON a.login = l.actor
    WHERE l.entity = 'enrolment' AND l.entity_id = enrolment.id
      AND l.action IN ('create', 'approve') AND a.role IN ('manager', 'admin')
      AND a.person_id IS NOT NULL
    ORDER BY l.id DESC LIMIT 1)
WHERE status IN ('enrolled', 'confirmed', 'completed');

CREATE TABLE training_invitation (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    enrolment_id  INTEGER NOT NULL REFERENCES enrolment (id) ON DELETE CASCADE,
    uid           TEXT NOT NULL UNIQUE,
    sequence      INTEGER NOT NULL DEFAULT 0 CHECK (sequence >= 0),
    start_at      INTEGER NOT NULL,
    end_at        INTEGER NOT NULL,
    cancelled_at  INTEGER,
    CHECK (end_at > start_at)
) STRICT;
CREATE INDEX training_invitation_enrolment ON training_invitation (enrolment_id);

-- The invitations of the confirmed enrolments so far, rebuilt as they were sent: one per
-- training absence (one per meeting occurrence), the UID from the session, the meeting (the
-- one starting then, else a recurring one the occurrence can belong to), the start and the
-- enrolment. An occurrence no meeting explains any more (its meeting moved) gets no row: the
-- uid would be NULL, and the column refuses it, so INSERT OR IGNORE passes over it.
INSERT OR IGNORE INTO training_invitation (enrolment_id, uid, sequence, start_at, end_at)
SELECT e.id,
       'training-' || e.session_id || '-' || coalesce(
           (SELECT min(m.id) FROM training_meeting m
            WHERE m.session_id = e.session_id AND m.start_at = a.start_at),
           (SELECT max(m.id) FROM training_meeting m
            WHERE m.session_id = e.session_id AND m.rrule IS NOT NULL
              AND m.start_at <= a.start_at AND m.end_at - m.start_at = a.end_at - a.start_at))
       || '-' || a.start_at || '-' || e.id || '@haldus',
       0, a.start_at, a.end_at
FROM enrolment e
JOIN enrolment_absence ea ON ea.enrolment_id = e.id
JOIN absence a ON a.id = ea.absence_id
WHERE e.status = 'confirmed' AND a.status = 'approved';
