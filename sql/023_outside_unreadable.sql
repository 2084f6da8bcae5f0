-- 023_outside_unreadable.sql: how many events of an outside calendar's last successful read were
-- skipped because their DTSTART or DTEND could not be read (libical drops such a property and
-- the event then blocks nothing): shown with the calendar so a broken feed is not silent.

ALTER TABLE outside_calendar ADD COLUMN unreadable_events INTEGER NOT NULL DEFAULT 0
    CHECK (unreadable_events >= 0);
