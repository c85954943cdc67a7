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

use std::collections::VecDeque;
use std::net::IpAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use tokio::sync::Notify;

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

/// Why nothing was sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Denied {
    /// Refusals fill the budget (for everyone, or for this address): wait this long.
    Spent {
        /// Seconds until a slot frees.
        wait_secs: u64,
    },
    /// Every slot is held by calls in flight, and none came back in time.
    Busy,
}

#[derive(Debug, Default)]
struct Ledger {
    /// When each refusal happened, and from whose address.
    strikes: VecDeque<(Instant, Option<IpAddr>)>,
    /// Reservations in flight: id, address.
    in_flight: Vec<(u64, Option<IpAddr>)>,
    next_id: u64,
}

/// One Hestia server's budget.
#[derive(Debug)]
pub struct StrikeBudget {
    config: BudgetConfig,
    ledger: Mutex<Ledger>,
    released: Notify,
}

impl StrikeBudget {
    /// A budget with `config`.
    pub fn new(config: BudgetConfig) -> Self {
        Self {
            config,
            ledger: Mutex::new(Ledger::default()),
            released: Notify::new(),
        }
    }

    fn ledger(&self) -> MutexGuard<'_, Ledger> {
        self.ledger.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Reserves a slot for one call that `who` causes, waiting up to the configured time for a
    /// slot held by calls in flight.
    pub async fn reserve(
        self: &Arc<Self>,
        who: Option<IpAddr>,
        risk: Risk,
    ) -> Result<Reservation, Denied> {
        let deadline = tokio::time::Instant::now() + self.config.wait;
        loop {
            // Listen before looking, so a release between the look and the wait is not missed.
            let released = self.released.notified();
            tokio::pin!(released);
            released.as_mut().enable();
            match self.try_reserve(who, risk) {
                Ok(Some(id)) => {
                    return Ok(Reservation {
                        budget: Arc::clone(self),
                        id,
                        settled: false,
                    })
                }
                Err(denied) => return Err(denied),
                Ok(None) => {}
            }
            if tokio::time::timeout_at(deadline, released).await.is_err() {
                return Err(Denied::Busy);
            }
        }
    }

    /// `Ok(Some(id))` reserved, `Ok(None)` full of calls in flight, `Err` spent by refusals.
    fn try_reserve(&self, who: Option<IpAddr>, risk: Risk) -> Result<Option<u64>, Denied> {
        let now = Instant::now();
        let window = self.config.window;
        let mut ledger = self.ledger();
        while ledger
            .strikes
            .front()
            .is_some_and(|(at, _)| now.duration_since(*at) >= window)
        {
            ledger.strikes.pop_front();
        }
        let limit = match risk {
            Risk::Proven => self.config.limit,
            Risk::Unproven => self.config.limit.saturating_sub(1),
        }
        .max(1);
        let per_address = (self.config.limit / 2).max(1);
        // Each check: the refusals that count, and the calls in flight that count.
        let everyone: Vec<Instant> = ledger.strikes.iter().map(|(at, _)| *at).collect();
        let theirs: Vec<Instant> = match who {
            Some(ip) => ledger
                .strikes
                .iter()
                .filter(|(_, w)| *w == Some(ip))
                .map(|(at, _)| *at)
                .collect(),
            None => Vec::new(),
        };
        let wait_for = |strikes: &[Instant], cap: usize| -> Option<u64> {
            // The refusal that must leave the window before the count drops below `cap`.
            let index = (strikes.len() + 1).checked_sub(cap)?.checked_sub(1)?;
            let at = strikes.get(index)?;
            Some(
                (window.saturating_sub(now.duration_since(*at)))
                    .as_secs()
                    .max(1),
            )
        };
        if let Some(wait_secs) = wait_for(&everyone, limit) {
            return Err(Denied::Spent { wait_secs });
        }
        if who.is_some() {
            if let Some(wait_secs) = wait_for(&theirs, per_address) {
                return Err(Denied::Spent { wait_secs });
            }
        }
        let in_flight_theirs = ledger
            .in_flight
            .iter()
            .filter(|(_, w)| who.is_some() && *w == who)
            .count();
        if everyone.len() + ledger.in_flight.len() >= limit
            || (who.is_some() && theirs.len() + in_flight_theirs >= per_address)
        {
            return Ok(None);
        }
        ledger.next_id += 1;
        let id = ledger.next_id;
        ledger.in_flight.push((id, who));
        Ok(Some(id))
    }

    fn settle(&self, id: u64, struck: bool) {
        let mut ledger = self.ledger();
        if let Some(at) = ledger.in_flight.iter().position(|(i, _)| *i == id) {
            let (_, who) = ledger.in_flight.swap_remove(at);
            if struck {
                ledger.strikes.push_back((Instant::now(), who));
            }
        }
        drop(ledger);
        self.released.notify_waiters();
    }

    /// Records a refusal that no reservation covered (Hearth learnt of it afterwards).
    pub fn record_strike(&self, who: Option<IpAddr>) {
        self.ledger().strikes.push_back((Instant::now(), who));
    }

    /// Refusals in the window, and calls in flight (for tests and the Server page).
    pub fn counts(&self) -> (usize, usize) {
        let now = Instant::now();
        let ledger = self.ledger();
        let strikes = ledger
            .strikes
            .iter()
            .filter(|(at, _)| now.duration_since(*at) < self.config.window)
            .count();
        (strikes, ledger.in_flight.len())
    }
}

/// A reserved slot. Say how the call went with [`Reservation::accepted`] or
/// [`Reservation::refused`]; a reservation dropped unsettled (the call was abandoned after it
/// may have been sent) counts as a refusal, since Hestia may have counted one.
#[derive(Debug)]
pub struct Reservation {
    budget: Arc<StrikeBudget>,
    id: u64,
    settled: bool,
}

impl Reservation {
    /// Hestia accepted the credentials: the slot is free again.
    pub fn accepted(mut self) {
        self.settled = true;
        self.budget.settle(self.id, false);
    }

    /// Hestia refused the credentials: the slot stays spent for the window.
    pub fn refused(mut self) {
        self.settled = true;
        self.budget.settle(self.id, true);
    }
}

impl Drop for Reservation {
    fn drop(&mut self) {
        if !self.settled {
            self.budget.settle(self.id, true);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn budget(limit: usize, window_ms: u64, wait_ms: u64) -> Arc<StrikeBudget> {
        Arc::new(StrikeBudget::new(BudgetConfig {
            limit,
            window: Duration::from_millis(window_ms),
            wait: Duration::from_millis(wait_ms),
        }))
    }

    fn ip(s: &str) -> Option<IpAddr> {
        s.parse().ok()
    }

    #[tokio::test]
    async fn calls_in_flight_count_before_they_fail() {
        let b = budget(4, 60_000, 20);
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
            Denied::Busy
        );
        let session = b.reserve(None, Risk::Proven).await.unwrap();
        assert_eq!(b.counts(), (0, 4));
        for r in held {
            r.refused();
        }
        session.accepted();
        assert_eq!(b.counts(), (3, 0));
        let spent = b
            .reserve(ip("192.0.2.9"), Risk::Unproven)
            .await
            .unwrap_err();
        assert!(matches!(spent, Denied::Spent { wait_secs } if wait_secs >= 59));
        // Proven credentials still have the last slot.
        b.reserve(None, Risk::Proven).await.unwrap().accepted();
    }

    #[tokio::test]
    async fn one_address_holds_at_most_half() {
        let b = budget(4, 60_000, 20);
        let flood = ip("203.0.113.7");
        b.reserve(flood, Risk::Unproven).await.unwrap().refused();
        let second = b.reserve(flood, Risk::Unproven).await.unwrap();
        assert_eq!(
            b.reserve(flood, Risk::Unproven).await.unwrap_err(),
            Denied::Busy
        );
        second.refused();
        assert!(matches!(
            b.reserve(flood, Risk::Unproven).await,
            Err(Denied::Spent { .. })
        ));
        // The operator, from elsewhere, still logs in.
        b.reserve(ip("198.51.100.1"), Risk::Unproven)
            .await
            .unwrap()
            .accepted();
        assert_eq!(b.counts(), (2, 0));
    }

    #[tokio::test]
    async fn a_waiter_gets_the_slot_that_comes_back() {
        let b = budget(1, 60_000, 5_000);
        let first = b.reserve(None, Risk::Proven).await.unwrap();
        let waiter = {
            let b = b.clone();
            tokio::spawn(async move {
                b.reserve(None, Risk::Proven)
                    .await
                    .map(Reservation::accepted)
            })
        };
        tokio::time::sleep(Duration::from_millis(20)).await;
        first.accepted();
        assert!(waiter.await.unwrap().is_ok());
    }

    #[tokio::test]
    async fn abandoned_calls_count_and_refusals_expire() {
        let b = budget(2, 50, 10);
        drop(b.reserve(None, Risk::Proven).await.unwrap());
        b.record_strike(None);
        assert!(matches!(
            b.reserve(None, Risk::Proven).await,
            Err(Denied::Spent { .. })
        ));
        tokio::time::sleep(Duration::from_millis(60)).await;
        b.reserve(None, Risk::Proven).await.unwrap().accepted();
    }
}
