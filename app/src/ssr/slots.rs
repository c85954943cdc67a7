//! The bound on calls in flight to one Hestia server, shared by every instance on Hearth's
//! database (table `hestia_calls`): Hestia's PHP pool runs 4 at once (PROTOCOL.md §6.1), and
//! two instances with 4 slots each would queue 8 there and time out behind each other.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use hestia::client::{CallSlots, NoSlot, Slot};
use hestia::CommandClass;
use tokio::sync::Notify;

use super::db::{self, HearthDb};

/// The slots of one server, in the database.
#[derive(Debug)]
pub struct SharedSlots {
    db: HearthDb,
    server: String,
    /// Calls in flight at most, all instances together.
    bound: usize,
    /// Told when this instance gives a slot back (others' are seen by looking again).
    released: Arc<Notify>,
}

impl SharedSlots {
    /// `bound` slots for the server `server`, half of them (at least one) for slow commands.
    pub fn new(db: HearthDb, server: String, bound: usize) -> Self {
        Self {
            db,
            server,
            bound: bound.max(1),
            released: Arc::default(),
        }
    }

    /// Takes the slot `id` if one is free, in the bound's turn.
    async fn try_take(&self, id: &str, slow: bool, longest: Duration) -> Result<bool, sqlx::Error> {
        let now = db::now_ms();
        let mut tx = db::take_turn(self.db.pool(), &format!("{}/calls", self.server)).await?;
        sqlx::query("DELETE FROM hestia_calls WHERE server = $1 AND expires <= $2")
            .bind(&self.server)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        let (all, slow_ones): (i64, i64) = sqlx::query_as(
            "SELECT COUNT(*), COUNT(CASE WHEN slow = 1 THEN 1 END) FROM hestia_calls \
             WHERE server = $1",
        )
        .bind(&self.server)
        .fetch_one(&mut *tx)
        .await?;
        let count = |n: i64| usize::try_from(n).unwrap_or(usize::MAX);
        let free = count(all) < self.bound && (!slow || count(slow_ones) < (self.bound / 2).max(1));
        if free {
            // An instance that dies during the call frees its slot when the call would have
            // timed out.
            let expires =
                now.saturating_add(i64::try_from(longest.as_millis()).unwrap_or(i64::MAX));
            sqlx::query(
                "INSERT INTO hestia_calls (id, server, slow, expires) VALUES ($1, $2, $3, $4)",
            )
            .bind(id)
            .bind(&self.server)
            .bind(i64::from(slow))
            .bind(expires.saturating_add(5_000))
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(free)
    }
}

impl CallSlots for SharedSlots {
    fn take(
        &self,
        class: CommandClass,
        longest: Duration,
        deadline: tokio::time::Instant,
    ) -> Pin<Box<dyn Future<Output = Result<Slot, NoSlot>> + Send + '_>> {
        Box::pin(async move {
            let slow = class == CommandClass::Slow;
            for attempt in 0.. {
                let released = self.released.notified();
                tokio::pin!(released);
                released.as_mut().enable();
                let id = super::objects::random_hex();
                match self.try_take(&id, slow, longest).await {
                    Ok(true) => {
                        return Ok(Box::new(Held {
                            db: self.db.clone(),
                            id,
                            released: Arc::clone(&self.released),
                        }) as Slot)
                    }
                    Ok(false) => {}
                    // Without the database no call is sent: the person is told at once.
                    Err(e) => {
                        tracing::error!(error = %e, "cannot count the slots for calls to Hestia");
                        return Err(NoSlot::Uncounted);
                    }
                }
                if !db::wait_for_release(released, attempt, deadline).await {
                    break;
                }
            }
            Err(NoSlot::InTime)
        })
    }
}

/// A slot taken: given back when dropped.
struct Held {
    db: HearthDb,
    id: String,
    released: Arc<Notify>,
}

impl Drop for Held {
    fn drop(&mut self) {
        let (db, id, released) = (
            self.db.clone(),
            std::mem::take(&mut self.id),
            Arc::clone(&self.released),
        );
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return;
        };
        runtime.spawn(async move {
            let freed = sqlx::query("DELETE FROM hestia_calls WHERE id = $1")
                .bind(&id)
                .execute(db.pool())
                .await;
            // Not freed, the slot comes back when it expires.
            if let Err(e) = freed {
                tracing::error!(error = %e, "cannot give back a slot for a call to Hestia");
            }
            released.notify_waiters();
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn instances_on_one_database_share_the_bound() {
        let db = HearthDb::connect("sqlite::memory:").await.unwrap();
        // Two instances' slots for one server, on one database.
        let a = SharedSlots::new(db.clone(), "s".into(), 3);
        let b = SharedSlots::new(db, "s".into(), 3);
        let soon = || tokio::time::Instant::now() + Duration::from_millis(100);
        let minute = Duration::from_secs(60);
        let first = a.take(CommandClass::Slow, minute, soon()).await.unwrap();
        // Half of three is one slow slot, taken by A: B's slow call waits, a read goes.
        assert!(b.take(CommandClass::Slow, minute, soon()).await.is_err());
        let read = b.take(CommandClass::Read, minute, soon()).await.unwrap();
        let _write = a.take(CommandClass::Write, minute, soon()).await.unwrap();
        assert!(b.take(CommandClass::Read, minute, soon()).await.is_err());
        // A slot given back on one instance is seen by the other's waiting call.
        let waiting = b.take(
            CommandClass::Read,
            minute,
            tokio::time::Instant::now() + Duration::from_secs(5),
        );
        drop(read);
        assert!(waiting.await.is_ok());
        drop(first);
        // A slot whose call outlived its time (an instance that died) is free again.
        tokio::time::sleep(Duration::from_millis(100)).await;
        let short = Duration::from_millis(1);
        let lost = a.take(CommandClass::Slow, short, soon()).await.unwrap();
        std::mem::forget(lost);
        tokio::time::sleep(Duration::from_millis(5_100)).await;
        assert!(b.take(CommandClass::Slow, minute, soon()).await.is_ok());
    }
}
