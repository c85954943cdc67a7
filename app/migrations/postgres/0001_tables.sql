-- Hearth's tables on PostgreSQL: the same as on SQLite, in PostgreSQL's types.

-- The live sessions list (OWASP ASVS 7.4.5).
CREATE TABLE sessions (
    handle TEXT PRIMARY KEY, server TEXT NOT NULL, owner TEXT NOT NULL,
    key_id TEXT, since BIGINT NOT NULL, last_seen BIGINT NOT NULL,
    ip TEXT NOT NULL, agent TEXT NOT NULL);
CREATE INDEX sessions_owner ON sessions (owner);

-- The audit log.
CREATE TABLE audit (
    id BIGSERIAL PRIMARY KEY, at BIGINT NOT NULL, server TEXT NOT NULL,
    "user" TEXT NOT NULL, acting_as TEXT, key_id TEXT, ip TEXT NOT NULL,
    command TEXT NOT NULL, args TEXT NOT NULL, code BIGINT, outcome TEXT NOT NULL);
CREATE INDEX audit_user ON audit ("user", at);

-- tower-sessions records, under the SHA-256 of the session id; secrets inside are sealed.
CREATE TABLE session_records (
    id TEXT PRIMARY KEY, record TEXT NOT NULL, expires BIGINT NOT NULL);
CREATE INDEX session_records_expires ON session_records (expires);
