-- 007_leave.sql: leave balances (an office's yearly entitlement per leave kind, a person's own
-- entitlement and carry-over per year), the manager's override of a balance on approval, who
-- decided an absence and on whose behalf, and the stand-in approvers of managers who are away.

-- The yearly entitlement of an office's people for one leave kind (Estonia: 28 calendar days of
-- annual leave). Without a row for the office, vacation is 28 days a year and the other kinds
-- keep no balance.
CREATE TABLE leave_policy (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    office      TEXT NOT NULL CHECK (length(office) BETWEEN 1 AND 100),
    kind        TEXT NOT NULL CHECK (kind IN ('vacation', 'sick', 'training', 'interview', 'other')),
    days        REAL NOT NULL CHECK (days BETWEEN 0 AND 366),
    accrual     TEXT NOT NULL DEFAULT 'yearly' CHECK (accrual IN ('monthly', 'yearly')),
    UNIQUE (office, kind)
) STRICT;

-- One person's year of one leave kind: an entitlement other than the office's (NULL: the
-- office's) and the days carried over from the year before, usable until carry_over_expires.
CREATE TABLE leave_entitlement (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    version             INTEGER NOT NULL DEFAULT 1,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    person_id           INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    kind                TEXT NOT NULL
                        CHECK (kind IN ('vacation', 'sick', 'training', 'interview', 'other')),
    year                INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    days                REAL CHECK (days IS NULL OR days BETWEEN 0 AND 366),
    carry_over_days     REAL NOT NULL DEFAULT 0 CHECK (carry_over_days BETWEEN 0 AND 366),
    carry_over_expires  TEXT CHECK (carry_over_expires IS NULL
                                    OR carry_over_expires IS date(carry_over_expires, '+0 days')),
    UNIQUE (person_id, kind, year)
) STRICT;

-- A manager away names another manager (or an assistant lead) to decide leave in their place.
CREATE TABLE approval_standin (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    manager_id  INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    standin_id  INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    from_date   TEXT NOT NULL CHECK (from_date IS date(from_date, '+0 days')),
    to_date     TEXT NOT NULL CHECK (to_date IS date(to_date, '+0 days')),
    note        TEXT NOT NULL DEFAULT '',
    CHECK (to_date >= from_date),
    CHECK (standin_id <> manager_id)
) STRICT;
CREATE INDEX approval_standin_standin ON approval_standin (standin_id, from_date);

-- Approving past the balance needs the manager to say so; who decided, and for whom.
ALTER TABLE absence ADD COLUMN balance_override INTEGER DEFAULT 0
    CHECK (balance_override IS NULL OR balance_override IN (0, 1));
ALTER TABLE absence ADD COLUMN decided_by INTEGER REFERENCES person (id) ON DELETE SET NULL;
ALTER TABLE absence ADD COLUMN decided_for INTEGER REFERENCES person (id) ON DELETE SET NULL;
