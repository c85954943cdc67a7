//! The live Hearth sessions (OWASP ASVS 7.4.5: users and admins see them and end them). Each
//! session's record carries a random handle; this book lists the handles that are live. A
//! request whose handle is gone finds its session ended, whatever the session store says.

use rusqlite::{params, OptionalExtension};

use super::db::{now, HearthDb};
use crate::error::HearthError;
use crate::hearth::SessionInfo;

/// Seconds between two writes of a session's "last seen" time.
const SEEN_EVERY: i64 = 15;

/// Hearth's list of live sessions.
#[derive(Clone)]
pub struct SessionBook {
    db: HearthDb,
    server: String,
    idle_secs: i64,
}

/// Whom a session belongs to, as the book keeps it.
pub struct NewSession<'a> {
    /// Its handle.
    pub handle: &'a str,
    /// The logged-in account.
    pub owner: &'a str,
    /// The key it logged in with.
    pub key_id: Option<&'a str>,
    /// The browser's address.
    pub ip: &'a str,
    /// The browser's User-Agent.
    pub agent: &'a str,
}

impl SessionBook {
    /// The book of `server`'s sessions; sessions idle for `idle_secs` are not live.
    pub fn new(db: HearthDb, server: String, idle_secs: i64) -> Self {
        Self {
            db,
            server,
            idle_secs,
        }
    }

    /// Forgets every session (the session store was in memory and is empty again).
    pub async fn clear(&self) -> Result<(), HearthError> {
        let server = self.server.clone();
        self.db
            .with(move |db| db.execute("DELETE FROM sessions WHERE server = ?1", params![server]))
            .await
            .map(drop)
    }

    /// Adds a session at login.
    pub async fn open(&self, s: NewSession<'_>) -> Result<(), HearthError> {
        let row = (
            s.handle.to_owned(),
            self.server.clone(),
            s.owner.to_owned(),
            s.key_id.map(str::to_owned),
            s.ip.to_owned(),
            s.agent.to_owned(),
        );
        self.db
            .with(move |db| {
                let t = now();
                db.execute(
                    "INSERT OR REPLACE INTO sessions VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6, ?7)",
                    params![row.0, row.1, row.2, row.3, t, row.4, row.5],
                )
            })
            .await
            .map(drop)
    }

    /// Whether the session is live; notes that it was seen now.
    pub async fn touch(&self, handle: &str) -> Result<bool, HearthError> {
        if handle.is_empty() {
            return Ok(false);
        }
        let (handle, idle) = (handle.to_owned(), self.idle_secs);
        self.db
            .with(move |db| {
                let t = now();
                let seen: Option<i64> = db
                    .query_row(
                        "SELECT last_seen FROM sessions WHERE handle = ?1",
                        params![handle],
                        |r| r.get(0),
                    )
                    .optional()?;
                match seen {
                    Some(s) if t - s > idle => {
                        db.execute("DELETE FROM sessions WHERE handle = ?1", params![handle])?;
                        Ok(false)
                    }
                    Some(s) => {
                        if t - s >= SEEN_EVERY {
                            db.execute(
                                "UPDATE sessions SET last_seen = ?2 WHERE handle = ?1",
                                params![handle, t],
                            )?;
                        }
                        Ok(true)
                    }
                    None => Ok(false),
                }
            })
            .await
    }

    /// The live sessions, newest first: all of them, or one account's.
    pub async fn list(&self, owner: Option<&str>) -> Result<Vec<SessionInfo>, HearthError> {
        let (server, owner, idle) = (
            self.server.clone(),
            owner.map(str::to_owned),
            self.idle_secs,
        );
        self.db
            .with(move |db| {
                let mut q = db.prepare(
                    "SELECT handle, owner, key_id, since, last_seen, ip, agent FROM sessions
                     WHERE server = ?1 AND last_seen >= ?2 AND (?3 IS NULL OR owner = ?3)
                     ORDER BY since DESC",
                )?;
                let rows = q.query_map(params![server, now() - idle, owner], |r| {
                    Ok(SessionInfo {
                        handle: r.get(0)?,
                        user: r.get(1)?,
                        key_id: r.get(2)?,
                        since: r.get(3)?,
                        last_seen: r.get(4)?,
                        ip: r.get(5)?,
                        agent: r.get(6)?,
                        current: false,
                    })
                })?;
                rows.collect()
            })
            .await
    }

    /// Ends sessions: one by handle, every one of an account, or every one using a key.
    /// `owner` limits which may be ended (a user ends only their own). How many ended.
    pub async fn end(&self, which: Ending, owner: Option<&str>) -> Result<usize, HearthError> {
        let (server, owner) = (self.server.clone(), owner.map(str::to_owned));
        let (which, value) = match which {
            Ending::One(h) => ("handle = ?2", h),
            Ending::User(u) => ("owner = ?2", u),
            Ending::Key(k) => ("key_id = ?2", k),
            Ending::Password(u) => ("owner = ?2 AND key_id IS NULL", u),
        };
        self.db
            .with(move |db| {
                db.execute(
                    &format!(
                        "DELETE FROM sessions WHERE server = ?1 AND {which}
                         AND (?3 IS NULL OR owner = ?3)"
                    ),
                    params![server, value, owner],
                )
            })
            .await
    }
}

/// Which sessions to end.
pub enum Ending {
    /// The session with this handle.
    One(String),
    /// Every session of this account.
    User(String),
    /// Every session that logged in with this key.
    Key(String),
    /// Every session of this account that logged in without a key (its password changed).
    Password(String),
}
