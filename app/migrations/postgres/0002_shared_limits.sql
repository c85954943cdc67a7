-- What instances on one database must agree on, beyond sessions and the audit log.

-- Calls that Hestia may refuse at its key or password check, and its refusals (DESIGN.md
-- decision 14), per server and budget: a row is in flight while `struck` is NULL, a refusal
-- once it holds the time (Unix ms); it stops counting at `expires`.
CREATE TABLE strikes (
    id TEXT PRIMARY KEY, budget TEXT NOT NULL, address TEXT,
    struck BIGINT, expires BIGINT NOT NULL);
CREATE INDEX strikes_budget ON strikes (budget, expires);

-- Calls in flight to each Hestia server (its PHP pool is small); `expires` (Unix ms) frees
-- the slot of an instance that died during the call.
CREATE TABLE hestia_calls (
    id TEXT PRIMARY KEY, server TEXT NOT NULL, slow BIGINT NOT NULL, expires BIGINT NOT NULL);
CREATE INDEX hestia_calls_server ON hestia_calls (server, expires);

-- One row per budget or bound, written first in each reservation's transaction, so that
-- instances take their turns.
CREATE TABLE turns (name TEXT PRIMARY KEY, taken BIGINT NOT NULL);

-- Changes made through one instance, for the others to drop their cached listings. Ids are
-- never reused: readers remember the ones they have seen.
CREATE TABLE cache_drops (
    id BIGSERIAL PRIMARY KEY, at BIGINT NOT NULL, instance TEXT NOT NULL, dropped TEXT NOT NULL);

-- Settings every instance shares: `sealing-check`, a word sealed by the first instance, which
-- the others must open (they seal with the same key).
CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
