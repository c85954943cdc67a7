-- Hearth's tables on SQLite. The first two match what earlier versions created by hand, so
-- their files carry over (IF NOT EXISTS).

-- The live sessions list (OWASP ASVS 7.4.5).
CREATE TABLE IF NOT EXISTS sessions (
    handle TEXT PRIMARY KEY, server TEXT NOT NULL, owner TEXT NOT NULL,
    key_id TEXT, since INTEGER NOT NULL, last_seen INTEGER NOT NULL,
    ip TEXT NOT NULL, agent TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS sessions_owner ON sessions (owner);

-- The audit log.
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY, at INTEGER NOT NULL, server TEXT NOT NULL,
    "user" TEXT NOT NULL, acting_as TEXT, key_id TEXT, ip TEXT NOT NULL,
    command TEXT NOT NULL, args TEXT NOT NULL, code INTEGER, outcome TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS audit_user ON audit ("user", at);

-- tower-sessions records, under the SHA-256 of the session id; secrets inside are sealed.
CREATE TABLE session_records (
    id TEXT PRIMARY KEY, record TEXT NOT NULL, expires INTEGER NOT NULL);
CREATE INDEX session_records_expires ON session_records (expires);
