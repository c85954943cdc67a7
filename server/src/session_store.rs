//! A tower-sessions store in a SQLite file, so sessions survive a restart. Secrets inside
//! records are sealed by the app before they get here.

use std::path::Path;
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use rusqlite::{params, Connection, OptionalExtension};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{Error, Result, SessionStore};

/// Sessions in one SQLite table.
#[derive(Clone)]
pub struct SqliteStore {
    db: Arc<Mutex<Connection>>,
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SqliteStore")
    }
}

fn backend(e: impl std::fmt::Display) -> Error {
    Error::Backend(e.to_string())
}

impl SqliteStore {
    /// Opens (or creates) the file.
    pub fn open(path: &Path) -> rusqlite::Result<Self> {
        let db = Connection::open(path)?;
        db.execute_batch(
            "PRAGMA journal_mode = WAL;
             CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, record TEXT NOT NULL, expires INTEGER NOT NULL);",
        )?;
        Ok(Self {
            db: Arc::new(Mutex::new(db)),
        })
    }

    async fn with_db<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Connection) -> rusqlite::Result<T> + Send + 'static,
    ) -> Result<T> {
        let db = self.db.clone();
        tokio::task::spawn_blocking(move || {
            let db = db.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            f(&db).map_err(backend)
        })
        .await
        .map_err(backend)?
    }

    /// Removes expired sessions.
    pub async fn delete_expired(&self) -> Result<()> {
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        self.with_db(move |db| {
            db.execute("DELETE FROM sessions WHERE expires < ?1", params![now])
                .map(|_| ())
        })
        .await
    }
}

#[async_trait]
impl SessionStore for SqliteStore {
    async fn create(&self, record: &mut Record) -> Result<()> {
        loop {
            let id = record.id.to_string();
            let taken = self
                .with_db(move |db| {
                    db.query_row("SELECT 1 FROM sessions WHERE id = ?1", params![id], |_| {
                        Ok(())
                    })
                    .optional()
                })
                .await?;
            if taken.is_none() {
                break;
            }
            record.id = Id::default();
        }
        self.save(record).await
    }

    async fn save(&self, record: &Record) -> Result<()> {
        let id = record.id.to_string();
        let json = serde_json::to_string(record).map_err(|e| Error::Encode(e.to_string()))?;
        let expires = record.expiry_date.unix_timestamp();
        self.with_db(move |db| {
            db.execute(
                "INSERT INTO sessions (id, record, expires) VALUES (?1, ?2, ?3)
                 ON CONFLICT(id) DO UPDATE SET record = excluded.record, expires = excluded.expires",
                params![id, json, expires],
            )
            .map(|_| ())
        })
        .await
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        let key = id.to_string();
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        let json = self
            .with_db(move |db| {
                db.query_row(
                    "SELECT record FROM sessions WHERE id = ?1 AND expires >= ?2",
                    params![key, now],
                    |r| r.get::<_, String>(0),
                )
                .optional()
            })
            .await?;
        json.map(|j| serde_json::from_str(&j).map_err(|e| Error::Decode(e.to_string())))
            .transpose()
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        let key = id.to_string();
        self.with_db(move |db| {
            db.execute("DELETE FROM sessions WHERE id = ?1", params![key])
                .map(|_| ())
        })
        .await
    }
}

/// The configured store: memory by default, SQLite when asked.
#[derive(Debug, Clone)]
pub enum Store {
    /// In memory.
    Memory(tower_sessions::MemoryStore),
    /// In a SQLite file.
    Sqlite(SqliteStore),
}

#[async_trait]
impl SessionStore for Store {
    async fn create(&self, record: &mut Record) -> Result<()> {
        match self {
            Self::Memory(s) => s.create(record).await,
            Self::Sqlite(s) => s.create(record).await,
        }
    }

    async fn save(&self, record: &Record) -> Result<()> {
        match self {
            Self::Memory(s) => s.save(record).await,
            Self::Sqlite(s) => s.save(record).await,
        }
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        match self {
            Self::Memory(s) => s.load(id).await,
            Self::Sqlite(s) => s.load(id).await,
        }
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        match self {
            Self::Memory(s) => s.delete(id).await,
            Self::Sqlite(s) => s.delete(id).await,
        }
    }
}
