-- 018_correspondence_overdue.sql: the desk's tick tells an item's handler once when its reply
-- due date has passed (mail kind correspondence.overdue). The column holds the reply_due that
-- was told about; a changed reply_due is told again when it passes.

ALTER TABLE correspondence ADD COLUMN overdue_notified_due TEXT;
