-- 024_recruit_offer.sql: recruiting's offer (issue 12) — the terms a candidate is offered
-- (salary with its currency and period, start date, weekly hours, permanent or fixed-term
-- contract, the date the answer is due, notes) and its status: draft → sent → accepted |
-- declined | withdrawn | expired. An application may have several; a new one sent replaces
-- the one sent before (withdrawn). The offer goes with its application (erasure cascades).
-- The hire needs an accepted offer or the manager's override, whose reason the application
-- keeps (hire_override_reason).

CREATE TABLE offer (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    application_id  INTEGER NOT NULL REFERENCES application (id) ON DELETE CASCADE,
    salary_amount   INTEGER NOT NULL CHECK (salary_amount BETWEEN 1 AND 1000000000),
    salary_currency TEXT NOT NULL DEFAULT 'EUR' CHECK (length(salary_currency) = 3),
    salary_period   TEXT NOT NULL DEFAULT 'month' CHECK (salary_period IN ('month', 'year')),
    salary_override INTEGER NOT NULL DEFAULT 0 CHECK (salary_override IN (0, 1)),
    start_date      TEXT NOT NULL CHECK (start_date IS date(start_date)),
    hours_per_week  REAL NOT NULL CHECK (hours_per_week BETWEEN 1 AND 60),
    contract        TEXT NOT NULL DEFAULT 'permanent'
                    CHECK (contract IN ('permanent', 'fixed_term')),
    end_date        TEXT CHECK (end_date IS NULL OR end_date IS date(end_date)),
    expires_on      TEXT NOT NULL CHECK (expires_on IS date(expires_on)),
    notes           TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 5000),
    status          TEXT NOT NULL DEFAULT 'draft'
                    CHECK (status IN ('draft', 'sent', 'accepted', 'declined', 'withdrawn',
                                      'expired')),
    status_at       INTEGER,
    status_by       TEXT,
    sent_at         INTEGER,
    decline_reason  TEXT NOT NULL DEFAULT '' CHECK (length(decline_reason) <= 1000),
    CHECK (contract = 'permanent' OR end_date IS NOT NULL)
) STRICT;
CREATE INDEX offer_application ON offer (application_id, status);
CREATE INDEX offer_expiry ON offer (status, expires_on);

ALTER TABLE application ADD COLUMN hire_override_reason TEXT NOT NULL DEFAULT '';
