//! Hearth's own SQLite file: the list of live sessions and the audit log. Not the session
//! store (that holds sealed secrets and may be memory or another file).

use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

use rusqlite::Connection;

use crate::error::HearthError;

/// A handle on Hearth's database, cheap to clone.
#[derive(Clone)]
pub struct HearthDb(Arc<Mutex<Connection>>);

impl HearthDb {
    /// Opens (or creates, readable by its owner only) the file and its tables.
    pub fn open(path: &Path) -> rusqlite::Result<Self> {
        Self::init(open_private(path)?)
    }

    /// A database in memory (tests and benchmarks).
    pub fn in_memory() -> rusqlite::Result<Self> {
        Self::init(Connection::open_in_memory()?)
    }

    fn init(db: Connection) -> rusqlite::Result<Self> {
        db.execute_batch(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = NORMAL;
             CREATE TABLE IF NOT EXISTS sessions (
                 handle TEXT PRIMARY KEY, server TEXT NOT NULL, owner TEXT NOT NULL,
                 key_id TEXT, since INTEGER NOT NULL, last_seen INTEGER NOT NULL,
                 ip TEXT NOT NULL, agent TEXT NOT NULL);
             CREATE INDEX IF NOT EXISTS sessions_owner ON sessions (owner);
             CREATE TABLE IF NOT EXISTS audit (
                 id INTEGER PRIMARY KEY, at INTEGER NOT NULL, server TEXT NOT NULL,
                 user TEXT NOT NULL, acting_as TEXT, key_id TEXT, ip TEXT NOT NULL,
                 command TEXT NOT NULL, args TEXT NOT NULL, code INTEGER, outcome TEXT NOT NULL);
             CREATE INDEX IF NOT EXISTS audit_user ON audit (user, at);",
        )?;
        Ok(Self(Arc::new(Mutex::new(db))))
    }

    /// Runs `f` on the connection off the async threads.
    pub async fn with<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Connection) -> rusqlite::Result<T> + Send + 'static,
    ) -> Result<T, HearthError> {
        let db = self.0.clone();
        tokio::task::spawn_blocking(move || {
            let db = db.lock().unwrap_or_else(PoisonError::into_inner);
            f(&db)
        })
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "database task failed");
            HearthError::Internal
        })?
        .map_err(|e| {
            tracing::error!(error = %e, "Hearth's database failed");
            HearthError::Internal
        })
    }
}

/// Now, in Unix seconds.
pub fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// Opens a SQLite file, creating it readable and writable by its owner only when it does not
/// exist yet (SQLite gives its `-wal` and `-shm` files the same mode).
pub fn open_private(path: &Path) -> rusqlite::Result<Connection> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path).map_err(|e| {
        rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CANTOPEN),
            Some(e.to_string()),
        )
    })?;
    Connection::open(path)
}
