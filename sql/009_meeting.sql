-- 009_meeting.sql: meetings booked on behalf of an executive with their attendees, the room
-- catalog, outside calendars a person registers (with the busy spans read from them) and the
-- secrets of calendar feeds (stored hashed, like API tokens).

CREATE TABLE room (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    name        TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
    capacity    INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 1000),
    location    TEXT NOT NULL DEFAULT '' CHECK (length(location) <= 200),
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

CREATE TABLE meeting (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    principal_id  INTEGER NOT NULL REFERENCES person (id) ON DELETE RESTRICT,
    booked_by     TEXT NOT NULL,
    title         TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    start_at      INTEGER NOT NULL,
    end_at        INTEGER NOT NULL,
    place         TEXT NOT NULL DEFAULT '' CHECK (length(place) <= 200),
    video_url     TEXT NOT NULL DEFAULT '' CHECK (length(video_url) <= 500),
    room_id       INTEGER REFERENCES room (id) ON DELETE RESTRICT,
    uid           TEXT NOT NULL UNIQUE,
    sequence      INTEGER NOT NULL DEFAULT 0 CHECK (sequence >= 0),
    status        TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
    CHECK (end_at > start_at)
) STRICT;
CREATE INDEX meeting_principal ON meeting (principal_id, start_at);
CREATE INDEX meeting_room ON meeting (room_id, start_at);
CREATE INDEX meeting_window ON meeting (start_at, end_at);

-- principal_id repeats the meeting's, so the kit's visibility (the executive, their assistants,
-- the attendee themself) reads the row alone.
CREATE TABLE meeting_attendee (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    meeting_id    INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    principal_id  INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    person_id     INTEGER REFERENCES person (id) ON DELETE CASCADE,
    email         TEXT CHECK (email IS NULL OR email LIKE '%_@_%'),
    required      INTEGER NOT NULL DEFAULT 1 CHECK (required IN (0, 1)),
    CHECK ((person_id IS NULL) <> (email IS NULL)),
    UNIQUE (meeting_id, person_id),
    UNIQUE (meeting_id, email)
) STRICT;
CREATE INDEX meeting_attendee_person ON meeting_attendee (person_id);

CREATE TABLE outside_calendar (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    person_id   INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    url         TEXT CHECK (url IS NULL OR length(url) BETWEEN 8 AND 2000),
    busy_count  INTEGER NOT NULL DEFAULT 0,
    read_at     INTEGER,
    last_error  TEXT
) STRICT;
CREATE INDEX outside_calendar_person ON outside_calendar (person_id);

CREATE TABLE outside_busy (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    calendar_id  INTEGER NOT NULL REFERENCES outside_calendar (id) ON DELETE CASCADE,
    start_at     INTEGER NOT NULL,
    end_at       INTEGER NOT NULL,
    CHECK (end_at > start_at)
) STRICT;
CREATE INDEX outside_busy_calendar ON outside_busy (calendar_id, start_at);

CREATE TABLE feed_token (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id     INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    busy_only     INTEGER NOT NULL DEFAULT 0 CHECK (busy_only IN (0, 1)),
    token_hash    BLOB NOT NULL UNIQUE,
    created_at    INTEGER NOT NULL
) STRICT;
CREATE INDEX feed_token_person ON feed_token (person_id);
