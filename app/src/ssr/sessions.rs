//! The live Hearth sessions (OWASP ASVS 7.4.5: users and admins see them and end them). Each
//! session's record carries a random handle; this book lists the handles that are live. A
//! request whose handle is gone finds its session ended, whatever the session store says.

use hestia::AccessKeyId;
use sqlx::Row;

use super::db::{db_error, now, HearthDb};
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
    /// Told whenever sessions end here (their keys are deleted at once).
    ended: std::sync::Arc<tokio::sync::Notify>,
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
    /// The book of `server`'s sessions; sessions idle for `idle_secs` are not live. `ended` is
    /// told whenever sessions end here.
    pub fn new(
        db: HearthDb,
        server: String,
        idle_secs: i64,
        ended: std::sync::Arc<tokio::sync::Notify>,
    ) -> Self {
        Self {
            db,
            server,
            idle_secs,
            ended,
        }
    }

    /// Adds a session at login.
    pub async fn open(&self, s: NewSession<'_>) -> Result<(), HearthError> {
        sqlx::query(
            "INSERT INTO sessions (handle, server, owner, key_id, since, last_seen, ip, agent)
             VALUES ($1, $2, $3, $4, $5, $5, $6, $7)
             ON CONFLICT (handle) DO UPDATE SET server = excluded.server, owner = excluded.owner,
                 key_id = excluded.key_id, since = excluded.since, last_seen = excluded.last_seen,
                 ip = excluded.ip, agent = excluded.agent",
        )
        .bind(s.handle)
        .bind(&self.server)
        .bind(s.owner)
        .bind(s.key_id)
        .bind(now())
        .bind(s.ip)
        .bind(s.agent)
        .execute(self.db.pool())
        .await
        .map(drop)
        .map_err(db_error)
    }

    /// Notes the key a password session was given; `false` if the session ended meanwhile.
    pub async fn attach_key(
        &self,
        handle: &str,
        key_id: &AccessKeyId,
    ) -> Result<bool, HearthError> {
        sqlx::query("UPDATE sessions SET key_id = $2 WHERE handle = $1")
            .bind(handle)
            .bind(key_id.as_str())
            .execute(self.db.pool())
            .await
            .map(|done| done.rows_affected() == 1)
            .map_err(db_error)
    }

    /// Whether the session is live; notes that it was seen now.
    pub async fn touch(&self, handle: &str) -> Result<bool, HearthError> {
        if handle.is_empty() {
            return Ok(false);
        }
        let t = now();
        let seen: Option<i64> =
            sqlx::query_scalar("SELECT last_seen FROM sessions WHERE handle = $1")
                .bind(handle)
                .fetch_optional(self.db.pool())
                .await
                .map_err(db_error)?;
        let pool = self.db.pool();
        match seen {
            None => Ok(false),
            Some(s) if t - s > self.idle_secs => {
                sqlx::query("DELETE FROM sessions WHERE handle = $1")
                    .bind(handle)
                    .execute(pool)
                    .await
                    .map_err(db_error)?;
                self.ended.notify_one();
                Ok(false)
            }
            Some(s) if t - s >= SEEN_EVERY => {
                sqlx::query("UPDATE sessions SET last_seen = $2 WHERE handle = $1")
                    .bind(handle)
                    .bind(t)
                    .execute(pool)
                    .await
                    .map_err(db_error)?;
                Ok(true)
            }
            Some(_) => Ok(true),
        }
    }

    /// The live sessions, newest first: all of them, or one account's.
    pub async fn list(&self, owner: Option<&str>) -> Result<Vec<SessionInfo>, HearthError> {
        let rows = sqlx::query(
            "SELECT handle, owner, key_id, since, last_seen, ip, agent FROM sessions
             WHERE server = $1 AND last_seen >= $2 AND ($3 IS NULL OR owner = $3)
             ORDER BY since DESC",
        )
        .bind(&self.server)
        .bind(now() - self.idle_secs)
        .bind(owner)
        .fetch_all(self.db.pool())
        .await
        .map_err(db_error)?;
        rows.iter()
            .map(|r| {
                Ok(SessionInfo {
                    handle: r.try_get(0)?,
                    user: r.try_get(1)?,
                    key_id: r.try_get(2)?,
                    since: r.try_get(3)?,
                    last_seen: r.try_get(4)?,
                    ip: r.try_get(5)?,
                    agent: r.try_get(6)?,
                    current: false,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(db_error)
    }

    /// Ends sessions: one by handle, every one of an account, or every one using a key.
    /// `owner` limits which may be ended (a user ends only their own). How many ended.
    pub async fn end(&self, which: Ending, owner: Option<&str>) -> Result<usize, HearthError> {
        let (which, value) = match which {
            Ending::One(h) => ("handle = $2", h),
            Ending::User(u) => ("owner = $2", u),
            Ending::Key(k) => ("key_id = $2", k),
            // Password sessions: Hestia's legacy mode, or a key Hearth made for the session.
            Ending::Password(u) => (
                "owner = $2 AND (key_id IS NULL OR handle IN (SELECT handle FROM session_keys))",
                u,
            ),
        };
        let sql = format!(
            "DELETE FROM sessions WHERE server = $1 AND {which} AND ($3 IS NULL OR owner = $3)"
        );
        let ended = sqlx::query(&sql)
            .bind(&self.server)
            .bind(value)
            .bind(owner)
            .execute(self.db.pool())
            .await
            .map(|done| usize::try_from(done.rows_affected()).unwrap_or(usize::MAX))
            .map_err(db_error)?;
        self.ended.notify_one();
        Ok(ended)
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
    /// Every session of this account that logged in with its password (it changed).
    Password(String),
}
