-- 025_account_invitation.sql: accounts made by invitation. The account is created with a
-- password hash that no password matches ('!invited'); the invitation holds a single-use token,
-- stored only as its SHA-256 (hex), until it is accepted, revoked, replaced or expires.

CREATE TABLE account_invitation (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    account_id   INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    token_hash   TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
    email        TEXT NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    lang         TEXT NOT NULL CHECK (lang IN ('et', 'en')),
    expires_at   INTEGER NOT NULL,
    created_by   TEXT NOT NULL,
    accepted_at  INTEGER,
    revoked_at   INTEGER,
    CHECK (accepted_at IS NULL OR revoked_at IS NULL)
) STRICT;
CREATE INDEX account_invitation_account ON account_invitation (account_id);
-- At most one open invitation per account: a resend revokes the old one first.
CREATE UNIQUE INDEX account_invitation_open ON account_invitation (account_id)
    WHERE accepted_at IS NULL AND revoked_at IS NULL;
