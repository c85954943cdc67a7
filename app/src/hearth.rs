//! Hearth's own records as pages see them: live sessions and audit entries.

use serde::{Deserialize, Serialize};

/// A live Hearth session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    /// Names it for "end this session" (not the cookie).
    pub handle: String,
    /// The logged-in account.
    pub user: String,
    /// The access key it logged in with.
    pub key_id: Option<String>,
    /// Login time, Unix seconds.
    pub since: i64,
    /// Last request, Unix seconds (to within a quarter minute).
    pub last_seen: i64,
    /// The browser's address at login.
    pub ip: String,
    /// The browser's User-Agent at login.
    pub agent: String,
    /// The session asking.
    pub current: bool,
}

/// One change made through Hearth.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// Its number.
    pub id: i64,
    /// When, Unix seconds.
    pub at: i64,
    /// The Hearth user (the account that logged in).
    pub user: String,
    /// The account acted as, when not the user's own.
    pub acting_as: Option<String>,
    /// The access key used.
    pub key_id: Option<String>,
    /// The browser's address.
    pub ip: String,
    /// The Hestia command, or Hearth's own event (`hearth:login`, …).
    pub command: String,
    /// The arguments, secrets replaced by `***`.
    pub args: Vec<String>,
    /// Hestia's return code (0 success); none when Hestia gave no answer.
    pub code: Option<i64>,
    /// The result in words.
    pub outcome: String,
}

/// Which audit entries to show.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AuditFilter {
    /// Only this Hearth user's (admins; others always see their own).
    pub user: String,
    /// Commands containing this text.
    pub command: String,
    /// Only failures.
    pub failed: bool,
    /// From this day (`YYYY-MM-DD`, UTC).
    pub from: String,
    /// To this day, inclusive.
    pub to: String,
}

impl AuditFilter {
    /// The filter as a query string (the CSV link carries it).
    pub fn query(&self) -> String {
        let enc = crate::catalogue::encode_segment;
        let mut parts = Vec::new();
        for (k, v) in [
            ("user", &self.user),
            ("command", &self.command),
            ("from", &self.from),
            ("to", &self.to),
        ] {
            if !v.is_empty() {
                parts.push(format!("{k}={}", enc(v)));
            }
        }
        if self.failed {
            parts.push("failed=true".to_owned());
        }
        parts.join("&")
    }
}

/// A Unix time as `YYYY-MM-DD HH:MM:SS` UTC.
pub fn utc(t: i64) -> String {
    let (date, time) = hestia::model::date_and_time(t);
    format!("{date} {time}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn utc_dates() {
        assert_eq!(super::utc(0), "1970-01-01 00:00:00");
        assert_eq!(super::utc(1_795_000_000), "2026-11-18 11:06:40");
    }
}
