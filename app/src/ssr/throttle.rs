//! Hearth's own brake on failed Hestia logins: Hestia's fail2ban bans the sender after 5 in
//! 10 minutes (PROTOCOL.md §2.6), and the sender is Hearth, for every user at once. So Hearth
//! stops at 3 per Hestia server and tells the user how long to wait.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Counts failed logins caused at one Hestia server.
#[derive(Debug)]
pub struct LoginThrottle {
    limit: usize,
    window: Duration,
    failures: Mutex<VecDeque<Instant>>,
}

impl LoginThrottle {
    /// At most `limit` failures in `window`.
    pub fn new(limit: usize, window: Duration) -> Self {
        Self {
            limit,
            window,
            failures: Mutex::new(VecDeque::new()),
        }
    }

    /// `Ok` if a call that might fail Hestia's login check may be sent now, or the seconds to
    /// wait.
    pub fn permit(&self) -> Result<(), u64> {
        let now = Instant::now();
        let mut failures = self
            .failures
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        while failures
            .front()
            .is_some_and(|t| now.duration_since(*t) >= self.window)
        {
            failures.pop_front();
        }
        match failures.front() {
            Some(oldest) if failures.len() >= self.limit => {
                Err((self.window - now.duration_since(*oldest)).as_secs().max(1))
            }
            _ => Ok(()),
        }
    }

    /// Records a failed login Hestia saw.
    pub fn record_failure(&self) {
        self.failures
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push_back(Instant::now());
    }
}

impl Default for LoginThrottle {
    fn default() -> Self {
        Self::new(3, Duration::from_secs(600))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stops_at_the_limit_and_says_how_long() {
        let t = LoginThrottle::default();
        for _ in 0..3 {
            assert!(t.permit().is_ok());
            t.record_failure();
        }
        let wait = t.permit().unwrap_err();
        assert!((590..=600).contains(&wait), "{wait}");
        let short = LoginThrottle::new(1, Duration::from_millis(20));
        short.record_failure();
        assert!(short.permit().is_err());
        std::thread::sleep(Duration::from_millis(30));
        assert!(short.permit().is_ok());
    }
}
