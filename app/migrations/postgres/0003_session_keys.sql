-- The access keys Hearth made for password sessions (DESIGN.md decision 17), so that each is
-- deleted at Hestia once its session is over, whichever instance sees that. `tag` is in the
-- key's comment (`hearth-session <installation> <tag>`), so a key made just before a crash is
-- still found; `key_id` is NULL until Hestia answered.
CREATE TABLE session_keys (
    tag TEXT PRIMARY KEY, server TEXT NOT NULL, handle TEXT NOT NULL, owner TEXT NOT NULL,
    key_id TEXT, created BIGINT NOT NULL);
CREATE INDEX session_keys_server ON session_keys (server, created);
