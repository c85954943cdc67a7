//! The audit log: every change made through Hearth — when, by whom (Hearth user, key, the
//! browser's address: Hestia only ever sees Hearth's), the command, its arguments without
//! secrets, and Hestia's answer. Users read their own entries; the root user reads all.

use sqlx::Row;

use super::db::{db_error, now, HearthDb};
use crate::error::HearthError;
use crate::hearth::{AuditEntry, AuditFilter};

/// The most entries one page shows.
pub const PAGE: usize = 200;

/// Hearth's audit log for one Hestia server.
#[derive(Clone)]
pub struct AuditLog {
    db: HearthDb,
    server: String,
}

/// Who did something, from where.
#[derive(Clone)]
pub struct Actor {
    /// The Hearth user.
    pub user: String,
    /// The account acted as.
    pub acting_as: Option<String>,
    /// The key.
    pub key_id: Option<String>,
    /// The browser's address.
    pub ip: String,
}

impl AuditLog {
    /// The log of `server`.
    pub fn new(db: HearthDb, server: String) -> Self {
        Self { db, server }
    }

    /// Writes one entry. A failure is logged, never shown: the change itself has happened.
    pub async fn record(
        &self,
        actor: &Actor,
        command: &str,
        args: Vec<String>,
        code: Option<i64>,
        outcome: &str,
    ) {
        let args: Vec<String> = args.iter().take(MAX_ARGS).map(|a| clean(a)).collect();
        let written = sqlx::query(
            r#"INSERT INTO audit (at, server, "user", acting_as, key_id, ip, command, args, code, outcome)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"#,
        )
        .bind(now())
        .bind(&self.server)
        .bind(&actor.user)
        .bind(actor.acting_as.as_deref())
        .bind(actor.key_id.as_deref())
        .bind(&actor.ip)
        .bind(clean(command))
        .bind(serde_json::to_string(&args).unwrap_or_default())
        .bind(code)
        .bind(clean(outcome))
        .execute(self.db.pool())
        .await;
        if let Err(e) = written {
            tracing::error!(command, error = %e, "could not write the audit entry");
        }
    }

    /// Entries matching `filter`, newest first; `only` limits them to one Hearth user's.
    /// At most `limit`. The command filter matches any part of the command, in any case.
    pub async fn read(
        &self,
        filter: &AuditFilter,
        only: Option<&str>,
        limit: usize,
    ) -> Result<Vec<AuditEntry>, HearthError> {
        let own = only.is_some();
        let user = only.map_or_else(|| filter.user.trim().to_owned(), str::to_owned);
        let command = filter.command.trim().to_lowercase();
        let pattern = if command.is_empty() {
            String::new()
        } else {
            format!(
                "%{}%",
                command
                    .replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_")
            )
        };
        let from = day_start(&filter.from).unwrap_or(i64::MIN);
        let to = day_start(&filter.to).map_or(i64::MAX, |t| t + 86_400);
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = sqlx::query(
            r#"SELECT id, at, "user", acting_as, key_id, ip, command, args, code, outcome FROM audit
               WHERE server = $1 AND ($2 = '' OR "user" = $2 OR (NOT $8 AND acting_as = $2))
                 AND ($3 = '' OR lower(command) LIKE $3 ESCAPE '\')
                 AND at >= $4 AND at < $5 AND (NOT $6 OR code IS NULL OR code <> 0)
               ORDER BY id DESC LIMIT $7"#,
        )
        .bind(&self.server)
        .bind(user)
        .bind(pattern)
        .bind(from)
        .bind(to)
        .bind(filter.failed)
        .bind(limit)
        .bind(own)
        .fetch_all(self.db.pool())
        .await
        .map_err(db_error)?;
        rows.iter()
            .map(|r| {
                Ok(AuditEntry {
                    id: r.try_get(0)?,
                    at: r.try_get(1)?,
                    user: r.try_get(2)?,
                    acting_as: r.try_get(3)?,
                    key_id: r.try_get(4)?,
                    ip: r.try_get(5)?,
                    command: r.try_get(6)?,
                    args: serde_json::from_str(&r.try_get::<String, _>(7)?).unwrap_or_default(),
                    code: r.try_get(8)?,
                    outcome: r.try_get(9)?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(db_error)
    }
}

/// `GET /audit.csv`: the entries the audit page shows (same filter), as a CSV download.
pub async fn csv(
    axum::Extension(gateway): axum::Extension<std::sync::Arc<super::Gateway>>,
    session: tower_sessions::Session,
    axum::extract::Query(filter): axum::extract::Query<AuditFilter>,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    use http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
    let Ok(ctx) = super::RequestCtx::from_parts(gateway, session).await else {
        return axum::response::Redirect::to("/login").into_response();
    };
    let only = ctx.records_of();
    match ctx
        .gateway()
        .audit()
        .read(&filter, only.as_deref(), 100_000)
        .await
    {
        Ok(entries) => (
            [
                (CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    CONTENT_DISPOSITION,
                    "attachment; filename=\"hearth-audit.csv\"",
                ),
                (CACHE_CONTROL, "no-store"),
            ],
            to_csv(&entries),
        )
            .into_response(),
        Err(_) => http::StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// `YYYY-MM-DD` as the Unix time of that day's start (UTC).
fn day_start(day: &str) -> Option<i64> {
    let mut parts = day.trim().splitn(3, '-').map(str::parse::<i32>);
    let (Some(Ok(y)), Some(Ok(m)), Some(Ok(d))) = (parts.next(), parts.next(), parts.next()) else {
        return None;
    };
    let month = time::Month::try_from(u8::try_from(m).ok()?).ok()?;
    let date = time::Date::from_calendar_date(y, month, u8::try_from(d).ok()?).ok()?;
    Some(date.midnight().assume_utc().unix_timestamp())
}

/// The most arguments, and characters of each value, an entry keeps.
const MAX_ARGS: usize = 16;
const MAX_VALUE_CHARS: usize = 256;

/// A value as the audit log keeps it: at most [`MAX_VALUE_CHARS`] characters, control
/// characters written as escapes (so no value can forge a line or colour a terminal).
fn clean(value: &str) -> String {
    let mut out: String = value
        .chars()
        .take(MAX_VALUE_CHARS)
        .flat_map(|c| {
            if c.is_control() {
                c.escape_default().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect();
    if value.chars().count() > MAX_VALUE_CHARS {
        out.push('…');
    }
    out
}

/// Entries as CSV (RFC 4180), with a header line.
pub fn to_csv(entries: &[AuditEntry]) -> String {
    fn field(v: &str) -> String {
        // A leading = + - @ would run as a formula in a spreadsheet.
        let v = if v.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            format!("'{v}")
        } else {
            v.to_owned()
        };
        if v.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", v.replace('"', "\"\""))
        } else {
            v
        }
    }
    let mut out =
        String::from("id,time_utc,user,acting_as,key_id,ip,command,args,code,outcome\r\n");
    for e in entries {
        let line = [
            e.id.to_string(),
            crate::hearth::utc(e.at),
            e.user.clone(),
            e.acting_as.clone().unwrap_or_default(),
            e.key_id.clone().unwrap_or_default(),
            e.ip.clone(),
            e.command.clone(),
            e.args.join(" "),
            e.code.map(|c| c.to_string()).unwrap_or_default(),
            e.outcome.clone(),
        ]
        .iter()
        .map(|v| field(v))
        .collect::<Vec<_>>()
        .join(",");
        out.push_str(&line);
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_cut_and_escaped() {
        assert_eq!(clean("plain-text"), "plain-text");
        assert_eq!(
            clean("a\nforged line\u{1b}[31m"),
            "a\\nforged line\\u{1b}[31m"
        );
        let long = clean(&"x".repeat(1000));
        assert_eq!(long.chars().count(), MAX_VALUE_CHARS + 1);
        assert!(long.ends_with('…'));
    }

    #[test]
    fn csv_cells_never_start_a_formula() {
        let entry = AuditEntry {
            id: 1,
            at: 0,
            user: "=cmd|' /C calc'!A0".into(),
            acting_as: None,
            key_id: Some("\tkey".into()),
            ip: "@1".into(),
            command: "+v".into(),
            args: vec!["-1".into()],
            code: None,
            outcome: "\rx".into(),
        };
        let csv = to_csv(&[entry]);
        let line = csv.lines().nth(1).unwrap();
        for cell in ["=cmd", "\tkey", "@1", "+v", "\rx"] {
            assert!(!line.contains(&format!(",{cell}")), "{line}");
        }
    }
}
