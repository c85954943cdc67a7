//! Instances on one database tell each other which cached listings a change made stale
//! (DESIGN.md decision 15), through the table `cache_drops`: each instance writes what it
//! dropped, and reads what the others wrote four times a second. A table rather than
//! PostgreSQL's `LISTEN/NOTIFY`: it works alike on SQLite (several processes on one file), and
//! a connection lost for a moment loses no news, since rows are read again until they are old.

use std::collections::BTreeSet;
use std::sync::{Arc, Weak};
use std::time::Duration;

use super::cache::Forget;
use super::db::{self, HearthDb};
use super::gateway::Gateway;

/// How often each instance looks for the others' news.
const POLL: Duration = Duration::from_millis(250);
/// How long news is kept: far longer than any poll gap, so none is missed.
const KEPT_MS: i64 = 60_000;
/// How far below the newest id a row may still appear: a transaction that took its id earlier
/// can commit later (PostgreSQL), so ids are not seen in order.
const LATE_IDS: i64 = 1_000;

/// This instance's side of the news.
#[derive(Debug)]
pub struct Changes {
    db: HearthDb,
    /// This instance, so that it skips its own news.
    instance: String,
}

impl Changes {
    /// The news on `db`, for a new instance.
    pub fn new(db: HearthDb) -> Self {
        Self {
            db,
            instance: super::objects::random_hex(),
        }
    }

    /// Tells the other instances to drop what `forget` names. Failing, it is logged only: the
    /// change itself was made, and their listings expire with the cache's lifetime anyway.
    pub async fn publish(&self, forget: &Forget) {
        let Ok(dropped) = serde_json::to_string(forget) else {
            return;
        };
        let written =
            sqlx::query("INSERT INTO cache_drops (at, instance, dropped) VALUES ($1, $2, $3)")
                .bind(db::now_ms())
                .bind(&self.instance)
                .bind(dropped)
                .execute(self.db.pool())
                .await;
        if let Err(e) = written {
            tracing::warn!(error = %e, "cannot tell the other instances of a change");
        }
    }

    /// The others' news not read yet: ids above `seen`'s newest less [`LATE_IDS`], not in it.
    /// `None` for its own news, or news it cannot read (a newer Hearth's): seen, nothing to do.
    async fn unread(
        &self,
        seen: &BTreeSet<i64>,
    ) -> Result<Vec<(i64, Option<Forget>)>, sqlx::Error> {
        let from = seen.last().map_or(0, |newest| newest - LATE_IDS);
        let rows: Vec<(i64, String, String)> = sqlx::query_as(
            "SELECT id, instance, dropped FROM cache_drops WHERE id > $1 ORDER BY id",
        )
        .bind(from)
        .fetch_all(self.db.pool())
        .await?;
        Ok(rows
            .into_iter()
            .filter(|(id, ..)| !seen.contains(id))
            .map(|(id, instance, dropped)| {
                let forget = (instance != self.instance)
                    .then(|| serde_json::from_str(&dropped).ok())
                    .flatten();
                (id, forget)
            })
            .collect())
    }

    /// Forgets news older than [`KEPT_MS`].
    async fn prune(&self) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM cache_drops WHERE at < $1")
            .bind(db::now_ms() - KEPT_MS)
            .execute(self.db.pool())
            .await
            .map(drop)
    }
}

/// Applies the other instances' news to `gateway`'s cache until the gateway is gone.
pub async fn follow(gateway: Weak<Gateway>) {
    let mut seen = BTreeSet::new();
    let mut polls = 0u64;
    // News written before this instance started concerns listings it does not have.
    if let Some(g) = gateway.upgrade() {
        if let Ok(old) = g.changes().unread(&seen).await {
            seen.extend(old.into_iter().map(|(id, _)| id));
        }
    }
    loop {
        tokio::time::sleep(POLL).await;
        let Some(g) = gateway.upgrade() else { return };
        match g.changes().unread(&seen).await {
            Ok(news) => {
                for (id, forget) in news {
                    if let Some(forget) = forget {
                        g.drop_cached(&forget);
                    }
                    seen.insert(id);
                }
                if let Some(&newest) = seen.last() {
                    seen = seen.split_off(&(newest - LATE_IDS));
                }
            }
            Err(e) => tracing::warn!(error = %e, "cannot read the other instances' changes"),
        }
        polls += 1;
        if polls % 240 == 0 {
            if let Err(e) = g.changes().prune().await {
                tracing::warn!(error = %e, "cannot prune the instances' changes");
            }
        }
        drop(g);
    }
}

/// Starts following the other instances' news for `gateway`.
pub fn spawn_follower(gateway: &Arc<Gateway>) {
    tokio::spawn(follow(Arc::downgrade(gateway)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn news_written_after_a_prune_is_still_read() {
        let db = HearthDb::connect("sqlite::memory:").await.unwrap();
        let (a, b) = (Changes::new(db.clone()), Changes::new(db.clone()));
        let forget = Forget::account("s", "alice");
        a.publish(&forget).await;
        let mut seen = BTreeSet::new();
        let news = b.unread(&seen).await.unwrap();
        assert_eq!(news.len(), 1);
        assert_eq!(news[0].1.as_ref(), Some(&forget));
        seen.extend(news.iter().map(|(id, _)| *id));
        // Its own news is seen and skipped.
        assert_eq!(a.unread(&BTreeSet::new()).await.unwrap()[0].1, None);
        // Every row pruned: the next id is not the pruned one's, so it is read.
        sqlx::query("DELETE FROM cache_drops")
            .execute(db.pool())
            .await
            .unwrap();
        a.publish(&Forget::server("s")).await;
        let news = b.unread(&seen).await.unwrap();
        assert_eq!(news.len(), 1, "{news:?}");
        assert_eq!(news[0].1, Some(Forget::server("s")));
    }
}
