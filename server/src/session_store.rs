//! tower-sessions stores: in memory, or in a SQLite file so sessions survive a restart. Both
//! keep a session under the SHA-256 of its id, so whoever reads the store cannot present a
//! stored key as a cookie; secrets inside records are sealed by the app before they get here.
//! Both evict expired sessions ([`Store::delete_expired`]).

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

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

/// What a session is stored under: the SHA-256 of its id, in hex.
fn stored_id(id: &Id) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(id.to_string().as_bytes()))
}

impl SqliteStore {
    /// Opens (or creates, readable by its owner only) the file. Sessions stored under their
    /// plain id by earlier versions are dropped: they log in again.
    pub fn open(path: &Path) -> rusqlite::Result<Self> {
        let db = app::ssr::open_private(path)?;
        db.execute_batch(
            "PRAGMA journal_mode = WAL;
             CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, record TEXT NOT NULL, expires INTEGER NOT NULL);
             DELETE FROM sessions WHERE length(id) != 64;",
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
            let id = stored_id(&record.id);
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
        let id = stored_id(&record.id);
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
        let key = stored_id(id);
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
        let key = stored_id(id);
        self.with_db(move |db| {
            db.execute("DELETE FROM sessions WHERE id = ?1", params![key])
                .map(|_| ())
        })
        .await
    }
}

/// Sessions in memory (lost at restart), under the same hashed ids.
#[derive(Debug, Clone, Default)]
pub struct MemoryStore(Arc<Mutex<HashMap<String, Record>>>);

impl MemoryStore {
    fn sessions(&self) -> std::sync::MutexGuard<'_, HashMap<String, Record>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Removes expired sessions.
    pub fn delete_expired(&self) {
        let now = time::OffsetDateTime::now_utc();
        self.sessions().retain(|_, r| r.expiry_date > now);
    }

    /// How many sessions it holds.
    pub fn len(&self) -> usize {
        self.sessions().len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[async_trait]
impl SessionStore for MemoryStore {
    async fn create(&self, record: &mut Record) -> Result<()> {
        let mut sessions = self.sessions();
        while sessions.contains_key(&stored_id(&record.id)) {
            record.id = Id::default();
        }
        sessions.insert(stored_id(&record.id), record.clone());
        Ok(())
    }

    async fn save(&self, record: &Record) -> Result<()> {
        self.sessions()
            .insert(stored_id(&record.id), record.clone());
        Ok(())
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        let now = time::OffsetDateTime::now_utc();
        Ok(self
            .sessions()
            .get(&stored_id(id))
            .filter(|r| r.expiry_date > now)
            .cloned())
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        self.sessions().remove(&stored_id(id));
        Ok(())
    }
}

/// The configured store: memory by default, SQLite when asked.
#[derive(Debug, Clone)]
pub enum Store {
    /// In memory.
    Memory(MemoryStore),
    /// In a SQLite file.
    Sqlite(SqliteStore),
}

impl Store {
    /// Removes expired sessions.
    pub async fn delete_expired(&self) -> Result<()> {
        match self {
            Self::Memory(s) => {
                s.delete_expired();
                Ok(())
            }
            Self::Sqlite(s) => s.delete_expired().await,
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn record(expires_in: i64) -> Record {
        Record {
            id: Id::default(),
            data: HashMap::new(),
            expiry_date: time::OffsetDateTime::now_utc() + time::Duration::seconds(expires_in),
        }
    }

    #[tokio::test]
    async fn memory_sessions_are_kept_hashed_and_expire() {
        let store = MemoryStore::default();
        let mut live = record(60);
        let mut old = record(-1);
        store.create(&mut live).await.unwrap();
        store.create(&mut old).await.unwrap();
        assert!(store.load(&live.id).await.unwrap().is_some());
        assert!(store.load(&old.id).await.unwrap().is_none());
        assert!(!store.sessions().contains_key(&live.id.to_string()));
        store.delete_expired();
        assert_eq!(store.len(), 1);
    }

    #[tokio::test]
    async fn sqlite_sessions_are_kept_hashed_in_a_private_file() {
        let path = std::env::temp_dir().join(format!("hearth-store-{}.db", std::process::id()));
        let _ = std::fs::remove_file(&path);
        let store = SqliteStore::open(&path).unwrap();
        let mut live = record(60);
        store.create(&mut live).await.unwrap();
        assert!(store.load(&live.id).await.unwrap().is_some());
        let plain = live.id.to_string();
        let found = store
            .with_db(move |db| {
                db.query_row(
                    "SELECT count(*) FROM sessions WHERE id = ?1",
                    params![plain],
                    |r| r.get::<_, i64>(0),
                )
            })
            .await
            .unwrap();
        assert_eq!(found, 0, "the id itself is not stored");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0, "{mode:o}");
        }
        let _ = std::fs::remove_file(&path);
    }
}
