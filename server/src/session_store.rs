//! The tower-sessions store, in Hearth's database (SQLite or PostgreSQL), so sessions survive
//! a restart and every instance on one database shares them. A session is kept under the
//! SHA-256 of its id, so whoever reads the database cannot present a stored key as a cookie;
//! secrets inside records are sealed by the app before they get here.

use app::ssr::{now, HearthDb};
use async_trait::async_trait;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{Error, Result, SessionStore};

/// Sessions in the `session_records` table.
#[derive(Clone, Debug)]
pub struct DbStore {
    db: HearthDb,
}

fn backend(e: sqlx::Error) -> Error {
    Error::Backend(e.to_string())
}

/// What a session is stored under: the SHA-256 of its id, in hex.
fn stored_id(id: &Id) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(id.to_string().as_bytes()))
}

impl DbStore {
    /// The store in `db`.
    pub fn new(db: HearthDb) -> Self {
        Self { db }
    }

    /// Removes expired sessions.
    pub async fn delete_expired(&self) -> Result<()> {
        sqlx::query("DELETE FROM session_records WHERE expires < $1")
            .bind(now())
            .execute(self.db.pool())
            .await
            .map(drop)
            .map_err(backend)
    }
}

#[async_trait]
impl SessionStore for DbStore {
    async fn create(&self, record: &mut Record) -> Result<()> {
        // A new id that happens to be taken gets another: never someone else's session.
        loop {
            let json = serde_json::to_string(record).map_err(|e| Error::Encode(e.to_string()))?;
            let inserted = sqlx::query(
                "INSERT INTO session_records (id, record, expires) VALUES ($1, $2, $3)
                 ON CONFLICT (id) DO NOTHING",
            )
            .bind(stored_id(&record.id))
            .bind(json)
            .bind(record.expiry_date.unix_timestamp())
            .execute(self.db.pool())
            .await
            .map_err(backend)?;
            if inserted.rows_affected() == 1 {
                return Ok(());
            }
            record.id = Id::default();
        }
    }

    async fn save(&self, record: &Record) -> Result<()> {
        let json = serde_json::to_string(record).map_err(|e| Error::Encode(e.to_string()))?;
        sqlx::query(
            "INSERT INTO session_records (id, record, expires) VALUES ($1, $2, $3)
             ON CONFLICT (id) DO UPDATE SET record = excluded.record, expires = excluded.expires",
        )
        .bind(stored_id(&record.id))
        .bind(json)
        .bind(record.expiry_date.unix_timestamp())
        .execute(self.db.pool())
        .await
        .map(drop)
        .map_err(backend)
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        let json: Option<String> = sqlx::query_scalar(
            "SELECT record FROM session_records WHERE id = $1 AND expires >= $2",
        )
        .bind(stored_id(id))
        .bind(now())
        .fetch_optional(self.db.pool())
        .await
        .map_err(backend)?;
        json.map(|j| serde_json::from_str(&j).map_err(|e| Error::Decode(e.to_string())))
            .transpose()
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        sqlx::query("DELETE FROM session_records WHERE id = $1")
            .bind(stored_id(id))
            .execute(self.db.pool())
            .await
            .map(drop)
            .map_err(backend)
    }
}
