//! Hearth's own database: the live sessions list, the audit log and the session records, on
//! SQLite (the default: one host, demo) or PostgreSQL (several instances), chosen by its URL
//! (DESIGN.md decision 15). One set of queries where the engines agree, through sqlx's `Any`
//! driver with `$1` placeholders (SQLite reads them too); one set of migrations per engine
//! (`app/migrations/`), run at start.

use std::path::Path;
use std::time::Duration;

use sqlx::any::AnyPoolOptions;
use sqlx::AnyPool;
use sqlx::Executor;

use crate::error::HearthError;

/// Which engine a database URL names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    /// `sqlite://PATH` or `sqlite::memory:`.
    Sqlite,
    /// `postgres://…` or `postgresql://…`.
    Postgres,
}

impl Engine {
    /// The engine of `url`, if Hearth knows it.
    pub fn of(url: &str) -> Option<Self> {
        if url.starts_with("sqlite:") {
            Some(Self::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Self::Postgres)
        } else {
            None
        }
    }
}

/// Whether `url` names a database that lives in memory only (gone when Hearth stops).
pub fn in_memory(url: &str) -> bool {
    Engine::of(url) == Some(Engine::Sqlite)
        && (url.contains(":memory:") || url.contains("mode=memory"))
}

/// A handle on Hearth's database, cheap to clone.
#[derive(Clone, Debug)]
pub struct HearthDb {
    pool: AnyPool,
    /// For `sqlite::memory:`, the temporary file standing in for it.
    _scratch: Option<std::sync::Arc<Scratch>>,
}

impl HearthDb {
    /// Connects to `url` and brings its tables up to date. A SQLite file that does not exist
    /// yet is created readable by its owner only. The error names no part of the URL (it may
    /// hold a password).
    pub async fn connect(url: &str) -> Result<Self, String> {
        sqlx::any::install_default_drivers();
        let engine = Engine::of(url)
            .ok_or("must start with sqlite: or postgres:// (e.g. sqlite://hearth.db)")?;
        // `sqlite::memory:` is a fresh, empty database for each connection sqlx opens (and a
        // shared cache in memory has no busy timeout): a private temporary file instead,
        // removed when Hearth stops.
        let scratch = in_memory(url).then(Scratch::new).transpose()?;
        let scratch_url = scratch
            .as_ref()
            .map(|s| format!("sqlite://{}", s.0.display()));
        let url = scratch_url.as_deref().unwrap_or(url);
        let options = AnyPoolOptions::new().acquire_timeout(Duration::from_secs(5));
        let options = match engine {
            Engine::Sqlite => {
                if let Some(path) = sqlite_path(url) {
                    open_private(Path::new(path), false)
                        .map_err(|e| format!("cannot create {path}: {e}"))?;
                }
                options.max_connections(4).after_connect(|conn, _| {
                    Box::pin(async move {
                        conn.execute(
                            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                             PRAGMA busy_timeout = 5000;",
                        )
                        .await
                        .map(drop)
                    })
                })
            }
            Engine::Postgres => options.max_connections(16),
        };
        let pool = options
            .connect(url)
            .await
            .map_err(|e| format!("cannot connect: {e}"))?;
        let mut migrator = match engine {
            Engine::Sqlite => sqlx::migrate!("migrations/sqlite"),
            Engine::Postgres => sqlx::migrate!("migrations/postgres"),
        };
        // A newer instance's migrations (they only add) do not stop an older one during a
        // rolling restart.
        migrator.set_ignore_missing(true);
        let migrated = migrator.run(&pool).await;
        migrated.map_err(|e| format!("cannot bring its tables up to date: {e}"))?;
        Ok(Self {
            pool,
            _scratch: scratch.map(std::sync::Arc::new),
        })
    }

    /// Whether the database answers within two seconds.
    pub async fn answers(&self) -> bool {
        let ping = sqlx::query("SELECT 1").execute(&self.pool);
        matches!(
            tokio::time::timeout(Duration::from_secs(2), ping).await,
            Ok(Ok(_))
        )
    }

    /// Makes sure that every instance on this database seals secrets with the same key: the
    /// first to start leaves a sealed word, the others must open it. With another key, sessions
    /// made on one instance would be refused on the others.
    pub async fn agree_on_sealing_key(&self, sealer: &super::Sealer) -> Result<(), String> {
        let failed = |e: sqlx::Error| format!("cannot read the shared settings: {e}");
        let word = sealer
            .seal(&hestia::Secret::new("hearth"))
            .ok_or("cannot seal")?;
        sqlx::query(
            "INSERT INTO settings (name, value) VALUES ('sealing-check', $1) \
             ON CONFLICT (name) DO NOTHING",
        )
        .bind(word)
        .execute(&self.pool)
        .await
        .map_err(failed)?;
        let stored: String =
            sqlx::query_scalar("SELECT value FROM settings WHERE name = 'sealing-check'")
                .fetch_one(&self.pool)
                .await
                .map_err(failed)?;
        match sealer.open(&stored) {
            Some(_) => Ok(()),
            None => Err(
                "it is not the key that sealed the sessions in this database. With several \
                         instances, give each a copy of the same file; if that key is lost, \
                         `hearth forget-sessions` ends every session and makes this key the one"
                    .into(),
            ),
        }
    }

    /// This installation's id, shared by every instance on this database and made by the first:
    /// it marks the keys Hearth makes at Hestia, so that another Hearth with its own database
    /// never deletes them.
    pub async fn installation(&self) -> Result<String, HearthError> {
        sqlx::query(
            "INSERT INTO settings (name, value) VALUES ('installation', $1) \
             ON CONFLICT (name) DO NOTHING",
        )
        .bind(&super::objects::random_hex()[..12])
        .execute(&self.pool)
        .await
        .map_err(db_error)?;
        sqlx::query_scalar("SELECT value FROM settings WHERE name = 'installation'")
            .fetch_one(&self.pool)
            .await
            .map_err(db_error)
    }

    /// Ends every session in the database and makes `sealer`'s key the one (for a lost key:
    /// what it sealed cannot be opened anyway). The number of sessions ended.
    pub async fn forget_sessions(&self, sealer: &super::Sealer) -> Result<u64, String> {
        let failed = |e: sqlx::Error| format!("cannot end the sessions: {e}");
        let mut tx = self.pool.begin().await.map_err(failed)?;
        let ended = sqlx::query("DELETE FROM session_records")
            .execute(&mut *tx)
            .await
            .map_err(failed)?
            .rows_affected();
        for forget in [
            "DELETE FROM sessions",
            "DELETE FROM settings WHERE name = 'sealing-check'",
        ] {
            sqlx::query(forget)
                .execute(&mut *tx)
                .await
                .map_err(failed)?;
        }
        tx.commit().await.map_err(failed)?;
        self.agree_on_sealing_key(sealer).await?;
        Ok(ended)
    }

    /// The connection pool, for queries.
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }
}

/// What a failed query means to the person: the database is out of reach (retrying later
/// helps), or something Hearth did not expect (details in the log only).
pub fn db_error(e: sqlx::Error) -> HearthError {
    // SQLite's "database is busy" (SQLITE_BUSY and its extended codes; PostgreSQL's codes have
    // five characters) once the busy timeout has passed: other processes hold the file.
    let locked = e
        .as_database_error()
        .and_then(|d| d.code())
        .is_some_and(|code| matches!(&*code, "5" | "261" | "517" | "773"));
    match e {
        _ if locked => {
            tracing::error!(error = %e, "Hearth's database is locked");
            HearthError::DatabaseUnavailable
        }
        sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed => {
            tracing::error!(error = %e, "Hearth's database is unavailable");
            HearthError::DatabaseUnavailable
        }
        e => {
            tracing::error!(error = %e, "Hearth's database failed");
            HearthError::Internal
        }
    }
}

/// A temporary SQLite file, removed (with its WAL files) when dropped.
#[derive(Debug)]
struct Scratch(std::path::PathBuf);

impl Scratch {
    /// A new file of its own (never one that exists: another user's link, say).
    fn new() -> Result<Self, String> {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let nanos = time::OffsetDateTime::now_utc().unix_timestamp_nanos();
        let path =
            std::env::temp_dir().join(format!("hearth-{}-{n}-{nanos}.db", std::process::id()));
        open_private(&path, true).map_err(|e| format!("cannot create {}: {e}", path.display()))?;
        Ok(Self(path))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm"] {
            let mut path = self.0.clone().into_os_string();
            path.push(suffix);
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Now, in Unix seconds.
pub fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// Now, in Unix milliseconds (what the shared limits are timed in: instances' clocks are
/// assumed to agree within a second, as NTP keeps them).
pub fn now_ms() -> i64 {
    i64::try_from(time::OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000)
        .unwrap_or(i64::MAX)
}

/// Opens a transaction that has the turn of `name` (a budget, a bound): its first statement
/// writes that name's row, so the transactions of every instance that count and take from the
/// same budget run one after another (a row lock on PostgreSQL, the write lock on SQLite).
pub async fn take_turn(
    pool: &AnyPool,
    name: &str,
) -> Result<sqlx::Transaction<'static, sqlx::Any>, sqlx::Error> {
    let mut tx = pool.begin().await?;
    sqlx::query(
        "INSERT INTO turns (name, taken) VALUES ($1, 1) \
         ON CONFLICT (name) DO UPDATE SET taken = turns.taken + 1",
    )
    .bind(name)
    .execute(&mut *tx)
    .await?;
    Ok(tx)
}

/// Waits before looking again for a slot held by calls in flight: until this instance gives
/// one back (`released`), or a poll interval growing from 25 to 400 ms (another instance's is
/// only seen by looking). `false` once `deadline` has passed.
pub async fn wait_for_release(
    released: std::pin::Pin<&mut tokio::sync::futures::Notified<'_>>,
    attempt: u32,
    deadline: tokio::time::Instant,
) -> bool {
    let poll = Duration::from_millis(25 << attempt.min(4));
    let until = (tokio::time::Instant::now() + poll).min(deadline);
    tokio::select! {
        () = released => {}
        () = tokio::time::sleep_until(until) => {}
    }
    tokio::time::Instant::now() < deadline
}

/// The file of a `sqlite://PATH` URL (none for memory).
fn sqlite_path(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or(rest);
    (!path.is_empty() && !in_memory(url)).then_some(path)
}

/// Opens a file, creating it readable and writable by its owner only when it does not exist
/// (SQLite gives its `-wal` and `-shm` files the same mode); `new`: only a file that does not
/// exist yet (never one put there by someone else, a link say).
fn open_private(path: &Path, new: bool) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if new {
        options.create_new(true);
    } else {
        options.create(true).truncate(false);
    }
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path).map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_name_their_engine_and_file() {
        assert_eq!(Engine::of("sqlite://hearth.db"), Some(Engine::Sqlite));
        assert_eq!(Engine::of("postgres://h@db/hearth"), Some(Engine::Postgres));
        assert_eq!(Engine::of("mysql://x"), None);
        assert_eq!(sqlite_path("sqlite://hearth.db"), Some("hearth.db"));
        assert_eq!(
            sqlite_path("sqlite:///var/lib/hearth/h.db?mode=rwc"),
            Some("/var/lib/hearth/h.db")
        );
        assert_eq!(sqlite_path("sqlite::memory:"), None);
        assert!(in_memory("sqlite::memory:"));
        assert!(!in_memory("sqlite://hearth.db"));
    }
}
