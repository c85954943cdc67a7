//! The strike budget of one Hestia server (DESIGN.md decision 14). Every request Hestia refuses
//! at its key or password check writes a `failed to login` line against Hearth's address, and
//! fail2ban bans that address after 5 in 10 minutes (PROTOCOL.md §2.6): every user of the panel
//! would be locked out. So anything that *may* be refused reserves a slot before it is sent,
//! and the slot comes back only when Hestia accepted it. In-flight attempts count as much as
//! refusals that came back, so fifty simultaneous bad logins cost at most the budget.
//!
//! Three rules on top of the count:
//! * unproven credentials (logins) may fill the budget only up to one slot below the limit, so
//!   sessions that already work are never starved by a login flood;
//! * one client address may hold at most half of the budget (strikes and in-flight together),
//!   so one address cannot spend it for everyone;
//! * a slot that is only taken by calls in flight is waited for (briefly); a budget spent by
//!   refusals is refused at once, with the time until the oldest refusal leaves the window.
//!
//! The ledger lives in Hearth's database (table `strikes`), so every instance in front of one
//! Hestia spends from the same budget; a reservation counts and takes in one transaction that
//! has the budget's turn ([`db::take_turn`]).

use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Notify;

use super::db::{self, HearthDb};
use crate::error::HearthError;

/// How much of Hestia's tolerance Hearth may use.
#[derive(Debug, Clone, Copy)]
pub struct BudgetConfig {
    /// Refusals (and attempts in flight) allowed in any `window`; below fail2ban's `maxretry`.
    pub limit: usize,
    /// The window, fail2ban's `findtime`.
    pub window: Duration,
    /// How long a call waits for a slot held only by calls in flight before "Hestia is busy".
    pub wait: Duration,
}

impl Default for BudgetConfig {
    fn default() -> Self {
        Self {
            limit: 4,
            window: Duration::from_secs(600),
            wait: Duration::from_secs(15),
        }
    }
}

/// How sure Hearth is that the credentials work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Risk {
    /// Never accepted yet: a login.
    Unproven,
    /// Accepted before (a session's key, a checked password); may still have been revoked.
    Proven,
}

/// What the ledger allows one more call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    /// A slot is free.
    Go,
    /// Every slot left is held by calls in flight: wait for one.
    Full,
    /// Refusals fill the budget (for everyone, or for this address): wait this long.
    Spent {
        /// Seconds until a slot frees.
        wait_secs: u64,
    },
}

/// One row of the ledger: whose address, and when Hestia refused it (`None`: in flight).
type Row = (Option<String>, Option<i64>);

/// The rules of the module's header over the ledger's rows that count `now` (Unix ms).
fn verdict(
    config: &BudgetConfig,
    rows: &[Row],
    who: Option<&str>,
    risk: Risk,
    now: i64,
) -> Verdict {
    let window = i64::try_from(config.window.as_millis()).unwrap_or(i64::MAX);
    let limit = match risk {
        Risk::Proven => config.limit,
        Risk::Unproven => config.limit.saturating_sub(1),
    }
    .max(1);
    let per_address = (config.limit / 2).max(1);
    let theirs = |(address, _): &&Row| who.is_some() && address.as_deref() == who;
    let struck_at = |rows: &mut dyn Iterator<Item = &Row>| -> Vec<i64> {
        let mut at: Vec<i64> = rows.filter_map(|(_, struck)| *struck).collect();
        at.sort_unstable();
        at
    };
    let everyone = struck_at(&mut rows.iter());
    let their_strikes = struck_at(&mut rows.iter().filter(theirs));
    // The refusal that must leave the window before the count drops below `cap`.
    let wait_for = |strikes: &[i64], cap: usize| -> Option<u64> {
        let at = strikes.get(strikes.len().checked_sub(cap)?)?;
        let left_ms = (window - (now - at)).max(0);
        Some(u64::try_from(left_ms / 1000).unwrap_or(0).max(1))
    };
    if let Some(wait_secs) = wait_for(&everyone, limit)
        .or_else(|| who.and_then(|_| wait_for(&their_strikes, per_address)))
    {
        return Verdict::Spent { wait_secs };
    }
    let theirs_all = rows.iter().filter(theirs).count();
    if rows.len() >= limit || (who.is_some() && theirs_all >= per_address) {
        return Verdict::Full;
    }
    Verdict::Go
}

/// One budget (Hestia's refusals of one server, or the wrong passwords Hearth lets through).
#[derive(Debug)]
pub struct StrikeBudget {
    config: BudgetConfig,
    db: HearthDb,
    /// The budget's name in the ledger: the server's id and what it counts.
    name: String,
    /// Told when this instance gives a slot back (others' are seen by looking again).
    released: Notify,
}

impl StrikeBudget {
    /// The budget `name` with `config`, kept in `db`.
    pub fn new(config: BudgetConfig, db: HearthDb, name: String) -> Self {
        Self {
            config,
            db,
            name,
            released: Notify::new(),
        }
    }

    fn window_ms(&self) -> i64 {
        i64::try_from(self.config.window.as_millis()).unwrap_or(i64::MAX)
    }

    /// Reserves a slot for one call that `who` causes, waiting up to the configured time for a
    /// slot held by calls in flight: [`HearthError::Throttled`] when refusals spent the budget,
    /// [`HearthError::Busy`] when no slot came back in time.
    pub async fn reserve(
        self: &Arc<Self>,
        who: Option<IpAddr>,
        risk: Risk,
    ) -> Result<Reservation, HearthError> {
        let who = who.map(|ip| ip.to_string());
        let deadline = tokio::time::Instant::now() + self.config.wait;
        for attempt in 0.. {
            // Listen before looking, so a release between the look and the wait is not missed.
            let released = self.released.notified();
            tokio::pin!(released);
            released.as_mut().enable();
            let id = super::objects::random_hex();
            match self.try_reserve(&id, who.as_deref(), risk).await {
                Ok(Verdict::Go) => {
                    return Ok(Reservation {
                        budget: Arc::clone(self),
                        id,
                        settled: false,
                    })
                }
                Ok(Verdict::Spent { wait_secs }) => {
                    return Err(HearthError::Throttled { wait_secs })
                }
                Ok(Verdict::Full) => {}
                Err(e) => return Err(db::db_error(e)),
            }
            if !db::wait_for_release(released, attempt, deadline).await {
                break;
            }
        }
        Err(HearthError::Busy)
    }

    /// Counts and, when the verdict is [`Verdict::Go`], takes the slot `id`, in one turn.
    async fn try_reserve(
        &self,
        id: &str,
        who: Option<&str>,
        risk: Risk,
    ) -> Result<Verdict, sqlx::Error> {
        let now = db::now_ms();
        let mut tx = db::take_turn(self.db.pool(), &self.name).await?;
        sqlx::query("DELETE FROM strikes WHERE budget = $1 AND expires <= $2")
            .bind(&self.name)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        let rows: Vec<Row> =
            sqlx::query_as("SELECT address, struck FROM strikes WHERE budget = $1")
                .bind(&self.name)
                .fetch_all(&mut *tx)
                .await?;
        let verdict = verdict(&self.config, &rows, who, risk, now);
        if verdict == Verdict::Go {
            // Unsettled (its instance died during the call), it counts for a whole window.
            sqlx::query(
                "INSERT INTO strikes (id, budget, address, struck, expires) \
                 VALUES ($1, $2, $3, NULL, $4)",
            )
            .bind(id)
            .bind(&self.name)
            .bind(who)
            .bind(now.saturating_add(self.window_ms()))
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(verdict)
    }

    /// Settles the slot `id`: freed, or spent for a window from now. Unsettled, the slot would
    /// stay taken until its window ends (the safe side), so a failure to write it is tried again
    /// in the background until the database answers.
    async fn settle(self: &Arc<Self>, id: String, struck: bool) {
        if let Err(e) = self.write_settlement(&id, struck).await {
            tracing::error!(error = %e, budget = %self.name, "cannot settle a strike budget slot yet");
            let budget = Arc::clone(self);
            tokio::spawn(async move {
                let until = tokio::time::Instant::now() + budget.config.window;
                let mut wait = Duration::from_secs(1);
                while tokio::time::Instant::now() < until {
                    tokio::time::sleep(wait).await;
                    if budget.write_settlement(&id, struck).await.is_ok() {
                        budget.released.notify_waiters();
                        return;
                    }
                    wait = (wait * 2).min(Duration::from_secs(30));
                }
            });
        }
        self.released.notify_waiters();
    }

    async fn write_settlement(&self, id: &str, struck: bool) -> Result<(), sqlx::Error> {
        let now = db::now_ms();
        let settled = if struck {
            sqlx::query("UPDATE strikes SET struck = $2, expires = $3 WHERE id = $1")
                .bind(id)
                .bind(now)
                .bind(now.saturating_add(self.window_ms()))
                .execute(self.db.pool())
                .await
        } else {
            sqlx::query("DELETE FROM strikes WHERE id = $1")
                .bind(id)
                .execute(self.db.pool())
                .await
        };
        settled.map(drop)
    }

    /// Records a refusal that no reservation covered (Hearth learnt of it afterwards).
    pub async fn record_strike(&self, who: Option<IpAddr>) {
        let now = db::now_ms();
        let recorded = sqlx::query(
            "INSERT INTO strikes (id, budget, address, struck, expires) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(super::objects::random_hex())
        .bind(&self.name)
        .bind(who.map(|ip| ip.to_string()))
        .bind(now)
        .bind(now.saturating_add(self.window_ms()))
        .execute(self.db.pool())
        .await;
        if let Err(e) = recorded {
            tracing::error!(error = %e, budget = %self.name, "cannot record a refusal");
        }
    }

    /// Refusals in the window, and calls in flight (for tests and the Server page).
    pub async fn counts(&self) -> Result<(usize, usize), HearthError> {
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT address, struck FROM strikes WHERE budget = $1 AND expires > $2",
        )
        .bind(&self.name)
        .bind(db::now_ms())
        .fetch_all(self.db.pool())
        .await
        .map_err(db::db_error)?;
        let struck = rows.iter().filter(|(_, at)| at.is_some()).count();
        Ok((struck, rows.len() - struck))
    }
}

/// Drops what no longer counts from every budget's ledger, and the turns of the per-account and
/// per-address limits that have nothing left to count (they come and go with the people trying).
pub async fn prune(db: &HearthDb) -> Result<(), HearthError> {
    sqlx::query("DELETE FROM strikes WHERE expires <= $1")
        .bind(db::now_ms())
        .execute(db.pool())
        .await
        .map_err(db::db_error)?;
    sqlx::query(
        "DELETE FROM turns WHERE name LIKE '%/guesses/%' \
         AND NOT EXISTS (SELECT 1 FROM strikes WHERE strikes.budget = turns.name)",
    )
    .execute(db.pool())
    .await
    .map(drop)
    .map_err(db::db_error)
}

/// A reserved slot. Say how the call went with [`Reservation::accepted`] or
/// [`Reservation::refused`]; a reservation dropped unsettled (the call was abandoned after it
/// may have been sent) counts as a refusal, since Hestia may have counted one.
#[derive(Debug)]
pub struct Reservation {
    budget: Arc<StrikeBudget>,
    id: String,
    settled: bool,
}

impl Reservation {
    /// Hestia accepted the credentials: the slot is free again.
    pub async fn accepted(mut self) {
        self.settled = true;
        self.budget
            .settle(std::mem::take(&mut self.id), false)
            .await;
    }

    /// Hestia refused the credentials: the slot stays spent for the window.
    pub async fn refused(mut self) {
        self.settled = true;
        self.budget.settle(std::mem::take(&mut self.id), true).await;
    }
}

impl Drop for Reservation {
    fn drop(&mut self) {
        if self.settled {
            return;
        }
        let (budget, id) = (Arc::clone(&self.budget), std::mem::take(&mut self.id));
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(async move { budget.settle(id, true).await });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn budget(limit: usize, window_ms: u64, wait_ms: u64) -> Arc<StrikeBudget> {
        let db = HearthDb::connect("sqlite::memory:").await.unwrap();
        let config = BudgetConfig {
            limit,
            window: Duration::from_millis(window_ms),
            wait: Duration::from_millis(wait_ms),
        };
        Arc::new(StrikeBudget::new(config, db, "test/hestia".into()))
    }

    fn ip(s: &str) -> Option<IpAddr> {
        s.parse().ok()
    }

    #[tokio::test]
    async fn calls_in_flight_count_before_they_fail() {
        let b = budget(4, 60_000, 20).await;
        // Logins leave one slot for proven sessions: 3 unproven at once, the 4th waits.
        let held: Vec<_> = futures::future::join_all(
            ["192.0.2.1", "192.0.2.2", "192.0.2.3"]
                .iter()
                .map(|a| b.reserve(ip(a), Risk::Unproven)),
        )
        .await
        .into_iter()
        .map(Result::unwrap)
        .collect();
        assert_eq!(
            b.reserve(ip("192.0.2.4"), Risk::Unproven)
                .await
                .unwrap_err(),
            HearthError::Busy
        );
        let session = b.reserve(None, Risk::Proven).await.unwrap();
        assert_eq!(b.counts().await.unwrap(), (0, 4));
        for r in held {
            r.refused().await;
        }
        session.accepted().await;
        assert_eq!(b.counts().await.unwrap(), (3, 0));
        let spent = b
            .reserve(ip("192.0.2.9"), Risk::Unproven)
            .await
            .unwrap_err();
        assert!(matches!(spent, HearthError::Throttled { wait_secs } if wait_secs >= 59));
        // Proven credentials still have the last slot.
        b.reserve(None, Risk::Proven)
            .await
            .unwrap()
            .accepted()
            .await;
    }

    #[tokio::test]
    async fn one_address_holds_at_most_half() {
        let b = budget(4, 60_000, 20).await;
        let flood = ip("203.0.113.7");
        b.reserve(flood, Risk::Unproven)
            .await
            .unwrap()
            .refused()
            .await;
        let second = b.reserve(flood, Risk::Unproven).await.unwrap();
        assert_eq!(
            b.reserve(flood, Risk::Unproven).await.unwrap_err(),
            HearthError::Busy
        );
        second.refused().await;
        assert!(matches!(
            b.reserve(flood, Risk::Unproven).await,
            Err(HearthError::Throttled { .. })
        ));
        // The operator, from elsewhere, still logs in.
        b.reserve(ip("198.51.100.1"), Risk::Unproven)
            .await
            .unwrap()
            .accepted()
            .await;
        assert_eq!(b.counts().await.unwrap(), (2, 0));
    }

    #[tokio::test]
    async fn a_waiter_gets_the_slot_that_comes_back() {
        let b = budget(1, 60_000, 5_000).await;
        let first = b.reserve(None, Risk::Proven).await.unwrap();
        let waiter = {
            let b = b.clone();
            tokio::spawn(async move {
                let reserved = b.reserve(None, Risk::Proven).await?;
                reserved.accepted().await;
                Ok::<_, HearthError>(())
            })
        };
        tokio::time::sleep(Duration::from_millis(20)).await;
        first.accepted().await;
        assert!(waiter.await.unwrap().is_ok());
    }

    #[tokio::test]
    async fn abandoned_calls_count_and_refusals_expire() {
        let b = budget(2, 2_000, 10).await;
        drop(b.reserve(None, Risk::Proven).await.unwrap());
        b.record_strike(None).await;
        // The abandoned call is settled as a refusal in the background.
        for _ in 0..100 {
            if b.counts().await.unwrap() == (2, 0) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        assert_eq!(b.counts().await.unwrap(), (2, 0));
        assert!(matches!(
            b.reserve(None, Risk::Proven).await,
            Err(HearthError::Throttled { .. })
        ));
        tokio::time::sleep(Duration::from_millis(2_100)).await;
        b.reserve(None, Risk::Proven)
            .await
            .unwrap()
            .accepted()
            .await;
    }

    #[test]
    fn a_spent_budget_says_when_its_oldest_refusal_leaves() {
        let config = BudgetConfig {
            limit: 4,
            window: Duration::from_secs(600),
            wait: Duration::ZERO,
        };
        let at = |s: i64| (Some("192.0.2.1".to_owned()), Some(s * 1000));
        let rows = [at(100), at(30), (None, Some(50_000)), (None, None)];
        // Four rows at a limit of four: full, but only three are refusals.
        assert_eq!(
            verdict(&config, &rows, None, Risk::Proven, 120_000),
            Verdict::Full
        );
        // A login from that address (three slots, two of them its own): spent until the oldest
        // refusal, at 30 s, leaves the window.
        assert_eq!(
            verdict(&config, &rows, Some("192.0.2.1"), Risk::Unproven, 120_000),
            Verdict::Spent { wait_secs: 510 }
        );
    }
}
