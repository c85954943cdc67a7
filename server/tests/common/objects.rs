//! Objects of any catalogue kind through Hearth's generic server functions.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use app::catalogue::Entry;
use app::error::HearthError;
use app::serverfns::objects::ObjectPage;
use hestia::ReturnCode;

use super::TestHearth;

/// Runs an action: `fields` are the form's values.
pub async fn act(
    h: &TestHearth,
    kind: &str,
    action: &str,
    parent: &str,
    key: &str,
    fields: &[(&str, &str)],
) -> Result<(), HearthError> {
    let names: Vec<String> = fields.iter().map(|(n, _)| format!("values[{n}]")).collect();
    let mut form = vec![
        ("kind", kind),
        ("action", action),
        ("parent", parent),
        ("key", key),
    ];
    form.extend(
        names
            .iter()
            .map(String::as_str)
            .zip(fields.iter().map(|(_, v)| *v)),
    );
    let seen = h.call("act", &form).await;
    match seen.status {
        200 => Ok(()),
        _ => Err(seen
            .error()
            .unwrap_or_else(|| panic!("not an error: {}", seen.body))),
    }
}

pub async fn list(h: &TestHearth, kind: &str, parent: &str) -> Vec<Entry> {
    let mut form = vec![("kind", kind)];
    if !parent.is_empty() {
        form.push(("parent", parent));
    }
    let seen = h.call("objects", &form).await;
    let page: ObjectPage =
        serde_json::from_str(&seen.body).unwrap_or_else(|_| panic!("{}", seen.body));
    page.rows
}

pub async fn keys(h: &TestHearth, kind: &str, parent: &str) -> Vec<String> {
    list(h, kind, parent)
        .await
        .into_iter()
        .map(|e| e.key)
        .collect()
}

/// A cron job's form: at midnight on 1 January, when it is a Sunday, run `command`.
pub fn cron_form(command: &str) -> Vec<(&'static str, &str)> {
    vec![
        ("min", "0"),
        ("hour", "0"),
        ("day", "1"),
        ("month", "1"),
        ("wday", "0"),
        ("command", command),
    ]
}

pub fn refused(code: ReturnCode) -> impl Fn(&Result<(), HearthError>) -> bool {
    move |r| matches!(r, Err(HearthError::Refused { code: c, .. }) if *c == code)
}

pub fn invalid(field: &str) -> impl Fn(&Result<(), HearthError>) -> bool + '_ {
    move |r| matches!(r, Err(HearthError::Invalid { field: f, .. }) if f == field)
}

/// The simulator's log of one command: its arguments per call.
pub fn sent(h: &TestHearth, command: &str) -> Vec<Vec<String>> {
    h.sim
        .requests()
        .into_iter()
        .filter(|r| r.command == command)
        .map(|r| r.args)
        .collect()
}

/// Waits for the queued job to end; its last state.
pub async fn job_end(h: &TestHearth) -> Option<app::jobs::JobState> {
    for _ in 0..50 {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        let job: Option<app::jobs::JobView> =
            serde_json::from_str(&h.call("job", &[]).await.body).unwrap();
        if job.as_ref().is_none_or(|j| j.state.is_final()) {
            return job.map(|j| j.state);
        }
    }
    None
}

/// What the Backups page says the next backup will do.
pub async fn backup_plan(h: &TestHearth) -> app::serverfns::account::BackupPlan {
    let body = h.call("backup-plan", &[]).await.body;
    serde_json::from_str::<Option<_>>(&body).unwrap().unwrap()
}
